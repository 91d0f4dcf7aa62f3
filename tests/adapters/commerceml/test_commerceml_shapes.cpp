// Shapes of CommerceML the own fixtures do not cover, written inline: 3.x namespaces and
// containers, split prices/rests files, the 2.0x changes-only element, huge line numbers; and
// refusals the own fixtures do not cover (junk after the root, a UTF-16 DOCTYPE, libxml2's
// limits, files cut anywhere).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <stdexcept>

#include "adapters/onec/commerceml/commerceml_reader.h"
#include "crmcore/error.h"
#include "tests/adapters/commerceml/collecting_sink.h"
#include "tests/support/test_env.h"

using namespace crmsync;
using namespace crmsync::test;

namespace {

const std::string kProlog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const std::string kRoot3 =
    "<КоммерческаяИнформация xmlns=\"urn:1C.ru:commerceml_3\" ВерсияСхемы=\"3.1\">\n";
const std::string kRootEnd = "</КоммерческаяИнформация>\n";

struct ShapeRead {
    CollectingSink sink;
    commerceml::ReadStats stats;
};

ShapeRead readText(const std::string& xml, const std::string& name = "inline.xml") {
    TempDir dir;
    writeFile(dir / name, xml);
    ShapeRead read;
    read.stats = commerceml::readCommerceMl((dir / name).string(), read.sink, {name});
    return read;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(commerceml_shapes)

BOOST_AUTO_TEST_CASE(changes_only_element_before_the_items_makes_a_full_package) {
    auto read = readText(kProlog +
                         "<КоммерческаяИнформация ВерсияСхемы=\"2.04\">\n"
                         "<Каталог><СодержитТолькоИзменения>false</СодержитТолькоИзменения>"
                         "<Товары><Товар><Ид>p1</Ид></Товар></Товары></Каталог>\n"
                         "<Каталог СодержитТолькоИзменения=\"False\"><Товары/></Каталог>\n" +
                         kRootEnd);
    BOOST_REQUIRE_EQUAL(read.sink.ended.size(), 2u);
    BOOST_TEST(!read.sink.begun[0].changes_only);
    BOOST_TEST(!read.sink.ended[0].changes_only);
    // Only the exact "false" makes a full unload; an empty full catalog claims no entity.
    BOOST_TEST(read.sink.ended[1].changes_only);
    BOOST_TEST(read.sink.ended[1].entities.empty());
}

BOOST_AUTO_TEST_CASE(documents_in_3x_containers_use_1c_elements_and_unit_blocks) {
    auto read = readText(kProlog + kRoot3 +
                         "<Контейнер><Документ><Ид>319</Ид><НомерВерсии>AAAEVA==</НомерВерсии>"
                         "<ПометкаУдаления>false</ПометкаУдаления><Номер>319</Номер>"
                         "<Номер1С>L319       </Номер1С><Дата>2017-08-01</Дата><Дата1С>2017-08-01"
                         "</Дата1С><Время>15:46:09</Время><Сумма>1 320,50</Сумма><Товары><Товар>"
                         "<Ид>aa#bb</Ид><Единица><Ид>796 </Ид><НаименованиеКраткое>шт"
                         "</НаименованиеКраткое><Код>796</Код></Единица><Количество>1"
                         "</Количество><Цена>1320.5</Цена><Сумма>1320.5</Сумма></Товар></Товары>"
                         "</Документ></Контейнер>\n<Контейнер><Документ><Ид>320</Ид></Документ>"
                         "</Контейнер>\n" +
                         kRootEnd);
    BOOST_TEST(read.stats.schema_version == "3.1");
    BOOST_TEST(read.sink.ended.size() == 1u);  // one documents package for the whole run
    const auto& order = read.sink.get("order", "319");
    BOOST_TEST(order.source_version == "AAAEVA==");
    BOOST_TEST(text(order, "onec_number") == "L319");
    BOOST_TEST(text(order, "onec_date") == "2017-08-01T00:00:00");
    BOOST_TEST(text(order, "date") == "2017-08-01T15:46:09");
    BOOST_TEST(text(order, "deleted") == "false");
    BOOST_TEST(text(order, "amount") == "1320.50");
    const auto& line = read.sink.get("order_line", "319|1");
    BOOST_TEST(line.source_version == "AAAEVA==");
    BOOST_TEST(text(line, "unit") == "796");
    BOOST_TEST(text(line, "price") == "1320.5");
    BOOST_TEST(read.sink.count("order") == 2u);
}

BOOST_AUTO_TEST_CASE(classifier_units_and_text_unit_codes_make_one_unit) {
    auto read = readText(
        kProlog + kRoot3 +
        "<Классификатор><ЕдиницыИзмерения><ЕдиницаИзмерения><Ид>796 </Ид>"
        "<НаименованиеКраткое>шт</НаименованиеКраткое><Код>796 </Код><НаименованиеПолное>штука    "
        "</НаименованиеПолное></ЕдиницаИзмерения></ЕдиницыИзмерения>"
        "<Склады><Склад><Ид>w1</Ид><Наименование>Основной</Наименование></Склад></Склады>"
        "</Классификатор>\n<Каталог СодержитТолькоИзменения=\"true\"><Товары><Товар><Ид>p1</Ид>"
        "<ПометкаУдаления>true</ПометкаУдаления><БазоваяЕдиница>796 </БазоваяЕдиница></Товар>"
        "<Товар><Ид>p2</Ид><БазоваяЕдиница>упак</БазоваяЕдиница></Товар></Товары></Каталог>\n" +
        kRootEnd);
    BOOST_TEST(read.sink.count("unit") == 2u);
    const auto& piece = read.sink.get("unit", "796");
    BOOST_TEST(text(piece, "name") == "шт");
    BOOST_TEST(text(piece, "full_name") == "штука");
    BOOST_TEST(text(read.sink.get("product", "p1"), "unit") == "796");
    BOOST_TEST(text(read.sink.get("product", "p1"), "deleted") == "true");
    // A unit written only as a name has no code.
    const auto& pack = read.sink.get("unit", "упак");
    BOOST_TEST(text(pack, "name") == "упак");
    BOOST_TEST(!pack.has("code"));
    BOOST_TEST(read.sink.ended[0].entities == (std::vector<std::string>{"warehouse"}));
}

BOOST_AUTO_TEST_CASE(split_prices_and_rests_files_give_prices_and_stock_only) {
    auto prices = readText(
        kProlog + kRoot3 +
        "<ПакетПредложений СодержитТолькоИзменения=\"true\"><Предложения><Предложение>"
        "<Ид>aa#bb</Ид><Цены><Цена><ИдТипаЦены>t1</ИдТипаЦены><ЦенаЗаЕдиницу>10</ЦенаЗаЕдиницу>"
        "</Цена></Цены></Предложение></Предложения></ПакетПредложений>\n" +
        kRootEnd);
    BOOST_TEST(describe(prices.stats.records) == "price=1");
    BOOST_TEST(text(prices.sink.get("price", "aa#bb|t1"), "value") == "10");

    auto rests = readText(
        kProlog + kRoot3 +
        "<ПакетПредложений><Предложения><Предложение><Ид>aa#bb</Ид><Остатки><Остаток><Склад>"
        "<Ид>w1</Ид><Количество>3</Количество></Склад></Остаток><Остаток><Склад><Ид>w2</Ид>"
        "<Количество>0</Количество></Склад></Остаток></Остатки></Предложение><Предложение>"
        "<Ид>cc</Ид><Остатки><Остаток><Количество>7,5</Количество></Остаток></Остатки>"
        "</Предложение></Предложения></ПакетПредложений>\n" +
        kRootEnd);
    BOOST_TEST(rests.sink.count("stock") == 3u);
    BOOST_TEST(text(rests.sink.get("stock", "aa#bb|w1"), "quantity") == "3");
    BOOST_TEST(text(rests.sink.get("stock", "aa#bb|w2"), "warehouse") == "w2");
    BOOST_TEST(text(rests.sink.get("stock", "cc|"), "quantity") == "7.5");
}

BOOST_AUTO_TEST_CASE(a_value_that_is_no_number_is_passed_on_for_the_mapping_to_refuse) {
    auto read = readText(kProlog +
                         "<КоммерческаяИнформация><ПакетПредложений><Предложения><Предложение>"
                         "<Ид>p1</Ид><Цены><Цена><ИдТипаЦены>t1</ИдТипаЦены>"
                         "<ЦенаЗаЕдиницу>по запросу</ЦенаЗаЕдиницу></Цена></Цены>"
                         "<Количество>1,234.5</Количество></Предложение></Предложения>"
                         "</ПакетПредложений></КоммерческаяИнформация>");
    BOOST_TEST(text(read.sink.get("price", "p1|t1"), "value") == "по запросу");
    BOOST_TEST(text(read.sink.get("stock", "p1|"), "quantity") == "1,234.5");
    BOOST_TEST(read.sink.ended.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_document_run_ends_where_another_package_starts) {
    auto read = readText(kProlog +
                         "<КоммерческаяИнформация><Документ><Ид>1</Ид></Документ>"
                         "<Классификатор/><Документ><Ид>2</Ид></Документ>" +
                         kRootEnd);
    std::vector<std::string> expected{"begin:documents",  "order:1",        "end:documents",
                                      "begin:classifier", "end:classifier", "begin:documents",
                                      "order:2",          "end:documents"};
    BOOST_TEST(read.sink.events == expected);
}

BOOST_AUTO_TEST_CASE(root_alone_gives_no_package_and_other_roots_are_refused) {
    auto empty = readText(kProlog + "<КоммерческаяИнформация ВерсияСхемы=\"2.05\"/>");
    BOOST_TEST(empty.stats.schema_version == "2.05");
    BOOST_TEST(empty.sink.events.empty());

    BOOST_CHECK_EXCEPTION(readText(kProlog + "<Каталог/>\n", "other.xml"), InputError,
                          [](const InputError& e) {
                              return std::string(e.what()) ==
                                     "other.xml:2: not a CommerceML document: the root element "
                                     "is <Каталог>, expected <КоммерческаяИнформация>";
                          });
}

BOOST_AUTO_TEST_CASE(a_comment_before_the_root_is_no_doctype) {
    auto read =
        readText(kProlog + "<!-- <!DOCTYPE x> выгрузка из 1С -->\n<?pi x?>\n" + kRoot3 + kRootEnd);
    BOOST_TEST(read.stats.schema_version == "3.1");
}

BOOST_AUTO_TEST_CASE(origins_stay_exact_beyond_line_65535) {
    // libxml2 keeps element lines in 16 bits; a real 1C unload has millions of lines.
    std::string xml = kProlog + "<КоммерческаяИнформация>\n\t<Каталог>\n\t\t<Товары>\n";
    for (int i = 0; i < 25000; ++i) {
        xml += "\t\t\t<Товар>\n\t\t\t\t<Ид>p" + std::to_string(i) + "</Ид>\n\t\t\t</Товар>\n";
    }
    xml += "\t\t</Товары>\n\t</Каталог>\n" + kRootEnd;
    auto read = readText(xml);
    BOOST_REQUIRE_EQUAL(read.sink.records.size(), 25000u);
    // Товар i starts on line 5 + 3 * i: 21844 is the first beyond 65535 (65537).
    for (std::size_t i : {0u, 21843u, 21844u, 24999u}) {
        BOOST_TEST(read.sink.records[i].origin.line == 5 + 3 * i);
    }
}

BOOST_AUTO_TEST_CASE(package_and_root_lines_stay_exact_beyond_line_65535) {
    // A package start tag over two lines, then items one to a line with no blanks between
    // their tags.
    std::string xml = kProlog + "<КоммерческаяИнформация>\n" + std::string(70000, '\n') +
                      "<Каталог\n СодержитТолькоИзменения=\"false\"><Товары>\n";
    for (int i = 0; i < 3; ++i) {
        xml += "<Товар><Ид>p" + std::to_string(i) + "</Ид></Товар>\n";
    }
    xml += "</Товары></Каталог>\n" + kRootEnd;
    auto read = readText(xml);
    BOOST_REQUIRE_EQUAL(read.sink.begun.size(), 1u);
    BOOST_TEST(read.sink.begun[0].origin.line == 70004u);  // where the start tag ends
    BOOST_REQUIRE_EQUAL(read.sink.records.size(), 3u);
    BOOST_TEST(read.sink.records[2].origin.line == 70007u);

    BOOST_CHECK_EXCEPTION(readText(kProlog + std::string(70000, '\n') + "<Каталог/>\n"),
                          InputError, [](const InputError& e) {
                              return e.line() == 70002u &&
                                     e.reason().rfind("not a CommerceML document", 0) == 0;
                          });
}

BOOST_AUTO_TEST_CASE(without_a_display_name_the_path_names_the_file) {
    TempDir dir;
    writeFile(dir / "orders.xml", kProlog +
                                      "<КоммерческаяИнформация><Документ><Ид>1</Ид>"
                                      "</Документ></КоммерческаяИнформация>");
    CollectingSink sink;
    commerceml::readCommerceMl((dir / "orders.xml").string(), sink);
    BOOST_TEST(sink.records.at(0).origin.file == (dir / "orders.xml").string());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(commerceml_inline_refusals)

namespace {

// Reads bytes that must be refused; returns the error and leaves what the sink got.
InputError refusal(const std::string& bytes, CollectingSink& sink) {
    TempDir dir;
    writeFile(dir / "inline.xml", bytes);
    try {
        commerceml::readCommerceMl((dir / "inline.xml").string(), sink, {"inline.xml"});
    } catch (const InputError& e) {
        return e;
    }
    BOOST_FAIL("the file was read although it must be refused");
    throw std::logic_error("unreachable");
}

// An ASCII text as UTF-16LE with its BOM.
std::string utf16le(const std::string& ascii) {
    std::string out = "\xFF\xFE";
    for (char c : ascii) {
        out += c;
        out += '\0';
    }
    return out;
}

const std::string kTruncated = "malformed XML: the file ends before the document does (truncated?)";

}  // namespace

BOOST_AUTO_TEST_CASE(junk_after_the_root_refuses_the_file_at_its_line) {
    CollectingSink sink;
    auto e = refusal(kProlog +
                         "<КоммерческаяИнформация><Документ><Ид>1</Ид></Документ>\n" +
                         kRootEnd + "\n<x/>\n",
                     sink);
    // The document was complete: this is no cut-short file.
    BOOST_TEST(std::string(e.what()) ==
               "inline.xml:5: malformed XML: Extra content at the end of the document");
}

BOOST_AUTO_TEST_CASE(a_doctype_the_byte_guard_cannot_see_is_refused_by_the_parser) {
    CollectingSink sink;
    auto e = refusal(utf16le("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                             "<!DOCTYPE r [<!ENTITY a \"b\">]>\n<r>&a;</r>\n"),
                     sink);
    BOOST_TEST(std::string(e.what()) ==
               "inline.xml:2: DOCTYPE is not allowed in CommerceML (entity expansion and "
               "external entities are refused)");
    BOOST_TEST(sink.events.empty());
}

BOOST_AUTO_TEST_CASE(libxml2_limits_on_nesting_and_text_size_stay_on) {
    std::string deep;
    for (int i = 0; i < 260; ++i) {
        deep += "<a>";
    }
    CollectingSink sink;
    auto e = refusal(kProlog + "<КоммерческаяИнформация><Документ><Ид>1</Ид>\n" + deep, sink);
    BOOST_TEST(std::string(e.what()) ==
               "inline.xml:3: malformed XML: Excessive depth in document: 256 use XML_PARSE_HUGE "
               "option");

    CollectingSink huge_sink;
    e = refusal(kProlog + "<КоммерческаяИнформация><Документ><Ид>\n" +
                    std::string(10'000'001, 'x') + "</Ид></Документ>" + kRootEnd,
                huge_sink);
    BOOST_TEST(std::string(e.what()) ==
               "inline.xml:3: malformed XML: xmlSAX2Characters: huge text node");
    BOOST_TEST(huge_sink.records.empty());
}

BOOST_AUTO_TEST_CASE(a_file_cut_anywhere_inside_the_root_is_refused_as_truncated) {
    const std::string whole = readFile(projectFixtures() / "commerceml" / "import.xml");
    const std::size_t root = whole.find("<КоммерческаяИнформация");
    const std::size_t root_end = whole.find("</КоммерческаяИнформация>");
    BOOST_REQUIRE(root_end != std::string::npos);
    for (std::size_t cut = root + 1; cut < root_end; cut += 89) {
        const std::string part = whole.substr(0, cut);
        const auto lines = static_cast<std::size_t>(std::count(part.begin(), part.end(), '\n')) + 1;
        CollectingSink sink;
        auto e = refusal(part, sink);
        BOOST_TEST_CONTEXT("cut at byte " << cut) {
            BOOST_TEST(e.reason().rfind(kTruncated, 0) == 0, e.what());
            BOOST_TEST((e.line() + 1 >= lines && e.line() <= lines), e.what());
        }
    }
}

BOOST_AUTO_TEST_CASE(an_empty_or_tiny_file_is_refused_as_truncated) {
    for (std::string bytes : {std::string(), std::string("\xEF\xBB"), std::string("<?x")}) {
        CollectingSink sink;
        auto e = refusal(bytes, sink);
        BOOST_TEST(e.line() == 1u);
        BOOST_TEST(e.reason().rfind(kTruncated, 0) == 0, e.what());
    }
}

BOOST_AUTO_TEST_SUITE_END()
