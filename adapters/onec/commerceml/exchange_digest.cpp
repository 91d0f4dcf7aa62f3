#include "adapters/onec/commerceml/exchange_digest.h"

#include <fstream>
#include <vector>

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include "crmcore/error.h"

namespace crmsync::commerceml {

std::string sha256Hex(const std::string& bytes) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes);
    return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string sha256OfFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(path.filename().string(), 0, "cannot read the file");
    }
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    std::vector<char> block(1 << 16);
    while (in) {
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        engine.update(block.data(), static_cast<unsigned>(in.gcount()));
    }
    return Poco::DigestEngine::digestToHex(engine.digest());
}

}  // namespace crmsync::commerceml
