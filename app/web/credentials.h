#pragma once
// Passwords and random secrets (libsodium): Argon2id password hashes, and 256-bit random
// tokens for session cookies, CSRF tokens and API tokens.
#include <string>

namespace crmsync::app::web {

// libsodium's self-describing Argon2id string (salt and costs inside). Throws crmsync::Error
// when the hash cannot be made (out of memory).
std::string hashPassword(const std::string& password);
// False for a wrong password or a malformed hash.
bool verifyPassword(const std::string& hash, const std::string& password);
// 32 random bytes as 64 lower-case hex characters.
std::string randomToken();
// What is stored of a token or a session cookie: its SHA-256, hex.
std::string tokenHash(const std::string& token);

}  // namespace crmsync::app::web
