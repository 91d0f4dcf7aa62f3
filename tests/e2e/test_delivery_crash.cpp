// Crash safety of CRM → 1C delivery, on SQLite and PostgreSQL: the push is stopped dead at
// every step of delivery — before each of its CRM commits, after each of them, before each
// write to 1C and after each write 1C committed but before its answer arrived — and the engine
// is then restarted in the daemon's order of work (pull first, then push). Whatever the step,
// both sides must end as after a run without a fault: every change in 1C once, no duplicate
// on either side, nothing left in the outbox, nothing lost.
//
// A "crash" is an exception no engine code handles (not a crmsync::Error): it unwinds out of
// the push exactly where it was thrown, so nothing after that point runs, as when the process
// dies there; what was committed stays, what was not is rolled back.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <csignal>
#include <map>
#include <random>
#include <stdexcept>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "adapters/onec/odata/odata_object_writer.h"
#include "sync/object_push.h"
#include "tests/e2e/child_process.h"
#include "tests/e2e/odata_harness.h"
#include "tests/emulator/ut11_infobase.h"
#include "tests/support/test_database.h"

using namespace crmsync;
using namespace crmsync::test;
namespace ut11 = crmsync::emulator::ut11;

namespace {

struct SimulatedCrash : std::runtime_error {
    SimulatedCrash() : std::runtime_error("simulated crash") {}
};

enum class Step { BeforeCommit, AfterCommit, BeforeWrite, AfterWrite };

const char* stepName(Step step) {
    switch (step) {
    case Step::BeforeCommit: return "before the CRM commit";
    case Step::AfterCommit: return "after the CRM commit";
    case Step::BeforeWrite: return "before the 1C write";
    case Step::AfterWrite: return "after the 1C write, before its answer";
    }
    return "?";
}

// Where to crash: at the `at`-th commit (Before/AfterCommit) or 1C write (Before/AfterWrite)
// of the run, counted from 1; at = 0 never crashes and only counts.
struct FaultPlan {
    Step step = Step::BeforeCommit;
    int at = 0;
    int commits = 0;
    int writes = 0;

    void onCommit(const std::function<void()>& commit) {
        ++commits;
        bool here = at == commits &&
                    (step == Step::BeforeCommit || step == Step::AfterCommit);
        if (here && step == Step::BeforeCommit) {
            throw SimulatedCrash();
        }
        commit();
        if (here) {
            throw SimulatedCrash();
        }
    }
    template <typename Write>
    auto onWrite(Write&& write) {
        ++writes;
        bool here = at == writes && (step == Step::BeforeWrite || step == Step::AfterWrite);
        if (here && step == Step::BeforeWrite) {
            throw SimulatedCrash();
        }
        auto result = write();
        if (here) {
            throw SimulatedCrash();  // 1C has it; its answer never reaches the engine
        }
        return result;
    }
};

class FaultyTransaction final : public core::CrmTransaction {
public:
    FaultyTransaction(std::unique_ptr<core::CrmTransaction> real, FaultPlan& plan)
        : real_(std::move(real)), plan_(plan) {}
    core::CrmRows& rows() override { return real_->rows(); }
    core::BindingStore& bindings() override { return real_->bindings(); }
    core::JournalAppender& journal() override { return real_->journal(); }
    core::QuarantineLog& quarantine() override { return real_->quarantine(); }
    core::OrderDeliveryState& orderDelivery() override { return real_->orderDelivery(); }
    core::ConflictLog& conflicts() override { return real_->conflicts(); }
    core::CrmChangeLog& changes() override { return real_->changes(); }
    core::Outbox& outbox() override { return real_->outbox(); }
    void commit() override { plan_.onCommit([this] { real_->commit(); }); }

private:
    std::unique_ptr<core::CrmTransaction> real_;
    FaultPlan& plan_;
};

class FaultyStore final : public core::CrmStore {
public:
    FaultyStore(core::CrmStore& real, FaultPlan& plan) : real_(real), plan_(plan) {}
    std::unique_ptr<core::CrmTransaction> begin() override {
        return std::make_unique<FaultyTransaction>(real_.begin(), plan_);
    }
    core::BindingIndex& bindingIndex() override { return real_.bindingIndex(); }
    core::RunLog& runs() override { return real_.runs(); }
    core::JournalReader& journal() override { return real_.journal(); }
    core::QuarantineReader& quarantine() override { return real_.quarantine(); }
    core::OrderDocuments& orderDocuments() override { return real_.orderDocuments(); }
    core::ImportedFiles& importedFiles() override { return real_.importedFiles(); }
    core::ConflictReader& conflicts() override { return real_.conflicts(); }
    core::CrmChangeReader& changes() override { return real_.changes(); }
    core::JobLeases& leases() override { return real_.leases(); }
    core::JobRuns& jobRuns() override { return real_.jobRuns(); }
    void fence(core::LeaseFence fence) override { real_.fence(std::move(fence)); }

private:
    core::CrmStore& real_;
    FaultPlan& plan_;
};

class FaultyWriter final : public core::ObjectSetWriter {
public:
    FaultyWriter(core::ObjectSetWriter& real, FaultPlan& plan) : real_(real), plan_(plan) {}
    std::optional<core::ObjectVersion> findBy(const std::string& set, const std::string& property,
                                              const std::string& value) override {
        return real_.findBy(set, property, value);
    }
    std::vector<core::Field> read(const std::string& set, const std::string& key,
                                  const std::vector<std::string>& properties) override {
        return real_.read(set, key, properties);
    }
    core::ObjectVersion create(const std::string& set,
                               const std::vector<core::Field>& properties) override {
        return plan_.onWrite([&] { return real_.create(set, properties); });
    }
    core::ObjectVersion update(const std::string& set, const std::string& key,
                               const std::vector<core::Field>& properties,
                               const std::string& expected_version) override {
        return plan_.onWrite([&] { return real_.update(set, key, properties, expected_version); });
    }
    core::ObjectVersion post(const std::string& set, const std::string& key) override {
        return plan_.onWrite([&] { return real_.post(set, key); });
    }
    std::uint64_t requestCount() const override { return real_.requestCount(); }

private:
    core::ObjectSetWriter& real_;
    FaultPlan& plan_;
};

sync::PushReport push(core::CrmStore& store, core::ObjectSetWriter& writer) {
    return sync::pushToOneC(store, odataSampleMapping(), writer, {});
}

// The two sides with the changes to deliver: two counterparties made in the CRM, a bound one
// renamed, one deactivated, and a new order with two lines.
void prepare(TestDatabase& db, emulator::OdataEmulator& onec) {
    emulator::seedUt11(onec.store(), {});
    BOOST_TEST_REQUIRE(pullSample(db, onec).import.ok);
    {
        odata::OdataClient client(odataSettingsFor(onec));
        odata::OdataObjectWriter writer(client);
        BOOST_TEST_REQUIRE(push(db.store(), writer).ok);  // routes the tables, sends nothing
    }
    auto crmId = [&db](const std::string& entity, const std::string& key) {
        return db.text("SELECT crm_id FROM binding WHERE entity = '" + entity +
                       "' AND onec_key = '" + key + "'").value_or("");
    };
    db.execute("INSERT INTO counterparty (name, full_name, kind, inn, kpp, active) VALUES "
               "('Ромашка', 'ООО \"Ромашка\"', 'company', '7701234567', '770101001', 1), "
               "('Иванов', 'Иванов Иван', 'person', '500100732259', '', 1)");
    db.execute("UPDATE counterparty SET name = 'Переименован в CRM' WHERE id = " +
               crmId("counterparty", ut11::refKey("counterparty", 0)));
    db.execute("UPDATE counterparty SET active = 0 WHERE id = " +
               crmId("counterparty", ut11::refKey("counterparty", 1)));
    std::string counterparty = crmId("counterparty", ut11::refKey("counterparty", 2));
    db.execute("INSERT INTO sales_order (number, ordered_at, counterparty_id, active) VALUES "
               "('CRM-1', '2026-05-01T10:00:00', " + counterparty + ", 1)");
    std::string order = std::to_string(db.count("SELECT MAX(id) FROM sales_order"));
    db.execute("INSERT INTO order_line (order_id, line_no, product_id, quantity, price, amount, "
               "active) VALUES (" + order + ", 1, " + crmId("product", ut11::refKey("item", 4)) +
               ", 2, 104.01, 208.02, 1), (" + order + ", 2, " +
               crmId("product", ut11::refKey("item", 5)) + ", 1.5, 10.10, 15.15, 1)");
}

// What both sides hold, without the keys each side makes up (1C's Ref_Key of a created
// object, DataVersion): equal for two runs that delivered the same changes.
std::string bothSides(TestDatabase& db, emulator::OdataEmulator& onec) {
    std::vector<std::string> lines;
    auto text = [](const Poco::JSON::Object::Ptr& object, const std::string& name) {
        return object->has(name) ? object->get(name).convert<std::string>() : std::string("-");
    };
    for (const auto& object : onec.store().select(ut11::kCounterparties, {})) {
        lines.push_back("1c counterparty " + text(object, "Description") + "|" +
                        text(object, "ИНН") + "|" + text(object, "Комментарий") + "|" +
                        text(object, "DeletionMark"));
    }
    for (const auto& object : onec.store().select(ut11::kOrders, {})) {
        std::string line = "1c order " + text(object, "Date") + "|" +
                           text(object, "Контрагент_Key") + "|" + text(object, "Комментарий") +
                           "|" + text(object, "Posted") + "|" + text(object, "DeletionMark");
        if (auto goods = object->getArray("Товары")) {
            for (std::size_t i = 0; i < goods->size(); ++i) {
                auto good = goods->getObject(static_cast<unsigned>(i));
                line += " [" + text(good, "Номенклатура_Key") + " " + text(good, "Количество") +
                        " " + text(good, "Цена") + " " + text(good, "Сумма") + "]";
            }
        }
        lines.push_back(line);
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto& line : lines) {
        out += line + "\n";
    }
    out += *db.text("SELECT COUNT(*) || ' counterparties, ' || SUM(active) || ' active' "
                    "FROM counterparty") + "\n";
    out += *db.text("SELECT COUNT(*) || ' orders, ' || COUNT(DISTINCT number) || ' numbers' "
                    "FROM sales_order") + "\n";
    out += std::to_string(db.tableRows("order_line")) + " order lines\n";
    out += *db.text("SELECT COUNT(*) || ' bindings, ' || COUNT(DISTINCT entity || onec_key) || "
                    "' distinct 1C keys, ' || COUNT(DISTINCT entity || crm_id) || "
                    "' distinct CRM rows' FROM binding") + "\n";
    out += std::to_string(db.tableRows("outbox")) + " outbox messages\n";
    return out;
}

// The daemon's order of work after a start: pull, then push; then one more pull, as the next
// tick would, so both runs compare in the same settled state.
void restartAndSettle(TestDatabase& db, emulator::OdataEmulator& onec) {
    BOOST_TEST_REQUIRE(pullSample(db, onec).import.ok);
    odata::OdataClient client(odataSettingsFor(onec));
    odata::OdataObjectWriter writer(client);
    auto report = push(db.store(), writer);
    BOOST_TEST_REQUIRE(report.ok, report.error);
    BOOST_TEST_REQUIRE(pullSample(db, onec).import.ok);
}

// One run with `plan`; returns both sides' end state. The plan counts what the run did.
std::string runWith(Backend backend, FaultPlan& plan) {
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    prepare(db, onec);
    {
        FaultyStore store(db.store(), plan);
        odata::OdataClient client(odataSettingsFor(onec));
        odata::OdataObjectWriter real_writer(client);
        FaultyWriter writer(real_writer, plan);
        auto report = push(store, writer);
        BOOST_TEST(report.ok == (plan.at == 0), report.error);
    }
    restartAndSettle(db, onec);
    return bothSides(db, onec);
}

// crmsync:order:<id> marks of the orders in 1C, with how often each is there.
std::map<std::string, int> orderMarks(emulator::OdataEmulator& onec) {
    std::map<std::string, int> marks;
    for (const auto& object : onec.store().select(ut11::kOrders, {})) {
        std::string mark = object->optValue<std::string>("Комментарий", "");
        if (mark.rfind("crmsync:order:", 0) == 0) {
            ++marks[mark];
        }
    }
    return marks;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(delivery_crash)

CRMSYNC_TEST_ON_BOTH(a_crash_at_any_step_of_delivery_ends_as_a_run_without_one) {
    FaultPlan counting;
    const std::string expected = runWith(backend, counting);
    BOOST_TEST_REQUIRE(counting.commits > 2);
    BOOST_TEST_REQUIRE(counting.writes >= 4);  // 2 creates, an update, a deletion mark, ...
    BOOST_TEST_MESSAGE("delivery: " << counting.commits << " commits, " << counting.writes
                                    << " writes to 1C");
    BOOST_TEST(expected.find("Переименован в CRM") != std::string::npos);
    BOOST_TEST(expected.find("Ромашка|7701234567|crmsync:counterparty:") != std::string::npos);

    for (Step step : {Step::BeforeCommit, Step::AfterCommit, Step::BeforeWrite, Step::AfterWrite}) {
        int points = step == Step::BeforeCommit || step == Step::AfterCommit ? counting.commits
                                                                              : counting.writes;
        for (int at = 1; at <= points; ++at) {
            FaultPlan plan{step, at};
            BOOST_TEST_CONTEXT("crash " << stepName(step) << " #" << at) {
                BOOST_TEST(runWith(backend, plan) == expected);
            }
        }
    }
}

// The same with real processes: `crmsync serve` killed with SIGKILL at 20 random moments while
// it delivers 200 new orders, and started again each time, leaves each order in 1C once.
CRMSYNC_TEST_ON_BOTH(serve_killed_20_times_while_delivering_200_orders_creates_each_once) {
    constexpr int kOrders = 200;
    constexpr int kKills = 20;
    TempDir tmp;
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    BOOST_TEST_REQUIRE(pullSample(db, onec).import.ok);
    auto crmId = [&db](const std::string& entity, const std::string& key) {
        return db.text("SELECT crm_id FROM binding WHERE entity = '" + entity +
                       "' AND onec_key = '" + key + "'").value_or("");
    };
    std::string counterparty = crmId("counterparty", ut11::refKey("counterparty", 2));
    std::string item = crmId("product", ut11::refKey("item", 4));
    for (int n = 1; n <= kOrders; ++n) {
        db.execute("INSERT INTO sales_order (number, ordered_at, counterparty_id, active) "
                   "VALUES ('CRM-" + std::to_string(n) + "', '2026-05-01T10:00:00', " +
                   counterparty + ", 1)");
        db.execute("INSERT INTO order_line (order_id, line_no, product_id, quantity, price, "
                   "amount, active) SELECT MAX(id), 1, " + item + ", " + std::to_string(n) +
                   ", 10, " + std::to_string(10 * n) + ", 1 FROM sales_order");
    }
    onec.faults().latency_ms = 25;  // a delivery long enough for the kills to land inside it
    writeFile(tmp / "crmsync.ini",
              "[database]\nurl = " + db.url() +
                  "\n[drop_folder]\nenabled = false\n[exchange]\nenabled = false\n"
                  "[http]\nlisten = 127.0.0.1:" + std::to_string(freeLoopbackPort()) +
                  "\n[log]\nlevel = warn\n[odata]\nenabled = true\nurl = " + onec.url() +
                  "\nuser = " + onec.options().user + "\nmapping = " +
                  (projectConfig() / "mappings" / "odata-ut11.xml").string() +
                  "\ninterval_seconds = 10\n");
    auto serve = [&] {
        return std::make_unique<ChildProcess>(
            CRMSYNC_BINARY, std::vector<std::string>{"serve", "--config",
                                                     (tmp / "crmsync.ini").string()},
            Poco::Process::Env{{"CRMSYNC_ONEC_PASSWORD", onec.options().password}});
    };
    std::random_device seed_source;
    unsigned seed = seed_source();
    BOOST_TEST_MESSAGE("kill moments seeded with " << seed);
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> moment_ms(50, 600);
    std::size_t delivered_before_last_kill = 0;
    for (int kill = 0; kill < kKills; ++kill) {
        auto daemon = serve();
        std::this_thread::sleep_for(std::chrono::milliseconds(moment_ms(random)));
        auto code = daemon->stop(SIGKILL, std::chrono::seconds(10));
        BOOST_TEST_REQUIRE(code.value_or(0) == 256 + SIGKILL, daemon->err());
        delivered_before_last_kill = orderMarks(onec).size();
    }
    BOOST_TEST_MESSAGE(delivered_before_last_kill << " of " << kOrders
                                                  << " orders in 1C at the last kill");

    // The last start runs until a push of its own has succeeded (SIGTERM before the daemon
    // set up its handlers would just kill it).
    const std::string pushes_done =
        "SELECT COUNT(*) FROM sync_run WHERE kind = 'odata-push' AND status = 'succeeded'";
    long long pushes_before = db.count(pushes_done);
    auto daemon = serve();
    for (int wait = 0; wait < 600 && (orderMarks(onec).size() < kOrders ||
                                      db.count("SELECT COUNT(*) FROM outbox") > 0 ||
                                      db.count(pushes_done) == pushes_before);
         ++wait) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    auto stopped = daemon->stop(SIGTERM, std::chrono::seconds(30));
    BOOST_TEST(stopped.value_or(-1) == 0, "exit " << stopped.value_or(-1) << ": " << daemon->err());
    auto marks = orderMarks(onec);
    BOOST_TEST(marks.size() == static_cast<std::size_t>(kOrders));
    for (const auto& [mark, copies] : marks) {
        BOOST_TEST(copies == 1, mark << " is in 1C " << copies << " times");
    }
    BOOST_TEST(onec.store().size(ut11::kOrders) == 2u + kOrders);  // the seeded two and ours
    BOOST_TEST(db.tableRows("sales_order") == 2 + kOrders);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM outbox") == 0);
    BOOST_TEST(db.count("SELECT COUNT(DISTINCT onec_key) FROM binding WHERE entity = 'order'") ==
               2 + kOrders);
}

BOOST_AUTO_TEST_SUITE_END()
