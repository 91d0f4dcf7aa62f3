#pragma once
// core::CrmChangeReader over SOCI.
#include "adapters/crmdb/crm_connection.h"
#include "crmcore/change_log.h"

namespace crmsync::crmdb {

class SociChangeReader final : public core::CrmChangeReader {
public:
    explicit SociChangeReader(CrmConnection& connection) : connection_(connection) {}

    std::vector<core::CrmChange> after(std::int64_t after_seq, std::size_t limit) override;

private:
    CrmConnection& connection_;
};

}  // namespace crmsync::crmdb
