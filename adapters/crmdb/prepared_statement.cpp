#include "adapters/crmdb/prepared_statement.h"

#include <charconv>

#include "adapters/crmdb/session_factory.h"
#include "adapters/crmdb/soci_statement.h"
#include "adapters/crmdb/sqlite_statement.h"
#include "crmcore/error.h"

namespace crmsync::crmdb {

void PreparedStatement::setOptionalText(std::size_t index,
                                        const std::optional<std::string>& value) {
    if (value) {
        setText(index, std::string_view(*value));
    } else {
        setNull(index);
    }
}

bool PreparedStatement::executeOnce() {
    bool row = execute();
    // Used for lookups by a unique key: there is no second row to miss, and ending the
    // statement leaves the first row's values in place.
    finish();
    return row;
}

std::optional<std::string> PreparedStatement::optionalText(std::size_t column) const {
    if (isNull(column)) {
        return std::nullopt;
    }
    return text(column);
}

std::int64_t PreparedStatement::integer(std::size_t column) const {
    if (isNull(column)) {
        return 0;
    }
    const std::string& t = text(column);
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc() || end != t.data() + t.size()) {
        throw Error("CRM database: expected an integer, got '" + t + "' from: " + sql());
    }
    return value;
}

std::unique_ptr<PreparedStatement> prepareStatement(soci::session& session, std::string text,
                                                    std::string_view params,
                                                    std::size_t columns) {
    if (sqlite3* db = sqliteHandle(session)) {
        return std::make_unique<SqliteStatement>(db, std::move(text), params.size(), columns);
    }
    return std::make_unique<SociStatement>(session, std::move(text), params, columns);
}

}  // namespace crmsync::crmdb
