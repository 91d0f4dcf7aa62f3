// Every real CommerceML file of ../shared/fixtures/real is read, and what the reader emits is
// checked against counts taken from the XML itself by a separate DOM + XPath pass (and against
// the per-file figures verified by hand). Skipped in a user's clone, where ../shared is absent.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <set>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "adapters/onec/commerceml/commerceml_reader.h"
#include "tests/adapters/commerceml/collecting_sink.h"
#include "tests/support/test_env.h"

using namespace crmsync;
using namespace crmsync::test;
namespace fs = std::filesystem;

namespace {

using Counts = std::map<std::string, std::size_t>;

// "/*[local-name()='Каталог']/*[local-name()='Товары']": a child path matching local names in
// any namespace (2.x none or commerceml_2, 3.x commerceml_3).
std::string steps(std::initializer_list<const char*> names) {
    std::string path;
    for (const char* name : names) {
        path.append("/*[local-name()='").append(name).append("']");
    }
    return path;
}

// Element counts of one file by XPath over a whole-document DOM (the files are small).
class XPathCounter {
public:
    explicit XPathCounter(const fs::path& file)
        : doc_(xmlReadFile(file.c_str(), nullptr, XML_PARSE_NONET)) {
        BOOST_REQUIRE_MESSAGE(doc_ != nullptr, "libxml2 DOM cannot read " << file);
        context_ = xmlXPathNewContext(doc_);
    }
    ~XPathCounter() {
        xmlXPathFreeContext(context_);
        xmlFreeDoc(doc_);
    }
    XPathCounter(const XPathCounter&) = delete;
    XPathCounter& operator=(const XPathCounter&) = delete;

    std::size_t count(const std::string& path) const {
        std::string expression = "count(" + path + ")";
        xmlXPathObjectPtr result =
            xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expression.c_str()), context_);
        BOOST_REQUIRE_MESSAGE(result != nullptr, "bad XPath " << expression);
        auto value = static_cast<std::size_t>(result->floatval);
        xmlXPathFreeObject(result);
        return value;
    }

private:
    xmlDocPtr doc_;
    xmlXPathContextPtr context_ = nullptr;
};

// What the reader must emit per entity, as the XML holds it. Units are left out: they are
// deduplicated per file, which XPath 1.0 cannot express after trimming.
Counts expectedFromXml(const fs::path& file) {
    XPathCounter xml(file);
    const std::string root = steps({"КоммерческаяИнформация"});
    const std::string classifier = root + steps({"Классификатор"});
    Counts counts;
    auto add = [&](const std::string& entity, const std::string& path) {
        if (std::size_t n = xml.count(path); n > 0) {
            counts[entity] += n;
        }
    };
    add("product_group", classifier + "/" + steps({"Группа"}));  // any depth
    add("property", classifier + steps({"Свойства", "Свойство"}));
    add("property", classifier + steps({"Свойства", "СвойствоНоменклатуры"}));
    add("price_type", classifier + steps({"ТипыЦен", "ТипЦены"}));
    add("warehouse", classifier + steps({"Склады", "Склад"}));
    add("product", root + steps({"Каталог", "Товары", "Товар"}));
    for (const char* package : {"ПакетПредложений", "ИзмененияПакетаПредложений"}) {
        const std::string base = root + steps({package});
        const std::string offer = base + steps({"Предложения", "Предложение"});
        add("price_type", base + steps({"ТипыЦен", "ТипЦены"}));
        add("warehouse", base + steps({"Склады", "Склад"}));
        // A characteristic offer with a name is a variant product.
        add("product", offer + "[contains(./" + steps({"Ид"}).substr(1) + ", '#') and ./" +
                           steps({"Наименование"}).substr(1) + "]");
        add("price", offer + steps({"Цены", "Цена"}));
        add("stock", offer + steps({"Количество"}));
        add("stock", offer + steps({"Склад"}));
        add("stock", offer + steps({"Остатки", "Остаток", "Склад"}));
        add("stock",
            offer + steps({"Остатки", "Остаток"}) + "[not(./" + steps({"Склад"}).substr(1) + ")]");
    }
    for (const std::string& document :
         {root + steps({"Документ"}), root + steps({"Контейнер", "Документ"})}) {
        const std::string counterparty = document + steps({"Контрагенты", "Контрагент"});
        add("order", document);
        add("order_line", document + steps({"Товары", "Товар"}));
        add("counterparty", counterparty);
        add("contact", counterparty + steps({"Контакты", "Контакт"}));
    }
    return counts;
}

// The reader's output per file, checked by hand against the XML (grep and xmllint) and
// SOURCES.md; units included.
const std::map<std::string, Counts> kVerified = {
    {"carono-php-commerceml/import.xml",
     {{"product", 2}, {"product_group", 22}, {"property", 10}, {"unit", 1}}},
    {"carono-php-commerceml/offers.xml",
     {{"price", 5},
      {"price_type", 1},
      {"product", 5},
      {"stock", 10},
      {"unit", 1},
      {"warehouse", 5}}},
    {"carono-php-commerceml/orders.xml", {{"counterparty", 1}, {"order", 1}, {"order_line", 2}}},
    {"carono-yii2-1c-exchange/from.xml", {{"counterparty", 1}, {"order", 1}, {"order_line", 2}}},
    {"dobromyslov-commerceml-parser/bitrix-query-response-empty.xml", {}},
    {"dobromyslov-commerceml-parser/bitrix-query-response-full.xml",
     {{"counterparty", 2}, {"order", 2}, {"order_line", 8}}},
    {"dobromyslov-commerceml-parser/import0_1.xml",
     {{"product", 36}, {"product_group", 1}, {"property", 12}, {"unit", 1}}},
    {"dobromyslov-commerceml-parser/offers0_1.xml",
     {{"price", 44}, {"price_type", 1}, {"stock", 176}, {"unit", 1}, {"warehouse", 3}}},
    {"gillbeits-commerceml/import___b815e2db-7a65-4265-9241-5f0c4f0565a7.xml",
     {{"price_type", 1}, {"product_group", 97}, {"property", 1908}, {"unit", 2}, {"warehouse", 1}}},
    {"gillbeits-commerceml/offers___7f304edc-2527-4d3d-b058-6e4ee53de2e0.xml", {}},
    {"gillbeits-commerceml/prices___d66a6b51-ce9c-4e7a-8c7c-25079721107f.xml", {{"price", 978}}},
    {"gillbeits-commerceml/rests___1af6e7b8-a026-4690-9752-1c9d64cb914d.xml", {{"stock", 978}}},
    {"irpsv-commerceml/bitrix-module-6/documents/2/documents.xml",
     {{"contact", 2}, {"counterparty", 4}, {"order", 4}, {"order_line", 4}}},
    {"irpsv-commerceml/bitrix-module-6/goods/1/import.xml", {{"product", 21}, {"unit", 1}}},
    {"irpsv-commerceml/bitrix-module-6/goods/1/offers.xml", {{"product", 86}}},
    {"irpsv-commerceml/bitrix-module-6/goods/1/prices.xml", {{"price", 86}}},
    {"irpsv-commerceml/bitrix-module-6/goods/1/rests.xml", {{"stock", 1032}}},
    {"irpsv-commerceml/bitrix-module-6/import.xml",
     {{"price_type", 8}, {"product_group", 1}, {"unit", 1}, {"warehouse", 12}}},
    {"irpsv-commerceml/cs-cart/import.xml",
     {{"product", 27}, {"product_group", 4}, {"property", 1}, {"unit", 1}}},
    {"irpsv-commerceml/off-doc-1c/import.xml", {{"product", 4}, {"product_group", 1}, {"unit", 1}}},
    {"irpsv-commerceml/off-doc-1c/offers.xml",
     {{"price", 8}, {"price_type", 4}, {"product", 2}, {"stock", 2}, {"unit", 1}}},
    {"irpsv-commerceml/off-doc-1c/orders.xml",
     {{"counterparty", 1}, {"order", 1}, {"order_line", 2}}},
    {"irpsv-commerceml/ready-script/import.xml",
     {{"product", 1}, {"product_group", 4}, {"property", 7}, {"unit", 1}}},
    {"irpsv-commerceml/ready-script/offers.xml",
     {{"price", 2}, {"price_type", 1}, {"product", 1}, {"stock", 2}, {"unit", 1}}},
    {"irpsv-commerceml/real-1c-ut101/import.xml",
     {{"price_type", 1}, {"product_group", 4}, {"property", 7}}},
    {"irpsv-commerceml/real-1c-ut101/offers.xml",
     {{"price", 84}, {"price_type", 1}, {"product", 84}, {"property", 7}, {"unit", 1}}},
    {"irpsv-commerceml/umi-cms/import.xml",
     {{"product", 3}, {"product_group", 1}, {"property", 1}, {"unit", 1}}},
    {"irpsv-commerceml/umi-cms/offers.xml", {{"price", 70}, {"price_type", 5}, {"stock", 14}}},
};

std::vector<fs::path> realFiles(const fs::path& root) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_regular_file() && entry.path().extension() == ".xml") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

Counts withoutUnits(Counts counts) {
    counts.erase("unit");
    return counts;
}

// A record referring to another record of the same file must come after it.
void checkDependencyOrder(const CollectingSink& sink) {
    static const std::map<std::string, std::vector<std::pair<std::string, std::string>>> refs = {
        {"product_group", {{"parent", "product_group"}}},
        {"product", {{"parent", "product"}, {"group", "product_group"}, {"unit", "unit"}}},
        {"price", {{"product", "product"}, {"price_type", "price_type"}}},
        {"stock", {{"product", "product"}, {"warehouse", "warehouse"}}},
        {"contact", {{"counterparty", "counterparty"}}},
        {"order", {{"counterparty", "counterparty"}}},
        {"order_line", {{"order", "order"}, {"product", "product"}}},
    };
    std::set<std::string> all;
    for (const auto& record : sink.records) {
        all.insert(record.entity + ":" + record.key);
    }
    std::set<std::string> seen;
    for (const auto& record : sink.records) {
        if (auto it = refs.find(record.entity); it != refs.end()) {
            for (const auto& [field, entity] : it->second) {
                std::string target = entity + ":" + text(record, field);
                if (record.has(field) && all.count(target) > 0) {
                    BOOST_TEST(seen.count(target) == 1u,
                               record.entity << " " << record.key << " precedes " << target);
                }
            }
        }
        seen.insert(record.entity + ":" + record.key);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(commerceml_real_fixtures,
                      *boost::unit_test::precondition(sharedFixturesPresent))

BOOST_AUTO_TEST_CASE(every_real_file_reads_completely_with_the_counts_its_xml_holds) {
    const fs::path root = *sharedRealFixtures();
    auto files = realFiles(root);
    BOOST_TEST(files.size() >= kVerified.size());
    for (const auto& file : files) {
        const std::string name = fs::relative(file, root).generic_string();
        BOOST_TEST_CONTEXT("real fixture " << name) {
            CollectingSink sink;
            auto stats = commerceml::readCommerceMl(file.string(), sink, {name});
            BOOST_TEST(!stats.schema_version.empty());
            Counts from_xml = expectedFromXml(file);
            BOOST_TEST((withoutUnits(stats.records) == from_xml),
                       "read " << describe(stats.records) << ", XML holds " << describe(from_xml));
            if (auto verified = kVerified.find(name); verified != kVerified.end()) {
                BOOST_TEST((stats.records == verified->second),
                           "read " << describe(stats.records) << ", verified "
                                   << describe(verified->second));
            }
            BOOST_TEST(kinds(sink.begun) == kinds(sink.ended));
            for (const auto& record : sink.records) {
                BOOST_TEST(record.origin.file == name);
                BOOST_TEST(record.origin.line > 0u);
            }
            checkDependencyOrder(sink);
        }
    }
}

BOOST_AUTO_TEST_CASE(every_hand_verified_file_is_present) {
    const fs::path root = *sharedRealFixtures();
    for (const auto& [name, counts] : kVerified) {
        BOOST_TEST(fs::is_regular_file(root / name), name);
    }
}

BOOST_AUTO_TEST_SUITE_END()
