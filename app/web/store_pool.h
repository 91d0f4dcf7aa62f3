#pragma once
// Database connections for the HTTP threads. A store serves one thread at a time (crm_store.h),
// so each request borrows one and gives it back; the pool opens one when all are busy and keeps
// at most `max_idle`. The ports a handler may use are the WebStore's, nothing else.
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/web/api_error.h"
#include "crmcore/crm_store.h"
#include "crmcore/mapping_versions.h"
#include "crmcore/order_overview.h"
#include "crmcore/user_accounts.h"
#include "crmcore/web_sessions.h"

namespace crmsync::app::web {

// One connection's ports.
class WebStore {
public:
    virtual ~WebStore() = default;
    virtual core::CrmStore& crm() = 0;
    virtual core::UserAccounts& accounts() = 0;
    virtual core::WebSessions& sessions() = 0;
    virtual core::OrderOverview& orders() = 0;
    virtual core::MappingVersions& mappingVersions() = 0;
};

// Opens the database at `url` (it must hold the current schema).
std::unique_ptr<WebStore> openWebStore(const std::string& url);

class StorePool {
public:
    explicit StorePool(std::string url, std::size_t max_idle = 4);

    // Runs `work` with a store of its own. A store whose work threw is closed, not kept: its
    // connection may be the reason.
    template <typename Work>
    decltype(auto) with(Work&& work) {
        auto store = take();
        try {
            auto result = work(*store);
            give(std::move(store));
            return result;
        } catch (const ApiError&) {
            // A refusal (401, 404, ...) says nothing against the connection.
            give(std::move(store));
            throw;
        }
    }

private:
    std::unique_ptr<WebStore> take();
    void give(std::unique_ptr<WebStore> store);

    std::string url_;
    std::size_t max_idle_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<WebStore>> idle_;
};

}  // namespace crmsync::app::web
