#include "sync/object_pull.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_map>

#include "crmcore/error.h"
#include "crmcore/logging.h"

namespace crmsync::sync {

namespace {

// Versions of this many keys are looked up per store call.
constexpr std::size_t kVersionLookup = 1000;
// When more than this share of a set changed (a first pull, a mass update in 1C), one pass over
// the whole set costs fewer requests than asking for the changed keys a few dozen at a time;
// the records that did not change are then skipped by their content hash.
constexpr double kReadAllShare = 0.25;

std::vector<std::string> splitKey(const std::string& key) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (;;) {
        std::size_t bar = key.find('|', start);
        fields.push_back(key.substr(start, bar - start));
        if (bar == std::string::npos) {
            return fields;
        }
        start = bar + 1;
    }
}

// The property through which an entity's objects point at a parent of the same entity (a
// folder's Parent_Key); "" when they do not.
std::string parentProperty(const mapping::EntityMapping& entity) {
    for (const auto& field : entity.fields) {
        if (field.reference_entity == entity.entity && field.source) {
            return field.label;
        }
    }
    return {};
}

// Holds the records of a self-referencing entity until the source is read, then hands them
// on parents first: 1C lists objects in key order, not in hierarchy order, and a child applied
// before its parent would lose the reference for good (its version does not move again).
// Folders are few, so keeping them costs little.
class ParentsFirst final : public core::RecordSink {
public:
    ParentsFirst(core::RecordSink& next, std::string entity, std::string parent_property)
        : next_(next), entity_(std::move(entity)), parent_(std::move(parent_property)) {}

    void beginPackage(const core::PackageInfo& package) override { next_.beginPackage(package); }
    void present(const std::string& entity, const std::string& key) override {
        next_.present(entity, key);
    }
    void record(core::Record&& record) override {
        if (record.entity == entity_) {
            index_.emplace(record.key, held_.size());
            held_.push_back({std::move(record), {}});
        } else if (!held_.empty()) {
            held_.back().sections.push_back(std::move(record));  // a row of the last object
        } else {
            next_.record(std::move(record));
        }
    }
    void endPackage(const core::PackageInfo& package) override {
        flush();
        next_.endPackage(package);
    }
    // Hands on what is held: the source was read to its end.
    void flush() {
        std::vector<bool> sent(held_.size(), false);
        for (std::size_t i = 0; i < held_.size(); ++i) {
            send(i, sent, 0);
        }
        held_.clear();
        index_.clear();
    }

private:
    struct Held {
        core::Record record;
        std::vector<core::Record> sections;
    };

    void send(std::size_t i, std::vector<bool>& sent, std::size_t depth) {
        if (sent[i]) {
            return;
        }
        sent[i] = true;  // before the parent: a cycle in 1C's data ends here
        auto parent = index_.find(held_[i].record.get(parent_).toText());
        if (parent != index_.end() && depth < held_.size()) {
            send(parent->second, sent, depth + 1);
        }
        next_.record(std::move(held_[i].record));
        for (auto& row : held_[i].sections) {
            next_.record(std::move(row));
        }
    }

    core::RecordSink& next_;
    std::string entity_;
    std::string parent_;
    std::vector<Held> held_;
    std::unordered_map<std::string, std::size_t> index_;
};

bool readsFromOneC(const mapping::EntityMapping& entity) {
    return entity.onec.kind == mapping::OneCObject::Kind::OData &&
           entity.direction != mapping::Direction::ToOneC;
}

// The records of one entity's object set, as an import source. The version scan and its
// comparison with the bindings happen in prepare(), on the importer's thread, because they use
// the store; read() only talks to 1C.
class ObjectSetSource final : public core::RecordSource {
public:
    ObjectSetSource(core::CrmStore& store, core::ObjectSetReader& reader,
                    core::ObjectSetQuery query, std::string parent_property, bool full,
                    EntityPullStats& stats)
        : store_(store), reader_(reader), query_(std::move(query)),
          parent_property_(std::move(parent_property)), stats_(stats) {
        stats_.entity = query_.entity;
        stats_.incremental = !full && (reader_.versioned(query_) || reader_.periodic(query_));
    }

    std::string name() const override { return query_.object_set + " (" + query_.entity + ")"; }

    void prepare() override {
        if (!stats_.incremental) {
            return;
        }
        if (reader_.periodic(query_)) {
            // Until a first full read has bound the register, there is nothing to go on from.
            since_ = store_.bindingIndex().latestVersion(query_.entity);
            stats_.incremental = !since_.empty();
            return;
        }
        std::vector<std::pair<std::string, std::string>> listed;
        guarded([&] {
            reader_.scanVersions(query_, [&](const std::string& key, const std::string& version) {
                listed.emplace_back(key, version);
            });
        });
        stats_.scanned = listed.size();
        for (std::size_t start = 0; start < listed.size(); start += kVersionLookup) {
            std::size_t end = std::min(listed.size(), start + kVersionLookup);
            std::vector<std::string> keys;
            for (std::size_t i = start; i < end; ++i) {
                keys.push_back(listed[i].first);
            }
            std::unordered_map<std::string, std::string> known;
            for (auto& [key, version] : store_.bindingIndex().versions(query_.entity, keys)) {
                known.emplace(std::move(key), std::move(version));
            }
            for (std::size_t i = start; i < end; ++i) {
                auto it = known.find(listed[i].first);
                // An empty version (a row first bound by a file import) is never trusted.
                if (it != known.end() && !it->second.empty() && it->second == listed[i].second) {
                    unchanged_.push_back(std::move(listed[i].first));
                } else {
                    changed_.push_back(std::move(listed[i].first));
                }
            }
        }
        read_all_ = static_cast<double>(changed_.size()) >
                    kReadAllShare * static_cast<double>(listed.size());
    }

    void read(core::RecordSink& sink) override {
        core::PackageInfo package;
        package.kind = "objects";
        // Records of a register read since the last pull are changes only: what was removed
        // from the register shows only in a full read.
        package.changes_only = !since_.empty();
        package.entities = {query_.entity};
        for (const auto& section : query_.sections) {
            package.entities.push_back(section.entity);  // an object re-read has all its rows
        }
        package.origin.file = query_.object_set;
        sink.beginPackage(package);
        std::optional<ParentsFirst> ordered;
        if (!parent_property_.empty()) {
            ordered.emplace(sink, query_.entity, parent_property_);
        }
        core::RecordSink& out = ordered ? static_cast<core::RecordSink&>(*ordered) : sink;
        CountingSink counting(out, query_.entity, stats_.fetched);
        guarded([&] {
            if (!since_.empty()) {
                reader_.readSince(query_, since_, counting);
            } else if (stats_.incremental && !read_all_) {
                for (const auto& key : unchanged_) {
                    sink.present(query_.entity, key);
                    for (const auto& section : query_.sections) {
                        sink.present(section.entity, key);
                    }
                }
                reader_.readKeys(query_, changed_, counting);
            } else {
                reader_.readAll(query_, counting);
            }
        });
        if (ordered) {
            ordered->flush();
        }
        sink.endPackage(package);
    }

private:
    // Counts the objects read in full (their section rows are not objects).
    class CountingSink final : public core::RecordSink {
    public:
        CountingSink(core::RecordSink& next, const std::string& entity, std::size_t& count)
            : next_(next), entity_(entity), count_(count) {}
        void beginPackage(const core::PackageInfo& package) override { next_.beginPackage(package); }
        void record(core::Record&& record) override {
            if (record.entity == entity_) {
                ++count_;
            }
            next_.record(std::move(record));
        }
        void present(const std::string& entity, const std::string& key) override {
            next_.present(entity, key);
        }
        void endPackage(const core::PackageInfo& package) override { next_.endPackage(package); }

    private:
        core::RecordSink& next_;
        const std::string& entity_;
        std::size_t& count_;
    };

    // What 1C refused or garbled makes the whole set unreadable for this run: the importer
    // then applies nothing of it and never deactivates.
    template <typename Work>
    void guarded(Work&& work) {
        try {
            work();
        } catch (const InputError&) {
            throw;
        } catch (const std::exception& e) {  // 1C's refusals, and anything its data broke
            throw InputError(query_.object_set, 0, e.what());
        }
    }

    core::CrmStore& store_;
    core::ObjectSetReader& reader_;
    core::ObjectSetQuery query_;
    std::string parent_property_;
    EntityPullStats& stats_;
    std::vector<std::string> unchanged_;
    std::vector<std::string> changed_;
    bool read_all_ = true;
    std::string since_;  // a periodic register read incrementally: its last Period applied
};

}  // namespace

std::vector<core::ObjectSetQuery> pullQueries(const mapping::Mapping& mapping,
                                              const std::vector<std::string>& entities) {
    for (const auto& name : entities) {
        const auto* entity = mapping.find(name);
        if (entity == nullptr) {
            throw Error("mapping " + mapping.version + " has no entity '" + name + "'");
        }
        if (!readsFromOneC(*entity)) {
            throw Error("entity '" + name + "' of mapping " + mapping.version +
                        " is not read from 1C over OData");
        }
    }
    auto wanted = [&](const mapping::EntityMapping& entity) {
        return entities.empty() ||
               std::find(entities.begin(), entities.end(), entity.entity) != entities.end();
    };
    std::vector<core::ObjectSetQuery> queries;
    for (const auto& entity : mapping.entities) {
        if (!readsFromOneC(entity) || !entity.onec.tabular_section.empty()) {
            continue;
        }
        core::ObjectSetQuery query{entity.entity, entity.onec.name, entity.onec.filter,
                                   splitKey(entity.onec.key), {}};
        bool any_section_wanted = false;
        for (const auto& section : mapping.entities) {
            if (readsFromOneC(section) && !section.onec.tabular_section.empty() &&
                section.onec.name == entity.onec.name) {
                query.sections.push_back(
                    {section.entity, section.onec.tabular_section, splitKey(section.onec.key)});
                any_section_wanted = any_section_wanted || wanted(section);
            }
        }
        if (wanted(entity) || any_section_wanted) {
            queries.push_back(std::move(query));
        }
    }
    for (const auto& entity : mapping.entities) {
        if (readsFromOneC(entity) && !entity.onec.tabular_section.empty() && wanted(entity)) {
            bool owned = std::any_of(queries.begin(), queries.end(), [&](const auto& query) {
                return query.object_set == entity.onec.name;
            });
            if (!owned) {
                throw Error("entity '" + entity.entity + "' reads the tabular section " +
                            entity.onec.tabular_section + " of " + entity.onec.name +
                            ", but no entity of the mapping reads " + entity.onec.name +
                            " itself");
            }
        }
    }
    return queries;
}

PullReport pullFromOneC(core::CrmStore& store, const mapping::Mapping& mapping,
                        core::ObjectSetReader& reader, const PullOptions& options) {
    auto queries = pullQueries(mapping, options.entities);
    PullReport report;
    report.entities.resize(queries.size());
    std::vector<std::unique_ptr<core::RecordSource>> sources;
    for (std::size_t i = 0; i < queries.size(); ++i) {
        std::string parent = parentProperty(*mapping.find(queries[i].entity));
        sources.push_back(std::make_unique<ObjectSetSource>(
            store, reader, std::move(queries[i]), std::move(parent), options.full,
            report.entities[i]));
    }
    std::uint64_t requests_before = reader.requestCount();
    Importer importer(store, mapping, options.import);
    report.import = importer.run("odata-pull", sources);
    report.requests = reader.requestCount() - requests_before;
    auto log = core::logger("sync");
    for (const auto& stats : report.entities) {
        log->info("run={} entity={} {} scanned={} fetched={}", report.import.run_id, stats.entity,
                  stats.incremental ? "incremental" : "full", stats.scanned, stats.fetched);
    }
    return report;
}

}  // namespace crmsync::sync
