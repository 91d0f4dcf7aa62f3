#include "sync/object_push.h"

#include <algorithm>
#include <map>
#include <optional>

#include "crmcore/error.h"
#include "crmcore/json_reader.h"
#include "crmcore/logging.h"
#include "mapping/reverse_mapper.h"
#include "sync/binding_key_resolver.h"
#include "sync/merge_slots.h"
#include "sync/outbox_delivery.h"
#include "sync/row_json.h"
#include "sync/run_scope.h"

namespace crmsync::sync {

namespace {

bool writesToOneC(const mapping::EntityMapping& entity) {
    return entity.onec.kind == mapping::OneCObject::Kind::OData &&
           entity.direction != mapping::Direction::FromOneC;
}

core::Row withoutActive(core::Row row) {
    std::erase_if(row, [](const core::ColumnValue& value) { return value.column == "active"; });
    return row;
}

std::vector<core::Field> mapped(const mapping::EntityMapping& entity, const core::Row& row,
                                mapping::KeyResolver& keys) {
    auto result = mapping::mapReverse(entity, row, keys);
    if (!result.ok()) {
        throw Error(result.error().describe());
    }
    return std::move(result.value());
}

// A tabular section of the pushed objects (order lines) and how its rows point at the object.
struct Section {
    const mapping::EntityMapping* mapping = nullptr;
    std::string owner_column;  // the line column holding the object's CRM id
};

struct SectionRow {
    std::int64_t id = 0;
    core::Row row;
};

// What one CRM row means for 1C now, and what it meant when it was last exchanged.
struct Pending {
    std::int64_t id = 0;
    core::Row row;
    std::optional<core::Binding> binding;
    std::vector<core::Field> body;                // every property the rules give now
    std::optional<std::vector<core::Field>> base;  // the same from the snapshot; none = unknown
    std::vector<std::vector<SectionRow>> sections;  // per Section, the rows sent
    std::vector<std::string> parked;  // fields with an open conflict: left as each side has them
    std::optional<std::string> base_active;  // "active" as both sides last held it
    bool gone = false;  // the row was deleted in the CRM (then only `binding` and `parked`)
};

// Outbox messages read per store call while delivering.
constexpr std::size_t kMessagePage = 500;

bool isActive(const core::Row& row) {
    const core::ColumnValue* active = core::findColumn(row, "active");
    return active == nullptr || active->text != "0";
}

std::vector<core::Field> changedProperties(const Pending& pending,
                                          const std::vector<MergeSlot>& slots,
                                          mapping::OnDelete on_delete) {
    if (!pending.base) {
        return pending.body;
    }
    std::vector<core::Field> changed;
    // A deactivation (or its undoing) made in the CRM: 1C's deletion mark follows it.
    bool active = isActive(pending.row);
    bool was_active = !pending.base_active || *pending.base_active != "0";
    if (on_delete != mapping::OnDelete::Ignore && active != was_active) {
        changed.push_back({"DeletionMark", core::Value(!active)});
    }
    for (const auto& field : pending.body) {
        bool parked = std::any_of(slots.begin(), slots.end(), [&](const MergeSlot& slot) {
            return slot.onec_field == field.name &&
                   std::find(pending.parked.begin(), pending.parked.end(), slot.name()) !=
                       pending.parked.end();
        });
        if (parked) {
            continue;
        }
        auto before = std::find_if(pending.base->begin(), pending.base->end(),
                                   [&](const core::Field& f) { return f.name == field.name; });
        if (before == pending.base->end() || !(before->value == field.value)) {
            changed.push_back(field);
        }
    }
    return changed;
}

std::string lineage(const std::string& object_set, const std::string& key) {
    return object_set + "(" + key + ")";
}

class EntityPush {
public:
    EntityPush(core::CrmStore& store, const mapping::Mapping& mapping,
               const mapping::EntityMapping& entity, core::ObjectSetWriter& writer,
               const PushOptions& options, std::int64_t run_id, EntityPushStats& stats,
               std::vector<PushFailure>& failures)
        : store_(store), mapping_(mapping), entity_(entity), writer_(writer), options_(options),
          run_id_(run_id), stats_(stats), failures_(failures), slots_(mergeSlots(entity)) {
        for (const auto& other : mapping.entities) {
            if (writesToOneC(other) && !other.onec.tabular_section.empty() &&
                other.onec.name == entity.onec.name) {
                sections_.push_back({&other, ownerColumn(other)});
            }
        }
    }

    // Delivers the due outbox messages of this entity and of its sections, object by object:
    // a push costs what changed, not what exists.
    void run() {
        std::vector<std::string> tables{entity_.spec->table};
        for (const auto& section : sections_) {
            tables.push_back(section.mapping->spec->table);
        }
        {
            auto tx = store_.begin();
            for (const auto& table : tables) {
                stats_.queued_at_start += tx->outbox().route(kOdataConsumer, table);
            }
            tx->commit();
        }
        core::OutboxQuery query;
        query.consumer = kOdataConsumer;
        query.state = "pending";
        query.tables = tables;
        query.limit = kMessagePage;
        query.due_only = true;
        for (;;) {
            std::vector<std::int64_t> objects;  // in the order of their oldest message
            std::map<std::int64_t, std::vector<core::OutboxMessage>> messages;
            std::vector<core::OutboxMessage> nothing_to_do;
            std::size_t read = 0;
            {
                auto tx = store_.begin();
                auto page = tx->outbox().list(query);
                read = page.size();
                if (!page.empty()) {
                    query.after_id = page.back().id;
                }
                for (auto& message : page) {
                    auto object = objectOf(*tx, message);
                    if (!object) {
                        nothing_to_do.push_back(std::move(message));
                        continue;
                    }
                    auto& held = messages[*object];
                    if (held.empty()) {
                        objects.push_back(*object);
                    }
                    held.push_back(std::move(message));
                }
                settleMessages(*tx, nothing_to_do);
                tx->commit();
            }
            stats_.messages += read;
            for (std::int64_t id : objects) {
                if (options_.should_stop && options_.should_stop()) {
                    throw Error("stopped before the end because crmsync is shutting down");
                }
                deliver(id, messages[id]);
            }
            if (read < kMessagePage) {
                return;
            }
        }
    }

private:
    static std::shared_ptr<spdlog::logger> log() { return core::logger("sync"); }

    // The pushed object a message is about: its own row, or the owner of a section row (a
    // line deleted since is found through its binding, "<object key>|<position>"). None: the
    // row is gone and 1C never had it, so there is nothing to deliver.
    std::optional<std::int64_t> objectOf(core::CrmTransaction& tx,
                                         const core::OutboxMessage& message) {
        if (message.table == entity_.spec->table) {
            return message.row_id;
        }
        for (const auto& section : sections_) {
            if (section.mapping->spec->table == message.table) {
                return sectionOwner(tx, *section.mapping->spec, section.owner_column,
                                    entity_.entity, message.row_id);
            }
        }
        return std::nullopt;
    }

    void deliver(std::int64_t id, const std::vector<core::OutboxMessage>& messages) {
        ++stats_.examined;
        try {
            pushRow(id, messages);
        } catch (const AccessDenied&) {
            throw;
        } catch (const ExternalUnavailable&) {
            throw;
        } catch (const LeaseLost&) {
            throw;  // another instance runs this job now: this one must stop, not go on
        } catch (const VersionConflict& e) {
            // Not 1C refusing the record: the next pull merges 1C's change, and the message,
            // still due, goes at the push after it.
            ++stats_.conflicts;
            log()->warn("run={} entity={} crm_id={} conflict: {}", run_id_, entity_.entity,
                        id, e.what());
        } catch (const Error& e) {
            ++stats_.failed;
            failures_.push_back({entity_.entity, id, e.what()});
            log()->error("run={} entity={} crm_id={} not pushed: {}", run_id_, entity_.entity,
                         id, e.what());
            auto tx = store_.begin();
            auto binding = tx->bindings().findOfRow(entity_.entity, id);
            MessageSubject subject{entity_.entity, binding ? binding->onec_key : ""};
            for (const auto& message : messages) {
                if (deferDelivery(*tx, message, e.what(), options_.delivery, backoff_, run_id_,
                                  subject)) {
                    ++stats_.dead;
                }
            }
            tx->commit();
        }
    }

    // Nothing had to go to 1C for them: settled in a transaction of their own.
    void settleAll(const std::vector<core::OutboxMessage>& messages) {
        auto tx = store_.begin();
        settleMessages(*tx, messages);
        tx->commit();
    }

    std::string ownerColumn(const mapping::EntityMapping& section) const {
        for (const auto& column : section.spec->columns) {
            if (column.type == core::ColumnType::Reference && column.references == entity_.entity) {
                return column.name;
            }
        }
        throw Error("entity '" + section.entity + "' is the " + section.onec.tabular_section +
                    " section of " + entity_.entity + " but has no column referring to it");
    }

    // What both sides hold once the write is answered: a created object everything sent; an
    // updated one the base with the CRM's values of the fields that go to 1C, except those
    // parked in the conflict queue and those only 1C fills (their base moves with the pull).
    core::Row pushedSnapshot(const Pending& pending) const {
        if (!pending.binding) {
            return pending.row;
        }
        core::Row snapshot = snapshotRow(*entity_.spec, pending.binding->snapshot)
                                 .value_or(core::Row{});
        for (const auto& slot : slots_) {
            bool parked = std::find(pending.parked.begin(), pending.parked.end(), slot.name()) !=
                          pending.parked.end();
            if (slot.direction != mapping::Direction::FromOneC && !parked) {
                slot.write(snapshot, slot.read(pending.row));
            }
        }
        return snapshot;
    }

    bool isDocument() const { return entity_.onec.name.rfind("Document_", 0) == 0; }

    Pending prepare(std::int64_t id) {
        auto tx = store_.begin();
        BindingKeyResolver keys(*tx);
        Pending pending;
        pending.id = id;
        pending.binding = tx->bindings().findOfRow(entity_.entity, id);
        auto row = tx->rows().tryRead(*entity_.spec, id);
        if (!row) {
            pending.gone = true;
            if (pending.binding) {
                pending.parked = tx->conflicts().openFields(entity_.entity, id);
            }
            return pending;
        }
        pending.row = std::move(*row);
        pending.body = mapped(entity_, pending.row, keys);
        if (pending.binding) {
            pending.parked = tx->conflicts().openFields(entity_.entity, id);
            if (auto before = snapshotRow(*entity_.spec, pending.binding->snapshot)) {
                pending.base = mapped(entity_, *before, keys);
                if (const auto* active = core::findColumn(*before, "active")) {
                    pending.base_active = active->text;
                }
            }
        }
        for (const auto& section : sections_) {
            std::vector<SectionRow> rows;
            core::List now;
            core::List then;
            bool then_known = pending.base.has_value();
            for (std::int64_t line_id : tx->rows().findIds(
                     *section.mapping->spec, {{section.owner_column, std::to_string(id)}})) {
                SectionRow line{line_id, tx->rows().read(*section.mapping->spec, line_id)};
                now.emplace_back(mapped(*section.mapping, line.row, keys));
                auto bound = tx->bindings().findOfRow(section.mapping->entity, line_id);
                auto before =
                    bound ? snapshotRow(*section.mapping->spec, bound->snapshot) : std::nullopt;
                if (before) {
                    then.emplace_back(mapped(*section.mapping, *before, keys));
                } else {
                    then_known = false;  // a new line: the section is sent again
                }
                rows.push_back(std::move(line));
            }
            pending.body.push_back({section.mapping->onec.tabular_section, core::Value(now)});
            if (then_known) {
                pending.base->push_back(
                    {section.mapping->onec.tabular_section, core::Value(then)});
            } else if (pending.base) {
                pending.base->push_back({section.mapping->onec.tabular_section, core::Value()});
            }
            pending.sections.push_back(std::move(rows));
        }
        return pending;
    }

    void pushRow(std::int64_t id, const std::vector<core::OutboxMessage>& messages) {
        Pending pending = prepare(id);
        if (pending.gone) {
            if (std::find(pending.parked.begin(), pending.parked.end(),
                          core::kWholeRowField) != pending.parked.end()) {
                // 1C changed the object after the CRM deleted it, and a person decides which
                // stands: the deletion mark waits with its message, which stays due.
                ++stats_.conflicts;
                return;
            }
            deleted(id, pending.binding, messages);
            return;
        }
        if (!pending.binding) {
            if (!isActive(pending.row)) {
                ++stats_.unchanged;  // deactivated before 1C ever had it: nothing to create
                settleAll(messages);
                return;
            }
            create(pending, messages);
            return;
        }
        auto changes = changedProperties(pending, slots_, entity_.on_delete);
        if (changes.empty()) {
            if (postingWasLost(pending, messages)) {
                return;
            }
            ++stats_.unchanged;
            settleAll(messages);
            return;
        }
        update(pending, changes, messages);
    }

    // A document this push created, found unposted with its message still due: the run that
    // created it stopped before posting it (the pull after the restart adopted it by its mark,
    // so nothing differs). It is posted now, as that run would have done. Read only for a
    // document with nothing to send, so a push of real changes costs no extra request.
    bool postingWasLost(Pending& pending, const std::vector<core::OutboxMessage>& messages) {
        const std::string& mark_property = entity_.onec.crm_id_property;
        if (!isDocument() || !options_.post_documents || mark_property.empty()) {
            return false;
        }
        const std::string& key = pending.binding->onec_key;
        auto held = writer_.read(entity_.onec.name, key, {mark_property, "Posted"});
        if (held.size() != 2 || held[0].value.toText() != crmIdMark(pending.id) ||
            held[1].value == core::Value(true)) {
            return false;
        }
        auto written = writer_.post(entity_.onec.name, key);
        ++stats_.updated;
        auto tx = store_.begin();
        tx->journal().append(
            writeJournal(written, pending.id, "update", "{}", R"({"Posted":true})"));
        settleMessages(*tx, messages);
        tx->commit();
        log()->info("run={} entity={} key={} crm_id={} posted in 1C (its posting was lost)",
                    run_id_, entity_.entity, key, pending.id);
        return true;
    }

    // The CRM row is gone (a plain SQL DELETE): 1C's object, if it has one, gets its deletion
    // mark (on-delete deactivate or delete; 1C removes marked objects itself). The binding
    // stays, pointing at no row, so that 1C's object is never imported again as a new row.
    void deleted(std::int64_t id, const std::optional<core::Binding>& binding,
                 const std::vector<core::OutboxMessage>& messages) {
        if (!binding || entity_.on_delete == mapping::OnDelete::Ignore) {
            ++stats_.unchanged;
            settleAll(messages);
            return;
        }
        auto written = writer_.update(entity_.onec.name, binding->onec_key,
                                      {{"DeletionMark", core::Value(true)}}, "");
        ++stats_.deleted;
        auto tx = store_.begin();
        tx->journal().append(
            writeJournal(written, id, "delete", binding->snapshot, R"({"DeletionMark":true})"));
        settleMessages(*tx, messages);
        tx->commit();
        log()->info("run={} entity={} key={} crm_id={} deleted in the CRM: marked for deletion "
                    "in 1C", run_id_, entity_.entity, binding->onec_key, id);
    }

    // The journal row of a write 1C answered with `written` (origin "crm").
    core::JournalEntry writeJournal(const core::ObjectVersion& written, std::int64_t crm_id,
                                    const std::string& op, const std::string& before,
                                    const std::string& after) const {
        core::JournalEntry journal;
        journal.run_id = run_id_;
        journal.entity = entity_.entity;
        journal.onec_key = written.key;
        journal.crm_id = crm_id;
        journal.origin = "crm";
        journal.op = op;
        journal.before = before;
        journal.after = after;
        journal.mapping_version = mapping_.version;
        journal.lineage = lineage(entity_.onec.name, written.key) + " DataVersion " +
                          written.version;
        return journal;
    }

    std::string crmIdMark(std::int64_t id) const {
        return "crmsync:" + entity_.entity + ":" + std::to_string(id);
    }

    void create(Pending& pending, const std::vector<core::OutboxMessage>& messages) {
        const std::string& set = entity_.onec.name;
        const std::string& mark_property = entity_.onec.crm_id_property;
        std::vector<core::Field> body = pending.body;
        if (!mark_property.empty()) {
            body.push_back({mark_property, core::Value(crmIdMark(pending.id))});
        }
        std::optional<core::ObjectVersion> written;
        bool adopted = false;
        for (int attempt = 1; !written; ++attempt) {
            if (!mark_property.empty()) {
                written = writer_.findBy(set, mark_property, crmIdMark(pending.id));
                if (written) {
                    adopted = true;
                    break;
                }
            }
            try {
                written = writer_.create(set, body);
            } catch (const ExternalUnavailable& e) {
                if (mark_property.empty()) {
                    throw Error(std::string(e.what()) + "; the mapping sets no crm-id-property "
                                "for " + entity_.entity + ", so crmsync cannot tell whether 1C "
                                "created it: check 1C for a duplicate before pushing again");
                }
                if (attempt >= options_.create_attempts) {
                    throw;
                }
                log()->warn("run={} entity={} crm_id={} create answer lost, looking it up by "
                            "{}: {}", run_id_, entity_.entity, pending.id, mark_property, e.what());
            }
        }
        if (adopted) {
            // 1C committed an earlier create whose answer was lost; it gets today's values.
            written = writer_.update(set, written->key, body, {});
            ++stats_.adopted;
        } else {
            ++stats_.created;
        }
        finish(pending, *written, "insert", "{}", core::toJson(core::Value(pending.body)),
               messages);
    }

    void update(Pending& pending, const std::vector<core::Field>& changes,
                const std::vector<core::OutboxMessage>& messages) {
        const std::string& set = entity_.onec.name;
        const std::string& key = pending.binding->onec_key;
        std::optional<core::ObjectVersion> written;
        try {
            // 1C's object changed since the pull: the next pull merges its changes field by
            // field (and settles a disputed field by its policy) before this push goes again.
            written = writer_.update(set, key, changes, pending.binding->onec_version);
        } catch (const VersionConflict&) {
            // Our own update may have committed with its answer lost, and its repeat then
            // meets the version it made: 1C holding exactly our values is not a conflict.
            std::vector<std::string> names{"DataVersion"};
            for (const auto& field : changes) {
                names.push_back(field.name);
            }
            auto held = writer_.read(set, key, names);
            bool ours = true;
            for (std::size_t i = 0; i < changes.size(); ++i) {
                ours = ours && held[i + 1].value.toText() == changes[i].value.toText();
            }
            if (!ours) {
                throw VersionConflict(entity_.entity + " " + key +
                                      " changed in 1C since the last pull; the next pull merges "
                                      "it and this change goes at the push after it");
            }
            written = core::ObjectVersion{key, held[0].value.toText()};
        }
        ++stats_.updated;
        std::vector<core::Field> before;
        for (const auto& field : changes) {
            core::Value old;
            if (pending.base) {
                auto found = std::find_if(pending.base->begin(), pending.base->end(),
                                          [&](const core::Field& f) { return f.name == field.name; });
                if (found != pending.base->end()) {
                    old = found->value;
                }
            }
            before.push_back({field.name, std::move(old)});
        }
        finish(pending, *written, "update", core::toJson(core::Value(before)),
               core::toJson(core::Value(changes)), messages);
    }

    // Posts a document, then binds the row (and its lines) and journals the change in one
    // transaction right after the 1C write.
    void finish(Pending& pending, core::ObjectVersion written, const std::string& op,
                const std::string& before, const std::string& after,
                const std::vector<core::OutboxMessage>& messages) {
        if (isDocument() && options_.post_documents) {
            written = writer_.post(entity_.onec.name, written.key);
        }
        auto tx = store_.begin();
        // No 1C version is remembered: 1C fills in what the CRM did not send (the document
        // number, posting, totals), and the next pull must read the object back to bring that
        // into the CRM. Until then updates go without If-Match.
        core::Binding binding{entity_.entity, written.key, pending.id, "",
                              rowToJson(pushedSnapshot(pending)), ""};
        tx->bindings().save(binding);
        for (std::size_t s = 0; s < sections_.size(); ++s) {
            const std::string& line_entity = sections_[s].mapping->entity;
            const auto& rows = pending.sections[s];
            // 1C numbers the lines 1..n in the order sent; a position may have held another
            // CRM line before, and a line may have moved.
            for (std::size_t i = 0; i < rows.size(); ++i) {
                std::string line_key = written.key + "|" + std::to_string(i + 1);
                if (auto old = tx->bindings().findOfRow(line_entity, rows[i].id);
                    old && old->onec_key != line_key) {
                    tx->bindings().remove(line_entity, old->onec_key);
                }
                tx->bindings().remove(line_entity, line_key);
                tx->bindings().save({line_entity, line_key, rows[i].id, "",
                                 rowToJson(withoutActive(rows[i].row)), ""});
            }
        }
        tx->journal().append(writeJournal(written, pending.id, op, before, after));
        // Delivered, in the transaction that binds: a crash before it leaves the message, and
        // the next push finds the object by its crm-id mark or sees nothing left to send.
        settleMessages(*tx, messages);
        tx->commit();
        log()->info("run={} entity={} key={} crm_id={} {} in 1C", run_id_, entity_.entity,
                    written.key, pending.id, op == "insert" ? "created" : "updated");
    }

    core::CrmStore& store_;
    const mapping::Mapping& mapping_;
    const mapping::EntityMapping& entity_;
    core::ObjectSetWriter& writer_;
    const PushOptions& options_;
    std::int64_t run_id_;
    EntityPushStats& stats_;
    std::vector<PushFailure>& failures_;
    std::vector<Section> sections_;
    std::vector<MergeSlot> slots_;
    util::Backoff backoff_{options_.delivery.backoff};
};

std::vector<const mapping::EntityMapping*> pushedEntities(const mapping::Mapping& mapping,
                                                          const std::vector<std::string>& wanted) {
    for (const auto& name : wanted) {
        const auto* entity = mapping.find(name);
        if (entity == nullptr || !writesToOneC(*entity) || !entity->onec.tabular_section.empty()) {
            throw Error("entity '" + name + "' of mapping " + mapping.version +
                        " is not pushed to 1C over OData (a tabular section goes with its "
                        "object)");
        }
    }
    std::vector<const mapping::EntityMapping*> out;
    for (const auto& entity : mapping.entities) {
        if (writesToOneC(entity) && entity.onec.tabular_section.empty() &&
            (wanted.empty() ||
             std::find(wanted.begin(), wanted.end(), entity.entity) != wanted.end())) {
            out.push_back(&entity);
        }
    }
    return out;
}

}  // namespace

PushReport pushToOneC(core::CrmStore& store, const mapping::Mapping& mapping,
                      core::ObjectSetWriter& writer, const PushOptions& options) {
    auto entities = pushedEntities(mapping, options.entities);
    std::string input;
    for (const auto* entity : entities) {
        input += (input.empty() ? "" : " ") + entity->onec.name + " (" + entity->entity + ")";
    }
    PushReport report;
    RunScope run(store.runs(), "odata-push", input);
    report.run_id = run.id();
    std::uint64_t requests_before = writer.requestCount();
    report.entities.resize(entities.size());
    try {
        for (std::size_t i = 0; i < entities.size(); ++i) {
            report.entities[i].entity = entities[i]->entity;
            EntityPush(store, mapping, *entities[i], writer, options, report.run_id,
                       report.entities[i], report.failures)
                .run();
        }
    } catch (const std::exception& e) {
        report.error = e.what();
    }
    report.requests = writer.requestCount() - requests_before;
    report.ok = report.error.empty() && report.failures.empty();
    core::RunCounts& counts = run.counts();
    for (const auto& stats : report.entities) {
        counts.read += static_cast<std::int64_t>(stats.examined);
        counts.inserted += static_cast<std::int64_t>(stats.created + stats.adopted);
        counts.updated += static_cast<std::int64_t>(stats.updated);
        counts.unchanged += static_cast<std::int64_t>(stats.unchanged);
        counts.deactivated += static_cast<std::int64_t>(stats.deleted);
    }
    std::string error = report.error;
    if (error.empty() && !report.failures.empty()) {
        error = std::to_string(report.failures.size()) + " objects not pushed; first: " +
                report.failures.front().message;
    }
    if (report.ok) {
        run.succeed();
    } else {
        run.fail(error);
    }
    auto log = core::logger("sync");
    for (const auto& stats : report.entities) {
        log->info("run={} entity={} push: messages={} examined={} created={} adopted={} "
                  "updated={} deleted={} unchanged={} conflicts={} failed={} dead={} "
                  "queued_at_start={}",
                  report.run_id, stats.entity, stats.messages, stats.examined, stats.created,
                  stats.adopted, stats.updated, stats.deleted, stats.unchanged, stats.conflicts,
                  stats.failed, stats.dead, stats.queued_at_start);
    }
    return report;
}

}  // namespace crmsync::sync
