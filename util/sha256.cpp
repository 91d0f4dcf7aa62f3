#include "util/sha256.h"

#include <fstream>
#include <stdexcept>
#include <vector>

#include <Poco/Crypto/DigestEngine.h>

namespace crmsync::util {

namespace {

// OpenSSL's SHA-256 (through Poco::Crypto) uses the CPU's SHA instructions: hashing a 150 MB
// import.xml takes a fraction of a second instead of over one.
constexpr const char* kSha256 = "SHA256";

}  // namespace

std::string sha256Hex(std::string_view bytes) {
    Poco::Crypto::DigestEngine engine(kSha256);
    engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string sha256OfFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error(path.filename().string() + ": cannot read the file");
    }
    Poco::Crypto::DigestEngine engine(kSha256);
    std::vector<char> block(1 << 16);
    while (in) {
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        engine.update(block.data(), static_cast<unsigned>(in.gcount()));
    }
    return Poco::DigestEngine::digestToHex(engine.digest());
}

}  // namespace crmsync::util
