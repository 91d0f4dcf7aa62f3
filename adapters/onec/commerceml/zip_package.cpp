#include "adapters/onec/commerceml/zip_package.h"

#include <algorithm>
#include <fstream>
#include <tuple>

#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include "crmcore/error.h"
#include "util/text.h"

namespace crmsync::commerceml {

namespace fs = std::filesystem;

std::string sanitizeRelativeName(const std::string& raw) {
    std::string name = raw;
    if (name.empty() || name.size() > 255 || name.front() == '/' || name.find('\\') != std::string::npos ||
        name.find(':') != std::string::npos) {
        return {};
    }
    for (unsigned char c : name) {
        if (c < 0x20 || c == 0x7F || c == '<' || c == '>' || c == '|' || c == '"' || c == '*' ||
            c == '?') {
            return {};
        }
    }
    std::string cleaned;
    std::size_t start = 0;
    while (start <= name.size()) {
        auto slash = name.find('/', start);
        std::string part = name.substr(start, slash == std::string::npos ? std::string::npos
                                                                         : slash - start);
        if (part == "..") {
            return {};
        }
        if (!part.empty() && part != ".") {
            if (part.front() == '.') {
                return {};  // hidden files and dot-dot look-alikes have no place in an exchange
            }
            cleaned += (cleaned.empty() ? "" : "/") + part;
        }
        if (slash == std::string::npos) {
            break;
        }
        start = slash + 1;
    }
    return cleaned;
}

std::vector<fs::path> unpackZip(const fs::path& zip, const fs::path& target_dir,
                                const ZipLimits& limits) {
    const std::string archive = zip.filename().string();
    std::ifstream in(zip, std::ios::binary);
    if (!in) {
        throw InputError(archive, 0, "cannot open the archive");
    }
    std::vector<fs::path> written;
    auto fail = [&](const std::string& message) {
        for (const auto& rel : written) {
            std::error_code ec;
            fs::remove(target_dir / rel, ec);
        }
        throw InputError(archive, 0, message);
    };
    try {
        Poco::Zip::ZipArchive index(in);
        std::size_t entries = 0;
        std::uint64_t total = 0;
        std::vector<char> buffer(1 << 16);
        for (auto it = index.headerBegin(); it != index.headerEnd(); ++it) {
            const auto& header = it->second;
            if (!header.isFile()) {
                continue;
            }
            if (++entries > limits.max_entries) {
                fail("more than " + std::to_string(limits.max_entries) + " entries");
            }
            std::string rel = sanitizeRelativeName(header.getFileName());
            if (rel.empty()) {
                fail("entry '" + header.getFileName() + "' has a forbidden name");
            }
            fs::path out_path = target_dir / rel;
            fs::create_directories(out_path.parent_path());
            std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
            written.push_back(rel);
            Poco::Zip::ZipInputStream entry(in, header, true);
            std::uint64_t inflated = 0;
            std::uint64_t compressed = std::max<std::uint64_t>(header.getCompressedSize(), 1);
            while (entry) {
                entry.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
                auto got = static_cast<std::uint64_t>(entry.gcount());
                if (got == 0) {
                    break;
                }
                inflated += got;
                total += got;
                if (total > limits.max_total_bytes) {
                    fail("unpacks to more than " + std::to_string(limits.max_total_bytes) +
                         " bytes (zip bomb?)");
                }
                if (inflated > limits.ratio_floor_bytes && inflated / compressed > limits.max_ratio) {
                    fail("entry '" + rel + "' inflates more than " +
                         std::to_string(limits.max_ratio) + " times its compressed size (zip bomb?)");
                }
                out.write(buffer.data(), static_cast<std::streamsize>(got));
            }
            if (!out) {
                fail("cannot write " + out_path.string());
            }
        }
    } catch (const InputError&) {
        throw;
    } catch (const Poco::Exception& e) {
        fail("not a valid zip archive: " + e.displayText());
    } catch (const std::exception& e) {
        fail(std::string("not a valid zip archive: ") + e.what());
    }
    return written;
}

namespace {

int exchangeRank(const fs::path& file) {
    std::string name = util::asciiLower(file.filename().string());
    static const std::vector<std::string> prefixes = {"import", "offers",     "prices", "rests",
                                                      "contragents", "documents", "orders"};
    for (std::size_t i = 0; i < prefixes.size(); ++i) {
        if (name.rfind(prefixes[i], 0) == 0) {
            return static_cast<int>(i);
        }
    }
    return static_cast<int>(prefixes.size());
}

}  // namespace

std::vector<fs::path> exchangeOrder(std::vector<fs::path> files) {
    std::stable_sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
        // Rank first, then shallower first: a 3.x package keeps its classifier at the top and
        // the goods of each part in numbered subfolders.
        auto key = [](const fs::path& p) {
            return std::make_tuple(exchangeRank(p), std::distance(p.begin(), p.end()), p.string());
        };
        return key(a) < key(b);
    });
    return files;
}

}  // namespace crmsync::commerceml
