#include "tests/emulator/onec_client.h"

#include <sstream>
#include <stdexcept>

#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/StreamCopier.h>
#include <Poco/TextConverter.h>
#include <Poco/URI.h>
#include <Poco/UTF8Encoding.h>
#include <Poco/Windows1251Encoding.h>

namespace crmsync::emulator {

std::string Answer::text() const {
    std::string out;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        out += (i > 1 ? "\n" : "") + lines[i];
    }
    return out;
}

std::string fromWindows1251(const std::string& bytes) {
    Poco::Windows1251Encoding from;
    Poco::UTF8Encoding to;
    Poco::TextConverter converter(from, to);
    std::string out;
    converter.convert(bytes, out);
    return out;
}

std::string urlEncode(const std::string& value) {
    std::string out;
    Poco::URI::encode(value, "&=+?#/", out);
    return out;
}

OneCClient::OneCClient(const std::string& url, std::string user, std::string password)
    : user_(std::move(user)), password_(std::move(password)) {
    Poco::URI uri(url);
    host_ = uri.getHost();
    port_ = uri.getPort();
    path_ = uri.getPath();
}

Answer OneCClient::call(const std::string& method, const std::string& query,
                        const std::string& body, bool with_auth) {
    Poco::Net::HTTPClientSession session(host_, port_);
    session.setTimeout(Poco::Timespan(300, 0));
    Poco::Net::HTTPRequest request(method, path_ + "?" + query, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("User-Agent", "1C+Enterprise/8.3");
    if (with_auth) {
        Poco::Net::HTTPBasicCredentials(user_, password_).authenticate(request);
    }
    if (cookie_) {
        Poco::Net::NameValueCollection cookies;
        cookies.add(cookie_->first, cookie_->second);
        request.setCookies(cookies);
    }
    if (method == Poco::Net::HTTPRequest::HTTP_POST) {
        request.setContentType("application/octet-stream");
        request.setContentLength64(static_cast<Poco::Int64>(body.size()));
        session.sendRequest(request).write(body.data(), static_cast<std::streamsize>(body.size()));
    } else {
        session.sendRequest(request);
    }
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Answer answer;
    answer.status = static_cast<int>(response.getStatus());
    answer.content_type = response.getContentType();
    Poco::StreamCopier::copyToString(in, answer.body);
    std::istringstream text(fromWindows1251(answer.body));
    for (std::string line; std::getline(text, line);) {
        answer.lines.push_back(line);
    }
    return answer;
}

Answer OneCClient::checkauth(const std::string& type) {
    forgetCookie();
    Answer answer = call("GET", "type=" + type + "&mode=checkauth", {}, true);
    if (answer.verdict() == "success" && answer.lines.size() >= 3) {
        cookie_ = std::make_pair(answer.lines[1], answer.lines[2]);
    }
    return answer;
}

InitAnswer OneCClient::init(const std::string& type, const std::string& version) {
    InitAnswer init;
    init.raw = call("GET", "type=" + type + "&mode=init" +
                               (version.empty() ? "" : "&version=" + urlEncode(version)));
    for (const auto& line : init.raw.lines) {
        if (line == "zip=yes") {
            init.zip = true;
        } else if (line.rfind("file_limit=", 0) == 0) {
            init.file_limit = std::stoull(line.substr(11));
        }
    }
    return init;
}

Answer OneCClient::upload(const std::string& type, const std::string& filename,
                          const std::string& bytes, std::uint64_t chunk) {
    if (chunk == 0) {
        throw std::invalid_argument("upload chunk size must be positive");
    }
    std::string query = "type=" + type + "&mode=file&filename=" + urlEncode(filename);
    Answer last;
    std::size_t offset = 0;
    do {
        std::size_t n = std::min<std::size_t>(chunk, bytes.size() - offset);
        last = call("POST", query, bytes.substr(offset, n));
        offset += n;
        if (last.verdict() != "success") {
            return last;
        }
    } while (offset < bytes.size());
    return last;
}

ImportResult OneCClient::importUntilDone(const std::string& type, const std::string& filename,
                                         int max_calls) {
    ImportResult result;
    std::string query = "type=" + type + "&mode=import&filename=" + urlEncode(filename);
    for (int i = 0; i < max_calls; ++i) {
        result.last = call("GET", query);
        if (result.last.verdict() != "progress") {
            break;
        }
        ++result.progress_calls;
    }
    return result;
}

Answer OneCClient::query(const std::string& version) {
    return call("GET", "type=sale&mode=query" +
                           (version.empty() ? "" : "&version=" + urlEncode(version)));
}

Answer OneCClient::saleSuccess() { return call("GET", "type=sale&mode=success"); }

}  // namespace crmsync::emulator
