// mode=file: 1C POSTs a file's raw bytes; a file bigger than file_limit arrives in several
// calls with the same name, and each body is appended (as Bitrix opens with "ab").
#include <fstream>

#include "adapters/onec/commerceml/exchange_protocol.h"
#include "crmcore/logging.h"

namespace crmsync::commerceml {

namespace fs = std::filesystem;

namespace {

// Linux 1C servers send the path of their temp folder in front of the name (protocols.md b.1).
std::string withoutServerPrefix(std::string name) {
    for (const char* prefix : {"/tmp/", "upload/1c/webdata/"}) {
        if (name.rfind(prefix, 0) == 0) {
            return name.substr(std::string(prefix).size());
        }
    }
    return name;
}

}  // namespace

RequestedFile requestedFile(const ExchangeRequest& request) {
    auto it = request.query.find("filename");
    RequestedFile file;
    file.raw = it == request.query.end() ? std::string() : it->second;
    file.name = sanitizeRelativeName(withoutServerPrefix(file.raw));
    return file;
}

ExchangeReply ExchangeProtocol::receiveFile(ExchangeSession& session,
                                            const ExchangeRequest& request) {
    auto log = core::logger("exchange");
    auto [raw, name] = requestedFile(request);
    if (name.empty()) {
        log->warn("session={} mode=file filename={}: refused name", session.id, raw);
        return failureReply("file name refused: '" + raw +
                            "' (only relative names without '..', backslashes or special "
                            "characters are accepted)");
    }
    if (request.content_length > static_cast<long long>(settings_.file_limit)) {
        return failureReply(name + ": a part of " + std::to_string(request.content_length) +
                            " bytes exceeds file_limit=" + std::to_string(settings_.file_limit));
    }
    fs::path target = session.folder / name;
    std::error_code ec;
    bool existed = fs::exists(target, ec);
    std::uintmax_t had = existed ? fs::file_size(target, ec) : 0;
    fs::create_directories(target.parent_path());
    // Streamed straight onto the file; a refused part is cut off again, so it leaves no trace.
    std::string refusal;
    std::uint64_t received = 0;
    {
        std::ofstream out(target, std::ios::binary | std::ios::app);
        std::vector<char> block(1 << 16);
        while (request.body != nullptr && *request.body && out) {
            request.body->read(block.data(), static_cast<std::streamsize>(block.size()));
            auto n = static_cast<std::uint64_t>(request.body->gcount());
            received += n;
            if (received > settings_.file_limit) {
                refusal = name + ": a part exceeds file_limit=" +
                          std::to_string(settings_.file_limit) + " bytes";
                break;
            }
            if (had + received > settings_.max_file_bytes) {
                refusal = name + ": the file would exceed " +
                          std::to_string(settings_.max_file_bytes) + " bytes";
                break;
            }
            out.write(block.data(), static_cast<std::streamsize>(n));
        }
        out.close();
        if (refusal.empty() && !out) {
            refusal = name + ": the server could not store the file (disk full?)";
            log->error("session={} mode=file filename={}: cannot write {}", session.id, name,
                       target.string());
        }
    }
    if (!refusal.empty()) {
        if (existed) {
            fs::resize_file(target, had, ec);
        } else {
            fs::remove(target, ec);
        }
        return failureReply(refusal);
    }
    log->debug("session={} mode=file filename={}: +{} bytes, {} in all", session.id, name,
               received, had + received);
    if (session.type == "sale" && session.version.empty()) {
        // 1C without a version at init expects the orders file to be applied right here; order
        // files are small, and an hour is far beyond any HTTP timeout 1C uses.
        return runImport(session, name, std::chrono::steady_clock::now() + std::chrono::hours(1));
    }
    return successReply();
}

}  // namespace crmsync::commerceml
