#pragma once
// The people and scripts allowed into the HTTP API (schema migration 7): users with a role and
// a password hash, and API tokens with a role, kept by the SHA-256 of the token. The caller
// hashes; the store never sees a password or a token. Each call commits on its own. Throws
// crmsync::ExternalUnavailable when the database is down and crmsync::Error otherwise.
#include <optional>
#include <string>
#include <vector>

namespace crmsync::core {

struct UserAccount {
    std::string name;
    std::string role;           // "accountant" or "admin"
    std::string password_hash;  // libsodium's crypto_pwhash_str (Argon2id) text
};

struct ApiToken {
    std::string name;  // what the token is for ("nightly-report")
    std::string role;
};

class UserAccounts {
public:
    virtual ~UserAccounts() = default;
    // Throws crmsync::Error naming the user when one of that name exists.
    virtual void addUser(const UserAccount& user) = 0;
    // False when there is no such user. Removing a user also ends their sessions.
    virtual bool setPassword(const std::string& name, const std::string& password_hash) = 0;
    virtual bool removeUser(const std::string& name) = 0;
    virtual std::optional<UserAccount> findUser(const std::string& name) = 0;
    // By name.
    virtual std::vector<UserAccount> listUsers() = 0;
    // Throws crmsync::Error naming the token when one of that name exists.
    virtual void addToken(const ApiToken& token, const std::string& token_hash) = 0;
    virtual std::optional<ApiToken> findToken(const std::string& token_hash) = 0;
};

}  // namespace crmsync::core
