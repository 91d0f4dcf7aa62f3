#include "adapters/crmdb/prepared_statement.h"

#include <charconv>

#include <soci/session.h>
#include <soci/soci.h>

#include "crmcore/error.h"

namespace crmsync::crmdb {

PreparedStatement::PreparedStatement(soci::session& sql, std::string text,
                                     std::string_view params, std::size_t columns)
    : text_(std::move(text)),
      params_(params.size()),
      columns_(columns),
      column_ind_(columns, soci::i_ok),
      statement_(sql) {
    for (std::size_t i = 0; i < params.size(); ++i) {
        Param& p = params_[i];
        p.kind = params[i];
        if (p.kind == 'i') {
            statement_.exchange(soci::use(p.integer, p.ind));
        } else {
            statement_.exchange(soci::use(p.text, p.ind));
        }
    }
    for (std::size_t i = 0; i < columns; ++i) {
        statement_.exchange(soci::into(columns_[i], column_ind_[i]));
    }
    statement_.alloc();
    statement_.prepare(text_);
    statement_.define_and_bind();
}

void PreparedStatement::setText(std::size_t index, std::string_view value) {
    Param& p = params_[index];
    p.text.assign(value.data(), value.size());
    p.ind = soci::i_ok;
}

void PreparedStatement::setOptionalText(std::size_t index,
                                        const std::optional<std::string>& value) {
    if (value) {
        setText(index, std::string_view(*value));
    } else {
        setNull(index);
    }
}

void PreparedStatement::setNull(std::size_t index) {
    Param& p = params_[index];
    p.text.clear();
    p.integer = 0;
    p.ind = soci::i_null;
}

void PreparedStatement::setInteger(std::size_t index, std::int64_t value) {
    Param& p = params_[index];
    p.integer = value;
    p.ind = soci::i_ok;
}

bool PreparedStatement::execute() {
    pending_ = false;
    bool row = statement_.execute(true);
    pending_ = row;
    return row;
}

bool PreparedStatement::fetch() {
    if (!pending_) {
        return false;
    }
    pending_ = statement_.fetch();
    return pending_;
}

bool PreparedStatement::executeOnce() {
    bool row = execute();
    // Used for lookups by a unique key, so the fetch that ends the statement finds no second
    // row, and a fetch that finds nothing leaves the buffers as they are.
    finish();
    return row;
}

void PreparedStatement::finish() {
    while (pending_) {
        pending_ = statement_.fetch();
    }
}

std::optional<std::string> PreparedStatement::optionalText(std::size_t column) const {
    if (isNull(column)) {
        return std::nullopt;
    }
    return columns_[column];
}

std::int64_t PreparedStatement::integer(std::size_t column) const {
    if (isNull(column)) {
        return 0;
    }
    const std::string& t = columns_[column];
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc() || end != t.data() + t.size()) {
        throw Error("CRM database: expected an integer, got '" + t + "' from: " + text_);
    }
    return value;
}

}  // namespace crmsync::crmdb
