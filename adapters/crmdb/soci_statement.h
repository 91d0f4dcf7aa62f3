#pragma once
// PreparedStatement over SOCI, for PostgreSQL: parameters and results live in buffers owned
// here that SOCI binds by reference once, and each call only refills them and re-executes.
#include <string>
#include <string_view>
#include <vector>

#include <soci/statement.h>

#include "adapters/crmdb/prepared_statement.h"

namespace soci {
class session;
}

namespace crmsync::crmdb {

class SociStatement final : public PreparedStatement {
public:
    // `params` has one letter per placeholder, in order: 't' text (may be NULL) or 'i' 64-bit
    // integer. Throws soci::soci_error when the SQL does not prepare.
    SociStatement(soci::session& session, std::string text, std::string_view params,
                  std::size_t columns);

    void setText(std::size_t index, std::string_view value) override;
    void setNull(std::size_t index) override;
    void setInteger(std::size_t index, std::int64_t value) override;

    bool execute() override;
    bool fetch() override;
    void finish() override;

    bool isNull(std::size_t column) const override {
        return column_ind_[column] == soci::i_null;
    }
    const std::string& text(std::size_t column) const override { return columns_[column]; }

    long long affectedRows() override { return statement_.get_affected_rows(); }

private:
    struct Param {
        char kind = 't';
        std::string text;
        long long integer = 0;
        soci::indicator ind = soci::i_ok;
    };

    // Sized once in the constructor: SOCI keeps pointers into these vectors.
    std::vector<Param> params_;
    std::vector<std::string> columns_;
    std::vector<soci::indicator> column_ind_;
    soci::statement statement_;
    bool pending_ = false;  // a row was read and the statement may not be at its end
};

}  // namespace crmsync::crmdb
