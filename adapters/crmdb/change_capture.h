#pragma once
// The SQLite half of CRM change capture (schema migration 3): the triggers that write every
// insert, update and delete made on a CRM table by anyone but crmsync into crm_change. SQLite
// triggers must name the columns they compare, so they are made from the tables' real columns
// — the catalog's plus any an admin added — and remade when those differ from what the
// installed triggers name. PostgreSQL's trigger function compares whole rows (schema.cpp).
#include <soci/session.h>

#include "crmcore/schema.h"

namespace crmsync::crmdb {

// Creates or remakes the capture triggers of every CRM table whose trigger text is not what
// its columns call for; returns how many triggers it (re)made. Nothing on PostgreSQL. Runs
// inside the caller's transaction; throws soci::soci_error on a database failure.
int installChangeCapture(soci::session& sql, core::SqlDialect dialect);

}  // namespace crmsync::crmdb
