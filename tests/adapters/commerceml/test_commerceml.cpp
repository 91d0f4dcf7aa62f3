// The CommerceML reader against the project's own fixtures (tests/fixtures/commerceml): exact
// records, package protocol, windows-1251, and refusal of malformed, truncated and unsafe files.
#define BOOST_TEST_MODULE commerceml
#include <boost/test/unit_test.hpp>

#include "adapters/onec/commerceml/commerceml_reader.h"
#include "crmcore/error.h"
#include "tests/adapters/commerceml/collecting_sink.h"
#include "tests/support/test_env.h"

using namespace crmsync;
using namespace crmsync::test;

namespace {

const std::string kSuffix = "-d9b1-11ee-8f3c-00155d0a6401";
const std::string kDesk = "9a4b7e01" + kSuffix;
const std::string kArmchair = "9a4b7e03" + kSuffix;
const std::string kArmchairBlack = kArmchair + "#b5c6d701" + kSuffix;
const std::string kRetail = "2f6d8a01" + kSuffix;
const std::string kMainWarehouse = "4b9e1c01" + kSuffix;

struct Read {
    CollectingSink sink;
    commerceml::ReadStats stats;
};

// Reads an own fixture under its bare name, as the importer names files in errors.
Read readOwn(const std::string& name) {
    Read read;
    read.stats = commerceml::readCommerceMl(own(name).string(), read.sink, {name});
    return read;
}

core::Value pair(const char* a, std::string va, const char* b, std::string vb) {
    return core::Nested{{a, std::move(va)}, {b, std::move(vb)}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(commerceml_reader)

BOOST_AUTO_TEST_CASE(import_gives_classifier_then_full_catalog_with_exact_counts) {
    auto read = readOwn("import.xml");
    BOOST_TEST(read.stats.schema_version == "2.07");
    std::map<std::string, std::size_t> expected{
        {"product_group", 5}, {"property", 2}, {"unit", 2}, {"product", 6}};
    BOOST_TEST((read.stats.records == expected), describe(read.stats.records));

    BOOST_TEST(kinds(read.sink.begun) == (std::vector<std::string>{"classifier", "catalog"}));
    BOOST_REQUIRE_EQUAL(read.sink.ended.size(), 2u);
    BOOST_TEST(read.sink.ended[0].changes_only);  // no attribute: a delta
    BOOST_TEST(read.sink.ended[0].entities ==
               (std::vector<std::string>{"product_group", "property"}));
    BOOST_TEST(!read.sink.ended[1].changes_only);  // СодержитТолькоИзменения="false"
    // Units are shared by every package, so a full catalog is not authoritative for them.
    BOOST_TEST(read.sink.ended[1].entities == (std::vector<std::string>{"product"}));
    BOOST_TEST(read.sink.ended[1].origin.file == "import.xml");
    BOOST_TEST(read.sink.ended[1].origin.line == 66u);
}

BOOST_AUTO_TEST_CASE(product_record_carries_every_field_in_a_stable_order) {
    auto read = readOwn("import.xml");
    core::Record expected;
    expected.entity = "product";
    expected.key = kDesk;
    expected.origin = {"import.xml", 75};
    expected.fields = {
        {"article", "СТ-1200"},
        {"barcode", "4607001234567"},
        {"name", "Стол письменный"},
        {"full_name", "Стол письменный дубовый 1200x600 с двумя ящиками"},
        {"description", "Письменный стол из массива дуба, два выдвижных ящика, 1200x600 мм"},
        {"group", "3e1a5b21" + kSuffix},
        {"unit", "796"},
        {"vat_rate", "20"},
        {"properties", core::List{pair("id", "5d8e2c30" + kSuffix, "value", "5d8e2c31" + kSuffix),
                                  pair("id", "5d8e2c40" + kSuffix, "value", "1200")}},
        {"requisites",
         core::Nested{{"ВидНоменклатуры", "Мебель"},
                      {"ТипНоменклатуры", "Товар"},
                      {"Полное наименование", "Стол письменный дубовый 1200x600 с двумя ящиками"}}},
        {"images", core::List{"import_files/9a/9a4b7e01" + kSuffix + "_1.jpg"}},
        {"deleted", "false"},
    };
    BOOST_TEST((read.sink.get("product", kDesk) == expected));
}

BOOST_AUTO_TEST_CASE(padded_unit_code_is_trimmed_and_the_unit_comes_once_before_its_first_use) {
    auto read = readOwn("import.xml");
    const auto& unit = read.sink.get("unit", "796");
    BOOST_TEST(text(unit, "code") == "796");
    BOOST_TEST(text(unit, "name") == "шт");
    BOOST_TEST(text(unit, "full_name") == "Штука");
    BOOST_TEST(text(unit, "intl_abbr") == "PCE");
    BOOST_TEST(read.sink.position("unit:796") + 1 == read.sink.position("product:" + kDesk));
    BOOST_TEST(text(read.sink.get("unit", "356"), "name") == "ч");
    BOOST_TEST(read.sink.position("unit:356") + 1 ==
               read.sink.position("product:9a4b7e06" + kSuffix));
}

BOOST_AUTO_TEST_CASE(groups_come_parent_first_and_roots_have_no_parent) {
    auto read = readOwn("import.xml");
    const auto& furniture = read.sink.get("product_group", "3e1a5b20" + kSuffix);
    const auto& tables = read.sink.get("product_group", "3e1a5b21" + kSuffix);
    BOOST_TEST(!furniture.has("parent"));
    BOOST_TEST(text(tables, "parent") == furniture.key);
    BOOST_TEST(text(tables, "name") == "Столы");
    BOOST_TEST(tables.origin.line == 18u);
    BOOST_TEST(read.sink.position("product_group:" + furniture.key) <
               read.sink.position("product_group:" + tables.key));
}

BOOST_AUTO_TEST_CASE(property_options_deletion_images_and_absent_fields) {
    auto read = readOwn("import.xml");
    const auto& material = read.sink.get("property", "5d8e2c30" + kSuffix);
    BOOST_TEST(text(material, "value_type") == "Справочник");
    BOOST_TEST(material.get("options").toText() ==
               R"([{"id":"5d8e2c31)" + kSuffix + R"(","value":"Массив дуба"},{"id":"5d8e2c32)" +
                   kSuffix + R"(","value":"ЛДСП"},{"id":"5d8e2c33)" + kSuffix +
                   R"(","value":"Металл"}])");
    BOOST_TEST(!read.sink.get("property", "5d8e2c40" + kSuffix).has("options"));

    // A property with two values gives one entry per value.
    BOOST_TEST(
        std::get<core::List>(read.sink.get("product", kArmchair).get("properties").data).size() ==
        2u);
    BOOST_TEST(text(read.sink.get("product", "9a4b7e05" + kSuffix), "deleted") == "true");
    // <Картинка/> is "no picture": an empty list, not an absent field.
    BOOST_TEST(read.sink.get("product", "9a4b7e02" + kSuffix).get("images").toText() == "[]");
    BOOST_TEST(
        std::get<core::List>(read.sink.get("product", "9a4b7e04" + kSuffix).get("images").data)
            .size() == 2u);

    const auto& service = read.sink.get("product", "9a4b7e06" + kSuffix);
    for (const char* field : {"parent", "article", "barcode", "description", "group", "images",
                              "properties", "characteristics", "full_name"}) {
        BOOST_TEST(!service.has(field), field);
    }
    BOOST_TEST(text(service, "vat_rate") == "Без налога");
    BOOST_TEST(text(service, "deleted") == "false");
}

BOOST_AUTO_TEST_CASE(windows_1251_twin_gives_the_same_records) {
    auto utf8 = readOwn("import.xml");
    auto cp1251 = readOwn("import_cp1251.xml");
    BOOST_TEST((cp1251.stats.records == utf8.stats.records));
    BOOST_REQUIRE_EQUAL(cp1251.sink.records.size(), utf8.sink.records.size());
    for (std::size_t i = 0; i < utf8.sink.records.size(); ++i) {
        core::Record twin = cp1251.sink.records[i];
        BOOST_TEST(twin.origin.file == "import_cp1251.xml");
        twin.origin.file = utf8.sink.records[i].origin.file;
        // import_cp1251.xml has no BOM and the same lines, so even the lines match.
        BOOST_TEST((twin == utf8.sink.records[i]), "record " << i << " " << twin.key);
    }
    BOOST_TEST(text(cp1251.sink.get("product", kDesk), "name") == "Стол письменный");
}

BOOST_AUTO_TEST_CASE(offers_give_variant_prices_and_stock_per_warehouse) {
    auto read = readOwn("offers.xml");
    std::map<std::string, std::size_t> expected{{"price_type", 3}, {"warehouse", 2}, {"unit", 1},
                                                {"product", 1},    {"price", 15},    {"stock", 15}};
    BOOST_TEST((read.stats.records == expected), describe(read.stats.records));
    BOOST_REQUIRE_EQUAL(read.sink.ended.size(), 1u);
    const auto& package = read.sink.ended[0];
    BOOST_TEST(package.kind == "offers");
    BOOST_TEST(!package.changes_only);
    // Variant products belong to the catalog's products: an offers package is not
    // authoritative for them (nor for units).
    BOOST_TEST(package.entities ==
               (std::vector<std::string>{"price_type", "warehouse", "price", "stock"}));

    const auto& variant = read.sink.get("product", kArmchairBlack);
    BOOST_TEST(text(variant, "parent") == kArmchair);
    BOOST_TEST(text(variant, "unit") == "796");
    BOOST_TEST(variant.get("characteristics").toText() ==
               R"([{"name":"Цвет","value":"Черный"},{"name":"Обивка","value":"Экокожа"}])");
    BOOST_TEST(read.sink.position("product:" + kArmchairBlack) <
               read.sink.position("price:" + kArmchairBlack + "|" + kRetail));

    const auto& price = read.sink.get("price", kDesk + "|" + kRetail);
    BOOST_TEST(text(price, "product") == kDesk);
    BOOST_TEST(text(price, "price_type") == kRetail);
    BOOST_TEST(text(price, "value") == "18990.00");
    BOOST_TEST(text(price, "currency") == "RUB");
    BOOST_TEST(text(price, "unit") == "шт");
    BOOST_TEST(text(price, "factor") == "1");
    BOOST_TEST(price.origin.line == 58u);
    // 1C's "12 990,00" arrives as a plain decimal.
    BOOST_TEST(text(read.sink.get("price", "9a4b7e02" + kSuffix + "|" + kRetail), "value") ==
               "12990.00");

    const auto& total = read.sink.get("stock", kDesk + "|");
    BOOST_TEST(text(total, "quantity") == "12");
    BOOST_TEST(!total.has("warehouse"));
    const auto& main = read.sink.get("stock", kDesk + "|" + kMainWarehouse);
    BOOST_TEST(text(main, "warehouse") == kMainWarehouse);
    BOOST_TEST(text(main, "quantity") == "9");
    BOOST_TEST(main.origin.line == 84u);
}

BOOST_AUTO_TEST_CASE(price_types_and_warehouses_precede_prices_and_stock) {
    auto read = readOwn("offers.xml");
    std::size_t last_reference = 0;
    std::size_t first_dependent = read.sink.records.size();
    for (std::size_t i = 0; i < read.sink.records.size(); ++i) {
        const auto& entity = read.sink.records[i].entity;
        if (entity == "price_type" || entity == "warehouse") {
            last_reference = i;
        } else if (entity == "price" || entity == "stock") {
            first_dependent = std::min(first_dependent, i);
        }
    }
    BOOST_TEST(last_reference < first_dependent);
}

BOOST_AUTO_TEST_CASE(orders_give_counterparties_contacts_orders_and_lines) {
    auto read = readOwn("orders.xml");
    BOOST_TEST(read.stats.schema_version == "2.08");
    std::map<std::string, std::size_t> expected{
        {"counterparty", 2}, {"contact", 3}, {"order", 2}, {"order_line", 5}};
    BOOST_TEST((read.stats.records == expected), describe(read.stats.records));
    BOOST_REQUIRE_EQUAL(read.sink.ended.size(), 1u);
    BOOST_TEST(read.sink.ended[0].kind == "documents");
    BOOST_TEST(read.sink.ended[0].changes_only);
    BOOST_TEST(read.sink.ended[0].entities ==
               (std::vector<std::string>{"counterparty", "contact", "order", "order_line"}));

    const std::string person = "15#ivanova.mp#Иванова Мария Петровна";
    const auto& buyer = read.sink.get("counterparty", person);
    BOOST_TEST(text(buyer, "kind") == "person");
    BOOST_TEST(text(buyer, "last_name") == "Иванова");
    BOOST_TEST(text(buyer, "middle_name") == "Петровна");
    BOOST_TEST(text(buyer, "address") ==
               "142100, Московская обл, Подольск г, Революционный пр-кт, дом 12, кв. 34");
    const auto& email =
        read.sink.get("contact", person + "|Электронная почта|ivanova.mp@example.ru");
    BOOST_TEST(text(email, "counterparty") == person);
    BOOST_TEST(text(email, "value") == "ivanova.mp@example.ru");
    const auto& company = read.sink.get("counterparty", "8d2f0b11" + kSuffix);
    BOOST_TEST(text(company, "kind") == "legal");
    BOOST_TEST(text(company, "inn") == "7705987654");
    BOOST_TEST(text(company, "full_name") ==
               "Общество с ограниченной ответственностью \"Ромашка\"");

    const auto& site_order = read.sink.get("order", "1057");
    BOOST_TEST(text(site_order, "date") == "2024-03-04T09:41:07");  // Время "9:41:07"
    BOOST_TEST(text(site_order, "counterparty") == person);
    BOOST_TEST(text(site_order, "amount") == "20480.00");
    BOOST_TEST(text(site_order, "paid") == "false");
    BOOST_TEST(text(site_order, "status") == "[N] Принят");
    BOOST_TEST(!site_order.has("posted"));
    BOOST_TEST(read.sink.position("counterparty:" + person) < read.sink.position("order:1057"));

    const auto& delivery = read.sink.get("order_line", "1057|3");
    BOOST_TEST((delivery.get("line_no") == core::Value(std::int64_t{3})));
    BOOST_TEST(text(delivery, "order") == "1057");
    BOOST_TEST(text(delivery, "product") == "ORDER_DELIVERY");
    BOOST_TEST(text(delivery, "unit") == "796");
    BOOST_TEST(text(delivery, "price") == "500.00");
    BOOST_TEST(delivery.origin.line == 89u);
    BOOST_TEST(read.sink.position("order:1057") < read.sink.position("order_line:1057|1"));
}

BOOST_AUTO_TEST_CASE(order_from_1c_maps_its_requisites_to_fields) {
    auto read = readOwn("orders.xml");
    const auto& order = read.sink.get("order", "e3a1f5c0-daa2-11ee-8f3c-00155d0a6401");
    BOOST_TEST(text(order, "onec_number") == "УТ-000123");
    BOOST_TEST(text(order, "onec_date") == "2024-03-05T14:20:00");
    BOOST_TEST(text(order, "posted") == "true");
    BOOST_TEST(text(order, "shipped") == "true");
    BOOST_TEST(text(order, "deleted") == "false");
    BOOST_TEST(text(order, "shipment_number") == "УТ-000045");
    BOOST_TEST(text(order, "shipment_date") == "2024-03-06T10:00:00");
    BOOST_TEST(text(order, "status") == "[F] Выполнен");
    BOOST_TEST(!order.has("payment_date"));  // "T" is 1C's empty date
    BOOST_TEST(std::get<core::Nested>(order.get("requisites").data).size() == 9u);
    const auto& chair = read.sink.get("order_line", order.key + "|1");
    BOOST_TEST(text(chair, "product") == kArmchairBlack);
    BOOST_TEST(text(chair, "quantity") == "4");
    BOOST_TEST(!chair.has("requisites"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(commerceml_refusals)

namespace {

// Reads a file that must be refused; returns the error and leaves what the sink got.
InputError refusal(const std::string& name, CollectingSink& sink) {
    try {
        commerceml::readCommerceMl(own(name).string(), sink, {name});
    } catch (const InputError& e) {
        return e;
    }
    BOOST_FAIL(name << " was read although it must be refused");
    throw std::logic_error("unreachable");
}

}  // namespace

BOOST_AUTO_TEST_CASE(entity_bomb_is_refused_at_its_doctype_before_any_expansion) {
    CollectingSink sink;
    auto e = refusal("billion_laughs.xml", sink);
    BOOST_TEST(e.file() == "billion_laughs.xml");
    BOOST_TEST(e.line() == 2u);
    BOOST_TEST(std::string(e.what()) ==
               "billion_laughs.xml:2: DOCTYPE is not allowed in CommerceML (entity expansion "
               "and external entities are refused)");
    BOOST_TEST(sink.events.empty());
}

BOOST_AUTO_TEST_CASE(external_entity_is_refused_and_nothing_is_read) {
    CollectingSink sink;
    auto e = refusal("xxe.xml", sink);
    BOOST_TEST(std::string(e.what()) ==
               "xxe.xml:2: DOCTYPE is not allowed in CommerceML (entity expansion and external "
               "entities are refused)");
    BOOST_TEST(sink.events.empty());
}

BOOST_AUTO_TEST_CASE(mismatched_tag_names_file_and_line_and_ends_no_package) {
    CollectingSink sink;
    auto e = refusal("malformed.xml", sink);
    BOOST_TEST(e.file() == "malformed.xml");
    BOOST_TEST(e.line() == 10u);
    BOOST_TEST(std::string(e.what()).rfind("malformed.xml:10: malformed XML: ", 0) == 0, e.what());
    BOOST_TEST(std::string(e.what()).find("mismatch") != std::string::npos, e.what());
    BOOST_TEST(sink.ended.empty());
}

BOOST_AUTO_TEST_CASE(truncated_file_is_an_error_and_its_open_package_never_ends) {
    CollectingSink sink;
    auto e = refusal("truncated.xml", sink);
    BOOST_TEST(e.file() == "truncated.xml");
    BOOST_TEST(e.line() == 154u);
    BOOST_TEST(e.reason().rfind("malformed XML: the file ends before the document does", 0) == 0,
               e.what());
    // The classifier was complete; the catalog was cut in its third product. How many of
    // the first two reached the sink depends on how far libxml2 had read ahead.
    BOOST_TEST(kinds(sink.ended) == (std::vector<std::string>{"classifier"}));
    BOOST_TEST(sink.count("product") < 3u);
}

BOOST_AUTO_TEST_CASE(missing_file_is_an_input_error_naming_it) {
    CollectingSink sink;
    BOOST_CHECK_EXCEPTION(
        commerceml::readCommerceMl((projectFixtures() / "commerceml" / "absent.xml").string(), sink,
                                   {"absent.xml"}),
        InputError, [](const InputError& e) {
            return e.file() == "absent.xml" &&
                   std::string(e.what()).rfind("absent.xml: cannot open the file", 0) == 0;
        });
}

BOOST_AUTO_TEST_SUITE_END()
