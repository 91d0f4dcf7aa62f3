#pragma once
// The client half of 1C's "exchange with site" protocol, over real HTTP, doing exactly what a
// 1C:Enterprise node does: Basic auth at checkauth, the cookie it returns on every later call,
// init, raw POST bodies in file_limit parts, the import loop until success or failure, and the
// sale cycle (query, success, file). Answers are read as 1C reads them: windows-1251 text,
// first line the verdict.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crmsync::emulator {

struct Answer {
    int status = 0;
    std::string content_type;
    std::string body;                // as received (bytes)
    std::vector<std::string> lines;  // the body decoded from windows-1251 to UTF-8, split at \n
    std::string verdict() const { return lines.empty() ? std::string() : lines.front(); }
    std::string text() const;        // lines after the verdict, joined by \n
};

struct InitAnswer {
    bool zip = false;
    std::uint64_t file_limit = 0;
    Answer raw;
};

struct ImportResult {
    Answer last;           // success or failure (or the last progress if max_calls ran out)
    int progress_calls = 0;
};

class OneCClient {
public:
    // `url` like http://127.0.0.1:8080/1c_exchange.
    OneCClient(const std::string& url, std::string user, std::string password);

    // GET ?type=..&mode=checkauth with Basic auth; on success keeps the cookie for later calls.
    Answer checkauth(const std::string& type);
    InitAnswer init(const std::string& type, const std::string& version = {});
    // POSTs `bytes` as `filename` in parts of at most `chunk` bytes; stops at the first answer
    // that is not success and returns it (or the last success).
    Answer upload(const std::string& type, const std::string& filename, const std::string& bytes,
                  std::uint64_t chunk);
    // Calls mode=import until the answer is not progress (at most `max_calls` times).
    ImportResult importUntilDone(const std::string& type, const std::string& filename,
                                 int max_calls = 100000);
    Answer query(const std::string& version = {});
    Answer saleSuccess();

    // Any call: `query` is appended to the URL as it is ("type=catalog&mode=init").
    Answer call(const std::string& method, const std::string& query, const std::string& body = {},
                bool with_auth = false);

    void forgetCookie() { cookie_.reset(); }
    void setCookie(std::string name, std::string value) {
        cookie_ = std::make_pair(std::move(name), std::move(value));
    }
    const std::optional<std::pair<std::string, std::string>>& cookie() const { return cookie_; }

private:
    std::string host_;
    unsigned short port_ = 80;
    std::string path_;
    std::string user_;
    std::string password_;
    std::optional<std::pair<std::string, std::string>> cookie_;
};

// UTF-8 text of a windows-1251 body.
std::string fromWindows1251(const std::string& bytes);
// Percent-encodes a query value.
std::string urlEncode(const std::string& value);

}  // namespace crmsync::emulator
