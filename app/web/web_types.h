#pragma once
// A request and a response of the web layer as plain values: the router and every handler
// work on these, so they are tested without sockets and never see Poco.
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace crmsync::app::web {

struct WebRequest {
    std::string method;  // "GET", "POST", ...
    std::string path;    // decoded, without the query
    std::map<std::string, std::string> query;  // a repeated parameter keeps its last value
    std::string host;           // the Host header
    std::string origin;         // the Origin header, "" when absent
    std::string cookie;         // the crmsync_session cookie's value, "" when absent
    std::string authorization;  // the Authorization header
    std::string csrf_token;     // the X-CSRF-Token header
    std::string client_ip;
    unsigned short server_port = 0;  // the port the request came in on
    std::string body;
};

struct WebResponse {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // beyond the content type
};

}  // namespace crmsync::app::web
