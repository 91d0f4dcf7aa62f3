#include "crmcore/schema.h"

#include <string_view>
#include <utility>

namespace crmsync::core {

namespace {

// Version 1: the CRM tables of entity_catalog.cpp plus the sync state.
std::vector<std::string> version1() {
    return {
        // --- CRM tables -----------------------------------------------------------------
        R"(CREATE TABLE product_group (id {ID}, active INTEGER NOT NULL DEFAULT 1,
             parent_id {BIGINT} REFERENCES product_group(id), name TEXT))",
        R"(CREATE TABLE unit (id {ID}, active INTEGER NOT NULL DEFAULT 1, code TEXT, name TEXT,
             full_name TEXT, intl_abbr TEXT))",
        R"(CREATE TABLE property (id {ID}, active INTEGER NOT NULL DEFAULT 1, name TEXT,
             value_type TEXT, options TEXT))",
        R"(CREATE TABLE product (id {ID}, active INTEGER NOT NULL DEFAULT 1,
             parent_id {BIGINT} REFERENCES product(id),
             group_id {BIGINT} REFERENCES product_group(id),
             unit_id {BIGINT} REFERENCES unit(id),
             article TEXT, barcode TEXT, name TEXT, full_name TEXT, description TEXT,
             vat_rate TEXT, properties TEXT, requisites TEXT, characteristics TEXT, images TEXT,
             deletion_mark INTEGER NOT NULL DEFAULT 0, attributes TEXT))",
        "CREATE INDEX product_article ON product(article)",
        R"(CREATE TABLE price_type (id {ID}, active INTEGER NOT NULL DEFAULT 1, name TEXT,
             currency TEXT, tax_name TEXT, tax_included INTEGER))",
        R"(CREATE TABLE warehouse (id {ID}, active INTEGER NOT NULL DEFAULT 1, name TEXT))",
        R"(CREATE TABLE price (id {ID}, active INTEGER NOT NULL DEFAULT 1,
             product_id {BIGINT} NOT NULL REFERENCES product(id),
             price_type_id {BIGINT} NOT NULL REFERENCES price_type(id),
             value {DECIMAL} NOT NULL, currency TEXT, unit TEXT, factor {DECIMAL}))",
        "CREATE INDEX price_product ON price(product_id)",
        R"(CREATE TABLE stock (id {ID}, active INTEGER NOT NULL DEFAULT 1,
             product_id {BIGINT} NOT NULL REFERENCES product(id),
             warehouse_id {BIGINT} REFERENCES warehouse(id),
             quantity {DECIMAL} NOT NULL))",
        "CREATE INDEX stock_product ON stock(product_id)",
        R"(CREATE TABLE counterparty (id {ID}, active INTEGER NOT NULL DEFAULT 1, name TEXT,
             full_name TEXT, kind TEXT, inn TEXT, kpp TEXT, last_name TEXT, first_name TEXT,
             middle_name TEXT, address TEXT, addresses TEXT, attributes TEXT))",
        "CREATE INDEX counterparty_inn ON counterparty(inn, kpp)",
        R"(CREATE TABLE contact (id {ID}, active INTEGER NOT NULL DEFAULT 1,
             counterparty_id {BIGINT} NOT NULL REFERENCES counterparty(id),
             kind TEXT, value TEXT, name TEXT))",
        R"(CREATE TABLE sales_order (id {ID}, active INTEGER NOT NULL DEFAULT 1, number TEXT,
             ordered_at {TIMESTAMP}, operation TEXT, currency TEXT, rate {DECIMAL},
             amount {DECIMAL}, comment TEXT,
             counterparty_id {BIGINT} REFERENCES counterparty(id),
             onec_number TEXT, onec_date {TIMESTAMP}, posted INTEGER, paid INTEGER,
             shipped INTEGER, cancelled INTEGER, deletion_mark INTEGER, status TEXT,
             payment_number TEXT, payment_date {TIMESTAMP}, shipment_number TEXT,
             shipment_date {TIMESTAMP}, requisites TEXT, attributes TEXT))",
        R"(CREATE TABLE order_line (id {ID}, active INTEGER NOT NULL DEFAULT 1,
             order_id {BIGINT} NOT NULL REFERENCES sales_order(id), line_no INTEGER,
             product_id {BIGINT} REFERENCES product(id), product_key TEXT, name TEXT,
             unit TEXT, price {DECIMAL}, quantity {DECIMAL}, amount {DECIMAL},
             requisites TEXT))",
        "CREATE INDEX order_line_order ON order_line(order_id)",
        // --- sync state -------------------------------------------------------------------
        // Unique both ways: a second binding for the same thing is impossible, not unlikely.
        R"(CREATE TABLE binding (entity TEXT NOT NULL, onec_key TEXT NOT NULL,
             crm_id {BIGINT} NOT NULL, content_hash TEXT NOT NULL DEFAULT '',
             snapshot TEXT NOT NULL DEFAULT '{}', onec_version TEXT NOT NULL DEFAULT '',
             synced_at {TIMESTAMP} NOT NULL DEFAULT {NOW},
             PRIMARY KEY (entity, onec_key), UNIQUE (entity, crm_id)) {WITHOUT_ROWID})",
        R"(CREATE TABLE sync_run (id {ID}, kind TEXT NOT NULL, input TEXT NOT NULL DEFAULT '',
             status TEXT NOT NULL, error TEXT NOT NULL DEFAULT '',
             started_at {TIMESTAMP} NOT NULL DEFAULT {NOW}, finished_at {TIMESTAMP},
             read_count {BIGINT} NOT NULL DEFAULT 0, inserted {BIGINT} NOT NULL DEFAULT 0,
             updated {BIGINT} NOT NULL DEFAULT 0, unchanged {BIGINT} NOT NULL DEFAULT 0,
             deactivated {BIGINT} NOT NULL DEFAULT 0, quarantined {BIGINT} NOT NULL DEFAULT 0,
             checkpoint TEXT NOT NULL DEFAULT ''))",
        // Append-only; seq is the order of application.
        R"(CREATE TABLE journal (seq {ID}, at {TIMESTAMP} NOT NULL DEFAULT {NOW},
             run_id {BIGINT} NOT NULL, entity TEXT NOT NULL, onec_key TEXT NOT NULL,
             crm_id {BIGINT} NOT NULL, origin TEXT NOT NULL, op TEXT NOT NULL,
             before TEXT NOT NULL, after TEXT NOT NULL, policy TEXT NOT NULL DEFAULT '',
             mapping_version TEXT NOT NULL DEFAULT '', lineage TEXT NOT NULL DEFAULT ''))",
        "CREATE INDEX journal_key ON journal(entity, onec_key)",
        "CREATE INDEX journal_run ON journal(run_id)",
        // An entry is open until a later run applies the same key (resolved_run_id). The
        // content hash lets a re-sent identical bad record find its open entry instead of
        // piling up a copy at every exchange.
        R"(CREATE TABLE quarantine (id {ID}, at {TIMESTAMP} NOT NULL DEFAULT {NOW},
             run_id {BIGINT} NOT NULL, entity TEXT NOT NULL, onec_key TEXT NOT NULL,
             source_file TEXT NOT NULL, source_line {BIGINT} NOT NULL, reason TEXT NOT NULL,
             record TEXT NOT NULL, content_hash TEXT NOT NULL DEFAULT '',
             resolved_run_id {BIGINT}))",
        "CREATE INDEX quarantine_run ON quarantine(run_id)",
        "CREATE INDEX quarantine_key ON quarantine(entity, onec_key)",
    };
}

// Version 2: the state of 1C's exchange-with-site protocol.
std::vector<std::string> version2() {
    return {
        // Files 1C pushed whose import finished: the same content is acknowledged, not re-applied.
        R"(CREATE TABLE exchange_file (digest TEXT PRIMARY KEY, name TEXT NOT NULL,
             run_id {BIGINT} NOT NULL, imported_at {TIMESTAMP} NOT NULL DEFAULT {NOW}))",
        // Per order: the state last sent to 1C (and in which mode=query) and the state 1C
        // acknowledged with mode=success. An order is sent while the two differ from its current
        // state, so a lost acknowledgement means sending again, never losing an order.
        R"(CREATE TABLE order_exchange (order_id {BIGINT} PRIMARY KEY REFERENCES sales_order(id),
             sent_hash TEXT NOT NULL DEFAULT '', sent_batch TEXT NOT NULL DEFAULT '',
             sent_at {TIMESTAMP}, acked_hash TEXT NOT NULL DEFAULT '', acked_at {TIMESTAMP}))",
        "CREATE INDEX order_exchange_batch ON order_exchange(sent_batch)",
    };
}

// Version 3: CRM change capture. Every insert, update and delete on a CRM table made by anyone
// but crmsync is a row of crm_change, written by a trigger in the writer's own transaction.
// crmsync marks its own transactions (CrmConnection::begin): on SQLite with a row in
// sync_writer, inserted after BEGIN and deleted before COMMIT, so no other connection ever sees
// it (SQLite has one writer at a time); on PostgreSQL with the transaction-local setting
// crmsync.writer. The SQLite triggers name the columns, so they are made from the tables'
// real columns after every migration (adapters/crmdb/change_capture.cpp); PostgreSQL's one
// trigger function compares whole rows and needs no remaking when an admin adds a column.
std::vector<std::string> version3() {
    std::vector<std::string> statements = {
        // columns: JSON array of the columns the change set (insert: the non-NULL ones).
        R"(CREATE TABLE crm_change (seq {ID}, at {TIMESTAMP} NOT NULL DEFAULT {NOW},
             table_name TEXT NOT NULL, row_id {BIGINT} NOT NULL, op TEXT NOT NULL,
             columns TEXT NOT NULL DEFAULT '[]', origin TEXT NOT NULL DEFAULT 'crm',
             actor TEXT NOT NULL DEFAULT ''))",
        "CREATE INDEX crm_change_row ON crm_change(table_name, row_id)",
        "{SQLITE_ONLY}CREATE TABLE sync_writer (marker INTEGER NOT NULL)",
        R"({PG_ONLY}CREATE FUNCTION crmsync_capture_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    new_row jsonb;
    old_row jsonb;
    changed text;
    changed_id bigint;
BEGIN
    -- changed: a compact JSON array of column names in name order, as on SQLite.
    IF TG_OP = 'DELETE' THEN
        changed_id := OLD.id;
        changed := '[]';
    ELSIF TG_OP = 'INSERT' THEN
        changed_id := NEW.id;
        new_row := to_jsonb(NEW);
        SELECT coalesce(array_to_json(array_agg(k ORDER BY k COLLATE "C"))::text, '[]') INTO changed
          FROM jsonb_object_keys(new_row) AS k
         WHERE k <> 'id' AND new_row -> k <> 'null'::jsonb;
    ELSE
        changed_id := NEW.id;
        new_row := to_jsonb(NEW);
        old_row := to_jsonb(OLD);
        SELECT coalesce(array_to_json(array_agg(k ORDER BY k COLLATE "C"))::text, '[]') INTO changed
          FROM jsonb_object_keys(new_row) AS k
         WHERE new_row -> k IS DISTINCT FROM old_row -> k;
        IF changed = '[]' THEN
            RETURN NULL;
        END IF;
    END IF;
    INSERT INTO crm_change (table_name, row_id, op, columns, origin, actor)
    VALUES (TG_TABLE_NAME, changed_id, lower(TG_OP), changed, 'crm', session_user);
    PERFORM pg_notify('crmsync_crm_change', TG_TABLE_NAME || ':' || changed_id);
    RETURN NULL;
END
$$)",
    };
    for (const char* table : {"product_group", "unit", "property", "product", "price_type",
                              "warehouse", "price", "stock", "counterparty", "contact",
                              "sales_order", "order_line"}) {
        std::string name(table);
        statements.push_back("{PG_ONLY}CREATE TRIGGER " + name + "_capture AFTER INSERT OR UPDATE "
                             "OR DELETE ON " + name + " FOR EACH ROW WHEN "
                             "(current_setting('crmsync.writer', true) IS DISTINCT FROM 'on') "
                             "EXECUTE FUNCTION crmsync_capture_change()");
    }
    return statements;
}

// Version 4: the conflict queue, and what was last sent to 1C per order, which becomes the
// merge base only once 1C acknowledges it.
std::vector<std::string> version4() {
    return {
        // One row per disputed field (a plain column, or "attributes.key"). Values are the
        // column's text, NULL for SQL NULL. At most one open conflict per field; automatic
        // decisions are kept as resolved rows naming their policy.
        R"(CREATE TABLE conflict (id {ID}, entity TEXT NOT NULL, crm_id {BIGINT} NOT NULL,
             onec_key TEXT NOT NULL, field TEXT NOT NULL, base TEXT, crm_value TEXT,
             onec_value TEXT, crm_at TEXT NOT NULL DEFAULT '', crm_origin TEXT NOT NULL DEFAULT '',
             onec_at TEXT NOT NULL DEFAULT '', onec_origin TEXT NOT NULL DEFAULT '',
             lineage TEXT NOT NULL DEFAULT '', run_id {BIGINT} NOT NULL DEFAULT 0,
             opened_at {TIMESTAMP} NOT NULL DEFAULT {NOW}, updated_at {TIMESTAMP} NOT NULL DEFAULT {NOW},
             status TEXT NOT NULL, policy TEXT NOT NULL DEFAULT '', resolution TEXT,
             resolved_by TEXT NOT NULL DEFAULT '', resolved_at {TIMESTAMP},
             comment TEXT NOT NULL DEFAULT ''))",
        "CREATE INDEX conflict_field ON conflict(entity, crm_id, field)",
        "CREATE UNIQUE INDEX conflict_open ON conflict(entity, crm_id, field) WHERE status = 'open'",
        "CREATE INDEX conflict_status ON conflict(status, id)",
        "ALTER TABLE order_exchange ADD COLUMN sent_rows TEXT NOT NULL DEFAULT ''",
    };
}

// Version 5: the outbox. A CRM change bound for 1C is a message of each consumer (the OData
// push, the sale exchange) routed to its table, written in the writer's own transaction by a
// trigger on crm_change: the capture triggers (version 3) feed it, and so does crmsync when it
// keeps a CRM value 1C does not have (it writes a crm_change row of origin "crmsync"). One
// message per consumer and record: later changes coalesce into it (the union of the fields, the
// newest seq), so a delivery writes the record's current values once. A delivered message is
// deleted only if no change came in since it was read (last_seq), so none is lost in between.
// A message held back after a failure waits until next_attempt_at; state "dead" after too many
// failures, until a person replays or drops it. Routes are added when a consumer first
// delivers an entity, together with a message for every row of its table (a one-time full pass).
std::vector<std::string> version5() {
    return {
        R"(CREATE TABLE outbox_route (consumer TEXT NOT NULL, table_name TEXT NOT NULL,
             created_at {TIMESTAMP} NOT NULL DEFAULT {NOW}, PRIMARY KEY (consumer, table_name)))",
        R"(CREATE TABLE outbox (id {ID}, consumer TEXT NOT NULL, table_name TEXT NOT NULL,
             row_id {BIGINT} NOT NULL, op TEXT NOT NULL, fields TEXT NOT NULL DEFAULT '[]',
             changes {BIGINT} NOT NULL DEFAULT 1, first_seq {BIGINT} NOT NULL DEFAULT 0,
             last_seq {BIGINT} NOT NULL DEFAULT 0,
             created_at {TIMESTAMP} NOT NULL DEFAULT {NOW},
             updated_at {TIMESTAMP} NOT NULL DEFAULT {NOW},
             state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
             next_attempt_at {TIMESTAMP} NOT NULL DEFAULT {NOW},
             last_error TEXT NOT NULL DEFAULT '', batch TEXT NOT NULL DEFAULT '',
             UNIQUE (consumer, table_name, row_id)))",
        "CREATE INDEX outbox_due ON outbox(consumer, state, next_attempt_at, id)",
        R"({SQLITE_ONLY}CREATE TRIGGER crm_change_route AFTER INSERT ON crm_change BEGIN
 INSERT INTO outbox (consumer, table_name, row_id, op, fields, first_seq, last_seq)
 SELECT consumer, NEW.table_name, NEW.row_id, NEW.op, NEW.columns, NEW.seq, NEW.seq
   FROM outbox_route WHERE table_name = NEW.table_name
 ON CONFLICT (consumer, table_name, row_id) DO UPDATE SET
   op = CASE WHEN excluded.op = 'delete' OR outbox.op = 'delete' THEN 'delete'
             WHEN outbox.op = 'insert' THEN 'insert' ELSE excluded.op END,
   fields = (SELECT json_group_array(value) FROM (SELECT value FROM json_each(outbox.fields)
             UNION SELECT value FROM json_each(excluded.fields))),
   changes = outbox.changes + 1, last_seq = excluded.last_seq, updated_at = {NOW},
   next_attempt_at = CASE WHEN outbox.state = 'pending' THEN {NOW} ELSE outbox.next_attempt_at END;
END)",
        R"({PG_ONLY}CREATE FUNCTION crmsync_route_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO outbox AS o (consumer, table_name, row_id, op, fields, first_seq, last_seq)
    SELECT r.consumer, NEW.table_name, NEW.row_id, NEW.op, NEW.columns, NEW.seq, NEW.seq
      FROM outbox_route r WHERE r.table_name = NEW.table_name
    ON CONFLICT (consumer, table_name, row_id) DO UPDATE SET
      op = CASE WHEN EXCLUDED.op = 'delete' OR o.op = 'delete' THEN 'delete'
                WHEN o.op = 'insert' THEN 'insert' ELSE EXCLUDED.op END,
      fields = (SELECT coalesce(array_to_json(array_agg(f ORDER BY f COLLATE "C"))::text, '[]')
                  FROM (SELECT json_array_elements_text(o.fields::json) AS f
                        UNION SELECT json_array_elements_text(EXCLUDED.fields::json)) AS u),
      changes = o.changes + 1, last_seq = EXCLUDED.last_seq, updated_at = {NOW},
      next_attempt_at = CASE WHEN o.state = 'pending' THEN {NOW} ELSE o.next_attempt_at END;
    RETURN NULL;
END
$$)",
        "{PG_ONLY}CREATE TRIGGER crm_change_route AFTER INSERT ON crm_change FOR EACH ROW "
        "EXECUTE FUNCTION crmsync_route_change()",
    };
}

// Version 6: exchange jobs. A lease per lock name (a job's own "job:NAME" and one per entity it
// writes), timed on the database clock so instances with skewed clocks agree; the epoch grows
// at every change of holder and fences a holder that lost its lease (lease_fence.h). A job's
// runs are rows of sync_run like the import and OData runs they contain: `job` names the job
// ('' for a run started by hand or inside a job), `scheduled_at` the fire it serves.
std::vector<std::string> version6() {
    return {
        R"(CREATE TABLE job_lease (lock_name TEXT PRIMARY KEY, holder TEXT NOT NULL DEFAULT '',
             epoch {BIGINT} NOT NULL DEFAULT 0, expires_at {TIMESTAMP} NOT NULL))",
        "ALTER TABLE sync_run ADD COLUMN job TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE sync_run ADD COLUMN instance TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE sync_run ADD COLUMN scheduled_at {TIMESTAMP}",
        "ALTER TABLE sync_run ADD COLUMN run_trigger TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE sync_run ADD COLUMN attempt INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE sync_run ADD COLUMN conflicts {BIGINT} NOT NULL DEFAULT 0",
        "ALTER TABLE sync_run ADD COLUMN dead_letters {BIGINT} NOT NULL DEFAULT 0",
        "CREATE INDEX sync_run_job ON sync_run(job, scheduled_at)",
    };
}

// Version 7: people and scripts of the HTTP API (app/web). Only hashes are kept: a password's
// Argon2id string, an API token's and a session cookie's SHA-256. Session times are Unix
// seconds so the idle and absolute expiry compare plain numbers on both databases. (Version 6
// belongs to the scheduler's jobs; the migrator applies each version it has not recorded.)
std::vector<std::string> version7() {
    return {
        R"(CREATE TABLE web_user (name TEXT PRIMARY KEY, role TEXT NOT NULL,
             password_hash TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL DEFAULT {NOW}))",
        R"(CREATE TABLE api_token (name TEXT PRIMARY KEY, role TEXT NOT NULL,
             token_hash TEXT NOT NULL UNIQUE, created_at {TIMESTAMP} NOT NULL DEFAULT {NOW}))",
        R"(CREATE TABLE web_session (id_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL,
             csrf_token TEXT NOT NULL, created_at {BIGINT} NOT NULL,
             last_seen_at {BIGINT} NOT NULL))",
        "CREATE INDEX web_session_user ON web_session(user_name)",
    };
}

// Version 8: the versions of the mapping files saved from the web UI (app/web/mappings_api),
// each with its whole text, so an admin can see what changed and roll back to any of them. The
// file on disk stays what the daemon runs; a row is written when a version is put there.
std::vector<std::string> version8() {
    return {
        R"(CREATE TABLE mapping_version (id {ID}, name TEXT NOT NULL, number {BIGINT} NOT NULL,
             path TEXT NOT NULL, content TEXT NOT NULL, content_hash TEXT NOT NULL,
             saved_at {TIMESTAMP} NOT NULL DEFAULT {NOW}, saved_by TEXT NOT NULL,
             comment TEXT NOT NULL DEFAULT '', UNIQUE (name, number)))",
    };
}

// Version 9: the time of each entity's newest journal row, written by the transaction that
// writes the rows (journal_writer.h), so that the health's "last change per entity" reads one
// row per entity instead of the whole journal. (Version 10 was kept for the jobs, which
// needed no table beyond version 6's.)
std::vector<std::string> version9() {
    return {
        R"(CREATE TABLE journal_latest (entity TEXT NOT NULL PRIMARY KEY,
             at {TIMESTAMP} NOT NULL))",
        "INSERT INTO journal_latest (entity, at) SELECT entity, MAX(at) FROM journal "
        "WHERE entity <> '' GROUP BY entity",
    };
}

std::vector<std::string> version11() {
    return {
        // Who acted, for rows of origin "person"; before it the name was only in the lineage
        // or the decision's JSON (journal_json.cpp still reads those older rows).
        "ALTER TABLE journal ADD COLUMN actor TEXT NOT NULL DEFAULT ''",
    };
}

// Version 12 (PostgreSQL): 1C keys compare byte by byte. They are identifiers, never sorted
// for a person, and under a database's linguistic collation (ru_RU.UTF-8, even C.UTF-8) each
// comparison in the binding indexes went through strcoll: a third of a lookup's time. The
// quarantine's keys follow, since the order overview compares the two. SQLite's BINARY
// collation is byte order already.
std::vector<std::string> version12() {
    return {
        R"({PG_ONLY}ALTER TABLE binding ALTER COLUMN entity TYPE TEXT COLLATE "C",
             ALTER COLUMN onec_key TYPE TEXT COLLATE "C")",
        R"({PG_ONLY}ALTER TABLE quarantine ALTER COLUMN entity TYPE TEXT COLLATE "C",
             ALTER COLUMN onec_key TYPE TEXT COLLATE "C")",
    };
}

// Version 13 (PostgreSQL): the journal's keys follow, for the same reason: journal_key took a
// strcoll per comparison on each of the rows an import appends. Only the collation changes,
// so the table is not rewritten; its two key indexes are rebuilt.
std::vector<std::string> version13() {
    return {
        R"({PG_ONLY}ALTER TABLE journal ALTER COLUMN entity TYPE TEXT COLLATE "C",
             ALTER COLUMN onec_key TYPE TEXT COLLATE "C")",
    };
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t pos = text.find(from); pos != std::string::npos;
         pos = text.find(from, pos + to.size())) {
        text.replace(pos, from.size(), to);
    }
}

}  // namespace

const std::vector<Migration>& schemaMigrations() {
    static const std::vector<Migration> migrations = {
        {1, "CRM tables, bindings, runs, journal, quarantine", version1()},
        {2, "1C exchange-with-site state: imported files, orders sent and acknowledged",
         version2()},
        {3, "CRM change capture: the change log, its triggers and crmsync's writer marker",
         version3()},
        {4, "conflict queue; orders' last sent rows", version4()},
        {5, "outbox: CRM changes bound for 1C, per consumer, fed by the change log", version5()},
        {6, "exchange jobs: leases with a fencing epoch; job runs in sync_run", version6()},
        {7, "HTTP API: users, API tokens and sessions (hashes only)", version7()},
        {8, "mapping files' versions saved from the web UI", version8()},
        {9, "journal: the newest row's time per entity", version9()},
        {11, "journal: the person who acted", version11()},
        {12, "1C keys of bindings and quarantine compared byte by byte (PostgreSQL)",
         version12()},
        {13, "1C keys of the journal compared byte by byte (PostgreSQL)", version13()},
    };
    return migrations;
}

std::string sqlFor(const std::string& statement, SqlDialect dialect) {
    std::string sql = statement;
    bool pg = dialect == SqlDialect::PostgreSql;
    // A statement for one database only is nothing on the other (the migrator skips it).
    for (const auto& [prefix, keep] : {std::pair<std::string_view, bool>{"{PG_ONLY}", pg},
                                       std::pair<std::string_view, bool>{"{SQLITE_ONLY}", !pg}}) {
        if (sql.starts_with(prefix)) {
            if (!keep) {
                return {};
            }
            sql.erase(0, prefix.size());
        }
    }
    replaceAll(sql, "{ID}", pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT");
    replaceAll(sql, "{BIGINT}", pg ? "BIGINT" : "INTEGER");
    // SQLite: the binding's key is its primary key, so one B-tree per binding is spared.
    replaceAll(sql, "{WITHOUT_ROWID}", pg ? "" : "WITHOUT ROWID");
    replaceAll(sql, "{DECIMAL}", pg ? "NUMERIC" : "TEXT");
    replaceAll(sql, "{TIMESTAMP}", pg ? "TIMESTAMP" : "TEXT");
    replaceAll(sql, "{NOW}",
               pg ? "(now() AT TIME ZONE 'utc')"
                  : "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");
    return sql;
}

}  // namespace crmsync::core
