// Two-way exchange that never loses an edit, in the daemon's order of work (pull, then push)
// against the OData emulator over real HTTP, on SQLite and PostgreSQL: edits on one side, on
// both sides of different fields, on the same field under each policy, a conflict parked for a
// person and settled by one, and CRM change capture (what others write is logged with its
// time, crmsync's own writes never are).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>

#include "adapters/onec/odata/odata_object_writer.h"
#include "crmcore/error.h"
#include "mapping/mapping_file.h"
#include "sync/conflict_resolution.h"
#include "sync/object_push.h"
#include "tests/e2e/cli_runner.h"
#include "tests/e2e/odata_harness.h"
#include "tests/emulator/ut11_infobase.h"

using namespace crmsync;
using namespace crmsync::test;
namespace ut11 = crmsync::emulator::ut11;

namespace {

std::string sampleMappingText() {
    std::ifstream in(projectConfig() / "mappings" / "odata-ut11.xml");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The sample mapping with one edit inside its counterparty entity (e.g. a field's policy).
std::shared_ptr<const mapping::Mapping> sampleWith(const std::string& from,
                                                   const std::string& to) {
    std::string text = sampleMappingText();
    auto at = text.find(from, text.find("<entity name=\"counterparty\""));
    BOOST_TEST_REQUIRE(at != std::string::npos, from);
    text.replace(at, from.size(), to);
    auto loaded = mapping::loadMappingText(text, "odata-ut11-edited.xml");
    BOOST_TEST_REQUIRE(loaded.mapping.has_value(), loaded.diagnostics.text());
    return std::make_shared<const mapping::Mapping>(std::move(*loaded.mapping));
}

// The sample mapping with `policy` as the counterparty entity's default.
std::shared_ptr<const mapping::Mapping> withEntityPolicy(const std::string& policy) {
    return sampleWith("direction=\"both\">", "direction=\"both\" conflict=\"" + policy + "\">");
}

// One tick of the daemon's OData job: pull, then push.
void runTick(TestDatabase& db, emulator::OdataEmulator& onec, const mapping::Mapping& mapping) {
    odata::OdataClient client(odataSettingsFor(onec));
    odata::OdataObjectReader reader(client);
    auto pulled = sync::pullFromOneC(db.store(), mapping, reader, {});
    BOOST_TEST_REQUIRE(pulled.import.ok);
    odata::OdataObjectWriter writer(client);
    sync::PushOptions push;
    push.entities = {"counterparty", "order"};
    auto pushed = sync::pushToOneC(db.store(), mapping, writer, push);
    BOOST_TEST_REQUIRE(pushed.ok, pushed.error);
}

struct TwoWay {
    // `counterparty`: which of the seed's counterparties the test works on (2 has no orders,
    // so a test may delete it).
    explicit TwoWay(Backend backend, std::shared_ptr<const mapping::Mapping> rules = {},
                    int counterparty = 0)
        : db(backend),
          owned(std::move(rules)),
          mapping(owned ? *owned : odataSampleMapping()) {
        emulator::seedUt11(onec.store(), {});
        runTick(db, onec, mapping);
        key = ut11::refKey("counterparty", counterparty);
        id = *db.text("SELECT crm_id FROM binding WHERE entity = 'counterparty' AND onec_key = '" +
                      key + "'");
    }
    void tick() { runTick(db, onec, mapping); }
    std::string crm(const std::string& column) {
        return db.text("SELECT " + column + " FROM counterparty WHERE id = " + id).value_or("");
    }
    void crmSet(const std::string& column, const std::string& value) {
        db.execute("UPDATE counterparty SET " + column + " = '" + value + "' WHERE id = " + id);
    }
    std::string inOneC(const std::string& property) {
        return onec.store().find(ut11::kCounterparties, key)->getValue<std::string>(property);
    }
    void oneCSet(const std::string& property, const std::string& value) {
        Poco::JSON::Object change;
        change.set(property, value);
        onec.store().update(ut11::kCounterparties, key, change);
    }
    long long journalRows(const std::string& op) {
        return db.count("SELECT COUNT(*) FROM journal WHERE entity = 'counterparty' AND op = '" +
                        op + "' AND crm_id = " + id);
    }
    // The CRM row the counterparty's binding points at now (a re-created row has a new id).
    std::string boundId() {
        return *db.text("SELECT crm_id FROM binding WHERE entity = 'counterparty' AND "
                        "onec_key = '" + key + "'");
    }
    bool markedInOneC() {
        return onec.store().find(ut11::kCounterparties, key)->getValue<bool>("DeletionMark");
    }
    std::vector<core::Conflict> conflicts(std::optional<std::string> status) {
        return db.store().conflicts().list({std::move(status), std::string("counterparty")});
    }

    TestDatabase db;
    emulator::OdataEmulator onec;
    std::shared_ptr<const mapping::Mapping> owned;
    const mapping::Mapping& mapping;
    std::string key;
    std::string id;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(two_way_sync)

CRMSYNC_TEST_ON_BOTH(an_edit_on_one_side_reaches_the_other_side_in_one_tick) {
    TwoWay t(backend);
    t.crmSet("name", "Ромашка CRM");
    t.tick();
    BOOST_TEST(t.inOneC("Description") == "Ромашка CRM");
    BOOST_TEST(t.crm("name") == "Ромашка CRM");

    t.oneCSet("Description", "Ромашка 1С");
    t.tick();
    BOOST_TEST(t.crm("name") == "Ромашка 1С");
    BOOST_TEST(t.conflicts(std::nullopt).empty());
}

CRMSYNC_TEST_ON_BOTH(edits_of_different_fields_on_both_sides_both_survive_one_tick) {
    TwoWay t(backend);
    t.crmSet("name", "Менеджер переименовал");
    t.oneCSet("НаименованиеПолное", "ООО \"Бухгалтер поправил\"");
    t.tick();
    BOOST_TEST(t.crm("name") == "Менеджер переименовал");
    BOOST_TEST(t.crm("full_name") == "ООО \"Бухгалтер поправил\"");
    BOOST_TEST(t.inOneC("Description") == "Менеджер переименовал");
    BOOST_TEST(t.inOneC("НаименованиеПолное") == "ООО \"Бухгалтер поправил\"");
    BOOST_TEST(t.journalRows("merge") == 1);
    BOOST_TEST(t.conflicts(std::nullopt).empty());
    // Settled: the next tick changes nothing on either side.
    auto seq = t.db.count("SELECT MAX(seq) FROM journal");
    t.tick();
    BOOST_TEST(t.db.count("SELECT COUNT(*) FROM journal WHERE seq > " + std::to_string(seq) +
                          " AND entity = 'counterparty'") == 0);
}

CRMSYNC_TEST_ON_BOTH(both_sides_to_the_same_value_converge_without_a_conflict) {
    TwoWay t(backend);
    t.crmSet("name", "Одно и то же");
    t.oneCSet("Description", "Одно и то же");
    t.tick();
    BOOST_TEST(t.crm("name") == "Одно и то же");
    BOOST_TEST(t.conflicts(std::nullopt).empty());
}

CRMSYNC_TEST_ON_BOTH(onec_wins_takes_1c_value_everywhere_and_keeps_the_losing_crm_value) {
    TwoWay t(backend);  // name: the entity's default, onec-wins
    t.crmSet("name", "CRM-версия");
    t.oneCSet("Description", "1С-версия");
    t.tick();
    BOOST_TEST(t.crm("name") == "1С-версия");
    BOOST_TEST(t.inOneC("Description") == "1С-версия");
    auto decided = t.conflicts(std::string("resolved"));
    BOOST_TEST_REQUIRE(decided.size() == 1u);
    BOOST_TEST(decided[0].field == "name");
    BOOST_TEST(decided[0].policy == "onec-wins");
    BOOST_TEST(decided[0].crm.value_or("") == "CRM-версия");  // the losing value is kept
    BOOST_TEST(decided[0].resolution.value_or("") == "1С-версия");
    BOOST_TEST(t.db.count("SELECT COUNT(*) FROM journal WHERE op = 'resolve' AND "
                          "policy = 'onec-wins' AND before LIKE '%CRM-версия%'") == 1);
}

CRMSYNC_TEST_ON_BOTH(crm_wins_sends_the_crm_value_to_1c_in_the_same_tick) {
    TwoWay t(backend, sampleWith("<field source=\"Description\" target=\"name\" required=\"true\">",
                                 "<field source=\"Description\" target=\"name\" required=\"true\" "
                                 "conflict=\"crm-wins\">"));
    t.crmSet("name", "CRM-версия");
    t.oneCSet("Description", "1С-версия");
    t.tick();
    BOOST_TEST(t.crm("name") == "CRM-версия");
    BOOST_TEST(t.inOneC("Description") == "CRM-версия");
    auto decided = t.conflicts(std::string("resolved"));
    BOOST_TEST_REQUIRE(decided.size() == 1u);
    BOOST_TEST(decided[0].policy == "crm-wins");
    BOOST_TEST(decided[0].onec.value_or("") == "1С-версия");
}

CRMSYNC_TEST_ON_BOTH(unless_blank_policies_let_the_other_side_win_over_an_empty_value) {
    TwoWay t(backend, sampleWith("<field source=\"Description\" target=\"name\" required=\"true\">",
                                 "<field source=\"Description\" target=\"name\" required=\"true\" "
                                 "conflict=\"crm-wins-unless-blank\">"));
    t.crmSet("name", "  ");
    t.oneCSet("Description", "Из 1С");
    t.tick();
    BOOST_TEST(t.crm("name") == "Из 1С");
    auto decided = t.conflicts(std::string("resolved"));
    BOOST_TEST_REQUIRE(decided.size() == 1u);
    BOOST_TEST(decided[0].policy == "crm-wins-unless-blank");
}

CRMSYNC_TEST_ON_BOTH(newest_wins_without_a_1c_time_gives_1c_first_seen_now_the_win) {
    TwoWay t(backend);  // full_name: newest-wins; the sample maps no 1C modification time
    t.crmSet("full_name", "Старая правка CRM");
    t.oneCSet("НаименованиеПолное", "Свежая правка 1С");
    t.tick();
    BOOST_TEST(t.crm("full_name") == "Свежая правка 1С");
    auto decided = t.conflicts(std::string("resolved"));
    BOOST_TEST_REQUIRE(decided.size() == 1u);
    BOOST_TEST(decided[0].policy == "newest-wins");
    BOOST_TEST(!decided[0].crm_at.empty());  // the CRM's time came from the change log
    BOOST_TEST(decided[0].crm_at < decided[0].onec_at);
}

CRMSYNC_TEST_ON_BOTH(a_manual_conflict_parks_only_its_field_and_a_person_settles_it) {
    TwoWay t(backend);  // inn: manual
    std::string onec_inn_before = t.inOneC("ИНН");
    t.crmSet("inn", "7711111111");
    t.oneCSet("ИНН", "7722222222");
    t.oneCSet("Description", "Другое поле из 1С");
    t.tick();
    // Each side keeps its own value; every other field flows.
    BOOST_TEST(t.crm("inn") == "7711111111");
    BOOST_TEST(t.inOneC("ИНН") == "7722222222");
    BOOST_TEST(t.crm("name") == "Другое поле из 1С");
    auto open = t.conflicts(std::string("open"));
    BOOST_TEST_REQUIRE(open.size() == 1u);
    BOOST_TEST(open[0].field == "inn");
    BOOST_TEST(open[0].base.value_or("") == onec_inn_before);
    BOOST_TEST(open[0].crm.value_or("") == "7711111111");
    BOOST_TEST(open[0].onec.value_or("") == "7722222222");
    BOOST_TEST(open[0].onec_key == t.key);
    BOOST_TEST(t.journalRows("conflict") == 1);

    // 1C changes the field again while the conflict waits: the same conflict is updated.
    t.oneCSet("ИНН", "7733333333");
    t.tick();
    open = t.conflicts(std::string("open"));
    BOOST_TEST_REQUIRE(open.size() == 1u);
    BOOST_TEST(open[0].onec.value_or("") == "7733333333");
    BOOST_TEST(t.conflicts(std::nullopt).size() == 1u);

    // A person takes the CRM's value: the CRM keeps it, 1C gets it at the next tick.
    sync::Resolution take_crm;
    take_crm.take = sync::Resolution::Take::Crm;
    take_crm.by = "Иванова";
    take_crm.comment = "ИНН из договора";
    sync::resolveConflict(t.db.store(), open[0].id, take_crm);
    t.tick();
    BOOST_TEST(t.inOneC("ИНН") == "7711111111");
    BOOST_TEST(t.crm("inn") == "7711111111");
    BOOST_TEST(t.conflicts(std::string("open")).empty());
    BOOST_TEST(t.db.count("SELECT COUNT(*) FROM journal WHERE op = 'resolve' AND "
                          "origin = 'person' AND lineage LIKE '%Иванова%'") == 1);
    // Now the base: a later 1C-only change flows without a conflict.
    t.oneCSet("ИНН", "7744444444");
    t.tick();
    BOOST_TEST(t.crm("inn") == "7744444444");
    BOOST_TEST(t.conflicts(std::nullopt).size() == 1u);
}

CRMSYNC_TEST_ON_BOTH(a_policy_decision_can_be_reversed_by_a_person) {
    TwoWay t(backend);
    t.crmSet("name", "CRM-версия");
    t.oneCSet("Description", "1С-версия");
    t.tick();  // onec-wins
    auto decided = t.conflicts(std::string("resolved"));
    BOOST_TEST_REQUIRE(decided.size() == 1u);
    auto cli = runCrmsync({"conflicts", "resolve", "--db", t.db.url(),
                       std::to_string(decided[0].id), "--take", "crm", "--by", "Петров"});
    BOOST_TEST_REQUIRE(cli.code == 0, cli.err);
    BOOST_TEST(t.crm("name") == "CRM-версия");
    t.tick();
    BOOST_TEST(t.inOneC("Description") == "CRM-версия");
    BOOST_TEST(t.crm("name") == "CRM-версия");
    auto listed = runCrmsync({"conflicts", "list", "--db", t.db.url(), "--status", "all", "--json"});
    BOOST_TEST_REQUIRE(listed.code == 0, listed.err);
    BOOST_TEST(listed.out.find("\"resolved_by\":\"Петров\"") != std::string::npos, listed.out);
    BOOST_TEST(listed.out.find("\"field\":\"name\"") != std::string::npos);
}

CRMSYNC_TEST_ON_BOTH(a_crm_edit_between_a_push_and_the_next_pull_survives) {
    TwoWay t(backend);
    t.crmSet("name", "Первая правка");
    t.tick();  // pushed: the binding keeps no 1C version, so the next pull reads it back
    BOOST_TEST(t.inOneC("Description") == "Первая правка");
    t.crmSet("name", "Вторая правка");
    odata::OdataClient client(odataSettingsFor(t.onec));
    odata::OdataObjectReader reader(client);
    BOOST_TEST_REQUIRE(sync::pullFromOneC(t.db.store(), t.mapping, reader, {}).import.ok);
    BOOST_TEST(t.crm("name") == "Вторая правка");
    t.tick();
    BOOST_TEST(t.inOneC("Description") == "Вторая правка");
}

CRMSYNC_TEST_ON_BOTH(a_to_1c_field_edited_in_the_crm_reaches_1c_and_is_never_pulled_back) {
    TwoWay t(backend, sampleWith("<field source=\"ЮрФизЛицо\" target=\"kind\">",
                                 "<field source=\"ЮрФизЛицо\" target=\"kind\" direction=\"to-1c\">"));
    std::string kind = t.crm("kind");
    std::string other = kind == "company" ? "person" : "company";
    t.crmSet("kind", other);
    t.oneCSet("Description", "Пока CRM меняла вид");
    t.tick();
    BOOST_TEST(t.crm("kind") == other);
    BOOST_TEST(t.inOneC("ЮрФизЛицо") == (other == "company" ? "ЮрЛицо" : "ФизЛицо"));
    BOOST_TEST(t.crm("name") == "Пока CRM меняла вид");
}

CRMSYNC_TEST_ON_BOTH(crm_keys_in_attributes_survive_a_pull_that_changes_1c_keys) {
    TwoWay t(backend);
    std::string item_key = ut11::refKey("item", 0);
    std::string item = *t.db.text("SELECT crm_id FROM binding WHERE entity = 'product' AND "
                                  "onec_key = '" + item_key + "'");
    std::string attributes = t.db.text("SELECT attributes FROM product WHERE id = " + item)
                                 .value_or("{}");
    BOOST_TEST_REQUIRE(attributes.find("\"code\"") != std::string::npos, attributes);
    // The CRM adds a key of its own.
    std::string with_note = attributes.substr(0, attributes.size() - 1) + ",\"crm_note\":\"VIP\"}";
    t.db.execute("UPDATE product SET attributes = '" + with_note + "' WHERE id = " + item);
    Poco::JSON::Object change;
    change.set("Code", "NEW-CODE");
    t.onec.store().update(ut11::kItems, item_key, change);
    t.tick();
    std::string after = t.db.text("SELECT attributes FROM product WHERE id = " + item).value_or("");
    BOOST_TEST(after.find("\"crm_note\":\"VIP\"") != std::string::npos, after);
    BOOST_TEST(after.find("NEW-CODE") != std::string::npos, after);
}

CRMSYNC_TEST_ON_BOTH(crm_edits_by_plain_sql_are_captured_and_crmsync_writes_never_are) {
    TwoWay t(backend);
    // Everything so far was written by crmsync (the first pull and push).
    BOOST_TEST(t.db.count("SELECT COUNT(*) FROM crm_change") == 0);
    t.crmSet("name", "Правка SQL");
    t.db.execute("INSERT INTO counterparty (name, active) VALUES ('Новый', 1)");
    auto changes = t.db.store().changes().after(0, 100);
    BOOST_TEST_REQUIRE(changes.size() == 2u);
    BOOST_TEST(changes[0].table == "counterparty");
    BOOST_TEST(std::to_string(changes[0].row_id) == t.id);
    BOOST_TEST(changes[0].op == "update");
    BOOST_TEST(changes[0].columns == "[\"name\"]");
    BOOST_TEST(changes[0].at.size() == 24u);  // YYYY-MM-DDThh:mm:ss.mmmZ, the database clock
    BOOST_TEST(changes[1].op == "insert");
    BOOST_TEST(changes[1].columns.find("\"name\"") != std::string::npos);
    // The tick that carries the edit to 1C (and creates the new one there) adds nothing.
    t.tick();
    BOOST_TEST(t.db.count("SELECT COUNT(*) FROM crm_change") == 2);
    t.db.execute("DELETE FROM contact WHERE 1 = 0");
    t.db.execute("UPDATE counterparty SET name = name WHERE id = " + t.id);  // no change
    BOOST_TEST(t.db.count("SELECT COUNT(*) FROM crm_change") == 2);
}

CRMSYNC_TEST_ON_BOTH(an_order_takes_1c_status_and_keeps_the_crm_date_and_crm_wins_its_conflict) {
    TwoWay t(backend);
    std::string key = ut11::refKey("order", 0);
    std::string id = *t.db.text("SELECT crm_id FROM binding WHERE entity = 'order' AND "
                                "onec_key = '" + key + "'");
    auto inOneC = [&](const std::string& property) {
        return t.onec.store().find(ut11::kOrders, key)->getValue<std::string>(property);
    };
    auto oneCSet = [&](const std::string& property, const std::string& value) {
        Poco::JSON::Object change;
        change.set(property, value);
        t.onec.store().update(ut11::kOrders, key, change);
    };
    // Different fields: the CRM moves the date, 1C moves the status.
    t.db.execute("UPDATE sales_order SET ordered_at = '2026-04-15T09:00:00' WHERE id = " + id);
    oneCSet("Статус", "Закрыт");
    t.tick();
    BOOST_TEST(*t.db.text("SELECT status FROM sales_order WHERE id = " + id) == "Закрыт");
    BOOST_TEST(inOneC("Date") == "2026-04-15T09:00:00");
    // The same field: the order's policy is crm-wins, and 1C's value is kept as the loser.
    t.db.execute("UPDATE sales_order SET ordered_at = '2026-04-20T09:00:00' WHERE id = " + id);
    oneCSet("Date", "2026-04-18T12:00:00");
    t.tick();
    BOOST_TEST(inOneC("Date") == "2026-04-20T09:00:00");
    std::string date = *t.db.text("SELECT ordered_at FROM sales_order WHERE id = " + id);
    std::replace(date.begin(), date.end(), ' ', 'T');  // PostgreSQL prints a blank
    BOOST_TEST(date == "2026-04-20T09:00:00");
    auto decided = t.db.store().conflicts().list({std::string("resolved"), std::string("order")});
    BOOST_TEST_REQUIRE(decided.size() == 1u);
    BOOST_TEST(decided[0].policy == "crm-wins");
    BOOST_TEST(decided[0].onec.value_or("") == "2026-04-18T12:00:00");
}

// A CRM DELETE of a bound row while 1C edits the object: a conflict of the whole row, decided
// by the entity's policy. 1C's side wins by default: the row comes back with 1C's values.
CRMSYNC_TEST_ON_BOTH(a_crm_delete_against_a_1c_update_is_settled_by_the_entity_policy) {
    TwoWay t(backend, {}, 2);  // counterparty: onec-wins
    t.db.execute("DELETE FROM counterparty WHERE id = " + t.id);
    t.oneCSet("Description", "Исправлено в 1С");
    t.tick();
    std::string back = t.boundId();
    BOOST_TEST(back != t.id);  // a new row: the deleted id is gone for good
    BOOST_TEST(*t.db.text("SELECT name FROM counterparty WHERE id = " + back) ==
               "Исправлено в 1С");
    BOOST_TEST(!t.markedInOneC());
    auto decided = t.conflicts(std::string("resolved"));
    BOOST_TEST_REQUIRE(decided.size() == 1u);
    BOOST_TEST(decided[0].field == core::kWholeRowField);
    BOOST_TEST(decided[0].policy == "onec-wins");
    BOOST_TEST(!decided[0].crm.has_value());  // the CRM side: deleted
    BOOST_TEST(decided[0].onec.value_or("").find("Исправлено в 1С") != std::string::npos);
    BOOST_TEST(!decided[0].crm_at.empty());  // the delete's time, from the change log
    BOOST_TEST(t.db.count("SELECT COUNT(*) FROM journal WHERE op = 'insert' AND crm_id = " +
                          back + " AND lineage LIKE '%re-created%'") == 1);
    t.tick();  // settled: nothing moves any more
    BOOST_TEST(t.boundId() == back);
    BOOST_TEST(t.conflicts(std::nullopt).size() == 1u);

    // The CRM's side wins under crm-wins: the delete stands and marks the object in 1C, and
    // 1C's edit is kept as the losing value.
    TwoWay crm(backend, withEntityPolicy("crm-wins"), 2);
    crm.db.execute("DELETE FROM counterparty WHERE id = " + crm.id);
    crm.oneCSet("Description", "Исправлено в 1С");
    long long rows = crm.db.tableRows("counterparty");
    crm.tick();
    BOOST_TEST(crm.db.tableRows("counterparty") == rows);
    BOOST_TEST(crm.markedInOneC());
    decided = crm.conflicts(std::string("resolved"));
    BOOST_TEST_REQUIRE(decided.size() == 1u);
    BOOST_TEST(decided[0].policy == "crm-wins");
    BOOST_TEST(!decided[0].resolution.has_value());
    BOOST_TEST(decided[0].onec.value_or("").find("Исправлено в 1С") != std::string::npos);
    crm.tick();
    BOOST_TEST(crm.db.tableRows("counterparty") == rows);
    BOOST_TEST(crm.conflicts(std::nullopt).size() == 1u);
}

// Under manual the delete waits for a person: the deletion mark is held, the row stays gone.
// Taking 1C brings the row back; taking the CRM lets the mark go to 1C.
CRMSYNC_TEST_ON_BOTH(a_crm_delete_against_a_1c_update_waits_for_a_person_under_manual) {
    auto manual = withEntityPolicy("manual");
    TwoWay t(backend, manual, 2);
    t.db.execute("DELETE FROM counterparty WHERE id = " + t.id);
    t.oneCSet("Description", "Исправлено в 1С");
    t.tick();
    t.tick();  // met again: the same conflict, not a second one
    BOOST_TEST(!t.markedInOneC());
    BOOST_TEST(t.boundId() == t.id);
    auto open = t.conflicts(std::string("open"));
    BOOST_TEST_REQUIRE(open.size() == 1u);
    BOOST_TEST(open[0].field == core::kWholeRowField);
    BOOST_TEST(t.db.count("SELECT COUNT(*) FROM outbox WHERE row_id = " + t.id) == 1);

    sync::Resolution typed;
    typed.take = sync::Resolution::Take::Value;
    typed.value = "x";
    BOOST_CHECK_THROW(sync::resolveConflict(t.db.store(), open[0].id, typed), Error);
    sync::Resolution take_onec;
    take_onec.take = sync::Resolution::Take::OneC;
    take_onec.by = "Иванова";
    sync::resolveConflict(t.db.store(), open[0].id, take_onec);
    std::string back = t.boundId();
    BOOST_TEST(back != t.id);
    BOOST_TEST(*t.db.text("SELECT name FROM counterparty WHERE id = " + back) ==
               "Исправлено в 1С");
    t.tick();
    BOOST_TEST(!t.markedInOneC());
    BOOST_TEST(t.db.count("SELECT COUNT(*) FROM outbox") == 0);
    BOOST_TEST(t.db.count("SELECT COUNT(*) FROM journal WHERE op = 'resolve' AND "
                          "origin = 'person' AND lineage LIKE '%Иванова%'") == 1);

    TwoWay other(backend, manual, 2);
    other.db.execute("DELETE FROM counterparty WHERE id = " + other.id);
    other.oneCSet("Description", "Исправлено в 1С");
    other.tick();
    auto waiting = other.conflicts(std::string("open"));
    BOOST_TEST_REQUIRE(waiting.size() == 1u);
    sync::Resolution take_crm;
    take_crm.take = sync::Resolution::Take::Crm;
    take_crm.by = "Петров";
    sync::resolveConflict(other.db.store(), waiting[0].id, take_crm);
    other.tick();
    BOOST_TEST(other.markedInOneC());
    BOOST_TEST(other.boundId() == other.id);
    BOOST_TEST(other.db.count("SELECT COUNT(*) FROM outbox") == 0);
}

// A policy kept the delete and its mark reached 1C; a person reverses it: the row comes back
// and 1C's deletion mark is cleared.
CRMSYNC_TEST_ON_BOTH(reversing_a_kept_delete_brings_the_row_back_and_clears_the_mark) {
    TwoWay t(backend, withEntityPolicy("crm-wins"), 2);
    t.db.execute("DELETE FROM counterparty WHERE id = " + t.id);
    t.oneCSet("Description", "Исправлено в 1С");
    t.tick();
    BOOST_TEST_REQUIRE(t.markedInOneC());
    auto decided = t.conflicts(std::string("resolved"));
    BOOST_TEST_REQUIRE(decided.size() == 1u);
    sync::Resolution take_onec;
    take_onec.take = sync::Resolution::Take::OneC;
    take_onec.by = "Сидоров";
    sync::resolveConflict(t.db.store(), decided[0].id, take_onec);
    t.tick();
    BOOST_TEST(!t.markedInOneC());
    std::string back = t.boundId();
    BOOST_TEST(back != t.id);
    BOOST_TEST(t.db.count("SELECT active FROM counterparty WHERE id = " + back) == 1);
    BOOST_TEST(*t.db.text("SELECT name FROM counterparty WHERE id = " + back) ==
               "Исправлено в 1С");
}

BOOST_AUTO_TEST_SUITE_END()
