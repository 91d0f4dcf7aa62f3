#include "adapters/crmdb/soci_journal_reader.h"

#include <algorithm>
#include <vector>

#include "adapters/crmdb/crm_sql.h"

namespace crmsync::crmdb {

namespace {

// Journal rows per page: enough to amortise a round trip, few enough to bound memory.
constexpr std::int64_t kJournalPage = 1000;

}  // namespace

void SociJournalReader::read(const core::JournalQuery& query,
                             const std::function<void(const core::JournalRow&)>& visit) {
    connection_.ensureConnected();
    std::vector<core::JournalRow> page;
    std::int64_t after = query.after_seq;
    std::size_t left = query.limit;  // 0: no limit
    while (true) {
        std::int64_t page_size =
            left == 0 ? kJournalPage : std::min<std::int64_t>(kJournalPage, left);
        // Keyset paging (seq > last seen) rather than one long-running cursor: the statement is
        // finished before `visit` runs, and PostgreSQL would otherwise hand over the whole
        // result at once.
        page.clear();
        connection_.guard(
            [&] {
                std::string kinds;
                std::string sql = journalPageSql(connection_.dialect(), query, kinds);
                auto& st = connection_.statement(sql, kinds, 14);
                std::size_t p = 0;
                st.setInteger(p++, after);
                for (const auto* text : {&query.entity, &query.onec_key}) {
                    if (*text) {
                        st.setText(p++, **text);
                    }
                }
                if (query.run_id) {
                    st.setInteger(p++, *query.run_id);
                }
                for (const auto* text : {&query.origin, &query.op, &query.since, &query.until}) {
                    if (*text) {
                        st.setText(p++, **text);
                    }
                }
                if (query.crm_id) {
                    st.setInteger(p++, *query.crm_id);
                }
                if (query.actor) {
                    st.setText(p++, *query.actor);
                }
                st.setInteger(p, page_size);
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
                    row.actor = st.text(13);
                    page.push_back(std::move(row));
                }
            },
            [] { return std::string("read journal"); });
        for (const auto& row : page) {
            visit(row);
        }
        if (static_cast<std::int64_t>(page.size()) < page_size) {
            return;
        }
        if (left != 0 && (left -= page.size()) == 0) {
            return;
        }
        after = page.back().seq;
    }
}

std::vector<std::pair<std::string, std::string>> SociJournalReader::lastChangePerEntity() {
    connection_.ensureConnected();
    return connection_.guard(
        [&] {
            std::vector<std::pair<std::string, std::string>> latest;
            auto& st = connection_.statement(
                "SELECT entity, " + utcText("at", connection_.dialect()) +
                    " FROM journal_latest ORDER BY entity",
                "", 2);
            for (bool more = st.execute(); more; more = st.fetch()) {
                latest.emplace_back(st.text(0), st.text(1));
            }
            return latest;
        },
        [] { return std::string("read the journal's latest change per entity"); });
}

}  // namespace crmsync::crmdb
