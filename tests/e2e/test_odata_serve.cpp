// `onec-emulator odata-serve` as a person runs it for the demo: a separate process serving the
// emulated 1C OData publication on a fixed port, pulled from by `crmsync odata pull` with the
// sample mapping, stopped by Ctrl-C or SIGTERM with exit code 0.
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <sstream>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>

#include "tests/e2e/child_process.h"
#include "tests/e2e/cli_runner.h"
#include "tests/support/test_env.h"

using namespace crmsync::test;
using namespace std::chrono_literals;

namespace {

constexpr const char* kPassword = "Пароль-odata";

std::string publicationUrl(unsigned short port) {
    return "http://127.0.0.1:" + std::to_string(port) + "/base/odata/standard.odata";
}

ChildProcess serveOdata(unsigned short port, std::vector<std::string> options,
                        const std::string& password = kPassword) {
    std::vector<std::string> args = {"odata-serve", "--listen",
                                     "127.0.0.1:" + std::to_string(port)};
    args.insert(args.end(), options.begin(), options.end());
    return ChildProcess(ONEC_EMULATOR_BINARY, args, {{"CRMSYNC_ONEC_PASSWORD", password}});
}

bool answers(unsigned short port) {
    try {
        Poco::Net::HTTPClientSession session("127.0.0.1", port);
        session.setTimeout(Poco::Timespan(1, 0));
        Poco::Net::HTTPRequest request("GET", "/base/odata/standard.odata/Catalog_ВидыЦен");
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        session.receiveResponse(response);
        return true;  // any answer, 401 included: the server is up
    } catch (const Poco::Exception&) {
        return false;
    }
}

// Polls until the child answers HTTP on `port`; false if it exits or stays silent for 10 s.
bool waitUntilAnswering(ChildProcess& child, unsigned short port) {
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (child.running() && std::chrono::steady_clock::now() < deadline) {
        if (answers(port)) {
            return true;
        }
        std::this_thread::sleep_for(50ms);  // another process starting: nothing to inject
    }
    return false;
}

std::size_t linesContaining(const std::string& text, const std::string& needle) {
    std::istringstream lines(text);
    std::size_t count = 0;
    for (std::string line; std::getline(lines, line);) {
        count += line.find(needle) != std::string::npos ? 1 : 0;
    }
    return count;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(odata_serve)

BOOST_AUTO_TEST_CASE(crmsync_pulls_from_the_standalone_emulator_which_stops_on_ctrl_c) {
    TempDir tmp;
    std::string db = "sqlite://" + (tmp / "crm.db").string();
    unsigned short port = freeLoopbackPort();
    ChildProcess onec = serveOdata(port, {"--items", "5", "--orders", "1"});
    BOOST_REQUIRE_MESSAGE(waitUntilAnswering(onec, port),
                          "odata-serve never answered; stderr: " + onec.err());

    auto pulled = runCrmsync({"odata", "pull", "--db", db, "--mapping",
                              (projectConfig() / "mappings" / "odata-ut11.xml").string(),
                              "--url", publicationUrl(port), "--user", "Администратор"},
                             {{"CRMSYNC_ONEC_PASSWORD", kPassword}});
    BOOST_TEST_REQUIRE(pulled.code == 0, pulled.out + pulled.err);
    BOOST_TEST(pulled.out.find("Catalog_Номенклатура (product): scanned 5, fetched 5") !=
                   std::string::npos,
               pulled.out);
    auto journal = runCrmsync({"journal", "--db", db, "--entity", "product", "--json"});
    BOOST_TEST_REQUIRE(journal.code == 0, journal.err);
    BOOST_TEST(linesContaining(journal.out, R"("op":"insert")") == 5u, journal.out);

    auto code = onec.stop(SIGINT, 10s);
    BOOST_TEST_REQUIRE(code.has_value(), "odata-serve still runs 10 s after SIGINT");
    BOOST_TEST(*code == 0, onec.err());
    BOOST_TEST(onec.out().find("URL:       " + publicationUrl(port)) != std::string::npos,
               onec.out());
    BOOST_TEST(onec.out().find("user:      Администратор") != std::string::npos);
    BOOST_TEST(onec.out().find(kPassword) == std::string::npos);  // taken from the variable
}

BOOST_AUTO_TEST_CASE(without_a_password_it_makes_one_up_and_stops_on_sigterm) {
    unsigned short port = freeLoopbackPort();
    ChildProcess onec = serveOdata(port, {"--fail-every", "3"}, "");
    BOOST_REQUIRE_MESSAGE(waitUntilAnswering(onec, port),
                          "odata-serve never answered; stderr: " + onec.err());
    auto code = onec.stop(SIGTERM, 10s);
    BOOST_TEST_REQUIRE(code.has_value(), "odata-serve still runs 10 s after SIGTERM");
    BOOST_TEST(*code == 0, onec.err());
    BOOST_TEST(onec.out().find("(made up for this run") != std::string::npos, onec.out());
    BOOST_TEST(onec.out().find("1 request in 3 answers 1C's error 500") != std::string::npos,
               onec.out());
}

BOOST_AUTO_TEST_CASE(a_taken_port_and_a_bad_option_are_refused_with_a_reason) {
    Poco::Net::ServerSocket taken(Poco::Net::SocketAddress("127.0.0.1", 0));
    ChildProcess busy = serveOdata(taken.address().port(), {});
    BOOST_TEST(busy.waitFor(10s).value_or(-1) == 1);
    BOOST_TEST(busy.err().find("cannot serve on 127.0.0.1:") != std::string::npos, busy.err());

    ChildProcess typo = serveOdata(freeLoopbackPort(), {"--items", "ten"});
    BOOST_TEST(typo.waitFor(10s).value_or(-1) == 2);
    BOOST_TEST(typo.err().find("--items needs a whole number, not 'ten'") != std::string::npos,
               typo.err());
}

BOOST_AUTO_TEST_SUITE_END()
