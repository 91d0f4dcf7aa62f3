// onec-emulator: plays a 1C:Enterprise "exchange with site" node against a crmsync endpoint, for
// the demo and the benchmark, or serves an emulated 1C OData publication (odata_serve.h).
//   onec-emulator --url URL catalog [--zip] [--chunk BYTES] PATH...
//   onec-emulator --url URL sale [--version V] [--no-success] [--out FILE] [--status-file FILE]
//   onec-emulator odata-serve [--listen HOST:PORT] [--items N] ...
// catalog and sale take the login from --user or CRMSYNC_EXCHANGE_USER, the password from
// CRMSYNC_EXCHANGE_PASSWORD only (never from the command line, where ps would show it).
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "tests/emulator/exchange_scenarios.h"
#include "tests/emulator/odata_serve.h"

namespace {

using namespace crmsync::emulator;
namespace fs = std::filesystem;

const char* kUsage =
    "usage: onec-emulator --url URL [--user LOGIN] catalog [--zip] [--chunk BYTES] PATH...\n"
    "       onec-emulator --url URL [--user LOGIN] sale [--version V] [--no-success]\n"
    "                     [--out FILE] [--status-file FILE]\n"
    "       onec-emulator odata-serve [OPTIONS]   an emulated 1C OData publication (--help)\n"
    "catalog, sale: password CRMSYNC_EXCHANGE_PASSWORD; login --user or CRMSYNC_EXCHANGE_USER\n";

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

std::string readAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

int runCatalog(OneCClient& client, const std::vector<std::string>& args) {
    CatalogPushOptions options;
    std::vector<ExchangeFile> files;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--zip") {
            options.zip = true;
        } else if (args[i] == "--chunk" && i + 1 < args.size()) {
            options.chunk = std::stoull(args[++i]);
        } else if (fs::is_directory(args[i])) {
            auto found = exchangeFilesIn(args[i]);
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::is_regular_file(args[i])) {
            files.push_back({fs::path(args[i]).filename().string(), args[i]});
        } else {
            std::cerr << "onec-emulator: no such file or option: " << args[i] << "\n" << kUsage;
            return 2;
        }
    }
    if (files.empty()) {
        std::cerr << kUsage;
        return 2;
    }
    auto started = std::chrono::steady_clock::now();
    PushReport report = pushCatalog(client, files, options);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
                         .count();
    for (const auto& answer : report.final_answers) {
        std::cout << answer.text() << "\n";
    }
    std::cout << (report.ok ? "exchange succeeded" : "exchange FAILED: " + report.failure)
              << " (" << report.progress_calls << " progress answers; upload "
              << report.upload_seconds << " s, import " << report.import_seconds << " s, "
              << seconds << " s in all)\n";
    return report.ok ? 0 : 1;
}

int runSale(OneCClient& client, const std::vector<std::string>& args) {
    std::string version = "2.08";
    bool send_success = true;
    std::string out_file;
    std::string status_file;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--version" && i + 1 < args.size()) {
            version = args[++i];
        } else if (args[i] == "--no-success") {
            send_success = false;
        } else if (args[i] == "--out" && i + 1 < args.size()) {
            out_file = args[++i];
        } else if (args[i] == "--status-file" && i + 1 < args.size()) {
            status_file = args[++i];
        } else {
            std::cerr << kUsage;
            return 2;
        }
    }
    Answer auth = client.checkauth("sale");
    if (auth.verdict() != "success") {
        std::cerr << "checkauth: " << auth.verdict() << ": " << auth.text() << "\n";
        return 1;
    }
    client.init("sale", version);
    Answer orders = client.query(version);
    auto ids = documentIds(orders.body);
    std::cout << "query: " << ids.size() << " orders\n";
    if (!out_file.empty()) {
        std::ofstream(out_file, std::ios::binary) << orders.body;
    }
    if (send_success) {
        std::cout << "success: " << client.saleSuccess().verdict() << "\n";
    }
    if (!status_file.empty()) {
        std::string name = fs::path(status_file).filename().string();
        Answer sent = client.upload("sale", name, readAll(status_file), 1 << 20);
        if (sent.verdict() != "success") {
            std::cerr << "file " << name << ": " << sent.verdict() << ": " << sent.text() << "\n";
            return 1;
        }
        ImportResult imported = client.importUntilDone("sale", name);
        std::cout << "import " << name << ": " << imported.last.verdict() << "\n"
                  << imported.last.text() << "\n";
        return imported.last.verdict() == "success" ? 0 : 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> words(argv + 1, argv + argc);
    if (!words.empty() && words.front() == "odata-serve") {
        return runOdataServe({words.begin() + 1, words.end()});
    }
    std::string url;
    std::string user = env("CRMSYNC_EXCHANGE_USER");
    std::size_t i = 0;
    for (; i + 1 < words.size() && words[i].rfind("--", 0) == 0; i += 2) {
        if (words[i] == "--url") {
            url = words[i + 1];
        } else if (words[i] == "--user") {
            user = words[i + 1];
        } else {
            break;
        }
    }
    if (url.empty() || i >= words.size()) {
        std::cerr << kUsage;
        return 2;
    }
    std::string command = words[i];
    std::vector<std::string> rest(words.begin() + static_cast<long>(i) + 1, words.end());
    try {
        OneCClient client(url, user, env("CRMSYNC_EXCHANGE_PASSWORD"));
        if (command == "catalog") {
            return runCatalog(client, rest);
        }
        if (command == "sale") {
            return runSale(client, rest);
        }
        std::cerr << kUsage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "onec-emulator: " << e.what() << "\n";
        return 1;
    }
}
