#pragma once
// What the web layer is told by the daemon's [http] config, with the clock it reads.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace crmsync::app::web {

// Unix seconds now; tests pass a clock they move by hand.
using Clock = std::function<std::int64_t()>;
Clock systemClock();

struct WebSettings {
    // Host header values accepted (host:port, compared case-insensitively). Empty: the listen
    // host, localhost and 127.0.0.1, each with the port the request came in on. Anything else
    // is refused (421): a DNS-rebinding page cannot reach the API through a name it controls.
    std::vector<std::string> allowed_hosts;
    std::string listen_host = "127.0.0.1";
    // Cookies get Secure: set when a TLS proxy fronts crmsync.
    bool secure_cookie = false;
    std::int64_t session_idle_seconds = 30 * 60;
    std::int64_t session_max_seconds = 12 * 3600;
    // Failed sign-ins per user name and per client address within the window before 429.
    int login_failures = 5;
    std::int64_t login_window_seconds = 15 * 60;
};

}  // namespace crmsync::app::web
