#pragma once
// A sync_run row as every run query selects it first: id, kind, input, status, error,
// started_at, finished_at (UTC text), then the counts read_count … quarantined (columns 0–12).
// The run log reads just these; the job runs read their own columns after them.
#include "adapters/crmdb/prepared_statement.h"
#include "crmcore/run_record.h"

namespace crmsync::crmdb {

core::RunRow readRunRow(PreparedStatement& st);

}  // namespace crmsync::crmdb
