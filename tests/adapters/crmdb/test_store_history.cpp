#include <boost/test/unit_test.hpp>

#include "crmcore/error.h"
#include "tests/adapters/crmdb/crmdb_fixture.h"

using crmsync::test::Backend;
using crmsync::test::CrmdbTarget;
using crmsync::test::isUtcMillis;
namespace core = crmsync::core;

namespace {

core::JournalEntry entry(std::int64_t run, const std::string& entity, const std::string& key,
                         std::int64_t crm_id) {
    return {run,  entity,  key,          crm_id,  "1c",          "insert",
            "{}", R"({"name":")" + key + "\"}", "", "mapping-3", "import.xml:" + key};
}

std::vector<core::JournalRow> journal(crmsync::crmdb::SociCrmStore& store,
                                      const core::JournalQuery& query) {
    std::vector<core::JournalRow> rows;
    store.journal().read(query, [&](const core::JournalRow& r) { rows.push_back(r); });
    return rows;
}

std::vector<std::string> keysOf(const std::vector<core::JournalRow>& rows) {
    std::vector<std::string> keys;
    for (const auto& r : rows) {
        keys.push_back(r.entity + "/" + r.onec_key + "/" + std::to_string(r.run_id));
    }
    return keys;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(store_history)

CRMSYNC_TEST_ON_BOTH(journal_reads_back_in_sequence_order_with_filters) {
    CrmdbTarget db(backend);
    {
        auto tx = db.store().begin();
        tx->journal().append(entry(1, "product", "a", 10));
        tx->journal().append(entry(1, "unit", "a", 11));
        tx->journal().append(entry(2, "product", "b", 12));
        tx->journal().append(entry(2, "product", "a", 10));
        tx->commit();
    }
    auto all = journal(db.store(), {});
    BOOST_REQUIRE(all.size() == 4);
    for (std::size_t i = 1; i < all.size(); ++i) {
        BOOST_TEST(all[i].seq > all[i - 1].seq);
    }
    const auto& first = all.front();
    BOOST_TEST(isUtcMillis(first.at), first.at);
    BOOST_TEST(first.run_id == 1);
    BOOST_TEST(first.crm_id == 10);
    BOOST_TEST(first.origin == "1c");
    BOOST_TEST(first.op == "insert");
    BOOST_TEST(first.before == "{}");
    BOOST_TEST(first.after == R"({"name":"a"})");
    BOOST_TEST(first.policy == "");
    BOOST_TEST(first.mapping_version == "mapping-3");
    BOOST_TEST(first.lineage == "import.xml:a");

    using V = std::vector<std::string>;
    BOOST_TEST(keysOf(journal(db.store(), {"product", std::nullopt, std::nullopt})) ==
               (V{"product/a/1", "product/b/2", "product/a/2"}));
    BOOST_TEST(keysOf(journal(db.store(), {"product", "a", std::nullopt})) ==
               (V{"product/a/1", "product/a/2"}));
    BOOST_TEST(keysOf(journal(db.store(), {std::nullopt, std::nullopt, 1})) ==
               (V{"product/a/1", "unit/a/1"}));
    BOOST_TEST(keysOf(journal(db.store(), {"product", "a", 2})) == (V{"product/a/2"}));
    BOOST_TEST(journal(db.store(), {"order", std::nullopt, std::nullopt}).empty());
}

CRMSYNC_TEST_ON_BOTH(journal_filters_by_origin_op_and_time) {
    CrmdbTarget db(backend);
    {
        auto tx = db.store().begin();
        tx->journal().append(entry(1, "product", "a", 10));
        auto exported = entry(1, "order", "o", 20);
        exported.origin = "crm";
        exported.op = "export";
        tx->journal().append(exported);
        tx->commit();
    }
    core::JournalQuery by_origin;
    by_origin.origin = "crm";
    BOOST_TEST(keysOf(journal(db.store(), by_origin)) == std::vector<std::string>{"order/o/1"});
    core::JournalQuery by_op;
    by_op.op = "insert";
    BOOST_TEST(keysOf(journal(db.store(), by_op)) == std::vector<std::string>{"product/a/1"});
    by_op.origin = "crm";  // both must hold
    BOOST_TEST(journal(db.store(), by_op).empty());

    std::string at = journal(db.store(), {}).front().at;
    core::JournalQuery window;
    window.since = at;  // at or after: the rows of that moment are in
    BOOST_TEST(journal(db.store(), window).size() == 2u);
    window.until = at;  // before: nothing is before the moment and at or after it
    BOOST_TEST(journal(db.store(), window).empty());
    window.until = "2999-01-01T00:00:00.000Z";
    BOOST_TEST(journal(db.store(), window).size() == 2u);
    window.since = "2999-01-01T00:00:00.000Z";
    BOOST_TEST(journal(db.store(), window).empty());
    core::JournalQuery before_all;
    before_all.until = "2000-01-01T00:00:00.000Z";
    BOOST_TEST(journal(db.store(), before_all).empty());
}

CRMSYNC_TEST_ON_BOTH(journal_pages_through_more_rows_than_one_page) {
    CrmdbTarget db(backend);
    {
        auto tx = db.store().begin();
        for (int i = 0; i < 2500; ++i) {
            tx->journal().append(entry(i % 2 + 1, "product", "k" + std::to_string(i), i));
        }
        tx->commit();
    }
    std::int64_t last_seq = 0;
    std::int64_t expected_crm_id = 0;
    std::size_t visited = 0;
    db.store().journal().read({}, [&](const core::JournalRow& r) {
        BOOST_TEST(r.seq > last_seq);
        BOOST_TEST(r.crm_id == expected_crm_id);
        last_seq = r.seq;
        ++expected_crm_id;
        ++visited;
    });
    BOOST_TEST(visited == 2500u);
    BOOST_TEST(journal(db.store(), {std::nullopt, std::nullopt, 2}).size() == 1250u);
}

CRMSYNC_TEST_ON_BOTH(a_journal_visitor_may_use_the_store) {
    CrmdbTarget db(backend);
    {
        auto tx = db.store().begin();
        tx->journal().append(entry(1, "product", "a", 1));
        tx->commit();
    }
    std::size_t runs_started = 0;
    db.store().journal().read({}, [&](const core::JournalRow&) {
        db.store().runs().start("replay", "journal");
        ++runs_started;
    });
    BOOST_TEST(runs_started == 1u);
}

CRMSYNC_TEST_ON_BOTH(quarantine_keeps_the_record_and_why_it_was_refused) {
    CrmdbTarget db(backend);
    {
        auto tx = db.store().begin();
        tx->quarantine().add({5, "product", "g-1", "import.xml", 120, "price: not a decimal",
                           R"({"price":"12,5"})", "h1"});
        tx->quarantine().add({5, "product", "g-2", "import.xml", 140, "no name", "{}", "h2"});
        tx->quarantine().add({6, "unit", "u-1", "offers.xml", 9, "no code", "{}", "h3"});
        tx->commit();
    }
    auto run5 = db.store().quarantine().list(5);
    BOOST_REQUIRE(run5.size() == 2);
    const auto& q = run5[0];
    BOOST_TEST(q.id > 0);
    BOOST_TEST(isUtcMillis(q.at), q.at);
    BOOST_TEST(q.run_id == 5);
    BOOST_TEST(q.entity == "product");
    BOOST_TEST(q.onec_key == "g-1");
    BOOST_TEST(q.source_file == "import.xml");
    BOOST_TEST(q.source_line == 120u);
    BOOST_TEST(q.reason == "price: not a decimal");
    BOOST_TEST(q.record_json == R"({"price":"12,5"})");
    BOOST_TEST(run5[1].onec_key == "g-2");
    BOOST_TEST(db.store().quarantine().list(std::nullopt).size() == 3u);
    BOOST_TEST(db.store().quarantine().list(7).empty());
}

CRMSYNC_TEST_ON_BOTH(a_run_is_recorded_at_start_and_completed_at_finish) {
    CrmdbTarget db(backend);
    std::int64_t id = db.store().runs().start("import", "import.xml offers.xml");
    auto started = db.store().runs().find(id);
    BOOST_REQUIRE(started.has_value());
    BOOST_TEST(started->kind == "import");
    BOOST_TEST(started->input == "import.xml offers.xml");
    BOOST_TEST(started->status == "running");
    BOOST_TEST(isUtcMillis(started->started_at), started->started_at);
    BOOST_TEST(started->finished_at == "");
    BOOST_TEST((started->counts == core::RunCounts{}));

    core::RunCounts counts{100, 60, 20, 15, 3, 2};
    db.store().runs().finish(id, "failed", counts, "offers.xml: disk full");
    auto finished = db.store().runs().find(id);
    BOOST_REQUIRE(finished.has_value());
    BOOST_TEST(finished->status == "failed");
    BOOST_TEST(finished->error == "offers.xml: disk full");
    BOOST_TEST(isUtcMillis(finished->finished_at), finished->finished_at);
    BOOST_TEST((finished->counts == counts));
    BOOST_TEST(!db.store().runs().find(id + 100).has_value());
    BOOST_CHECK_THROW(db.store().runs().finish(id + 100, "succeeded", {}, ""), crmsync::Error);
}

CRMSYNC_TEST_ON_BOTH(runs_are_committed_on_their_own_and_not_inside_a_transaction) {
    CrmdbTarget db(backend);
    std::int64_t id = db.store().runs().start("import", "x");
    BOOST_TEST(db.count("SELECT COUNT(*) FROM sync_run") == 1);  // seen by another connection
    {
        auto tx = db.store().begin();
        BOOST_CHECK_THROW(db.store().runs().start("import", "y"), crmsync::Error);
        BOOST_CHECK_THROW(db.store().runs().finish(id, "failed", {}, ""), crmsync::Error);
    }
    db.store().runs().finish(id, "succeeded", {}, "");
    BOOST_TEST(db.store().runs().find(id)->status == "succeeded");
}

BOOST_AUTO_TEST_CASE(reconnects_after_the_server_dropped_the_connection,
                     *boost::unit_test::label("postgres") *
                         boost::unit_test::precondition(crmsync::test::postgresPresent)) {
    CrmdbTarget db(Backend::Postgres);
    db.store().runs().start("import", "before");
    db.sql() << "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()";
    BOOST_CHECK_THROW(db.store().runs().start("import", "during"), crmsync::ExternalUnavailable);
    std::int64_t id = db.store().runs().start("import", "after");
    BOOST_TEST(db.store().runs().find(id)->input == "after");
    auto tx = db.store().begin();
    tx->journal().append(entry(id, "product", "a", 1));
    tx->commit();
    BOOST_TEST(db.count("SELECT COUNT(*) FROM journal") == 1);
}

// More rows than one multi-row INSERT takes (SQLite) and text that COPY's format must escape
// (PostgreSQL): every field reads back as written, in order.
CRMSYNC_TEST_ON_BOTH(journal_rows_keep_every_character_through_the_bulk_write) {
    CrmdbTarget db(backend);
    const std::string awkward = "tab\there\nline\r\\N \\ back\\slash \"quoted\" юникод";
    constexpr int kRows = 150;
    {
        auto tx = db.store().begin();
        for (int i = 0; i < kRows; ++i) {
            core::JournalEntry row = entry(7, "product", "key-" + std::to_string(i), i + 1);
            row.before = awkward + std::to_string(i);
            row.lineage = "import.xml:" + std::to_string(i) + "\t";
            row.actor = i % 2 == 0 ? "" : "Анна\tБ.";
            tx->journal().append(row);
        }
        tx->commit();
    }
    auto rows = journal(db.store(), {});
    BOOST_REQUIRE_EQUAL(rows.size(), static_cast<std::size_t>(kRows));
    for (int i = 0; i < kRows; ++i) {
        const auto& row = rows[static_cast<std::size_t>(i)];
        BOOST_TEST(row.onec_key == "key-" + std::to_string(i));
        BOOST_TEST(row.crm_id == i + 1);
        BOOST_TEST(row.before == awkward + std::to_string(i));
        BOOST_TEST(row.after == R"({"name":"key-)" + std::to_string(i) + "\"}");
        BOOST_TEST(row.lineage == "import.xml:" + std::to_string(i) + "\t");
        BOOST_TEST(row.actor == (i % 2 == 0 ? "" : "Анна\tБ."));
        BOOST_TEST(row.mapping_version == "mapping-3");
        BOOST_TEST(isUtcMillis(row.at));
    }
}

// PostgreSQL refuses text that is not UTF-8 (SQLite stores it as it is): the commit fails,
// naming the record whose journal row was refused, and nothing of the transaction stays.
BOOST_AUTO_TEST_CASE(a_refused_journal_row_is_named_and_fails_its_transaction,
                     *boost::unit_test::label("postgres") *
                         boost::unit_test::precondition(crmsync::test::postgresPresent)) {
    CrmdbTarget db(Backend::Postgres);
    std::string message;
    {
        auto tx = db.store().begin();
        tx->rows().insert(core::entitySpec("unit"), crmsync::test::row({{"code", "796"}}));
        for (int i = 0; i < 100; ++i) {
            core::JournalEntry row = entry(7, "product", "key-" + std::to_string(i), i + 1);
            if (i == 61) {
                row.after = "{\"name\":\"\xff\xfe\"}";
            }
            tx->journal().append(row);
        }
        try {
            tx->commit();
        } catch (const crmsync::Error& e) {
            message = e.what();
        }
    }
    BOOST_TEST_INFO(message);
    BOOST_TEST(message.find("product key-61") != std::string::npos);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM journal") == 0);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM unit") == 0);
}

// The health's last change per entity: each entity's newest journal row's time, as the
// transactions that journal note it; a person's action without an entity is no entity's.
CRMSYNC_TEST_ON_BOTH(last_change_per_entity_is_each_entitys_newest_journal_time) {
    CrmdbTarget db(backend);
    BOOST_TEST(db.store().journal().lastChangePerEntity().empty());
    for (const auto& entities : std::vector<std::vector<std::string>>{
             {"product", "price"}, {"product"}, {""}}) {
        auto tx = db.store().begin();
        for (const auto& entity : entities) {
            tx->journal().append(entry(1, entity, "k-" + entity, 1));
        }
        tx->commit();
    }
    {
        auto tx = db.store().begin();  // rolled back: notes nothing
        tx->journal().append(entry(1, "unit", "k-unit", 1));
    }
    auto latest = db.store().journal().lastChangePerEntity();
    BOOST_REQUIRE_EQUAL(latest.size(), 2u);
    auto newest = [&](const std::string& entity) {
        std::string at;
        core::JournalQuery query;
        query.entity = entity;
        for (const auto& row : journal(db.store(), query)) {
            at = std::max(at, row.at);
        }
        return at;
    };
    BOOST_TEST(latest[0].first == "price");
    BOOST_TEST(latest[0].second == newest("price"));
    BOOST_TEST(latest[1].first == "product");
    BOOST_TEST(latest[1].second == newest("product"));
    BOOST_TEST(isUtcMillis(latest[1].second));
}

BOOST_AUTO_TEST_SUITE_END()
