#pragma once
// What the OData client needs to know, as app/ copies it from the daemon config (adapters cannot
// see config/). Credentials arrive here from the environment only.
#include <chrono>
#include <cstddef>
#include <string>

#include "util/backoff.h"

namespace crmsync::odata {

// How failed requests that may succeed later (5xx, refused or reset connections, timeouts) are
// repeated (util/backoff.h).
using RetryPolicy = util::RetryPolicy;

struct OdataSettings {
    // Publication root, e.g. http://host/base/odata/standard.odata (https selects TLS). A user
    // and password written into it (http://user:pw@host/...) are used when `user` is empty.
    std::string base_url;
    std::string user;      // 1C infobase user for HTTP Basic auth (UTF-8)
    std::string password;  // never logged nor put into any message
    std::chrono::milliseconds connect_timeout{10'000};
    // Longest wait for any read from 1C; a large unindexed $filter can keep 1C busy for a while.
    std::chrono::milliseconds read_timeout{120'000};
    // Rows asked for per request when listing; 1C builds the whole page in memory before
    // answering, so bigger pages trade fewer round trips for memory on the 1C server.
    std::size_t page_size = 1000;
    RetryPolicy retry;
};

}  // namespace crmsync::odata
