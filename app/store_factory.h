#pragma once
// Opens the CRM database named by a URL (sqlite:///path or postgresql://user@host:port/db).
#include <memory>
#include <string>

#include "crmcore/crm_store.h"

namespace crmsync::app {

// Opens the store and brings its schema up to date (idempotent). Throws crmsync::ConfigError
// for a malformed URL and crmsync::ExternalUnavailable when the database cannot be reached.
std::unique_ptr<core::CrmStore> openMigratedStore(const std::string& url);

}  // namespace crmsync::app
