// 1C's sale exchange over real HTTP: an order made in the CRM reaches 1C at the next query,
// once per change; without mode=success it is sent again; 1C's status file brings the number
// in 1C, posted, paid and status back; every step is in the order's journal.
#include <boost/test/unit_test.hpp>

#include <set>

#include "adapters/onec/commerceml/commerceml_reader.h"
#include "adapters/onec/commerceml/drop_folder.h"
#include "app/drop_folder_job.h"
#include "mapping/entity_mapping.h"
#include "tests/e2e/exchange_harness.h"
#include "tests/e2e/import_helpers.h"

using namespace crmsync;
using namespace crmsync::test;

namespace {

// An order as a CRM user creates it: no 1C key anywhere, lines by product id; for a new
// counterparty unless one is given.
std::string createCrmOrder(TestDatabase& db, const std::string& number,
                           std::string counterparty = {}) {
    if (counterparty.empty()) {
        db.text("INSERT INTO counterparty (name, full_name, kind, inn, kpp) VALUES "
                "('ООО Ромашка', 'Общество «Ромашка»', 'legal', '7701234567', '770101001') "
                "RETURNING id");
        counterparty = *db.text("SELECT MAX(id) FROM counterparty");
    }
    std::string id = *db.text(
        "INSERT INTO sales_order (number, ordered_at, currency, amount, comment, "
        "counterparty_id, status) VALUES ('" + number + "', '2024-05-01T09:30:00', 'руб', "
        "'1500.50', 'позвонить до обеда', " + counterparty + ", 'new') RETURNING id");
    std::string product = *db.text("SELECT MIN(id) FROM product");
    for (int line = 1; line <= 2; ++line) {
        db.text("INSERT INTO order_line (order_id, line_no, product_id, name, unit, price, "
                "quantity, amount) VALUES (" + id + ", " + std::to_string(line) + ", " +
                product + ", 'Товар " + std::to_string(line) + "', '796', '750.25', '1', "
                "'750.25') RETURNING id");
    }
    return id;
}

emulator::OneCClient saleSession(ExchangeHarness& exchange, const std::string& version = "2.08") {
    auto client = exchange.client();
    BOOST_REQUIRE(client.checkauth("sale").verdict() == "success");
    auto init = client.init("sale", version);
    BOOST_TEST(init.raw.lines.back() == "version=" + version);
    return client;
}

// entity/key of every record the CommerceML reader finds in a file.
class KeySink : public core::RecordSink {
public:
    std::set<std::string> keys;
    void beginPackage(const core::PackageInfo&) override {}
    void endPackage(const core::PackageInfo&) override {}
    void record(core::Record&& record) override { keys.insert(record.entity + "/" + record.key); }
};

// Delivers every order the CRM has for 1C and acknowledges them, as 1C does.
std::size_t deliverAll(ExchangeHarness& exchange) {
    auto client = saleSession(exchange);
    std::size_t sent = emulator::documentIds(client.query().body).size();
    BOOST_REQUIRE(client.saleSuccess().verdict() == "success");
    return sent;
}

std::vector<std::string> journalOps(TestDatabase& db, const std::string& key) {
    std::vector<std::string> ops;
    db.store().journal().read({std::string("order"), key, std::nullopt},
                           [&ops](const core::JournalRow& row) {
                               ops.push_back(row.origin + ":" + row.op);
                           });
    return ops;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(exchange_sale)

CRMSYNC_TEST_ON_BOTH(a_new_crm_order_is_delivered_once_and_again_only_after_a_change) {
    ExchangeHarness exchange(backend);
    BOOST_REQUIRE(importPaths(exchange.db(), {own("import.xml")}).ok);
    std::string id = createCrmOrder(exchange.db(), "CRM-0001");
    std::string key = "crm-" + id;  // how a CRM-born order is known in 1C

    auto client = saleSession(exchange);
    auto first = client.query();
    BOOST_TEST(first.content_type == "application/xml; charset=windows-1251");
    BOOST_TEST(first.body.find("encoding=\"windows-1251\"") != std::string::npos);
    BOOST_TEST(emulator::documentIds(first.body) == std::vector<std::string>{key},
               boost::test_tools::per_element());
    std::string text = emulator::fromWindows1251(first.body);
    BOOST_TEST(text.find("<Номер>CRM-0001</Номер>") != std::string::npos);
    BOOST_TEST(text.find("<ИНН>7701234567</ИНН>") != std::string::npos);
    BOOST_TEST(text.find("<ЦенаЗаЕдиницу>750.25</ЦенаЗаЕдиницу>") != std::string::npos);
    BOOST_TEST(client.saleSuccess().verdict() == "success");

    // Read back, the answer yields exactly the keys the rows were bound under on delivery, so
    // whatever 1C returns about them updates these rows instead of adding new ones.
    TempDir tmp;
    writeFile(tmp / "query.xml", first.body);
    KeySink read_back;
    commerceml::readCommerceMl((tmp / "query.xml").string(), read_back);
    std::string counterparty_key =
        *exchange.db().text("SELECT onec_key FROM binding WHERE entity = 'counterparty'");
    BOOST_TEST(counterparty_key.rfind("crm-", 0) == 0u);
    BOOST_TEST(read_back.keys.count("order/" + key) == 1u);
    BOOST_TEST(read_back.keys.count("counterparty/" + counterparty_key) == 1u);
    BOOST_TEST(read_back.keys.count("order_line/" + key + "|2") == 1u);
    BOOST_TEST(exchange.db().count("SELECT COUNT(*) FROM binding WHERE entity = 'order_line' AND "
                                   "onec_key = '" + key + "|2'") == 1);

    BOOST_TEST(emulator::documentIds(saleSession(exchange).query().body).empty());

    exchange.db().text("UPDATE sales_order SET comment = 'доставка в пятницу' WHERE id = " + id +
                       " RETURNING id");
    auto changed = saleSession(exchange);
    BOOST_TEST(emulator::documentIds(changed.query().body) == std::vector<std::string>{key},
               boost::test_tools::per_element());
    BOOST_TEST(changed.saleSuccess().verdict() == "success");
    BOOST_TEST(journalOps(exchange.db(), key) ==
                   (std::vector<std::string>{"crm:export", "crm:ack", "crm:export", "crm:ack"}),
               boost::test_tools::per_element());
}

CRMSYNC_TEST_ON_BOTH(an_order_is_sent_again_when_success_never_came) {
    ExchangeHarness exchange(backend);
    BOOST_REQUIRE(importPaths(exchange.db(), {own("import.xml")}).ok);
    std::string id = createCrmOrder(exchange.db(), "CRM-0002");
    std::string key = "crm-" + id;  // how a CRM-born order is known in 1C

    BOOST_TEST(emulator::documentIds(saleSession(exchange).query().body).size() == 1u);
    // The answer was lost on the way (1C never said success): the next exchange sends it again.
    auto retry = saleSession(exchange);
    BOOST_TEST(emulator::documentIds(retry.query().body) == std::vector<std::string>{key},
               boost::test_tools::per_element());
    BOOST_TEST(retry.saleSuccess().verdict() == "success");
    BOOST_TEST(emulator::documentIds(saleSession(exchange).query().body).empty());
}

CRMSYNC_TEST_ON_BOTH(the_status_file_from_1c_comes_back_onto_the_crm_order) {
    ExchangeHarness exchange(backend);
    BOOST_REQUIRE(importPaths(exchange.db(), {own("import.xml")}).ok);
    std::string id = createCrmOrder(exchange.db(), "CRM-0003");
    std::string key = "crm-" + id;  // how a CRM-born order is known in 1C
    auto client = saleSession(exchange);
    BOOST_REQUIRE(emulator::documentIds(client.query().body).size() == 1u);
    BOOST_REQUIRE(client.saleSuccess().verdict() == "success");

    emulator::OrderStatus status;
    status.id = key;
    status.number = "CRM-0003";
    status.onec_number = "УТ-000123";
    status.onec_date = "2024-05-02T11:00:00";
    status.paid = true;
    status.status = "[N] Принят";
    std::string file = emulator::orderStatusFile({status});
    BOOST_REQUIRE(client.upload("sale", "orders-1.xml", file, 1 << 20).verdict() == "success");
    auto imported = client.importUntilDone("sale", "orders-1.xml").last;
    BOOST_TEST(imported.verdict() == "success", imported.text());

    auto& db = exchange.db();
    BOOST_TEST(*db.text("SELECT onec_number FROM sales_order WHERE id = " + id) == "УТ-000123");
    BOOST_TEST(db.count("SELECT posted FROM sales_order WHERE id = " + id) == 1);
    BOOST_TEST(db.count("SELECT paid FROM sales_order WHERE id = " + id) == 1);
    BOOST_TEST(*db.text("SELECT status FROM sales_order WHERE id = " + id) == "[N] Принят");
    BOOST_TEST(db.tableRows("sales_order") == 1);  // bound on delivery: no duplicate
    BOOST_TEST(db.tableRows("counterparty") == 1);
    // 1C already has this state: it is not echoed back.
    BOOST_TEST(emulator::documentIds(saleSession(exchange).query().body).empty());
    BOOST_TEST(journalOps(db, key) ==
                   (std::vector<std::string>{"crm:export", "crm:ack", "1c:update"}),
               boost::test_tools::per_element());
}

CRMSYNC_TEST_ON_BOTH(a_crm_edit_made_while_1c_had_the_order_survives_its_document_and_goes_next) {
    ExchangeHarness exchange(backend);
    BOOST_REQUIRE(importPaths(exchange.db(), {own("import.xml")}).ok);
    std::string id = createCrmOrder(exchange.db(), "CRM-0004");
    std::string key = "crm-" + id;
    auto client = saleSession(exchange);
    BOOST_REQUIRE(emulator::documentIds(client.query().body).size() == 1u);
    BOOST_REQUIRE(client.saleSuccess().verdict() == "success");
    // A manager edits the order after 1C took it and before 1C's document comes back.
    auto& db = exchange.db();
    db.execute("UPDATE sales_order SET comment = 'перезвонить после обеда' WHERE id = " + id);

    emulator::OrderStatus status;
    status.id = key;
    status.number = "CRM-0004";
    status.onec_number = "УТ-000124";
    status.onec_date = "2024-05-02T11:00:00";
    status.status = "[N] Принят";
    status.comment = "позвонить до обеда";  // what 1C was sent and still holds
    BOOST_REQUIRE(client.upload("sale", "orders-2.xml", emulator::orderStatusFile({status}),
                                1 << 20).verdict() == "success");
    BOOST_TEST(client.importUntilDone("sale", "orders-2.xml").last.verdict() == "success");

    // 1C's fields arrive, the CRM's edit stays, and the order goes to 1C again with it.
    BOOST_TEST(*db.text("SELECT onec_number FROM sales_order WHERE id = " + id) == "УТ-000124");
    BOOST_TEST(*db.text("SELECT comment FROM sales_order WHERE id = " + id) ==
               "перезвонить после обеда");
    auto again = saleSession(exchange).query();
    BOOST_TEST(emulator::documentIds(again.body) == std::vector<std::string>{key},
               boost::test_tools::per_element());
    BOOST_TEST(emulator::fromWindows1251(again.body).find("перезвонить после обеда") !=
               std::string::npos);
    BOOST_TEST(journalOps(db, key) == (std::vector<std::string>{"crm:export", "crm:ack",
                                                                "1c:merge", "crm:export"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(without_a_version_at_init_the_orders_file_is_applied_at_upload) {
    ExchangeHarness exchange(Backend::Sqlite);
    BOOST_REQUIRE(importPaths(exchange.db(), {own("import.xml")}).ok);
    std::string id = createCrmOrder(exchange.db(), "CRM-0005");
    std::string key = "crm-" + id;  // how a CRM-born order is known in 1C
    auto client = exchange.client();
    BOOST_REQUIRE(client.checkauth("sale").verdict() == "success");
    auto init = client.init("sale");  // older 1C: no version, no separate mode=import
    BOOST_TEST(init.raw.lines.size() == 2u);
    BOOST_REQUIRE(emulator::documentIds(client.query().body).size() == 1u);
    BOOST_REQUIRE(client.saleSuccess().verdict() == "success");
    emulator::OrderStatus status;
    status.id = key;
    status.number = "CRM-0005";
    status.onec_number = "УТ-000200";
    status.onec_date = "2024-05-03T12:00:00";
    auto answer = client.upload("sale", "orders.xml", emulator::orderStatusFile({status}), 1 << 20);
    BOOST_TEST(answer.verdict() == "success", answer.text());
    BOOST_TEST(*exchange.db().text("SELECT onec_number FROM sales_order WHERE id = " + id) ==
               "УТ-000200");
}

BOOST_AUTO_TEST_CASE(schema_3_answers_wrap_each_document_in_a_container) {
    ExchangeHarness exchange(Backend::Sqlite);
    BOOST_REQUIRE(importPaths(exchange.db(), {own("import.xml")}).ok);
    createCrmOrder(exchange.db(), "CRM-0004");
    std::string body = emulator::fromWindows1251(saleSession(exchange, "3.1").query().body);
    BOOST_TEST(body.find("ВерсияСхемы=\"3.1\"") != std::string::npos);
    BOOST_TEST(body.find("<Контейнер>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(orders_imported_from_1c_files_are_not_echoed_back) {
    ExchangeHarness exchange(Backend::Sqlite);
    BOOST_REQUIRE(importPaths(exchange.db(), {own("import.xml"), own("orders.xml")}).ok);
    BOOST_REQUIRE(exchange.db().tableRows("sales_order") > 0);
    BOOST_TEST(emulator::documentIds(saleSession(exchange).query().body).empty());
}

// Regression: a status file imported by `crmsync import` or through the drop folder, not by
// 1C's upload, wrote the order as a CRM edit would and sent it back at the next query.
CRMSYNC_TEST_ON_BOTH(a_status_file_imported_from_a_file_or_the_drop_folder_is_not_echoed) {
    ExchangeHarness exchange(backend);
    auto& db = exchange.db();
    BOOST_REQUIRE(importPaths(db, {own("import.xml")}).ok);
    std::string by_import = createCrmOrder(db, "CRM-0010");
    std::string by_folder = createCrmOrder(db, "CRM-0011");
    BOOST_REQUIRE(deliverAll(exchange) == 2u);

    TempDir tmp;
    auto statusOf = [](const std::string& id, const std::string& onec_number) {
        emulator::OrderStatus status;
        status.id = "crm-" + id;
        status.number = "CRM-" + id;
        status.onec_number = onec_number;
        status.onec_date = "2024-05-02T11:00:00";
        status.status = "[N] Принят";
        status.comment = "позвонить до обеда";
        return status;
    };
    writeFile(tmp.path() / "status.xml", emulator::orderStatusFile({statusOf(by_import,
                                                                             "УТ-000310")}));
    BOOST_REQUIRE(importPaths(db, {tmp.path() / "status.xml"}).ok);

    commerceml::DropFolder folder(tmp.path() / "drop");
    writeFile(tmp.path() / "drop" / "orders.xml",
              emulator::orderStatusFile({statusOf(by_folder, "УТ-000311")}));
    app::DropFolderJob job(folder, db.store(), mapping::builtinCommerceMlMapping(), {});
    job.tick();  // the first scan only notes the size: a file may still be being copied
    BOOST_REQUIRE(job.tick() == 1);

    BOOST_TEST(*db.text("SELECT onec_number FROM sales_order WHERE id = " + by_import) ==
               "УТ-000310");
    BOOST_TEST(*db.text("SELECT onec_number FROM sales_order WHERE id = " + by_folder) ==
               "УТ-000311");
    BOOST_TEST(db.count("SELECT COUNT(*) FROM outbox WHERE consumer = 'sale'") == 0);
    BOOST_TEST(emulator::documentIds(saleSession(exchange).query().body).empty());
}

// Regression: a counterparty 1C changed (here in an orders file) re-sent every other order of
// that counterparty, though 1C already has both the orders and the counterparty.
CRMSYNC_TEST_ON_BOTH(a_counterparty_changed_by_1c_does_not_resend_its_other_orders) {
    ExchangeHarness exchange(backend);
    auto& db = exchange.db();
    BOOST_REQUIRE(importPaths(db, {own("import.xml"), own("orders.xml")}).ok);
    const std::string name = "Иванова Мария Петровна";
    std::string counterparty =
        *db.text("SELECT id FROM counterparty WHERE name = '" + name + "'");
    createCrmOrder(db, "CRM-0020", counterparty);
    createCrmOrder(db, "CRM-0021", counterparty);
    BOOST_REQUIRE(deliverAll(exchange) == 2u);

    // The name, not the Ид (which 1C built from the name once and keeps).
    std::string orders = readFile(own("orders.xml"));
    const std::string tag = "<Наименование>" + name + "<";
    for (auto at = orders.find(tag); at != std::string::npos; at = orders.find(tag, at)) {
        orders.replace(at, tag.size(), "<Наименование>Смирнова Мария Петровна<");
    }
    TempDir tmp;
    writeFile(tmp.path() / "orders.xml", orders);
    BOOST_REQUIRE(importPaths(db, {tmp.path() / "orders.xml"}).ok);
    BOOST_TEST(*db.text("SELECT name FROM counterparty WHERE id = " + counterparty) ==
               "Смирнова Мария Петровна");
    BOOST_TEST(emulator::documentIds(saleSession(exchange).query().body).empty());

    // A CRM edit of the counterparty does send its orders, 1C's own included: the documents
    // 1C would receive now differ from those it has.
    db.execute("UPDATE counterparty SET name = 'Смирнова М. П.' WHERE id = " + counterparty);
    BOOST_TEST(emulator::documentIds(saleSession(exchange).query().body).size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
