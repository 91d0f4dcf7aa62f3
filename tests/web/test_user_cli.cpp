// crmsync user add|passwd read the password from standard input; token add prints a token
// that signs a script in.
#include <iostream>
#include <sstream>

#include <boost/test/unit_test.hpp>

#include "app/cli_args.h"
#include "app/commands.h"
#include "app/web/credentials.h"
#include "app/web/store_pool.h"
#include "crmcore/error.h"
#include "tests/support/test_database.h"

using namespace crmsync::test;
namespace app = crmsync::app;

namespace {

// Runs `command` with `input` as standard input; returns what it printed.
std::string withInput(const std::string& input, const std::function<int()>& command, int& code) {
    std::istringstream in(input);
    std::ostringstream out;
    auto* old_in = std::cin.rdbuf(in.rdbuf());
    auto* old_out = std::cout.rdbuf(out.rdbuf());
    try {
        code = command();
    } catch (...) {
        std::cin.rdbuf(old_in);
        std::cout.rdbuf(old_out);
        throw;
    }
    std::cin.rdbuf(old_in);
    std::cout.rdbuf(old_out);
    return out.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(user_cli)

CRMSYNC_TEST_ON_BOTH(user_add_reads_the_password_from_standard_input) {
    TestDatabase db(backend);
    int code = -1;
    std::string printed = withInput("s3cret-enough\n", [&] {
        return app::runUser({"add", "--db", db.url(), "--role", "admin", "bob"});
    }, code);
    BOOST_TEST(code == 0);
    BOOST_TEST(printed == "user bob (admin) added\n");
    auto user = crmsync::app::web::openWebStore(db.url())->accounts().findUser("bob");
    BOOST_REQUIRE(user.has_value());
    BOOST_TEST(user->role == "admin");
    BOOST_TEST(user->password_hash.rfind("$argon2id$", 0) == 0u);
    BOOST_TEST(crmsync::app::web::verifyPassword(user->password_hash, "s3cret-enough"));
    BOOST_TEST(!crmsync::app::web::verifyPassword(user->password_hash, "s3cret-enough\n"));

    // A password is never an argument: an extra word is a usage error.
    BOOST_CHECK_THROW(app::runUser({"add", "--db", db.url(), "--role", "admin", "eve", "pw"}),
                      app::UsageError);
    BOOST_CHECK_EXCEPTION(withInput("short\n", [&] {
        return app::runUser({"add", "--db", db.url(), "--role", "admin", "eve"});
    }, code), app::UsageError, [](const app::UsageError& e) {
        return std::string(e.what()) ==
               "the password (read from standard input) must have at least 8 characters";
    });
    BOOST_CHECK_THROW(app::runUser({"add", "--db", db.url(), "--role", "root", "eve"}),
                      app::UsageError);
    BOOST_CHECK_EXCEPTION(withInput("another-one\n", [&] {
        return app::runUser({"add", "--db", db.url(), "--role", "admin", "bob"});
    }, code), crmsync::Error, [](const crmsync::Error& e) {
        return std::string(e.what()).find("user 'bob' exists already") == 0;
    });

    withInput("changed-pass\n", [&] { return app::runUser({"passwd", "--db", db.url(), "bob"}); },
              code);
    user = crmsync::app::web::openWebStore(db.url())->accounts().findUser("bob");
    BOOST_TEST(crmsync::app::web::verifyPassword(user->password_hash, "changed-pass"));
    BOOST_TEST(withInput("", [&] { return app::runUser({"list", "--db", db.url()}); }, code) ==
               "bob  admin\n");
    withInput("", [&] { return app::runUser({"remove", "--db", db.url(), "bob"}); }, code);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM web_user") == 0);
}

CRMSYNC_TEST_ON_BOTH(token_add_prints_a_token_stored_as_its_hash) {
    TestDatabase db(backend);
    int code = -1;
    std::string printed = withInput("", [&] {
        return app::runToken({"add", "--db", db.url(), "--role", "accountant", "report"});
    }, code);
    BOOST_TEST(code == 0);
    BOOST_REQUIRE_EQUAL(printed.size(), 65u);
    std::string token = printed.substr(0, 64);
    auto found = crmsync::app::web::openWebStore(db.url())->accounts().findToken(
        crmsync::app::web::tokenHash(token));
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->name == "report");
    BOOST_TEST(found->role == "accountant");
    BOOST_TEST(db.count("SELECT COUNT(*) FROM api_token WHERE token_hash = '" + token + "'") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
