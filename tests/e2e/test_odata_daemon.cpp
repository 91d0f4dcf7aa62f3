// `crmsync serve` with an [odata] section: the daemon pulls from 1C and pushes to it on its
// own, at start and then every interval, with the 1C password from the environment.
#include <boost/test/unit_test.hpp>

#include <csignal>

#include <Poco/Thread.h>

#include "tests/e2e/child_process.h"
#include "tests/e2e/odata_harness.h"
#include "tests/emulator/ut11_infobase.h"

using namespace crmsync;
using namespace crmsync::test;
namespace ut11 = crmsync::emulator::ut11;

namespace {

// Polls `done` for up to 30 s: the daemon is another process, there is nothing to wait on.
template <typename Condition>
bool eventually(Condition done) {
    for (int attempt = 0; attempt < 600; ++attempt) {
        if (done()) {
            return true;
        }
        Poco::Thread::sleep(50);
    }
    return done();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(odata_daemon)

BOOST_AUTO_TEST_CASE(serve_pulls_from_and_pushes_to_1c_at_start) {
    TempDir tmp;
    TestDatabase db(Backend::Sqlite);
    db.execute("INSERT INTO counterparty (name, kind, inn, active) VALUES "
               "('Новый из CRM', 'company', '7709999999', 1)");
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    writeFile(tmp / "crmsync.ini",
              "[database]\nurl = " + db.url() +
                  "\n[drop_folder]\nenabled = false\n[exchange]\nenabled = false\n"
                  "[http]\nlisten = 127.0.0.1:" + std::to_string(freeLoopbackPort()) +
                  "\n[odata]\nenabled = true\nurl = " + onec.url() + "\nuser = " +
                  onec.options().user + "\nmapping = " +
                  (projectConfig() / "mappings" / "odata-ut11.xml").string() +
                  "\ninterval_seconds = 3600\n");
    ChildProcess daemon(CRMSYNC_BINARY, {"serve", "--config", (tmp / "crmsync.ini").string()},
                        {{"CRMSYNC_ONEC_PASSWORD", onec.options().password}});

    bool pulled = eventually([&] { return db.tableRows("product") == 10; });
    bool pushed = eventually([&] {
        for (const auto& object : onec.store().select(ut11::kCounterparties, {})) {
            if (object->optValue<std::string>("Description", "") == "Новый из CRM") {
                return true;
            }
        }
        return false;
    });
    // The push's run row is closed just after 1C got the object: on a loaded machine a stop
    // right then came between the two.
    bool recorded = eventually([&] {
        return db.count("SELECT COUNT(*) FROM sync_run WHERE kind = 'odata-push' AND "
                        "status = 'succeeded'") >= 1;
    });
    auto code = daemon.stop(SIGTERM, std::chrono::seconds(30));
    BOOST_TEST(recorded, daemon.err());
    BOOST_TEST(pulled, daemon.err());
    BOOST_TEST(pushed, daemon.err());
    BOOST_TEST(code.value_or(-1) == 0);
    BOOST_TEST(daemon.err().find(onec.options().password) == std::string::npos);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM sync_run WHERE kind = 'odata-push' AND "
                        "status = 'succeeded'") == 1);
}

BOOST_AUTO_TEST_SUITE_END()
