#include "adapters/crmdb/database_url.h"

#include <cctype>
#include <optional>
#include <string_view>

#include "crmcore/error.h"
#include "crmcore/logging.h"

namespace crmsync::crmdb {

namespace {

constexpr std::string_view kValidForms =
    "sqlite:///absolute/path/crm.db, sqlite://relative/path.db or "
    "postgresql://user[:password]@host[:port]/dbname[?sslmode=...]";

[[noreturn]] void fail(const std::string& shown_url, const std::string& why) {
    throw ConfigError("database URL '" + shown_url + "': " + why + " (expected " +
                      std::string(kValidForms) + ")");
}

bool startsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

// URL parts may carry %XX escapes (a password with '@' or '/' has to).
std::string percentDecode(std::string_view text, const std::string& shown_url) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        int hi = i + 2 < text.size() ? hexDigit(text[i + 1]) : -1;
        int lo = i + 2 < text.size() ? hexDigit(text[i + 2]) : -1;
        if (hi < 0 || lo < 0) {
            fail(shown_url, "bad %-escape");
        }
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

// A libpq keyword value in single quotes. SOCI 4.0 splits the connection string at blanks
// before libpq sees it and loses some of them, so a value with whitespace cannot be passed
// faithfully: it is refused rather than silently changed.
std::string libpqValue(const std::string& value, std::string_view what,
                       const std::string& shown_url) {
    std::string out = "'";
    for (char c : value) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            fail(shown_url, std::string(what) + " contains whitespace, which the database "
                                                "driver cannot pass on (for a password, use "
                                                "PGPASSWORD instead)");
        }
        if (c == '\'' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "'";
}

DatabaseUrl parseSqlite(const std::string& url, std::string_view rest) {
    if (rest.empty()) {
        fail(url, "no database file after sqlite://");
    }
    DatabaseUrl parsed;
    parsed.kind = DatabaseUrl::Kind::Sqlite;
    parsed.path = std::string(rest);
    parsed.redacted = url;
    // SOCI reads "key=value" pairs only when the string has a '='; a plain path is taken whole.
    if (parsed.path.find('=') == std::string::npos) {
        parsed.soci_connect = parsed.path;
    } else if (parsed.path.find('"') == std::string::npos) {
        parsed.soci_connect = "db=\"" + parsed.path + "\"";
    } else {
        fail(url, "a file name with both '=' and '\"' is not supported");
    }
    return parsed;
}

struct HostPort {
    std::string host;
    std::string port;
};

HostPort splitHostPort(std::string_view text, const std::string& shown_url) {
    HostPort hp;
    std::size_t colon = std::string_view::npos;
    if (startsWith(text, "[")) {  // [IPv6]:port
        auto close = text.find(']');
        if (close == std::string_view::npos) {
            fail(shown_url, "unclosed '[' in host");
        }
        hp.host = std::string(text.substr(1, close - 1));
        if (close + 1 < text.size()) {
            if (text[close + 1] != ':') {
                fail(shown_url, "unexpected text after ']'");
            }
            colon = close + 1;
        }
    } else {
        colon = text.find(':');
        hp.host = percentDecode(text.substr(0, colon), shown_url);
    }
    if (colon != std::string_view::npos) {
        hp.port = std::string(text.substr(colon + 1));
        bool digits = !hp.port.empty() && hp.port.size() <= 5 &&
                      hp.port.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || std::stoi(hp.port) == 0 || std::stoi(hp.port) > 65535) {
            fail(shown_url, "port must be a number 1..65535");
        }
    }
    return hp;
}

DatabaseUrl parsePostgres(const std::string& url, std::string_view scheme, std::string_view rest) {
    const std::string shown = core::redact(url);
    auto query_at = rest.find('?');
    std::string_view query = query_at == std::string_view::npos ? "" : rest.substr(query_at + 1);
    rest = rest.substr(0, query_at);
    auto slash = rest.find('/');
    if (slash == std::string_view::npos || slash + 1 == rest.size()) {
        fail(shown, "no database name after the host");
    }
    std::string_view authority = rest.substr(0, slash);
    std::string dbname = percentDecode(rest.substr(slash + 1), shown);

    std::string user;
    std::optional<std::string> password;
    auto at = authority.rfind('@');
    if (at != std::string_view::npos) {
        std::string_view userinfo = authority.substr(0, at);
        auto colon = userinfo.find(':');
        user = percentDecode(userinfo.substr(0, colon), shown);
        if (colon != std::string_view::npos) {
            password = percentDecode(userinfo.substr(colon + 1), shown);
        }
        authority = authority.substr(at + 1);
    }
    HostPort hp = splitHostPort(authority, shown);

    DatabaseUrl parsed;
    parsed.kind = DatabaseUrl::Kind::PostgreSql;
    std::string& cs = parsed.soci_connect;
    auto add = [&](std::string_view key, const std::string& value, std::string_view what) {
        cs += (cs.empty() ? "" : " ") + std::string(key) + "=" + libpqValue(value, what, shown);
    };
    if (!hp.host.empty()) {
        add("host", hp.host, "the host");
    }
    if (!hp.port.empty()) {
        add("port", hp.port, "the port");
    }
    add("dbname", dbname, "the database name");
    if (!user.empty()) {
        add("user", user, "the user name");
    }
    if (password) {
        add("password", *password, "the password");
    }

    std::string shown_query;
    bool has_timeout = false;
    while (!query.empty()) {
        auto amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
        auto eq = pair.find('=');
        std::string key(pair.substr(0, eq));
        if (key.empty() || eq == std::string_view::npos ||
            key.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos) {
            fail(shown, "query parameters must be libpq keywords like sslmode=require");
        }
        std::string value = percentDecode(pair.substr(eq + 1), shown);
        add(key, value, key);
        has_timeout = has_timeout || key == "connect_timeout";
        shown_query += (shown_query.empty() ? "?" : "&") + key + "=" +
                       (key == "password" ? "***" : std::string(pair.substr(eq + 1)));
    }
    if (!has_timeout) {
        add("connect_timeout", "10", "connect_timeout");
    }

    parsed.redacted = std::string(scheme) + std::string(user) + (password ? ":***" : "") +
                      (at != std::string_view::npos ? "@" : "") + std::string(authority) + "/" +
                      dbname + shown_query;
    return parsed;
}

}  // namespace

DatabaseUrl parseDatabaseUrl(const std::string& url) {
    std::string_view text = url;
    if (startsWith(text, "sqlite://")) {
        return parseSqlite(url, text.substr(9));
    }
    for (std::string_view scheme : {"postgresql://", "postgres://"}) {
        if (startsWith(text, scheme)) {
            return parsePostgres(url, scheme, text.substr(scheme.size()));
        }
    }
    auto scheme_end = text.find("://");
    fail(core::redact(url), scheme_end == std::string_view::npos
                                ? "no scheme"
                                : "unknown scheme '" + url.substr(0, scheme_end) + "'");
}

}  // namespace crmsync::crmdb
