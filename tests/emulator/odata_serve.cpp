#include "tests/emulator/odata_serve.h"

#include <charconv>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <random>
#include <sstream>

#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>

#include "app/cli_args.h"
#include "tests/emulator/odata_emulator.h"
#include "tests/emulator/ut11_infobase.h"

namespace crmsync::emulator {

const char* const kOdataServeUsage =
    "usage: onec-emulator odata-serve [--listen HOST:PORT] [--user LOGIN] [--groups N]\n"
    "                     [--units N] [--items N] [--price-types N] [--counterparties N]\n"
    "                     [--orders N] [--latency-ms N] [--fail-every N]\n"
    "  serves an emulated 1C:УТ 11 OData publication (default 127.0.0.1:8081, user\n"
    "  Администратор) until Ctrl-C or SIGTERM; --latency-ms delays every answer,\n"
    "  --fail-every N answers every Nth request with 1C's 500 error.\n"
    "  password: CRMSYNC_ONEC_PASSWORD (the variable crmsync odata pull reads);\n"
    "  unset, one is made up for the run and printed\n";

namespace {

// The variable `crmsync odata pull` reads: one export serves both sides of the demo.
constexpr const char* kPasswordVariable = "CRMSYNC_ONEC_PASSWORD";
// Beside the daemon's 8080 (config/crmsync.ini), so the demo runs both at once.
constexpr const char* kDefaultListen = "127.0.0.1:8081";

struct ServeOptions {
    OdataEmulatorOptions server;
    Ut11Size size;
    int latency_ms = 0;
    int fail_every = 0;
};

std::size_t wholeNumber(const app::CliArgs& args, const std::string& name, std::size_t fallback) {
    auto text = args.option(name);
    if (!text) {
        return fallback;
    }
    std::size_t value = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc() || end != text->data() + text->size()) {
        throw app::UsageError("--" + name + " needs a whole number, not '" + *text + "'");
    }
    return value;
}

int smallNumber(const app::CliArgs& args, const std::string& name) {
    std::size_t value = wholeNumber(args, name, 0);
    if (value > 1'000'000) {
        throw app::UsageError("--" + name + " is out of range: " + std::to_string(value));
    }
    return static_cast<int>(value);
}

void setListen(const std::string& text, OdataEmulatorOptions& server) {
    try {
        Poco::Net::SocketAddress address(text);
        server.host = address.host().toString();
        server.port = address.port();
    } catch (const Poco::Exception& e) {
        throw app::UsageError("--listen needs HOST:PORT, not '" + text + "' (" + e.displayText() +
                              ")");
    }
}

ServeOptions parseServeOptions(const std::vector<std::string>& words) {
    app::CliArgs args(words,
                      {"listen", "user", "groups", "units", "items", "price-types",
                       "counterparties", "orders", "latency-ms", "fail-every"},
                      {});
    if (!args.positional().empty()) {
        throw app::UsageError("unexpected argument '" + args.positional().front() + "'");
    }
    ServeOptions options;
    setListen(args.option("listen").value_or(kDefaultListen), options.server);
    options.server.user = args.option("user").value_or(options.server.user);
    Ut11Size& size = options.size;
    size.groups = wholeNumber(args, "groups", size.groups);
    size.units = wholeNumber(args, "units", size.units);
    size.items = wholeNumber(args, "items", size.items);
    size.price_types = wholeNumber(args, "price-types", size.price_types);
    size.counterparties = wholeNumber(args, "counterparties", size.counterparties);
    size.orders = wholeNumber(args, "orders", size.orders);
    options.latency_ms = smallNumber(args, "latency-ms");
    options.fail_every = smallNumber(args, "fail-every");
    return options;
}

std::string throwawayPassword() {
    std::random_device random;  // /dev/urandom on Linux
    std::ostringstream hex;
    for (int i = 0; i < 6; ++i) {
        hex << std::hex << std::setw(4) << std::setfill('0') << (random() & 0xffffu);
    }
    return hex.str();
}

// SIGINT and SIGTERM blocked in this thread and, by inheritance, in the server's threads (so it
// must run before they start): they are then received only by sigwait, never by a handler that
// would have to stop the server from signal context.
sigset_t blockTerminationSignals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return signals;
}

void printBanner(const OdataEmulator& onec, const ServeOptions& options, bool password_generated) {
    const Ut11Size& size = options.size;
    const std::string& user = onec.options().user;
    std::cout << "1C:УТ 11 OData publication (emulated): " << size.items << " items in "
              << size.groups << " groups, " << size.units << " units, " << size.price_types
              << " price types, " << size.counterparties << " counterparties, " << size.orders
              << " orders\n"
              << "  URL:       " << onec.url() << "\n"
              << "  user:      " << user << "\n";
    if (password_generated) {
        std::cout << "  password:  " << onec.options().password << "  (made up for this run; "
                  << "export " << kPasswordVariable << " to choose it)\n";
    } else {
        std::cout << "  password:  the one in " << kPasswordVariable << "\n";
    }
    if (options.latency_ms > 0 || options.fail_every > 0) {
        std::cout << "  faults:    " << options.latency_ms << " ms before every answer";
        if (options.fail_every > 0) {
            std::cout << ", 1 request in " << options.fail_every << " answers 1C's error 500";
        }
        std::cout << "\n";
    }
    std::cout << "Pull it into the CRM from another terminal, with " << kPasswordVariable
              << " exported:\n"
              << "  build/app/crmsync odata pull --db sqlite://var/odata-demo.db \\\n"
              << "      --mapping config/mappings/odata-ut11.xml \\\n"
              << "      --url " << onec.url() << " --user " << user << "\n"
              << "Ctrl-C stops the emulator." << std::endl;  // flushed: stdout may be a pipe
}

}  // namespace

int runOdataServe(const std::vector<std::string>& args) {
    if (args.size() == 1 && (args.front() == "--help" || args.front() == "-h")) {
        std::cout << kOdataServeUsage;
        return 0;
    }
    ServeOptions options;
    try {
        options = parseServeOptions(args);
    } catch (const app::UsageError& e) {
        std::cerr << "onec-emulator odata-serve: " << e.what() << "\n" << kOdataServeUsage;
        return 2;
    }
    // Never from the command line, where `ps` would show it.
    const char* exported = std::getenv(kPasswordVariable);
    bool password_generated = exported == nullptr || *exported == '\0';
    options.server.password = password_generated ? throwawayPassword() : exported;

    sigset_t signals = blockTerminationSignals();
    try {
        OdataEmulator onec(options.server);
        seedUt11(onec.store(), options.size);
        onec.faults().latency_ms = options.latency_ms;
        onec.faults().fail_every = options.fail_every;
        printBanner(onec, options, password_generated);

        int received = 0;
        sigwait(&signals, &received);
        std::cout << "onec-emulator: " << ::strsignal(received) << ", stopping after "
                  << onec.requestCount() << " requests" << std::endl;
    } catch (const Poco::Exception& e) {
        std::cerr << "onec-emulator odata-serve: cannot serve on " << options.server.host << ":"
                  << options.server.port << ": " << e.displayText() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "onec-emulator odata-serve: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace crmsync::emulator
