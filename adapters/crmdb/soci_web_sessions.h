#pragma once
// core::WebSessions over SOCI (table web_session of migration 7).
#include "adapters/crmdb/crm_connection.h"
#include "crmcore/web_sessions.h"

namespace crmsync::crmdb {

class SociWebSessions final : public core::WebSessions {
public:
    explicit SociWebSessions(CrmConnection& connection) : connection_(connection) {}

    void create(const core::WebSession& session) override;
    std::optional<core::WebSession> find(const std::string& id_hash) override;
    void touch(const std::string& id_hash, std::int64_t at) override;
    void remove(const std::string& id_hash) override;
    void removeOfUser(const std::string& user) override;
    void purge(std::int64_t idle_before, std::int64_t created_before) override;

private:
    CrmConnection& connection_;
};

}  // namespace crmsync::crmdb
