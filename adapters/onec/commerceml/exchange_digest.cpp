#include "adapters/onec/commerceml/exchange_digest.h"

#include <fstream>
#include <vector>

#include <Poco/Crypto/DigestEngine.h>

#include "crmcore/error.h"

namespace crmsync::commerceml {

namespace {

// OpenSSL's SHA-256 (through Poco::Crypto) uses the CPU's SHA instructions: hashing a 150 MB
// import.xml takes a fraction of a second instead of over one.
constexpr const char* kSha256 = "SHA256";

}  // namespace

std::string sha256Hex(const std::string& bytes) {
    Poco::Crypto::DigestEngine engine(kSha256);
    engine.update(bytes);
    return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string sha256OfFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(path.filename().string(), 0, "cannot read the file");
    }
    Poco::Crypto::DigestEngine engine(kSha256);
    std::vector<char> block(1 << 16);
    while (in) {
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        engine.update(block.data(), static_cast<unsigned>(in.gcount()));
    }
    return Poco::DigestEngine::digestToHex(engine.digest());
}

}  // namespace crmsync::commerceml
