#pragma once
// An emulated 1C:Enterprise standard OData publication: a real Poco HTTP server (by default on
// 127.0.0.1, port chosen by the system) serving an OdataStore with 1C's URL conventions, JSON
// replies, error bodies and Basic auth, plus fault switches for the outages crmsync must survive.
// Used by the adapter tests, the end-to-end tests, the benchmark and `onec-emulator odata-serve`.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include "tests/emulator/odata_store.h"

namespace crmsync::emulator {

struct OdataEmulatorOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;  // 0: a free port chosen by the system, so parallel tests never clash
    std::string publication = "/base/odata/standard.odata";  // path of the publication root
    std::string user = "Администратор";
    std::string password = "secret";
    // How long a "hung" request is held before its connection is closed unanswered; set it
    // above the client's read timeout. Shutting the emulator down ends the wait early.
    std::chrono::milliseconds hang_for{10'000};
};

// Switches a test flips while the server runs. Counters ("next N") are consumed one per
// request they hit, so a fault strikes a known number of times.
struct OdataFaults {
    std::atomic<int> latency_ms{0};       // added before every answer
    std::atomic<int> fail_every{0};       // every Nth request (by requestCount) answers 500
    std::atomic<int> hang_next{0};        // held past the client's timeout, then dropped
    std::atomic<int> drop_after_write_next{0};  // writes commit, then the connection closes
    std::atomic<int> drop_after_write_every{0};  // the same for every Nth write (by writeCount)
    std::atomic<int> malformed_next{0};   // 200 with a JSON body cut in half
    std::atomic<bool> reject_auth{false};  // every request answers 401
};

class OdataEmulator {
public:
    explicit OdataEmulator(OdataEmulatorOptions options = {});
    ~OdataEmulator();
    OdataEmulator(const OdataEmulator&) = delete;
    OdataEmulator& operator=(const OdataEmulator&) = delete;

    // http://<host>:<port>/base/odata/standard.odata
    std::string url() const;
    const OdataEmulatorOptions& options() const { return options_; }
    OdataStore& store() { return store_; }
    OdataFaults& faults() { return faults_; }

    // Requests received so far, whatever their outcome.
    std::uint64_t requestCount() const { return requests_; }

    // True when the answer to the write that just committed is to be lost (a fault switch).
    bool dropThisWriteAnswer();

    // Handles one request (called by the server's threads).
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);

private:
    // Holds the calling thread for hang_for or until shutdown, whichever comes first.
    void hang();

    OdataEmulatorOptions options_;
    OdataStore store_;
    OdataFaults faults_;
    std::atomic<std::uint64_t> requests_{0};
    std::atomic<std::uint64_t> writes_{0};
    std::mutex stop_mutex_;
    std::condition_variable stop_signal_;
    bool stopping_ = false;
    Poco::ThreadPool threads_;  // declared before server_: outlives it
    std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace crmsync::emulator
