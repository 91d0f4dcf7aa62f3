#pragma once
// Process-wide SQLite settings. They only take effect before SQLite's first connection, so
// openSession() applies them before it opens one.

namespace crmsync::crmdb {

// Switches off what crmsync pays for on every SQLite call without using it: the allocation
// statistics (a global mutex around each malloc and free) and the per-connection mutex of the
// "serialized" mode. crmsync never shares a connection between threads at once (a store is one
// per thread, crm_store.h), which is exactly SQLite's "multi-thread" mode. Idempotent and
// thread-safe; when SQLite was already started by someone else it logs and changes nothing.
void configureSqliteLibrary();

}  // namespace crmsync::crmdb
