#include <boost/test/unit_test.hpp>

#include <algorithm>

#include <set>

#include "crmcore/entity_catalog.h"
#include "crmcore/error.h"
#include "tests/adapters/crmdb/crmdb_fixture.h"

using crmsync::test::Backend;
using crmsync::test::CrmdbTarget;
using crmsync::test::row;
namespace core = crmsync::core;

namespace {

std::optional<std::string> valueOf(const core::Row& r, const std::string& column) {
    const auto* cv = core::findColumn(r, column);
    BOOST_REQUIRE_MESSAGE(cv != nullptr, "no column " << column);
    return cv->text;
}

bool messageHas(const crmsync::Error& e, const std::string& part) {
    bool found = std::string(e.what()).find(part) != std::string::npos;
    if (!found) {
        BOOST_TEST_MESSAGE("missing '" << part << "' in: " << e.what());
    }
    return found;
}

std::int64_t insertProduct(core::CrmTransaction& tx, const std::string& name) {
    return tx.rows().insert(core::entitySpec("product"), row({{"name", name}}));
}

core::Binding binding(const std::string& entity, const std::string& key, std::int64_t id,
                      const std::string& hash = "h") {
    return {entity, key, id, hash, R"({"name":"x"})", "v1"};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(soci_crm_transaction)

CRMSYNC_TEST_ON_BOTH(reads_back_canonical_decimals_nulls_and_timestamps) {
    CrmdbTarget db(backend);
    const auto& order = core::entitySpec("order");
    auto tx = db.store().begin();
    std::int64_t id = tx->rows().insert(order, row({{"number", "A-17"},
                                                {"ordered_at", "2024-03-05T10:20:30"},
                                                {"amount", "1234.50"},
                                                {"rate", std::nullopt},
                                                {"posted", "1"},
                                                {"comment", "Доставка до двери"}}));
    BOOST_TEST(id > 0);
    core::Row stored = tx->rows().read(order, id);
    BOOST_TEST(stored.size() == order.columns.size() + 1);
    BOOST_TEST(*valueOf(stored, "number") == "A-17");
    BOOST_TEST(*valueOf(stored, "ordered_at") == "2024-03-05T10:20:30");
    BOOST_TEST(*valueOf(stored, "amount") == "1234.5");
    BOOST_TEST(!valueOf(stored, "rate").has_value());
    BOOST_TEST(!valueOf(stored, "onec_date").has_value());
    BOOST_TEST(*valueOf(stored, "posted") == "1");
    BOOST_TEST(*valueOf(stored, "comment") == "Доставка до двери");
    BOOST_TEST(*valueOf(stored, "active") == "1");

    tx->rows().update(order, id,
                  row({{"amount", "99.900"}, {"onec_date", "2024-03-06 08:00:00"},
                       {"comment", std::nullopt}, {"active", "0"}}));
    core::Row updated = tx->rows().read(order, id);
    BOOST_TEST(*valueOf(updated, "amount") == "99.9");
    BOOST_TEST(*valueOf(updated, "onec_date") == "2024-03-06T08:00:00");
    BOOST_TEST(!valueOf(updated, "comment").has_value());
    BOOST_TEST(*valueOf(updated, "active") == "0");
    BOOST_TEST(*valueOf(updated, "number") == "A-17");
    tx->commit();
}

CRMSYNC_TEST_ON_BOTH(inserts_an_inactive_row_when_told_and_references_by_crm_id) {
    CrmdbTarget db(backend);
    auto tx = db.store().begin();
    std::int64_t group = tx->rows().insert(core::entitySpec("product_group"), row({{"name", "G"}}));
    std::int64_t product = tx->rows().insert(
        core::entitySpec("product"),
        row({{"name", "P"}, {"group_id", std::to_string(group)}, {"active", "0"}}));
    core::Row stored = tx->rows().read(core::entitySpec("product"), product);
    BOOST_TEST(*valueOf(stored, "active") == "0");
    BOOST_TEST(*valueOf(stored, "group_id") == std::to_string(group));
    BOOST_TEST(*valueOf(stored, "deletion_mark") == "0");  // the schema's default
    tx->commit();
}

CRMSYNC_TEST_ON_BOTH(refuses_unknown_columns_bad_decimals_and_missing_rows) {
    CrmdbTarget db(backend);
    const auto& product = core::entitySpec("product");
    auto tx = db.store().begin();
    BOOST_CHECK_EXCEPTION(tx->rows().insert(product, row({{"colour", "red"}})), crmsync::Error,
                          [](const auto& e) { return messageHas(e, "product has no column 'colour'"); });
    BOOST_CHECK_EXCEPTION(
        tx->rows().insert(core::entitySpec("stock"), row({{"quantity", "12,5"}})), crmsync::Error,
        [](const auto& e) { return messageHas(e, "stock.quantity: '12,5' is not a decimal"); });
    BOOST_CHECK_EXCEPTION(tx->rows().read(product, 424242), crmsync::Error,
                          [](const auto& e) { return messageHas(e, "product id 424242 does not exist"); });
    BOOST_CHECK_EXCEPTION(tx->rows().update(product, 424242, row({{"name", "x"}})), crmsync::Error,
                          [](const auto& e) { return messageHas(e, "cannot update product id 424242"); });
}

CRMSYNC_TEST_ON_BOTH(finds_saves_and_replaces_the_binding_of_a_1c_key) {
    CrmdbTarget db(backend);
    auto tx = db.store().begin();
    BOOST_TEST(!tx->bindings().find("product", "guid-1").has_value());
    std::int64_t id = insertProduct(*tx, "P");
    tx->bindings().save(binding("product", "guid-1", id, "hash-1"));
    auto found = tx->bindings().find("product", "guid-1");
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->entity == "product");
    BOOST_TEST(found->crm_id == id);
    BOOST_TEST(found->content_hash == "hash-1");
    BOOST_TEST(found->snapshot == R"({"name":"x"})");
    BOOST_TEST(found->onec_version == "v1");

    tx->bindings().save(binding("product", "guid-1", id, "hash-2"));
    BOOST_TEST(tx->bindings().find("product", "guid-1")->content_hash == "hash-2");
    BOOST_TEST(!tx->bindings().find("unit", "guid-1").has_value());
    tx->commit();
    BOOST_TEST(db.count("SELECT COUNT(*) FROM binding") == 1);
}

CRMSYNC_TEST_ON_BOTH(refuses_a_second_1c_key_for_the_same_crm_row) {
    CrmdbTarget db(backend);
    auto tx = db.store().begin();
    std::int64_t id = insertProduct(*tx, "P");
    tx->bindings().save(binding("product", "guid-1", id));
    // PostgreSQL sends the bindings at the next read or the commit (pg_write_buffer.h).
    BOOST_CHECK_THROW(
        {
            tx->bindings().save(binding("product", "guid-2", id));
            tx->commit();
        },
        crmsync::Error);
}

CRMSYNC_TEST_ON_BOTH(the_same_crm_id_may_be_bound_in_another_entity) {
    CrmdbTarget db(backend);
    auto tx = db.store().begin();
    std::int64_t product = insertProduct(*tx, "P");
    std::int64_t unit = tx->rows().insert(core::entitySpec("unit"), row({{"code", "796"}}));
    BOOST_REQUIRE(product == unit);  // both tables start their ids at 1
    tx->bindings().save(binding("product", "guid-1", product));
    BOOST_CHECK_NO_THROW(tx->bindings().save(binding("unit", "guid-1", unit)));
    tx->commit();
}

CRMSYNC_TEST_ON_BOTH(a_transaction_destroyed_without_commit_leaves_nothing) {
    CrmdbTarget db(backend);
    {
        auto tx = db.store().begin();
        std::int64_t id = insertProduct(*tx, "P");
        tx->bindings().save(binding("product", "guid-1", id));
        tx->journal().append({1, "product", "guid-1", id, "1c", "insert", "{}", "{}", "", "", ""});
        tx->quarantine().add({1, "product", "guid-2", "import.xml", 7, "why", "{}", "h2"});
    }
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product") == 0);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM binding") == 0);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM journal") == 0);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM quarantine") == 0);

    auto tx = db.store().begin();  // the store is usable again
    insertProduct(*tx, "Q");
    tx->commit();
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product") == 1);
}

CRMSYNC_TEST_ON_BOTH(a_failed_statement_rolls_back_with_its_transaction) {
    CrmdbTarget db(backend);
    {
        auto tx = db.store().begin();
        std::int64_t id = insertProduct(*tx, "P");
        tx->bindings().save(binding("product", "guid-1", id));
        BOOST_CHECK_THROW(
            {
                tx->bindings().save(binding("product", "guid-2", id));
                tx->commit();
            },
            crmsync::Error);
    }
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product") == 0);
    auto tx = db.store().begin();
    BOOST_TEST(!tx->bindings().find("product", "guid-1").has_value());
}

// A commit handed off (CrmStore::commitInBackground) is the transaction's: awaited, its rows are
// there; meanwhile the next transaction can be begun and worked in, and its first read waits.
CRMSYNC_TEST_ON_BOTH(a_commit_in_the_background_applies_the_transaction_and_the_next_waits_for_it) {
    CrmdbTarget db(backend);
    auto tx = db.store().begin();
    std::int64_t first = insertProduct(*tx, "P1");
    tx->bindings().save(binding("product", "guid-1", first));
    db.store().commitInBackground(std::move(tx));
    auto next = db.store().begin();
    std::int64_t second = insertProduct(*next, "P2");  // an id reserved ahead: no wait
    BOOST_TEST(second != first);
    auto bound = next->bindings().find("product", "guid-1");  // waits, then reads
    BOOST_REQUIRE(bound.has_value());
    BOOST_TEST(bound->crm_id == first);
    next->bindings().save(binding("product", "guid-2", second));
    db.store().commitInBackground(std::move(next));
    BOOST_CHECK_NO_THROW(db.store().awaitCommit());
    BOOST_CHECK_NO_THROW(db.store().awaitCommit());  // nothing in flight: returns at once
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product") == 2);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM binding") == 2);
}

// A refused commit in the background applies nothing of its transaction. Its failure is thrown
// as PreviousCommitFailed, holding the DataRefused, by each use of the store until
// awaitCommit() has thrown it once; the transaction begun meanwhile is dropped whole.
CRMSYNC_TEST_ON_BOTH(a_commit_refused_in_the_background_is_reported_once_and_applies_nothing) {
    CrmdbTarget db(backend);
    auto tx = db.store().begin();
    std::int64_t id = insertProduct(*tx, "P");
    tx->bindings().save(binding("product", "guid-1", id));
    if (backend == Backend::Postgres) {
        // PostgreSQL sends the bindings with the commit: the refusal comes from the worker.
        tx->bindings().save(binding("product", "guid-2", id));
        db.store().commitInBackground(std::move(tx));
    } else {
        // SQLite writes at once; commitInBackground then commits before it returns.
        BOOST_CHECK_THROW(tx->bindings().save(binding("product", "guid-2", id)),
                          crmsync::DataRefused);
        tx.reset();
    }
    if (backend == Backend::Postgres) {
        {
            auto next = db.store().begin();  // begun while the commit is in flight
            insertProduct(*next, "Q");
            try {
                next->bindings().find("product", "guid-1");
                BOOST_FAIL("the failed commit was not reported");
            } catch (const crmsync::PreviousCommitFailed& e) {
                BOOST_TEST(e.dataRefused());
                BOOST_TEST(messageHas(e, "save 2 bindings"));
            }
        }
        BOOST_CHECK_THROW(db.store().begin(), crmsync::PreviousCommitFailed);  // not taken yet
        BOOST_CHECK_THROW(db.store().awaitCommit(), crmsync::PreviousCommitFailed);
    }
    BOOST_CHECK_NO_THROW(db.store().awaitCommit());  // taken: the store is usable again
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product") == 0);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM binding") == 0);
    auto tx2 = db.store().begin();
    insertProduct(*tx2, "R");
    tx2->commit();
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product") == 1);
}

// A key bound as new (BindingStore::insert) that another writer bound meanwhile is refused,
// and the refusal names that key, not only the batch: PostgreSQL sends such bindings by one
// COPY, whose refused line the message maps back to its binding (PgCopyRows::refusedRow).
CRMSYNC_TEST_ON_BOTH(a_refused_new_binding_is_named_by_its_key) {
    CrmdbTarget db(backend);
    auto before = db.store().begin();
    std::int64_t taken = insertProduct(*before, "bound elsewhere");
    before->bindings().save(binding("product", "guid-taken", taken));
    before->commit();

    auto tx = db.store().begin();
    try {
        // SQLite refuses at the insert itself, PostgreSQL at the commit, which sends the COPY.
        for (const char* key : {"guid-a", "guid-b", "guid-taken", "guid-c"}) {
            tx->bindings().insert(binding("product", key, insertProduct(*tx, key)));
        }
        tx->commit();
        BOOST_FAIL("the second binding of guid-taken was not refused");
    } catch (const crmsync::DataRefused& e) {
        BOOST_TEST(messageHas(e, "bind product guid-taken -> crm id"));
        // Not the batch's first key, as a message naming only the batch would.
        BOOST_TEST(std::string(e.what()).find("guid-a") == std::string::npos, e.what());
    }
    tx.reset();
    BOOST_TEST(db.count("SELECT COUNT(*) FROM binding") == 1);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product") == 1);
}

CRMSYNC_TEST_ON_BOTH(allows_one_open_transaction_per_store) {
    CrmdbTarget db(backend);
    auto tx = db.store().begin();
    BOOST_CHECK_THROW(db.store().begin(), crmsync::Error);
    tx->commit();
    BOOST_CHECK_THROW(tx->commit(), crmsync::Error);
    BOOST_CHECK_NO_THROW(db.store().begin());
}

CRMSYNC_TEST_ON_BOTH(active_bindings_leave_out_deactivated_rows) {
    CrmdbTarget db(backend);
    const auto& product = core::entitySpec("product");
    auto tx = db.store().begin();
    std::int64_t kept = insertProduct(*tx, "kept");
    std::int64_t gone = insertProduct(*tx, "gone");
    tx->bindings().save(binding("product", "k-kept", kept));
    tx->bindings().save(binding("product", "k-gone", gone));
    tx->rows().update(product, gone, row({{"active", "0"}}));
    std::vector<std::pair<std::string, std::int64_t>> active;
    auto collect = [&](const std::string& key, std::int64_t id) { active.emplace_back(key, id); };
    tx->bindings().visitActive(product, collect);
    BOOST_REQUIRE(active.size() == 1);
    BOOST_TEST(active[0].first == "k-kept");
    BOOST_TEST(active[0].second == kept);
    active.clear();
    tx->bindings().visitActive(core::entitySpec("unit"), collect);
    BOOST_TEST(active.empty());
}

CRMSYNC_TEST_ON_BOTH(binding_hashes_return_exactly_the_bound_keys_across_chunks) {
    CrmdbTarget db(backend);
    std::vector<std::string> keys;
    std::set<std::pair<std::string, std::string>> expected;
    {
        auto tx = db.store().begin();
        for (int i = 0; i < 1200; ++i) {
            std::string key = "key-" + std::to_string(i);
            keys.push_back(key);
            if (i % 3 == 0) {
                continue;  // never bound
            }
            std::int64_t id = insertProduct(*tx, key);
            tx->bindings().save(binding("product", key, id, "hash-" + std::to_string(i)));
            expected.emplace(key, "hash-" + std::to_string(i));
        }
        // Same key in another entity: must not leak into product's answer.
        std::int64_t unit = tx->rows().insert(core::entitySpec("unit"), row({{"code", "1"}}));
        tx->bindings().save(binding("unit", "key-0", unit, "unit-hash"));
        tx->commit();
    }
    auto found = db.store().bindingIndex().hashes("product", keys);
    std::set<std::pair<std::string, std::string>> got(found.begin(), found.end());
    BOOST_TEST(found.size() == expected.size());  // no duplicates from the padded last chunk
    BOOST_TEST((got == expected));
    BOOST_TEST(db.store().bindingIndex().hashes("product", {}).empty());
    BOOST_TEST(db.store().bindingIndex().hashes("unit", {"key-0", "key-1"}).size() == 1);
    BOOST_TEST(db.store().bindingIndex().any("product"));
    BOOST_TEST(db.store().bindingIndex().any("unit"));
    BOOST_TEST(!db.store().bindingIndex().any("price"));

    // Versions come the same way, for the incremental OData pull.
    auto versions = db.store().bindingIndex().versions("product", keys);
    BOOST_TEST(versions.size() == expected.size());
    BOOST_TEST(std::all_of(versions.begin(), versions.end(),
                           [](const auto& found) { return found.second == "v1"; }));
}

BOOST_AUTO_TEST_SUITE_END()
