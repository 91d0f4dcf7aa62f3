#pragma once
// SHA-256 digests, lower-case hex: of uploaded files (a file already imported in full is
// recognised by content), of session cookies (an upload folder is named by the digest, never
// by the cookie) and of an order's state as 1C would see it.
#include <filesystem>
#include <string>
#include <string_view>

namespace crmsync::util {

std::string sha256Hex(std::string_view bytes);
// Reads the file in blocks; throws std::runtime_error naming the file when it cannot be read.
std::string sha256OfFile(const std::filesystem::path& path);

}  // namespace crmsync::util
