#pragma once
// SHA-256 digests: of uploaded files (an import already done in full is recognised by content)
// and of session cookies (the upload folder is named by the digest, never by the cookie).
#include <filesystem>
#include <string>

namespace crmsync::commerceml {

// Lower-case hex.
std::string sha256Hex(const std::string& bytes);
// Reads the file in blocks; throws crmsync::InputError when it cannot be read.
std::string sha256OfFile(const std::filesystem::path& path);

}  // namespace crmsync::commerceml
