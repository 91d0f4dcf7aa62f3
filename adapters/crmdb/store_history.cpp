// SociCrmStore's read side of the sync state: runs, the journal and quarantine.
#include "adapters/crmdb/soci_crm_store.h"

#include "crmcore/error.h"

namespace crmsync::crmdb {

namespace {

// Journal rows per page: enough to amortise a round trip, few enough to bound memory.
constexpr std::int64_t kJournalPage = 1000;

}  // namespace

std::optional<core::RunRow> SociCrmStore::run(std::int64_t run_id) {
    connection_.ensureConnected();
    try {
        auto& st = connection_.fixed(FixedStatement::SelectRun);
        st.setInteger(0, run_id);
        if (!st.executeOnce()) {
            return std::nullopt;
        }
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
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "read run " + std::to_string(run_id));
    }
}

void SociCrmStore::readJournal(const core::JournalQuery& query,
                               const std::function<void(const core::JournalRow&)>& visit) {
    connection_.ensureConnected();
    std::vector<core::JournalRow> page;
    std::int64_t after = 0;
    while (true) {
        // Keyset paging (seq > last seen) rather than one long-running cursor: the statement is
        // finished before `visit` runs, and PostgreSQL would otherwise hand over the whole
        // result at once.
        page.clear();
        try {
            auto& st = connection_.statement(
                journalPageSql(connection_.dialect(), query.entity.has_value(),
                               query.onec_key.has_value(), query.run_id.has_value()),
                std::string("i") + (query.entity ? "t" : "") + (query.onec_key ? "t" : "") +
                    (query.run_id ? "i" : "") + "i",
                13);
            std::size_t p = 0;
            st.setInteger(p++, after);
            if (query.entity) {
                st.setText(p++, *query.entity);
            }
            if (query.onec_key) {
                st.setText(p++, *query.onec_key);
            }
            if (query.run_id) {
                st.setInteger(p++, *query.run_id);
            }
            st.setInteger(p, kJournalPage);
            for (bool more = st.execute(); more; more = st.fetch()) {
                core::JournalRow row;
                row.seq = st.integer(0);
                row.at = st.text(1);
                row.run_id = st.integer(2);
                row.entity = st.text(3);
                row.onec_key = st.text(4);
                row.crm_id = st.integer(5);
                row.origin = st.text(6);
                row.op = st.text(7);
                row.before = st.text(8);
                row.after = st.text(9);
                row.policy = st.text(10);
                row.mapping_version = st.text(11);
                row.lineage = st.text(12);
                page.push_back(std::move(row));
            }
        } catch (const soci::soci_error& e) {
            connection_.fail(e, "read journal");
        }
        for (const auto& row : page) {
            visit(row);
        }
        if (static_cast<std::int64_t>(page.size()) < kJournalPage) {
            return;
        }
        after = page.back().seq;
    }
}

std::vector<core::QuarantineRow> SociCrmStore::quarantine(std::optional<std::int64_t> run_id) {
    connection_.ensureConnected();
    std::vector<core::QuarantineRow> rows;
    try {
        auto& st = connection_.statement(quarantineSql(connection_.dialect(), run_id.has_value()),
                                         run_id ? "i" : "", 11);
        if (run_id) {
            st.setInteger(0, *run_id);
        }
        for (bool more = st.execute(); more; more = st.fetch()) {
            core::QuarantineRow row;
            row.id = st.integer(0);
            row.at = st.text(1);
            row.run_id = st.integer(2);
            row.entity = st.text(3);
            row.onec_key = st.text(4);
            row.source_file = st.text(5);
            row.source_line = static_cast<std::size_t>(st.integer(6));
            row.reason = st.text(7);
            row.record_json = st.text(8);
            row.content_hash = st.text(9);
            if (!st.isNull(10)) {
                row.resolved_run_id = st.integer(10);
            }
            rows.push_back(std::move(row));
        }
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "read quarantine");
    }
    return rows;
}

std::vector<std::pair<std::string, std::string>> SociCrmStore::openQuarantineKeys() {
    connection_.ensureConnected();
    std::vector<std::pair<std::string, std::string>> keys;
    try {
        auto& st = connection_.statement(openQuarantineKeysSql(), "", 2);
        for (bool more = st.execute(); more; more = st.fetch()) {
            keys.emplace_back(st.text(0), st.text(1));
        }
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "read open quarantine keys");
    }
    return keys;
}

}  // namespace crmsync::crmdb
