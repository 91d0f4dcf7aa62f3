#include "adapters/crmdb/pg_write_buffer.h"

#include <algorithm>
#include <bit>

#include "adapters/crmdb/crm_connection.h"
#include "adapters/crmdb/pg_copy.h"

namespace crmsync::crmdb {

namespace {

// The PostgreSQL type of a parameter array for a column of `type` (the schema's types).
const char* arrayType(core::ColumnType type) {
    switch (type) {
        case core::ColumnType::Integer:
        case core::ColumnType::Boolean:
        case core::ColumnType::Reference:
            return "bigint[]";
        case core::ColumnType::Decimal:
            return "numeric[]";
        case core::ColumnType::Timestamp:
            return "timestamp[]";
        default:
            return "text[]";
    }
}

std::string arrayParam(std::size_t index) { return ":p" + std::to_string(index); }

std::string insertRunSql(const core::EntitySpec& spec, ColumnSet columns) {
    std::string names = quoted("id");
    std::string arrays = "CAST(:p0 AS bigint[])";
    std::size_t p = 1;
    if (columns & kActiveColumn) {
        names += ", " + quoted("active");
        arrays += ", CAST(" + arrayParam(p++) + " AS bigint[])";
    }
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
        if ((columns >> i) & 1U) {
            names += ", " + quoted(spec.columns[i].name);
            arrays += ", CAST(" + arrayParam(p++) + " AS " + arrayType(spec.columns[i].type) + ")";
        }
    }
    return "INSERT INTO " + quoted(spec.table) + " (" + names + ") SELECT * FROM unnest(" +
           arrays + ")";
}

std::string saveBindingsSql() {
    return "INSERT INTO binding (entity, onec_key, crm_id, content_hash, snapshot, "
           "onec_version, synced_at) SELECT u.e, u.k, u.c, u.h, u.s, u.v, " +
           core::sqlFor("{NOW}", core::SqlDialect::PostgreSql) +
           " FROM unnest(CAST(:p0 AS text[]), CAST(:p1 AS text[]), CAST(:p2 AS bigint[]), "
           "CAST(:p3 AS text[]), CAST(:p4 AS text[]), CAST(:p5 AS text[])) "
           "AS u(e, k, c, h, s, v) "
           "ON CONFLICT (entity, onec_key) DO UPDATE SET crm_id = excluded.crm_id, "
           "content_hash = excluded.content_hash, snapshot = excluded.snapshot, "
           "onec_version = excluded.onec_version, synced_at = excluded.synced_at";
}

// The columns both give; synced_at is left to the column's default, the transaction's time.
std::string copyBindingsSql() {
    return "COPY binding (entity, onec_key, crm_id, content_hash, snapshot, onec_version) "
           "FROM STDIN";
}

}  // namespace

std::string PgWriteBuffer::bindingSlot(const std::string& entity, const std::string& key) {
    std::string slot;
    slot.reserve(entity.size() + 1 + key.size());
    slot += entity;
    slot += '\0';
    slot += key;
    return slot;
}

bool PgWriteBuffer::onlyNewKept() const {
    return std::all_of(unbound_.begin(), unbound_.end(), [](char unbound) { return unbound; });
}

std::shared_ptr<const std::unordered_map<std::string, core::Binding>>
PgWriteBuffer::writtenBindings() const {
    if (direct_binding_writes_) {
        return nullptr;
    }
    auto written = std::make_shared<std::unordered_map<std::string, core::Binding>>();
    written->reserve(sent_bindings_.size() + bindings_.size());
    for (const auto* list : {&sent_bindings_, &bindings_}) {
        for (const core::Binding& binding : *list) {  // kept ones after sent: the later save
            written->insert_or_assign(bindingSlot(binding.entity, binding.onec_key), binding);
        }
    }
    return written;
}

std::string pgArrayLiteral(const std::vector<std::optional<std::string>>& values) {
    std::size_t size = 2;
    for (const auto& value : values) {
        size += value ? value->size() + 3 : 5;
    }
    std::string out;
    out.reserve(size + size / 16);
    out += '{';
    bool first = true;
    for (const auto& value : values) {
        if (!first) {
            out += ',';
        }
        first = false;
        if (!value) {
            out += "NULL";
            continue;
        }
        out += '"';
        for (char c : *value) {
            if (c == '"' || c == '\\') {
                out += '\\';
            }
            out += c;
        }
        out += '"';
    }
    out += '}';
    return out;
}

void PgWriteBuffer::insert(const core::EntitySpec& spec, ColumnSet columns, std::int64_t id,
                           std::vector<std::optional<std::string>> params,
                           const std::vector<std::pair<std::string_view, std::int64_t>>& references) {
    RunKey key{&spec, columns};
    auto it = run_of_.find(key);
    for (const auto& [entity, reference] : references) {
        if (!pending(reference)) {
            continue;
        }
        // Kept in this row's own run, it goes in the same statement, which PostgreSQL checks
        // as a whole; in another run it could be sent after this row. (The ids of a run are
        // ascending: they come from one sequence, in order.)
        if (it == run_of_.end() || entity != spec.name ||
            !std::binary_search(runs_[it->second].ids.begin(), runs_[it->second].ids.end(),
                                reference)) {
            flush();
            it = run_of_.end();
            break;
        }
    }
    if (it == run_of_.end()) {
        it = run_of_.emplace(key, runs_.size()).first;
        Run run;
        run.spec = &spec;
        run.columns = columns;
        run.values.resize(params.size());
        runs_.push_back(std::move(run));
    }
    Run& run = runs_[it->second];
    run.ids.push_back(id);
    for (std::size_t i = 0; i < params.size(); ++i) {
        run.values[i].push_back(std::move(params[i]));
    }
    pending_ids_.insert(id);
    ++inserted_[&spec];
}

void PgWriteBuffer::saveBinding(const core::Binding& binding, bool known_unbound) {
    auto [it, fresh] = binding_of_.emplace(bindingSlot(binding.entity, binding.onec_key),
                                           bindings_.size());
    if (fresh) {
        bindings_.push_back(binding);
        unbound_.push_back(known_unbound ? 1 : 0);
    } else {
        // The database still holds what it held at the first save: that one's flag stands.
        bindings_[it->second] = binding;
    }
}

const core::Binding* PgWriteBuffer::binding(const std::string& entity,
                                            const std::string& key) const {
    if (bindings_.empty()) {
        return nullptr;
    }
    auto it = binding_of_.find(bindingSlot(entity, key));
    return it == binding_of_.end() ? nullptr : &bindings_[it->second];
}

void PgWriteBuffer::forgetBinding(const std::string& entity, const std::string& key) {
    auto it = binding_of_.find(bindingSlot(entity, key));
    if (it == binding_of_.end()) {
        return;
    }
    // Keep the indexes of the others: move the last one into the hole.
    std::size_t hole = it->second;
    binding_of_.erase(it);
    if (hole + 1 != bindings_.size()) {
        bindings_[hole] = std::move(bindings_.back());
        unbound_[hole] = unbound_.back();
        binding_of_[bindingSlot(bindings_[hole].entity, bindings_[hole].onec_key)] = hole;
    }
    bindings_.pop_back();
    unbound_.pop_back();
}

void PgWriteBuffer::flush() {
    if (empty()) {
        return;
    }
    // Taken out first: a failure fails the transaction, and nothing is sent twice.
    std::vector<Run> runs = std::move(runs_);
    runs_.clear();
    run_of_.clear();
    pending_ids_.clear();
    for (const Run& run : runs) {
        flushRun(run);
        sent_[run.spec->table] += run.ids.size();
    }
    sent_["binding"] += bindings_.size();
    flushBindings();
}

void PgWriteBuffer::flushRun(const Run& run) {
    const core::EntitySpec& spec = *run.spec;
    connection_.guard(
        [&] {
            std::size_t params = static_cast<std::size_t>(std::popcount(run.columns));
            auto& st = connection_.statement(insertRunSql(spec, run.columns),
                                             std::string(params + 1, 't'), 0);
            std::vector<std::optional<std::string>> ids;
            ids.reserve(run.ids.size());
            for (std::int64_t id : run.ids) {
                ids.emplace_back(std::to_string(id));
            }
            st.setText(0, pgArrayLiteral(ids));
            for (std::size_t i = 0; i < run.values.size(); ++i) {
                st.setText(i + 1, pgArrayLiteral(run.values[i]));
            }
            st.execute();
        },
        [&] {
            // The rows have no 1C key of their own here; their bindings, kept alongside, do.
            std::string first = "id " + std::to_string(run.ids.front());
            for (const auto& binding : bindings_) {
                if (binding.crm_id == run.ids.front()) {
                    first = binding.entity + " " + binding.onec_key;
                    break;
                }
            }
            return "insert " + std::to_string(run.ids.size()) + " rows into " + spec.table +
                   " (ids " + std::to_string(run.ids.front()) + ".." +
                   std::to_string(run.ids.back()) + ", the first " + first + ")";
        });
}

void PgWriteBuffer::flushBindings() {
    if (bindings_.empty()) {
        return;
    }
    // Taken out first, as in flush().
    std::vector<core::Binding> bindings = std::move(bindings_);
    std::vector<char> unbound = std::move(unbound_);
    bindings_.clear();
    unbound_.clear();
    binding_of_.clear();
    std::vector<const core::Binding*> replaced;
    std::vector<const core::Binding*> added;
    for (std::size_t i = 0; i < bindings.size(); ++i) {
        (unbound[i] != 0 ? added : replaced).push_back(&bindings[i]);
    }
    // Replaced first: a binding moved off a CRM row frees it before a new one takes it.
    upsertBindings(replaced);
    copyBindings(added);
    sent_bindings_.insert(sent_bindings_.end(), std::make_move_iterator(bindings.begin()),
                          std::make_move_iterator(bindings.end()));
}

void PgWriteBuffer::upsertBindings(const std::vector<const core::Binding*>& bindings) {
    if (bindings.empty()) {
        return;
    }
    connection_.guard(
        [&] {
            auto& st = connection_.statement(saveBindingsSql(), "tttttt", 0);
            std::vector<std::optional<std::string>> column(bindings.size());
            auto send = [&](std::size_t index, auto&& field) {
                for (std::size_t i = 0; i < bindings.size(); ++i) {
                    column[i] = field(*bindings[i]);
                }
                st.setText(index, pgArrayLiteral(column));
            };
            send(0, [](const core::Binding& b) { return b.entity; });
            send(1, [](const core::Binding& b) { return b.onec_key; });
            send(2, [](const core::Binding& b) { return std::to_string(b.crm_id); });
            send(3, [](const core::Binding& b) { return b.content_hash; });
            send(4, [](const core::Binding& b) { return b.snapshot; });
            send(5, [](const core::Binding& b) { return b.onec_version; });
            st.execute();
        },
        [&] {
            return "save " + std::to_string(bindings.size()) + " bindings (the first " +
                   bindings.front()->entity + " " + bindings.front()->onec_key + ")";
        });
}

void PgWriteBuffer::copyBindings(const std::vector<const core::Binding*>& bindings) {
    if (bindings.empty()) {
        return;
    }
    PgCopyRows copy(copyBindingsSql());
    connection_.guard(
        [&] {
            for (const core::Binding* b : bindings) {
                copy.text(b->entity);
                copy.text(b->onec_key);
                copy.integer(b->crm_id);
                copy.text(b->content_hash);
                copy.text(b->snapshot);
                copy.text(b->onec_version);
                copy.endRow();
            }
            copy.send(connection_.session());
        },
        [&] {
            if (auto refused = copy.refusedRow();
                refused && *refused >= 1 && *refused <= bindings.size()) {
                const core::Binding& b = *bindings[*refused - 1];
                return "bind " + b.entity + " " + b.onec_key + " -> crm id " +
                       std::to_string(b.crm_id);
            }
            return "bind " + std::to_string(bindings.size()) + " keys (the first " +
                   bindings.front()->entity + " " + bindings.front()->onec_key + ")";
        });
}

}  // namespace crmsync::crmdb
