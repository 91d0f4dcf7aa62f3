// The CommerceML reader and mapping/commerceml_paths list the same record fields: what the
// reader emits is what a mapping source may name, and mapping check's "the CommerceML reader
// gives product no field 'x'" stays true. The two cannot share one table (mapping/ may not
// include adapters/), so this test holds them together over the project's own fixtures, a shape
// that carries what those leave out, and the real files of ../shared when present.
#include <boost/test/unit_test.hpp>

#include <map>
#include <set>

#include "adapters/onec/commerceml/commerceml_reader.h"
#include "mapping/commerceml_paths.h"
#include "tests/adapters/commerceml/collecting_sink.h"
#include "tests/support/test_env.h"

using namespace crmsync;
using namespace crmsync::test;
namespace fs = std::filesystem;

namespace {

using FieldsByEntity = std::map<std::string, std::set<std::string>>;

// Listed fields no CommerceML the tests read gives, each with the reason it is still listed.
// Empty: every listed field is emitted below. A field that turns optional goes here, with why.
const std::map<std::string, std::set<std::string>> kNeverEmittedHere = {};

FieldsByEntity listed() {
    FieldsByEntity out;
    for (const auto& entity : mapping::commerceMlReaderFields()) {
        auto& fields = out[std::string(entity.entity)];
        for (auto field : entity.fields) {
            fields.insert(std::string(field));
        }
    }
    return out;
}

void collect(const fs::path& file, FieldsByEntity& emitted) {
    CollectingSink sink;
    commerceml::readCommerceMl(file.string(), sink, {file.filename().string()});
    for (const auto& record : sink.records) {
        auto& fields = emitted[record.entity];
        for (const auto& field : record.fields) {
            fields.insert(field.name);
        }
    }
}

// Every emitted field of every entity is one commerceml_paths knows.
void checkAllListed(const FieldsByEntity& emitted, const std::string& where) {
    const FieldsByEntity known = listed();
    for (const auto& [entity, fields] : emitted) {
        auto it = known.find(entity);
        BOOST_TEST_REQUIRE((it != known.end()),
                           where << ": the reader emits entity " << entity
                                 << ", which commerceml_paths does not list");
        for (const auto& field : fields) {
            BOOST_TEST(it->second.count(field) == 1u,
                       where << ": the reader gives " << entity << " the field '" << field
                             << "', which commerceml_paths does not list");
        }
    }
}

const char* const kOwnFiles[] = {"import.xml", "offers.xml", "orders.xml", "import_cp1251.xml"};

// What the own fixtures leave out: an order whose payment 1C has recorded.
const std::string kFieldsTheFixturesLeaveOut = R"(<?xml version="1.0" encoding="UTF-8"?>
<КоммерческаяИнформация ВерсияСхемы="2.08">
<Документ><Ид>77</Ид><Номер>77</Номер><Дата>2024-03-04</Дата>
<ЗначенияРеквизитов>
<ЗначениеРеквизита><Наименование>Номер оплаты по 1С</Наименование><Значение>ПКО-12</Значение></ЗначениеРеквизита>
<ЗначениеРеквизита><Наименование>Дата оплаты по 1С</Наименование><Значение>2024-03-05T10:00:00</Значение></ЗначениеРеквизита>
</ЗначенияРеквизитов>
</Документ>
</КоммерческаяИнформация>
)";

}  // namespace

BOOST_AUTO_TEST_SUITE(commerceml_paths_match_the_reader)

BOOST_AUTO_TEST_CASE(every_field_the_own_fixtures_give_is_listed_and_every_listed_one_is_given) {
    FieldsByEntity emitted;
    for (const char* name : kOwnFiles) {
        collect(projectFixtures() / "commerceml" / name, emitted);
    }
    TempDir dir;
    writeFile(dir / "every_field.xml", kFieldsTheFixturesLeaveOut);
    collect(dir / "every_field.xml", emitted);
    checkAllListed(emitted, "tests/fixtures/commerceml");

    for (const auto& [entity, fields] : listed()) {
        const auto optional = kNeverEmittedHere.find(entity);
        for (const auto& field : fields) {
            bool excused = optional != kNeverEmittedHere.end() && optional->second.count(field);
            BOOST_TEST((emitted[entity].count(field) == 1u || excused),
                       "commerceml_paths lists " << entity << "." << field
                                                 << ", which no CommerceML read here gives");
        }
    }
}

// ЗначенияСвойств/ЗначенияСвойства[Ид='…']/Значение and ХарактеристикиТовара/…[Наименование='…']
// /Значение become list[key='…']/value paths: the reader's list items must hold those two keys.
BOOST_AUTO_TEST_CASE(collection_paths_name_the_keys_the_reader_puts_in_list_items) {
    CollectingSink sink;
    for (const char* name : {"import.xml", "offers.xml"}) {
        auto file = projectFixtures() / "commerceml" / name;
        commerceml::readCommerceMl(file.string(), sink, {name});
    }
    const std::pair<const char*, const char*> collections[] = {
        {"ЗначенияСвойств", "ЗначенияСвойства"}, {"ХарактеристикиТовара", "ХарактеристикаТовара"}};
    for (const auto& [collection, item] : collections) {
        const std::string key_element = std::string(collection) == "ЗначенияСвойств" ? "Ид"
                                                                                    : "Наименование";
        auto translated = mapping::commerceMlRecordPath(
            "product", {{collection, std::nullopt},
                        {item, std::make_pair(key_element, std::string("x"))},
                        {"Значение", std::nullopt}});
        const auto* path = std::get_if<std::vector<mapping::PathSegment>>(&translated);
        BOOST_TEST_REQUIRE(path != nullptr, "commerceml_paths refuses " << collection);
        BOOST_TEST_REQUIRE(path->size() == 2u);
        BOOST_TEST_REQUIRE(path->front().where.has_value());
        const std::set<std::string> keys = {path->front().where->first, (*path)[1].name};
        std::size_t items = 0;
        for (const auto& record : sink.records) {
            if (record.entity != "product" || !record.has(path->front().name)) {
                continue;
            }
            for (const auto& value : std::get<core::List>(record.get(path->front().name).data)) {
                std::set<std::string> given;
                for (const auto& field : std::get<core::Nested>(value.data)) {
                    given.insert(field.name);
                }
                BOOST_TEST((given == keys), record.key << " " << path->front().name);
                ++items;
            }
        }
        BOOST_TEST(items > 0u, "no product of the own fixtures has " << path->front().name);
    }
}

BOOST_AUTO_TEST_CASE(every_field_the_real_files_give_is_listed,
                     *boost::unit_test::precondition(sharedFixturesPresent)) {
    for (const auto& entry : fs::recursive_directory_iterator(*sharedRealFixtures())) {
        if (!entry.is_regular_file() || entry.path().extension() != ".xml") {
            continue;
        }
        FieldsByEntity emitted;
        collect(entry.path(), emitted);
        checkAllListed(emitted, entry.path().string());
    }
}

BOOST_AUTO_TEST_SUITE_END()
