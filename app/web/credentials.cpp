#include "app/web/credentials.h"

#include <array>

#include <sodium.h>

#include "crmcore/error.h"
#include "util/sha256.h"

namespace crmsync::app::web {

namespace {

void requireSodium() {
    // Safe to call from many threads and more than once.
    if (sodium_init() < 0) {
        throw Error("libsodium cannot be initialised");
    }
}

}  // namespace

std::string hashPassword(const std::string& password) {
    requireSodium();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    // Interactive costs (64 MiB, 2 passes): a sign-in takes a fraction of a second, a stolen
    // hash costs an attacker as much per guess.
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw Error("cannot hash the password: out of memory");
    }
    return out.data();
}

bool verifyPassword(const std::string& hash, const std::string& password) {
    requireSodium();
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string randomToken() {
    requireSodium();
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::array<char, 65> hex{};
    sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
    return hex.data();
}

std::string tokenHash(const std::string& token) { return util::sha256Hex(token); }

}  // namespace crmsync::app::web
