#pragma once
// What the exchange endpoint needs to know, as app/ copies it from the daemon config (adapters
// cannot see config/). Credentials arrive here from the environment only.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "adapters/onec/commerceml/zip_package.h"

namespace crmsync::commerceml {

struct ExchangeSettings {
    std::string path = "/1c_exchange";  // URL path 1C is told to call
    // One folder per session is created inside; it holds uploads until the next init.
    std::filesystem::path upload_dir = "var/exchange";
    // Largest request body 1C may send in one POST; 1C splits bigger files into chunks of this
    // size, and a body beyond it is refused without storing anything.
    std::uint64_t file_limit = 8 << 20;
    // Largest size one uploaded file may reach over all its chunks.
    std::uint64_t max_file_bytes = 4ULL << 30;
    std::chrono::seconds session_ttl{3600};  // idle time after which a cookie stops working
    std::chrono::seconds step{20};           // longest a mode=import call works before "progress"
    bool zip = true;                         // offer zip=yes at init
    ZipLimits zip_limits;
    std::string user;      // HTTP Basic login; empty refuses every checkauth
    std::string password;  // never logged
    std::string cookie_name = "CRMSYNC_EXCHANGE";
};

}  // namespace crmsync::commerceml
