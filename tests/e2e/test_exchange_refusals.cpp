// What the 1C endpoint refuses, with an answer 1C shows in its exchange log, storing nothing:
// wrong password, missing or expired cookie, names that climb out of the upload folder, a zip
// bomb, an import of a file never uploaded, malformed XML (the answer names the line).
#include <boost/test/unit_test.hpp>

#include <Poco/Zip/Compress.h>

#include "tests/e2e/exchange_harness.h"

using namespace crmsync;
using namespace crmsync::test;
namespace fs = std::filesystem;

namespace {

// Only the session state files: no upload of any kind.
bool onlySessionState(const std::vector<std::string>& files) {
    for (const auto& file : files) {
        if (fs::path(file).filename() != ".session") {
            return false;
        }
    }
    return true;
}

emulator::OneCClient startedSession(ExchangeHarness& exchange) {
    auto client = exchange.client();
    BOOST_REQUIRE(client.checkauth("catalog").verdict() == "success");
    client.init("catalog");
    return client;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(exchange_refusals)

CRMSYNC_TEST_ON_BOTH(wrong_password_is_refused_and_gives_no_cookie) {
    ExchangeHarness exchange(backend);
    auto client = exchange.client("not-the-password");
    auto answer = client.checkauth("catalog");
    BOOST_TEST(answer.status == 200);
    BOOST_TEST(answer.content_type == "text/plain; charset=windows-1251");
    BOOST_TEST(answer.lines == (std::vector<std::string>{"failure", "wrong login or password"}),
               boost::test_tools::per_element());
    BOOST_TEST(!client.cookie());
    auto upload = client.upload("catalog", "import.xml", readFile(own("import.xml")), 1 << 20);
    BOOST_TEST(upload.verdict() == "failure");
    BOOST_TEST(exchange.uploadedFiles().empty());
    BOOST_TEST(exchange.db().totalRows() == 0);
}

BOOST_AUTO_TEST_CASE(checkauth_answers_cookie_sessid_and_timestamp_like_bitrix) {
    ExchangeHarness exchange(Backend::Sqlite);
    auto client = exchange.client();
    auto answer = client.checkauth("catalog");
    BOOST_REQUIRE(answer.lines.size() == 5u);
    BOOST_TEST(answer.lines[0] == "success");
    BOOST_TEST(answer.lines[1] == "CRMSYNC_EXCHANGE");
    BOOST_TEST(answer.lines[2].size() == 64u);
    BOOST_TEST(answer.lines[3].rfind("sessid=", 0) == 0u);
    BOOST_TEST(answer.lines[4].rfind("timestamp=", 0) == 0u);
    // The folder is named by the cookie's digest: the cookie itself is nowhere on disk.
    for (const auto& file : exchange.uploadedFiles()) {
        BOOST_TEST(file.find(answer.lines[2]) == std::string::npos);
    }
}

CRMSYNC_TEST_ON_BOTH(missing_or_expired_cookie_is_refused_and_stores_nothing) {
    ExchangeHarness exchange(backend, [](auto& s) { s.session_ttl = std::chrono::seconds(600); });
    auto client = exchange.client();
    auto no_cookie = client.call("POST", "type=catalog&mode=file&filename=import.xml", "<x/>");
    BOOST_TEST(no_cookie.lines ==
                   (std::vector<std::string>{"failure",
                                             "no session cookie: call mode=checkauth first"}),
               boost::test_tools::per_element());

    BOOST_REQUIRE(client.checkauth("catalog").verdict() == "success");
    exchange.advanceClock(std::chrono::seconds(601));
    auto expired = client.upload("catalog", "import.xml", readFile(own("import.xml")), 1 << 20);
    BOOST_TEST(expired.verdict() == "failure");
    BOOST_TEST(expired.text().find("expired") != std::string::npos, expired.text());

    client.setCookie("CRMSYNC_EXCHANGE", std::string(64, 'a'));
    BOOST_TEST(client.call("GET", "type=catalog&mode=init").verdict() == "failure");
    BOOST_TEST(onlySessionState(exchange.uploadedFiles()));
    BOOST_TEST(exchange.db().totalRows() == 0);
}

BOOST_AUTO_TEST_CASE(a_catalog_cookie_does_not_open_the_sale_exchange) {
    ExchangeHarness exchange(Backend::Sqlite);
    auto client = exchange.client();
    BOOST_REQUIRE(client.checkauth("catalog").verdict() == "success");
    BOOST_TEST(client.query().verdict() == "failure");
}

BOOST_AUTO_TEST_CASE(file_names_that_leave_the_upload_folder_are_refused) {
    ExchangeHarness exchange(Backend::Sqlite);
    auto client = startedSession(exchange);
    const std::vector<std::string> refused = {
        "../evil.xml", "/etc/passwd", "import_files\\..\\x.xml", "import_files/../../x.xml",
        "a/./../../b.xml", ".session", "name|with|pipes.xml", "nul\x01.xml", ""};
    for (const auto& name : refused) {
        auto answer = client.upload("catalog", name, "<x/>", 1 << 20);
        BOOST_TEST(answer.verdict() == "failure", name);
        BOOST_TEST(answer.text().find("file name refused") != std::string::npos, name);
    }
    BOOST_TEST(onlySessionState(exchange.uploadedFiles()));
    BOOST_TEST(!fs::exists(exchange.uploadDir().parent_path() / "evil.xml"));

    // Subfolders 1C really uses are fine.
    BOOST_TEST(client.upload("catalog", "import_files/ab/guid.jpg", "jpeg", 1 << 20).verdict() ==
               "success");
}

BOOST_AUTO_TEST_CASE(a_body_larger_than_file_limit_is_refused_and_not_stored) {
    ExchangeHarness exchange(Backend::Sqlite, [](auto& s) { s.file_limit = 4096; });
    auto client = startedSession(exchange);
    auto answer = client.call("POST", "type=catalog&mode=file&filename=import.xml",
                              std::string(5000, 'x'));
    BOOST_TEST(answer.verdict() == "failure");
    BOOST_TEST(answer.text().find("file_limit=4096") != std::string::npos, answer.text());
    BOOST_TEST(onlySessionState(exchange.uploadedFiles()));
}

CRMSYNC_TEST_ON_BOTH(a_zip_bomb_is_refused_and_nothing_is_imported) {
    ExchangeHarness exchange(backend, [](auto& s) {
        s.zip_limits.max_total_bytes = 4 << 20;
        s.zip_limits.ratio_floor_bytes = 64 << 10;
    });
    TempDir tmp;
    writeFile(tmp / "import.xml", std::string(16 << 20, ' '));  // 16 MB of blanks: ~16 KB zipped
    auto bomb = emulator::zipArchive({{"import.xml", tmp / "import.xml"}});
    auto client = startedSession(exchange);
    BOOST_REQUIRE(client.upload("catalog", "bomb.zip", bomb, 1 << 20).verdict() == "success");
    auto answer = client.importUntilDone("catalog", "import.xml").last;
    BOOST_TEST(answer.verdict() == "failure");
    BOOST_TEST(answer.text().find("archive bomb.zip refused") != std::string::npos, answer.text());
    BOOST_TEST(onlySessionState(exchange.uploadedFiles()));
    BOOST_TEST(exchange.db().totalRows() == 0);
}

CRMSYNC_TEST_ON_BOTH(import_of_a_file_never_uploaded_is_refused) {
    ExchangeHarness exchange(backend);
    auto client = startedSession(exchange);
    auto answer = client.importUntilDone("catalog", "offers.xml").last;
    BOOST_TEST(answer.lines ==
                   (std::vector<std::string>{
                       "failure",
                       "offers.xml was not uploaded in this session (send it with mode=file "
                       "first)"}),
               boost::test_tools::per_element());
    BOOST_TEST(exchange.db().tableRows("sync_run") == 0);
}

CRMSYNC_TEST_ON_BOTH(malformed_xml_fails_with_the_file_and_line_and_changes_nothing) {
    ExchangeHarness exchange(backend);
    auto client = startedSession(exchange);
    BOOST_REQUIRE(client.upload("catalog", "import.xml", readFile(own("malformed.xml")), 1 << 20)
                      .verdict() == "success");
    auto answer = client.importUntilDone("catalog", "import.xml").last;
    BOOST_TEST(answer.verdict() == "failure");
    // "import.xml:<line>: ..." names the place in the file the accountant can open.
    BOOST_TEST(answer.text().rfind("import.xml:", 0) == 0u, answer.text());
    BOOST_TEST(std::isdigit(static_cast<unsigned char>(answer.text().at(11))), answer.text());
    BOOST_TEST(exchange.db().totalRows() == 0);
}

BOOST_AUTO_TEST_CASE(unknown_modes_and_types_are_refused) {
    ExchangeHarness exchange(Backend::Sqlite);
    auto client = startedSession(exchange);
    BOOST_TEST(client.call("GET", "type=catalog&mode=frobnicate").lines ==
                   (std::vector<std::string>{"failure",
                                             "unknown command: mode=frobnicate for type=catalog"}),
               boost::test_tools::per_element());
    BOOST_TEST(client.call("GET", "type=get_catalog&mode=init").verdict() == "failure");
    BOOST_TEST(client.call("GET", "type=catalog&mode=deactivate&timestamp=1").verdict() ==
               "success");
    BOOST_TEST(client.call("GET", "type=catalog&mode=complete").verdict() == "success");
}

BOOST_AUTO_TEST_SUITE_END()
