// mode=import: unpack zips on the first call, then import the named file step by step. Each
// call waits for the backend at most `step` seconds and answers progress while it works.
#include <algorithm>
#include <fstream>

#include "adapters/onec/commerceml/exchange_protocol.h"
#include "crmcore/error.h"
#include "crmcore/logging.h"
#include "util/text.h"

namespace crmsync::commerceml {

namespace fs = std::filesystem;

namespace {

bool isZip(const fs::path& path) { return util::hasExtension(path, ".zip"); }

// Beside each unpacked zip, the list of what came out of it. The dot keeps it out of reach of
// uploads (sanitizeRelativeName refuses dot names) and marks the zip as done.
fs::path contentsList(const fs::path& zip) {
    std::string name = ".";
    name += zip.filename().string();
    name += ".files";
    return zip.parent_path() / name;
}

std::vector<fs::path> pendingZips(const fs::path& folder) {
    std::vector<fs::path> zips;
    for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.is_regular_file() && isZip(entry.path()) &&
            !fs::exists(contentsList(entry.path()))) {
            zips.push_back(entry.path());
        }
    }
    std::sort(zips.begin(), zips.end());
    return zips;
}

std::vector<fs::path> readContents(const fs::path& list) {
    std::vector<fs::path> files;
    std::ifstream in(list);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) {
            files.emplace_back(line);
        }
    }
    return files;
}

}  // namespace

ExchangeReply ExchangeProtocol::importFile(ExchangeSession& session,
                                           const ExchangeRequest& request) {
    auto log = core::logger("exchange");
    auto [raw, name] = requestedFile(request);
    if (name.empty()) {
        return failureReply("file name refused: '" + raw + "'");
    }
    // As Bitrix does, the first import call of a zip exchange unpacks, whatever file it names.
    auto zips = pendingZips(session.folder);
    if (!zips.empty()) {
        std::string done;
        for (const auto& zip : zips) {
            std::string zip_name = fs::relative(zip, session.folder).string();
            std::vector<fs::path> unpacked;
            try {
                unpacked = unpackZip(zip, session.folder, settings_.zip_limits);
            } catch (const InputError& e) {
                log->warn("session={} mode=import filename={}: archive refused: {}", session.id,
                          zip_name, e.what());
                fs::remove(zip);  // a bad archive must not be tried again at every call
                return failureReply("archive " + zip_name + " refused: " + e.reason());
            }
            std::ofstream list(contentsList(zip), std::ios::trunc);
            for (const auto& rel : unpacked) {
                list << rel.string() << "\n";
                if (isZip(rel)) {
                    // An archive inside the archive stays packed: unpacking it too would let
                    // nesting multiply the limits.
                    std::ofstream(contentsList(session.folder / rel), std::ios::trunc);
                }
            }
            done += (done.empty() ? "" : ", ") + zip_name + " (" +
                    std::to_string(unpacked.size()) + " files)";
            log->info("session={} mode=import unpacked {}: {} files", session.id, zip_name,
                      unpacked.size());
        }
        return progressReply("unpacked " + done);
    }
    return runImport(session, name, std::chrono::steady_clock::now() + settings_.step);
}

ExchangeReply ExchangeProtocol::runImport(ExchangeSession& session, const std::string& name,
                                          std::chrono::steady_clock::time_point deadline) {
    fs::path path = session.folder / name;
    std::vector<UploadedFile> files;
    if (isZip(path) && fs::exists(contentsList(path))) {
        std::vector<fs::path> xml;
        for (const auto& rel : readContents(contentsList(path))) {
            if (util::hasExtension(rel, ".xml")) {
                xml.push_back(rel);
            }
        }
        for (const auto& rel : exchangeOrder(xml)) {
            files.push_back({session.folder / rel, rel.string()});
        }
    } else if (fs::is_regular_file(path)) {
        files.push_back({path, name});
    }
    if (files.empty()) {
        return failureReply(name + " was not uploaded in this session (send it with mode=file "
                                   "first)");
    }
    auto progress = backend_.importFiles(session.id + "/" + name, files, deadline);
    switch (progress.state) {
        case ImportProgress::State::Running:
            return progressReply(progress.text);
        case ImportProgress::State::Succeeded:
            return successReply(progress.text);
        case ImportProgress::State::Failed:
            break;
    }
    core::logger("exchange")->warn("session={} mode=import filename={} failed: {}", session.id,
                                   name, progress.text);
    return failureReply(progress.text);
}

}  // namespace crmsync::commerceml
