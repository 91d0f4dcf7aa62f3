#pragma once
// core::JournalReader over SOCI.
#include "adapters/crmdb/crm_connection.h"
#include "crmcore/journal.h"

namespace crmsync::crmdb {

class SociJournalReader final : public core::JournalReader {
public:
    explicit SociJournalReader(CrmConnection& connection) : connection_(connection) {}

    // Pages through the journal in seq order, a bounded number of rows in memory at a time;
    // `visit` may call the store again (no statement is left running while it runs).
    void read(const core::JournalQuery& query,
              const std::function<void(const core::JournalRow&)>& visit) override;
    std::vector<std::pair<std::string, std::string>> lastChangePerEntity() override;

private:
    CrmConnection& connection_;
};

}  // namespace crmsync::crmdb
