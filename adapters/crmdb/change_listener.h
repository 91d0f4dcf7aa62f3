#pragma once
// The change listener for a database URL: PostgreSQL LISTEN/NOTIFY or the SQLite poll.
#include <chrono>
#include <memory>
#include <string>

#include "crmcore/crm_change_listener.h"

namespace crmsync::crmdb {

// `sqlite_poll`: how often the SQLite poller reads the change log (PostgreSQL is notified).
// Throws crmsync::ConfigError for a malformed URL; never connects here.
std::unique_ptr<core::CrmChangeListener> makeChangeListener(const std::string& url,
                                                            std::chrono::milliseconds sqlite_poll);

}  // namespace crmsync::crmdb
