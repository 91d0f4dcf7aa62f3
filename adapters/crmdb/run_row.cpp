#include "adapters/crmdb/run_row.h"

namespace crmsync::crmdb {

core::RunRow readRunRow(PreparedStatement& st) {
    core::RunRow row;
    row.id = st.integer(0);
    row.kind = st.text(1);
    row.input = st.text(2);
    row.status = st.text(3);
    row.error = st.text(4);
    row.started_at = st.text(5);
    row.finished_at = st.isNull(6) ? "" : st.text(6);
    row.counts.read = st.integer(7);
    row.counts.inserted = st.integer(8);
    row.counts.updated = st.integer(9);
    row.counts.unchanged = st.integer(10);
    row.counts.deactivated = st.integer(11);
    row.counts.quarantined = st.integer(12);
    return row;
}

}  // namespace crmsync::crmdb
