// The [exchange] and [odata] sections of the daemon config: defaults, ranges, and credentials
// that come from the environment only.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <sstream>

#include "app/site_exchange.h"
#include "config/daemon_config.h"
#include "tests/support/test_env.h"

using namespace crmsync;
using namespace crmsync::test;

namespace {

// Sets an environment variable for one test and puts the old value back afterwards.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) {
            old_ = old;
        }
        setenv(name, value, 1);
    }
    ~ScopedEnv() {
        if (old_) {
            setenv(name_, old_->c_str(), 1);
        } else {
            unsetenv(name_);
        }
    }

private:
    const char* name_;
    std::optional<std::string> old_;
};

bool mentions(const std::exception& e, const std::string& text) {
    return std::string(e.what()).find(text) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(exchange_config)

BOOST_AUTO_TEST_CASE(sample_config_enables_the_endpoint_with_credentials_from_the_environment) {
    ScopedEnv user("CRMSYNC_EXCHANGE_USER", "site");
    ScopedEnv password("CRMSYNC_EXCHANGE_PASSWORD", "s3cret");
    auto cfg = config::loadDaemonConfig(std::filesystem::path(CRMSYNC_SOURCE_DIR) / "config" /
                                        "crmsync.ini");
    BOOST_TEST(cfg.exchange.enabled);
    BOOST_TEST(cfg.exchange.path == "/1c_exchange");
    BOOST_TEST(cfg.exchange.file_limit == 8388608u);
    BOOST_TEST(cfg.exchange.step.count() == 20);
    BOOST_TEST(cfg.exchange.user == "site");
    std::ostringstream printed;
    printed << cfg.exchange.password;
    BOOST_TEST(printed.str() == "***");
    auto settings = app::exchangeSettings(cfg.exchange);
    BOOST_TEST(settings.password == "s3cret");
    BOOST_TEST(settings.upload_dir == "var/exchange");
}

BOOST_AUTO_TEST_CASE(credentials_in_the_file_are_refused_with_the_line) {
    TempDir tmp;
    writeFile(tmp / "crmsync.ini", "[exchange]\npath = /1c\npassword = hunter2\n");
    BOOST_CHECK_EXCEPTION(config::loadDaemonConfig(tmp / "crmsync.ini"), std::exception,
                          [](const std::exception& e) {
                              return mentions(e, "crmsync.ini:3: exchange.password") &&
                                     mentions(e, "CRMSYNC_EXCHANGE_PASSWORD") &&
                                     !mentions(e, "hunter2");
                          });
}

BOOST_AUTO_TEST_CASE(out_of_range_exchange_settings_name_the_line_and_the_range) {
    TempDir tmp;
    writeFile(tmp / "crmsync.ini", "[exchange]\nstep_seconds = 0\n");
    BOOST_CHECK_EXCEPTION(config::loadDaemonConfig(tmp / "crmsync.ini"), std::exception,
                          [](const std::exception& e) {
                              return mentions(e, "crmsync.ini:2: exchange.step_seconds: must be "
                                                 "a whole number from 1 to 600");
                          });
    writeFile(tmp / "crmsync.ini", "[exchange]\npath = 1c_exchange\n");
    BOOST_CHECK_EXCEPTION(config::loadDaemonConfig(tmp / "crmsync.ini"), std::exception,
                          [](const std::exception& e) {
                              return mentions(e, "crmsync.ini:2: exchange.path");
                          });
}

BOOST_AUTO_TEST_CASE(the_odata_section_is_off_by_default_and_checked_when_on) {
    TempDir tmp;
    writeFile(tmp / "crmsync.ini", "[http]\nlisten = 127.0.0.1:8080\n");
    BOOST_TEST(!config::loadDaemonConfig(tmp / "crmsync.ini").odata.enabled);

    ScopedEnv password("CRMSYNC_ONEC_PASSWORD", "1c-s3cret");
    writeFile(tmp / "crmsync.ini", "[odata]\nenabled = true\nurl = http://1c/base/odata/"
                                   "standard.odata\nuser = Обмен\ninterval_seconds = 60\n"
                                   "push = false\n");
    auto cfg = config::loadDaemonConfig(tmp / "crmsync.ini");
    BOOST_TEST(cfg.odata.user == "Обмен");
    BOOST_TEST(cfg.odata.interval.count() == 60);
    BOOST_TEST(!cfg.odata.push);
    BOOST_TEST(cfg.odata.password.reveal() == "1c-s3cret");

    writeFile(tmp / "crmsync.ini", "[odata]\nenabled = true\nuser = Обмен\n");
    BOOST_CHECK_EXCEPTION(config::loadDaemonConfig(tmp / "crmsync.ini"), std::exception,
                          [](const std::exception& e) { return mentions(e, "odata.url"); });
    writeFile(tmp / "crmsync.ini", "[odata]\nurl = ftp://1c/\n");
    BOOST_CHECK_EXCEPTION(config::loadDaemonConfig(tmp / "crmsync.ini"), std::exception,
                          [](const std::exception& e) {
                              return mentions(e, "crmsync.ini:2: odata.url");
                          });
    writeFile(tmp / "crmsync.ini", "[odata]\npassword = hunter2\n");
    BOOST_CHECK_EXCEPTION(config::loadDaemonConfig(tmp / "crmsync.ini"), std::exception,
                          [](const std::exception& e) {
                              return mentions(e, "CRMSYNC_ONEC_PASSWORD") &&
                                     !mentions(e, "hunter2");
                          });
}

BOOST_AUTO_TEST_SUITE_END()
