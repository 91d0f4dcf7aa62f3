#include "adapters/crmdb/soci_statement.h"

#include <soci/session.h>
#include <soci/soci.h>

namespace crmsync::crmdb {

SociStatement::SociStatement(soci::session& session, std::string text, std::string_view params,
                             std::size_t columns)
    : PreparedStatement(std::move(text)),
      params_(params.size()),
      columns_(columns),
      column_ind_(columns, soci::i_ok),
      statement_(session) {
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
    statement_.prepare(sql());
    statement_.define_and_bind();
}

void SociStatement::setText(std::size_t index, std::string_view value) {
    Param& p = params_[index];
    p.text.assign(value.data(), value.size());
    p.ind = soci::i_ok;
}

void SociStatement::setNull(std::size_t index) {
    Param& p = params_[index];
    p.text.clear();
    p.integer = 0;
    p.ind = soci::i_null;
}

void SociStatement::setInteger(std::size_t index, std::int64_t value) {
    Param& p = params_[index];
    p.integer = value;
    p.ind = soci::i_ok;
}

bool SociStatement::execute() {
    pending_ = false;
    bool row = statement_.execute(true);
    pending_ = row;
    return row;
}

bool SociStatement::fetch() {
    if (!pending_) {
        return false;
    }
    pending_ = statement_.fetch();
    return pending_;
}

void SociStatement::finish() {
    while (pending_) {
        pending_ = statement_.fetch();
    }
}

}  // namespace crmsync::crmdb
