#pragma once
// core::UserAccounts over SOCI (tables web_user, api_token, web_session of migration 7).
#include "adapters/crmdb/crm_connection.h"
#include "crmcore/user_accounts.h"

namespace crmsync::crmdb {

class SociUserAccounts final : public core::UserAccounts {
public:
    explicit SociUserAccounts(CrmConnection& connection) : connection_(connection) {}

    void addUser(const core::UserAccount& user) override;
    bool setPassword(const std::string& name, const std::string& password_hash) override;
    bool removeUser(const std::string& name) override;
    std::optional<core::UserAccount> findUser(const std::string& name) override;
    std::vector<core::UserAccount> listUsers() override;
    void addToken(const core::ApiToken& token, const std::string& token_hash) override;
    std::optional<core::ApiToken> findToken(const std::string& token_hash) override;

private:
    CrmConnection& connection_;
};

}  // namespace crmsync::crmdb
