// `crmsync serve` as an admin starts it: the config file's [exchange] section and the login from
// the environment give 1C an endpoint; /healthz answers once it serves; SIGTERM stops it with
// exit code 0.
#include <boost/test/unit_test.hpp>

#include <csignal>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Process.h>
#include <Poco/Thread.h>

#include "tests/e2e/child_process.h"
#include "tests/e2e/exchange_harness.h"

using namespace crmsync;
using namespace crmsync::test;
namespace fs = std::filesystem;

namespace {

bool healthy(unsigned short port) {
    try {
        Poco::Net::HTTPClientSession session("127.0.0.1", port);
        Poco::Net::HTTPRequest request("GET", "/healthz");
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        session.receiveResponse(response);
        return response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK;
    } catch (const Poco::Exception&) {
        return false;
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(exchange_daemon)

BOOST_AUTO_TEST_CASE(serve_starts_the_endpoint_from_config_and_environment_and_stops_on_sigterm) {
    TempDir tmp;
    unsigned short port = freeLoopbackPort();
    writeFile(tmp / "crmsync.ini",
              "[database]\nurl = sqlite://" + (tmp / "crm.db").string() +
                  "\n[drop_folder]\nenabled = false\n[http]\nlisten = 127.0.0.1:" +
                  std::to_string(port) + "\n[exchange]\nupload_dir = " +
                  (tmp / "exchange").string() + "\n");
    Poco::Process::Env env = {{"CRMSYNC_EXCHANGE_USER", kExchangeUser},
                              {"CRMSYNC_EXCHANGE_PASSWORD", kExchangePassword}};
    auto daemon = Poco::Process::launch(
        CRMSYNC_BINARY, {"serve", "--config", (tmp / "crmsync.ini").string()}, tmp.path().string(),
        nullptr, nullptr, nullptr, env);
    bool up = false;
    for (int attempt = 0; attempt < 200 && !up; ++attempt) {
        up = healthy(port);
        if (!up) {
            Poco::Thread::sleep(50);  // waiting for another process to start: nothing to inject
        }
    }
    BOOST_REQUIRE_MESSAGE(up, "GET /healthz never answered 200");

    emulator::OneCClient client("http://127.0.0.1:" + std::to_string(port) + "/1c_exchange",
                                kExchangeUser, kExchangePassword);
    auto pushed = emulator::pushCatalog(
        client, {{"import.xml", projectFixtures() / "commerceml" / "import.xml"}}, {});
    BOOST_TEST(pushed.ok, pushed.failure);

    ::kill(daemon.id(), SIGTERM);
    BOOST_TEST(daemon.wait() == 0);
    BOOST_TEST(fs::exists(tmp / "crm.db"));
}

BOOST_AUTO_TEST_SUITE_END()
