#include "adapters/crmdb/soci_web_sessions.h"

namespace crmsync::crmdb {

void SociWebSessions::create(const core::WebSession& session) {
    connection_.ensureConnected();
    connection_.guard(
        [&] {
            auto& st = connection_.statement(
                "INSERT INTO web_session (id_hash, user_name, csrf_token, created_at, "
                "last_seen_at) VALUES (:p0, :p1, :p2, :p3, :p4)",
                "tttii", 0);
            st.setText(0, session.id_hash);
            st.setText(1, session.user);
            st.setText(2, session.csrf_token);
            st.setInteger(3, session.created_at);
            st.setInteger(4, session.last_seen_at);
            st.execute();
        },
        [&] { return "start a session of '" + session.user + "'"; });
}

std::optional<core::WebSession> SociWebSessions::find(const std::string& id_hash) {
    connection_.ensureConnected();
    return connection_.guard(
        [&]() -> std::optional<core::WebSession> {
            auto& st = connection_.statement(
                "SELECT id_hash, user_name, csrf_token, created_at, last_seen_at "
                "FROM web_session WHERE id_hash = :p0",
                "t", 5);
            st.setText(0, id_hash);
            if (!st.executeOnce()) {
                return std::nullopt;
            }
            return core::WebSession{st.text(0), st.text(1), st.text(2), st.integer(3),
                                    st.integer(4)};
        },
        [] { return std::string("read a session"); });
}

void SociWebSessions::touch(const std::string& id_hash, std::int64_t at) {
    connection_.ensureConnected();
    connection_.guard(
        [&] {
            auto& st = connection_.statement(
                "UPDATE web_session SET last_seen_at = :p0 WHERE id_hash = :p1", "it", 0);
            st.setInteger(0, at);
            st.setText(1, id_hash);
            st.execute();
        },
        [] { return std::string("keep a session alive"); });
}

void SociWebSessions::remove(const std::string& id_hash) {
    connection_.ensureConnected();
    connection_.guard(
        [&] {
            auto& st =
                connection_.statement("DELETE FROM web_session WHERE id_hash = :p0", "t", 0);
            st.setText(0, id_hash);
            st.execute();
        },
        [] { return std::string("end a session"); });
}

void SociWebSessions::removeOfUser(const std::string& user) {
    connection_.ensureConnected();
    connection_.guard(
        [&] {
            auto& st =
                connection_.statement("DELETE FROM web_session WHERE user_name = :p0", "t", 0);
            st.setText(0, user);
            st.execute();
        },
        [&] { return "end the sessions of '" + user + "'"; });
}

void SociWebSessions::purge(std::int64_t idle_before, std::int64_t created_before) {
    connection_.ensureConnected();
    connection_.guard(
        [&] {
            auto& st = connection_.statement(
                "DELETE FROM web_session WHERE last_seen_at < :p0 OR created_at < :p1", "ii", 0);
            st.setInteger(0, idle_before);
            st.setInteger(1, created_before);
            st.execute();
        },
        [] { return std::string("drop expired sessions"); });
}

}  // namespace crmsync::crmdb
