// Imports through mappings that need the database while they are evaluated or loaded: a
// <lookup> that finds the counterparty of an order by ИНН and КПП, and a target column an
// admin added to a table by hand. Real SQLite and PostgreSQL.
#include <boost/test/unit_test.hpp>

#include "adapters/crmdb/session_factory.h"
#include "adapters/crmdb/table_columns.h"
#include "mapping/mapping_file.h"
#include "mapping/reverse_mapper.h"
#include "sync/binding_key_resolver.h"
#include "sync/importer.h"
#include "sync/preview.h"
#include "tests/support/test_database.h"
#include "tests/sync/scripted_source.h"

using namespace crmsync;
using crmsync::test::makeRecord;
using crmsync::test::package;
using crmsync::test::ScriptedPackage;
using crmsync::test::TestDatabase;
namespace fs = std::filesystem;

namespace {

mapping::Mapping odataMapping(const std::string& entities,
                              const mapping::CompileOptions& options = {}) {
    auto loaded = mapping::loadMappingText(
        "<?xml version=\"1.0\"?>\n<mapping xmlns=\"urn:crmsync:mapping:1\" version=\"1\">\n" +
            entities + "</mapping>\n",
        "test.xml", options);
    BOOST_REQUIRE_MESSAGE(loaded.mapping, loaded.diagnostics.text());
    return std::move(*loaded.mapping);
}

core::RunCounts importRecords(TestDatabase& db, const mapping::Mapping& mapping,
                              std::vector<core::Record> records,
                              const std::vector<std::string>& entities) {
    std::vector<std::unique_ptr<core::RecordSource>> sources;
    sources.push_back(std::make_unique<test::ScriptedSource>(std::vector<ScriptedPackage>{
        {package("odata", true, entities), std::move(records)}}));
    sync::Importer importer(db.store(), mapping, {});
    auto report = importer.run("test", sources);
    BOOST_REQUIRE_MESSAGE(report.ok, report.sources.back().error);
    return report.totals;
}

// Counterparties made in the CRM, never exchanged with 1C: only a lookup can find them.
std::int64_t crmCounterparty(TestDatabase& db, const std::string& name, const std::string& inn,
                             std::optional<std::string> kpp, bool active = true) {
    auto tx = db.store().begin();
    std::int64_t id = tx->rows().insert(core::entitySpec("counterparty"),
                                    {{"name", name},
                                     {"inn", inn},
                                     {"kpp", std::move(kpp)},
                                     {"active", active ? "1" : "0"}});
    tx->commit();
    return id;
}

const char* kOrders = R"(
  <entity name="order" table="sales_order" key="Ref_Key">
    <odata entity-set="Document_ЗаказКлиента"/>
    <field source="Number" target="number"/>
    <field target="counterparty_id" required="true">
      <lookup entity="counterparty">
        <match column="inn" source="ИНН"/>
        <match column="kpp" source="КПП"/>
      </lookup>
    </field>
  </entity>
)";

core::Record order(const std::string& key, const std::string& inn, const std::string& kpp) {
    return makeRecord("order", key, {{"Number", key}, {"ИНН", inn}, {"КПП", kpp}});
}

mapping::DatabaseColumns databaseColumns(TestDatabase& db) {
    auto url = crmdb::parseDatabaseUrl(db.url());
    auto sql = crmdb::openSession(url);
    return crmdb::tableColumns(*sql, url.dialect());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mapping_import)

CRMSYNC_TEST_ON_BOTH(an_order_finds_its_counterparty_by_inn_and_kpp) {
    TestDatabase db(backend);
    std::int64_t moscow = crmCounterparty(db, "Ромашка (Москва)", "7701234567", "770101001");
    std::int64_t branch = crmCounterparty(db, "Ромашка (филиал)", "7701234567", "770201001");
    std::int64_t person = crmCounterparty(db, "ИП Иванов", "500100732259", std::nullopt);
    crmCounterparty(db, "Лютик", "7702000001", "770201001");
    crmCounterparty(db, "Лютик (дубль)", "7702000001", "770201001");
    crmCounterparty(db, "Закрытая", "7703000001", "770301001", /*active=*/false);

    auto counts = importRecords(db, odataMapping(kOrders),
                                {order("o1", "7701234567", "770201001"),
                                 order("o2", "7701234567", "770101001"),
                                 order("o3", "500100732259", ""),
                                 order("o4", "7702000001", "770201001"),
                                 order("o5", "7703000001", "770301001")},
                                {"order"});
    BOOST_TEST(counts.inserted == 3);
    BOOST_TEST(counts.quarantined == 2);
    auto counterpartyOf = [&](const std::string& number) {
        return db.count("SELECT counterparty_id FROM sales_order WHERE number = '" + number + "'");
    };
    BOOST_TEST(counterpartyOf("o1") == branch);
    BOOST_TEST(counterpartyOf("o2") == moscow);
    BOOST_TEST(counterpartyOf("o3") == person);  // an empty КПП matches the NULL one

    auto refused = db.store().quarantine().list(std::nullopt);
    BOOST_REQUIRE(refused.size() == 2u);
    BOOST_TEST(refused[0].onec_key == "o4");
    BOOST_TEST(refused[0].reason ==
               "counterparty_id: ambiguous lookup: 2 counterparty rows with inn='7702000001' "
               "kpp='770201001'");
    BOOST_TEST(refused[1].onec_key == "o5");  // an inactive row is not found
    BOOST_TEST(refused[1].reason ==
               "counterparty_id: lookup found no counterparty with inn='7703000001' "
               "kpp='770301001'");
}

CRMSYNC_TEST_ON_BOTH(a_lookup_finds_a_counterparty_imported_earlier_in_the_same_batch) {
    TestDatabase db(backend);
    std::string mapping_text = R"(
  <entity name="counterparty" table="counterparty" key="Ref_Key">
    <odata entity-set="Catalog_Контрагенты"/>
    <field source="Description" target="name"/>
    <field source="ИНН" target="inn"/>
    <field source="КПП" target="kpp"/>
  </entity>)" + std::string(kOrders);
    auto counts = importRecords(
        db, odataMapping(mapping_text),
        {makeRecord("counterparty", "c1",
                    {{"Description", "Ромашка"}, {"ИНН", "7701234567"}, {"КПП", "770101001"}}),
         order("o1", "7701234567", "770101001")},
        {"counterparty", "order"});
    BOOST_TEST(counts.inserted == 2);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM sales_order o JOIN counterparty c ON "
                        "c.id = o.counterparty_id WHERE c.name = 'Ромашка'") == 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(admin_columns)

const char* kProductsWithBrand = R"(
  <entity name="product" table="product" key="Ref_Key">
    <odata entity-set="Catalog_Номенклатура"/>
    <field source="Description" target="name"/>
    <field source="Бренд" target="brand"><trim/></field>
  </entity>
)";

core::Record product(const std::string& key, const std::string& brand) {
    return makeRecord("product", key, {{"Description", "Стол"}, {"Бренд", brand}});
}

CRMSYNC_TEST_ON_BOTH(a_column_an_admin_added_is_written_once_and_updated_when_it_changes) {
    TestDatabase db(backend);
    db.execute("ALTER TABLE product ADD COLUMN brand TEXT");
    mapping::DatabaseColumns columns = databaseColumns(db);
    auto mapping = odataMapping(kProductsWithBrand, {&columns});

    auto first = importRecords(db, mapping, {product("p1", " IKEA ")}, {"product"});
    BOOST_TEST(first.inserted == 1);
    BOOST_TEST(*db.text("SELECT brand FROM product") == "IKEA");
    BOOST_TEST(*db.text("SELECT after FROM journal") ==
               R"({"name":"Стол","brand":"IKEA","active":"1"})");

    long long rows_before = db.totalRows();
    auto second = importRecords(db, mapping, {product("p1", " IKEA ")}, {"product"});
    BOOST_TEST(second.unchanged == 1);
    BOOST_TEST(second.inserted + second.updated == 0);
    BOOST_TEST(db.totalRows() == rows_before);

    auto third = importRecords(db, mapping, {product("p1", "Hoff")}, {"product"});
    BOOST_TEST(third.updated == 1);
    BOOST_TEST(*db.text("SELECT brand FROM product") == "Hoff");
    BOOST_TEST(*db.text("SELECT before FROM journal WHERE op = 'update'") == R"({"brand":"IKEA"})");
}

CRMSYNC_TEST_ON_BOTH(without_the_column_in_the_database_the_mapping_is_refused) {
    TestDatabase db(backend);
    mapping::DatabaseColumns columns = databaseColumns(db);
    auto loaded = mapping::loadMappingText(
        "<?xml version=\"1.0\"?>\n<mapping xmlns=\"urn:crmsync:mapping:1\" version=\"1\">" +
            std::string(kProductsWithBrand) + "</mapping>\n",
        "brand.xml", {&columns});
    BOOST_TEST(loaded.diagnostics.text() == "brand.xml:6:27: table 'product' has no column 'brand'\n");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(entity_match_rule)

const char* kCounterpartiesByInnKpp = R"(
  <entity name="counterparty" table="counterparty" key="Ref_Key">
    <odata entity-set="Catalog_Контрагенты"/>
    <match column="inn"/>
    <match column="kpp"/>
    <field source="Description" target="name"/>
    <field source="ИНН" target="inn"/>
    <field source="КПП" target="kpp"/>
  </entity>
)";

core::Record onecCounterparty(const std::string& key, const std::string& name,
                              const std::string& inn, const std::string& kpp) {
    return makeRecord("counterparty", key, {{"Description", name}, {"ИНН", inn}, {"КПП", kpp}});
}

CRMSYNC_TEST_ON_BOTH(a_new_1c_key_is_bound_to_the_crm_row_with_the_same_inn_and_kpp) {
    TestDatabase db(backend);
    std::int64_t crm_born = crmCounterparty(db, "Ромашка", "7701234567", "770101001");
    auto mapping = odataMapping(kCounterpartiesByInnKpp);
    auto c1 = onecCounterparty("c1", "ООО Ромашка", "7701234567", "770101001");

    auto preview = sync::previewRecords(db.store(), mapping, {c1});
    BOOST_TEST((preview.front().action == sync::PreviewAction::Link));
    BOOST_TEST(preview.front().crm_id == crm_born);
    BOOST_REQUIRE(preview.front().changes.size() == 1u);
    BOOST_TEST(preview.front().changes.front().describe() == "name: Ромашка → ООО Ромашка");

    auto counts = importRecords(db, mapping, {c1}, {"counterparty"});
    BOOST_TEST(counts.updated == 1);
    BOOST_TEST(counts.inserted == 0);
    BOOST_TEST(db.tableRows("counterparty") == 1);
    BOOST_TEST(db.count("SELECT crm_id FROM binding WHERE onec_key = 'c1'") == crm_born);
    BOOST_TEST(*db.text("SELECT op FROM journal") == "link");
    BOOST_TEST(*db.text("SELECT before FROM journal") == R"({"name":"Ромашка"})");
    BOOST_TEST(*db.text("SELECT after FROM journal") == R"({"name":"ООО Ромашка"})");

    long long rows = db.totalRows();
    BOOST_TEST(importRecords(db, mapping, {c1}, {"counterparty"}).unchanged == 1);
    BOOST_TEST(db.totalRows() == rows);
}

CRMSYNC_TEST_ON_BOTH(a_link_without_changes_is_journalled_and_no_match_inserts) {
    TestDatabase db(backend);
    std::int64_t person = crmCounterparty(db, "ИП Иванов", "500100732259", std::nullopt);
    auto counts = importRecords(
        db, odataMapping(kCounterpartiesByInnKpp),
        {onecCounterparty("c1", "ИП Иванов", "500100732259", ""),
         onecCounterparty("c2", "Лютик", "7702000001", "770201001")},
        {"counterparty"});
    BOOST_TEST(counts.updated == 1);
    BOOST_TEST(counts.inserted == 1);
    BOOST_TEST(db.count("SELECT crm_id FROM binding WHERE onec_key = 'c1'") == person);
    BOOST_TEST(*db.text("SELECT after FROM journal WHERE op = 'link'") == "{}");
    BOOST_TEST(db.tableRows("counterparty") == 2);
}

CRMSYNC_TEST_ON_BOTH(several_matching_rows_or_a_row_bound_elsewhere_refuse_the_record) {
    TestDatabase db(backend);
    std::int64_t bound = crmCounterparty(db, "Ромашка", "7701234567", "770101001");
    crmCounterparty(db, "Лютик", "7702000001", "770201001");
    crmCounterparty(db, "Лютик (дубль)", "7702000001", "770201001");
    auto mapping = odataMapping(kCounterpartiesByInnKpp);
    importRecords(db, mapping, {onecCounterparty("c1", "Ромашка", "7701234567", "770101001")},
                  {"counterparty"});

    auto counts = importRecords(
        db, mapping,
        {onecCounterparty("c1-recreated", "Ромашка", "7701234567", "770101001"),
         onecCounterparty("c3", "Лютик", "7702000001", "770201001")},
        {"counterparty"});
    BOOST_TEST(counts.quarantined == 2);
    auto refused = db.store().quarantine().list(std::nullopt);
    BOOST_REQUIRE(refused.size() == 2u);
    BOOST_TEST(refused[0].reason == "matches counterparty id " + std::to_string(bound) +
                                        " (inn='7701234567' kpp='770101001'), which is already "
                                        "bound to 1C key 'c1'");
    BOOST_TEST(refused[1].reason ==
               "ambiguous match: 2 counterparty rows with inn='7702000001' kpp='770201001'");
    BOOST_TEST(db.tableRows("counterparty") == 3);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(reverse_through_the_database)

// What the OData push will do: read a CRM row as stored and build its 1C properties, with the
// 1C keys of the rows it refers to from the bindings.
CRMSYNC_TEST_ON_BOTH(an_imported_order_and_line_read_back_give_their_1c_properties) {
    TestDatabase db(backend);
    auto mapping = mapping::requireMappingFile(fs::path(CRMSYNC_SOURCE_DIR) / "config" /
                                               "mappings" / "odata-ut11.xml");
    importRecords(
        db, mapping,
        {makeRecord("counterparty", "c1",
                    {{"Description", "Ромашка"}, {"ЮрФизЛицо", "ЮрЛицо"}, {"ИНН", "7701234567"}}),
         makeRecord("product", "p1", {{"Description", "Стол"}}),
         makeRecord("order", "o1",
                    {{"Number", "УТ-1"}, {"Date", "2024-05-01T10:30:00"}, {"Контрагент_Key", "c1"},
                     {"СуммаДокумента", "250.00"}}),
         makeRecord("order_line", "o1|1",
                    {{"Ref_Key", "o1"}, {"LineNumber", "1"}, {"Номенклатура_Key", "p1"},
                     {"Количество", "2.500"}, {"Цена", "100"}, {"Сумма", "250"}})},
        {"counterparty", "product", "order", "order_line"});
    auto tx = db.store().begin();
    sync::BindingKeyResolver keys(*tx);
    auto read = [&](const std::string& entity, const std::string& key) {
        const auto& rules = *mapping.find(entity);
        auto row = tx->rows().read(*rules.spec, tx->bindings().find(entity, key)->crm_id);
        auto fields = mapping::mapReverse(rules, row, keys);
        BOOST_REQUIRE_MESSAGE(fields.ok(), (fields.ok() ? "" : fields.error().describe()));
        return fields.value();
    };
    std::vector<core::Field> order = {{"Date", core::DateTime{"2024-05-01T10:30:00"}},
                                      {"Контрагент_Key", "c1"}};
    BOOST_TEST((read("order", "o1") == order));
    std::vector<core::Field> line = {{"LineNumber", std::int64_t{1}},
                                     {"Номенклатура_Key", "p1"},
                                     {"Количество", *core::Decimal::parse("2.5")},
                                     {"Цена", *core::Decimal::parse("100")},
                                     {"Сумма", *core::Decimal::parse("250")}};
    BOOST_TEST((read("order_line", "o1|1") == line));

    // A counterparty made in the CRM has no 1C key yet: its order cannot go to 1C before it.
    std::int64_t crm_born = tx->rows().insert(core::entitySpec("counterparty"), {{"name", "Лютик"}});
    auto row = tx->rows().read(*mapping.find("order")->spec, tx->bindings().find("order", "o1")->crm_id);
    for (auto& cv : row) {
        if (cv.column == "counterparty_id") {
            cv.text = std::to_string(crm_born);
        }
    }
    auto refused = mapping::mapReverse(*mapping.find("order"), row, keys);
    BOOST_REQUIRE(!refused.ok());
    BOOST_TEST(refused.error().describe() ==
               "counterparty_id: counterparty id " + std::to_string(crm_born) +
                   " has no 1C key (never exchanged with 1C), so Контрагент_Key cannot be filled");
}

BOOST_AUTO_TEST_SUITE_END()
