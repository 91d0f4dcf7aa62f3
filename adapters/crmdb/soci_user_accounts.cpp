#include "adapters/crmdb/soci_user_accounts.h"

#include "crmcore/error.h"

namespace crmsync::crmdb {

namespace {

// Ends the sessions of `name`: a removed user or a changed password signs every browser out.
void endSessions(CrmConnection& connection, const std::string& name) {
    auto& st = connection.statement("DELETE FROM web_session WHERE user_name = :p0", "t", 0);
    st.setText(0, name);
    st.execute();
}

}  // namespace

void SociUserAccounts::addUser(const core::UserAccount& user) {
    if (findUser(user.name)) {
        throw Error("user '" + user.name + "' exists already");
    }
    connection_.guard(
        [&] {
            auto& st = connection_.statement(
                "INSERT INTO web_user (name, role, password_hash) VALUES (:p0, :p1, :p2)", "ttt",
                0);
            st.setText(0, user.name);
            st.setText(1, user.role);
            st.setText(2, user.password_hash);
            st.execute();
        },
        [&] { return "add user '" + user.name + "'"; });
}

bool SociUserAccounts::setPassword(const std::string& name, const std::string& password_hash) {
    connection_.ensureConnected();
    return connection_.guard(
        [&] {
            auto& st = connection_.statement(
                "UPDATE web_user SET password_hash = :p0 WHERE name = :p1", "tt", 0);
            st.setText(0, password_hash);
            st.setText(1, name);
            st.execute();
            if (st.affectedRows() == 0) {
                return false;
            }
            endSessions(connection_, name);
            return true;
        },
        [&] { return "change the password of '" + name + "'"; });
}

bool SociUserAccounts::removeUser(const std::string& name) {
    connection_.ensureConnected();
    return connection_.guard(
        [&] {
            auto& st = connection_.statement("DELETE FROM web_user WHERE name = :p0", "t", 0);
            st.setText(0, name);
            st.execute();
            bool removed = st.affectedRows() > 0;
            endSessions(connection_, name);
            return removed;
        },
        [&] { return "remove user '" + name + "'"; });
}

std::optional<core::UserAccount> SociUserAccounts::findUser(const std::string& name) {
    connection_.ensureConnected();
    return connection_.guard(
        [&]() -> std::optional<core::UserAccount> {
            auto& st = connection_.statement(
                "SELECT name, role, password_hash FROM web_user WHERE name = :p0", "t", 3);
            st.setText(0, name);
            if (!st.executeOnce()) {
                return std::nullopt;
            }
            return core::UserAccount{st.text(0), st.text(1), st.text(2)};
        },
        [&] { return "read user '" + name + "'"; });
}

std::vector<core::UserAccount> SociUserAccounts::listUsers() {
    connection_.ensureConnected();
    return connection_.guard(
        [&] {
            std::vector<core::UserAccount> users;
            auto& st = connection_.statement(
                "SELECT name, role, password_hash FROM web_user ORDER BY name", "", 3);
            for (bool more = st.execute(); more; more = st.fetch()) {
                users.push_back({st.text(0), st.text(1), st.text(2)});
            }
            return users;
        },
        [] { return std::string("list users"); });
}

void SociUserAccounts::addToken(const core::ApiToken& token, const std::string& token_hash) {
    connection_.ensureConnected();
    connection_.guard(
        [&] {
            auto& exists =
                connection_.statement("SELECT name FROM api_token WHERE name = :p0", "t", 1);
            exists.setText(0, token.name);
            if (exists.executeOnce()) {
                throw Error("API token '" + token.name + "' exists already");
            }
            auto& st = connection_.statement(
                "INSERT INTO api_token (name, role, token_hash) VALUES (:p0, :p1, :p2)", "ttt",
                0);
            st.setText(0, token.name);
            st.setText(1, token.role);
            st.setText(2, token_hash);
            st.execute();
        },
        [&] { return "add API token '" + token.name + "'"; });
}

std::optional<core::ApiToken> SociUserAccounts::findToken(const std::string& token_hash) {
    connection_.ensureConnected();
    return connection_.guard(
        [&]() -> std::optional<core::ApiToken> {
            auto& st = connection_.statement(
                "SELECT name, role FROM api_token WHERE token_hash = :p0", "t", 2);
            st.setText(0, token_hash);
            if (!st.executeOnce()) {
                return std::nullopt;
            }
            return core::ApiToken{st.text(0), st.text(1)};
        },
        [] { return std::string("look up an API token"); });
}

}  // namespace crmsync::crmdb
