#include "sync/batch_applier.h"

#include "crmcore/entity_catalog.h"
#include "crmcore/logging.h"
#include "sync/conflict_settler.h"
#include "sync/deleted_row.h"
#include "sync/incoming_row.h"
#include "sync/row_json.h"
#include "sync/row_matcher.h"

namespace crmsync::sync {

namespace {

std::string lineage(const core::Record& record) {
    if (record.origin.file.empty()) {
        return {};
    }
    if (record.origin.line == 0) {
        return record.origin.file;  // an OData object: its set, key and DataVersion
    }
    return record.origin.file + ":" + std::to_string(record.origin.line);
}

// The record's 1C modification time, when the mapping names the field that holds it.
std::string modifiedAt(const mapping::EntityMapping& rules, const core::Record& record) {
    if (!rules.onec_modified) {
        return {};
    }
    const core::Value* value = rules.onec_modified->find(record);
    return value == nullptr || value->isNull() ? std::string() : value->toText();
}

// The CRM row whose id a record carries in its entity's crm-id-property ("crmsync:order:42"),
// when that row exists and no 1C key is bound to it: the object the push created in 1C, whose
// binding a crash lost. Adopted rather than imported again as a second row.
std::optional<std::int64_t> markedRow(core::CrmTransaction& tx, const mapping::EntityMapping& rules,
                                      const core::Record& record) {
    if (rules.onec.crm_id_property.empty()) {
        return std::nullopt;
    }
    const core::Value& mark = record.get(rules.onec.crm_id_property);
    const std::string prefix = "crmsync:" + rules.entity + ":";
    if (!std::holds_alternative<std::string>(mark.data)) {
        return std::nullopt;
    }
    const auto& text = std::get<std::string>(mark.data);
    if (text.rfind(prefix, 0) != 0 || text.size() == prefix.size() ||
        text.find_first_not_of("0123456789", prefix.size()) != std::string::npos) {
        return std::nullopt;
    }
    std::int64_t id = std::stoll(text.substr(prefix.size()));
    if (!tx.rows().tryRead(*rules.spec, id) || tx.bindings().findOfRow(rules.entity, id)) {
        return std::nullopt;
    }
    return id;
}

// The CRM line a tabular-section record of an adopted object stands for: the push sent the
// object's active lines in id order and 1C numbered them 1..n, so position n of an object
// whose CRM lines are unbound (or bound by this adoption, position by position) is its n-th
// line. Without this, the pull after a lost
// binding would import the lines again beside those the CRM has, and the push would then
// send them all back.
std::optional<std::int64_t> adoptedLine(core::CrmTransaction& tx, const mapping::Mapping& mapping,
                                        const mapping::EntityMapping& rules,
                                        const core::Record& record, const core::Row& row) {
    if (rules.onec.tabular_section.empty()) {
        return std::nullopt;
    }
    auto bar = record.key.rfind('|');
    if (bar == std::string::npos || bar + 1 == record.key.size() ||
        record.key.find_first_not_of("0123456789", bar + 1) != std::string::npos) {
        return std::nullopt;
    }
    std::size_t position = std::stoul(record.key.substr(bar + 1));
    for (const auto& column : rules.spec->columns) {
        const auto* owner = column.type == core::ColumnType::Reference
                                ? mapping.find(column.references)
                                : nullptr;
        if (owner == nullptr || owner->onec.name != rules.onec.name ||
            !owner->onec.tabular_section.empty()) {
            continue;
        }
        const core::ColumnValue* owner_id = core::findColumn(row, column.name);
        if (owner_id == nullptr || !owner_id->text) {
            return std::nullopt;
        }
        auto lines = tx.rows().findIds(*rules.spec, {{column.name, *owner_id->text}});
        if (position == 0 || position > lines.size()) {
            return std::nullopt;
        }
        // Lines exchanged otherwise than by this adoption: a new key is a new line.
        const std::string object_key = record.key.substr(0, bar);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            auto bound = tx.bindings().findOfRow(rules.entity, lines[i]);
            if (bound && (i + 1 == position ||
                          bound->onec_key != object_key + "|" + std::to_string(i + 1))) {
                return std::nullopt;
            }
        }
        return lines[position - 1];
    }
    return std::nullopt;
}

}  // namespace

BatchApplier::BatchApplier(ApplyContext context) : context_(std::move(context)) {}

std::optional<std::int64_t> BatchApplier::crmId(const std::string& entity,
                                                const std::string& onec_key) {
    if (auto id = id_cache_.find(entity, onec_key)) {
        return id;
    }
    auto binding = tx_->bindings().find(entity, onec_key);
    if (!binding) {
        return std::nullopt;
    }
    id_cache_.remember(entity, onec_key, binding->crm_id);
    return binding->crm_id;
}

// Not cached: a row this batch inserts or deactivates changes the answer.
std::vector<std::int64_t> BatchApplier::lookupIds(const core::EntitySpec& entity,
                                                  const core::Row& match) {
    return tx_->rows().findIds(entity, match);
}

void BatchApplier::forgetUncommitted() {
    id_cache_.clear();
    prefetched_.clear();
    counts_ = committed_counts_;
    sent_counts_ = committed_counts_;
}

void BatchApplier::batchCommitted() {
    committed_counts_ = counts_;
    sent_counts_ = counts_;
}

void BatchApplier::batchSent() { sent_counts_ = counts_; }

void BatchApplier::batchConfirmed() { committed_counts_ = sent_counts_; }

void BatchApplier::quarantine(core::CrmTransaction& tx, const SpooledRecord& spooled,
                              const std::string& why) {
    const core::Record& record = spooled.record;
    core::QuarantineEntry entry;
    entry.run_id = context_.run_id;
    entry.entity = record.entity;
    entry.onec_key = record.key;
    entry.source_file = record.origin.file;
    entry.source_line = record.origin.line;
    entry.reason = why;
    entry.record_json = core::toJson(core::Value(record.fields));
    entry.content_hash = spooled.content_hash;
    bool fresh = tx.quarantine().add(entry);
    ++counts_.quarantined;
    core::logger("sync")->warn("run={} entity={} key={} {}: {} ({}:{})", context_.run_id,
                              record.entity, record.key,
                              fresh ? "quarantined" : "still quarantined", why,
                              record.origin.file, record.origin.line);
}

void BatchApplier::prefetch(core::CrmTransaction& tx, std::span<const SpooledRecord> batch) {
    prefetched_.clear();
    prefetchBatch(tx, *context_.mapping, batch, id_cache_, prefetched_);
}

void BatchApplier::apply(core::CrmTransaction& tx, const SpooledRecord& spooled) {
    const core::Record& record = spooled.record;
    tx_ = &tx;
    auto incoming = mapIncoming(*context_.mapping, record, *this);
    if (!incoming.ok()) {
        quarantine(tx, spooled, incoming.error().describe());
        return;
    }
    const core::EntitySpec* spec = incoming.value().spec;
    core::Row& row = incoming.value().row;

    std::optional<core::Binding> binding;
    if (!spooled.new_key) {
        binding = prefetched_.take(record.entity, record.key);
        if (!binding) {
            binding = tx.bindings().find(record.entity, record.key);
        }
    }
    // A new key may be an object crmsync created in 1C (its crm-id mark), or belong to a row
    // the CRM already has (the entity's match rule).
    std::optional<std::int64_t> linked;
    bool adopted = false;
    if (!binding) {
        auto marked = markedRow(tx, *incoming.value().rules, record);
        if (!marked) {
            marked = adoptedLine(tx, *context_.mapping, *incoming.value().rules, record, row);
        }
        if (marked) {
            // What the push sent is what both sides held: the merge base, as if its binding had
            // been saved.
            core::Row sent = tx.rows().read(*spec, *marked);
            binding = core::Binding{record.entity, record.key, *marked, "", rowToJson(sent), ""};
            adopted = true;
        }
    }
    if (!binding) {
        auto matched = matchExistingRow(tx, *incoming.value().rules, row);
        if (!matched.ok()) {
            quarantine(tx, spooled, matched.error().describe());
            return;
        }
        linked = matched.value();
    }
    if (context_.quarantined != nullptr) {
        context_.quarantined->resolveIfOpen(tx, record.entity, record.key, context_.run_id);
    }
    const std::string& hash = spooled.content_hash;
    if (binding && binding->content_hash == hash) {
        ++counts_.unchanged;  // the same record twice in one file
        return;
    }

    core::JournalEntry journal;
    journal.run_id = context_.run_id;
    journal.entity = record.entity;
    journal.onec_key = record.key;
    journal.origin = context_.origin;
    journal.mapping_version = context_.mapping->version;
    journal.lineage = lineage(record);

    if (!binding && !linked) {
        std::int64_t id = tx.rows().insert(*spec, row);
        // The snapshot (the merge base) and the journal's "after" are the same text: NULL
        // columns left out, as absent means NULL in both.
        std::string values = rowToJson(row, /*skip_nulls=*/true);
        core::Binding fresh{record.entity, record.key, id, hash, values, record.source_version};
        tx.bindings().insert(fresh);
        // Not put in the id cache: most inserted rows (prices, stock) are never referred to,
        // and remembering each cost more than the one binding lookup a later reference needs.
        journal.crm_id = id;
        journal.op = "insert";
        journal.before = "{}";
        journal.after = std::move(values);
        tx.journal().append(journal);
        ++counts_.inserted;
        return;
    }

    if (linked) {
        binding = core::Binding{record.entity, record.key, *linked, "", "", ""};
        id_cache_.remember(record.entity, record.key, *linked);
    }
    auto stored = tx.rows().tryRead(*spec, binding->crm_id);
    if (!stored) {
        applyToDeletedRow(tx, *incoming.value().rules, record, row, *binding, hash, journal);
        return;
    }
    core::Row current = std::move(*stored);
    // A linked row was never synced: there is no base, so every difference is a conflict.
    std::optional<core::Row> base;
    if (!linked) {
        base = snapshotRow(*spec, binding->snapshot);
    }
    ConflictScene scene{context_.run_id, context_.origin, context_.mapping->version,
                        journal.lineage, record.entity, spec->table, binding->crm_id,
                        record.key, modifiedAt(*incoming.value().rules, record)};
    ConflictSettler settler(tx, std::move(scene));
    MergeResult merged =
        mergeRecord(slotsOf(*incoming.value().rules), base, current, row,
                    [&](const SlotConflict& conflict) { return settler.settle(conflict); });
    counts_.conflicts += settler.opened();
    binding->content_hash = hash;
    binding->onec_version = record.source_version;
    binding->snapshot = rowToJson(merged.snapshot);
    if (merged.kept_crm || linked) {
        // The CRM holds values 1C does not have: its outbox messages bring them to 1C.
        tx.outbox().enqueue(spec->table, binding->crm_id, "update", "[]",
                            "run " + std::to_string(context_.run_id));
    }
    if (merged.writes.empty() && !linked && !adopted) {
        // Nothing of 1C's to take (the CRM's own changes wait for the push): remember the hash
        // so the next exchange skips it.
        tx.bindings().save(*binding);
        ++counts_.unchanged;
        return;
    }
    if (!merged.writes.empty()) {
        tx.rows().update(*spec, binding->crm_id, merged.writes);
    }
    tx.bindings().save(*binding);
    journal.crm_id = binding->crm_id;
    journal.op = linked || adopted ? "link" : merged.kept_crm ? "merge" : "update";
    if (adopted) {
        const auto& rules = *incoming.value().rules;
        journal.lineage += rules.onec.tabular_section.empty()
                               ? " (adopted by its " + rules.onec.crm_id_property + " mark)"
                               : std::string(" (a line of an adopted object, by position)");
    }
    journal.before = rowToJson(merged.before);
    journal.after = rowToJson(merged.writes);
    tx.journal().append(journal);
    ++counts_.updated;
}

// The bound CRM row was deleted by plain SQL. The binding stays, so 1C's object is never
// imported again as a new row. When 1C also changed the object since the last sync, the delete
// and the update are a conflict of the whole row for the entity's policy: 1C's side brings the
// row back from 1C's values, the CRM's keeps the delete (the push marks the object for deletion
// in 1C), a person's waits in the queue (the push holds the deletion meanwhile).
void BatchApplier::applyToDeletedRow(core::CrmTransaction& tx,
                                     const mapping::EntityMapping& rules,
                                     const core::Record& record, const core::Row& row,
                                     core::Binding binding, const std::string& hash,
                                     core::JournalEntry journal) {
    const core::EntitySpec& spec = *rules.spec;
    auto base = snapshotRow(spec, binding.snapshot);
    binding.content_hash = hash;
    binding.onec_version = record.source_version;
    journal.crm_id = binding.crm_id;
    Verdict verdict = Verdict::KeepCrm;
    if (oneCChangedDeletedRow(slotsOf(rules), row, base)) {
        ConflictScene scene{context_.run_id, context_.origin, context_.mapping->version,
                            journal.lineage, record.entity, spec.table, binding.crm_id,
                            record.key, modifiedAt(rules, record)};
        ConflictSettler settler(tx, std::move(scene));
        verdict = settler.settleDeletion(rules.conflict, binding.snapshot,
                                         rowToJson(row, /*skip_nulls=*/true));
        counts_.conflicts += settler.opened();
    }
    if (verdict == Verdict::TakeOneC) {
        std::int64_t id = recreateDeletedRow(tx, spec, binding, row);
        id_cache_.remember(record.entity, record.key, id);
        journal.crm_id = id;
        journal.op = "insert";
        journal.before = "{}";
        journal.after = rowToJson(row, /*skip_nulls=*/true);
        journal.lineage += " (re-created: 1C changed it after the CRM deleted row " +
                           std::to_string(binding.crm_id) + ")";
        tx.journal().append(journal);
        ++counts_.inserted;
        return;
    }
    tx.bindings().save(binding);
    journal.op = "skip";
    journal.before = "{}";
    journal.after = verdict == Verdict::Park
                        ? R"({"reason":"the CRM row was deleted and 1C changed it: a person decides"})"
                        : R"({"reason":"the CRM row was deleted"})";
    tx.journal().append(journal);
    ++counts_.unchanged;
}

const std::vector<MergeSlot>& BatchApplier::slotsOf(const mapping::EntityMapping& rules) {
    auto found = slots_.find(&rules);
    if (found == slots_.end()) {
        found = slots_.emplace(&rules, mergeSlots(rules)).first;
    }
    return found->second;
}

}  // namespace crmsync::sync
