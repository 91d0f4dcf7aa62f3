#include "tests/emulator/odata_store.h"

#include <algorithm>
#include <sstream>

#include <Poco/Base64Encoder.h>
#include <Poco/UUIDGenerator.h>

namespace crmsync::emulator {

namespace {

Poco::JSON::Object::Ptr copyOf(const Poco::JSON::Object& entity) {
    return new Poco::JSON::Object(entity);
}

}  // namespace

std::string OdataStore::nextDataVersion() {
    // 1C's DataVersion is an opaque base64 string of 8 bytes ("AAAAAQAAAAA="); a big-endian
    // write counter gives the same look and changes on every write.
    std::uint64_t version = ++writes_;
    std::string bytes(8, '\0');
    for (int i = 7; i >= 0; --i) {
        bytes[static_cast<std::size_t>(i)] = static_cast<char>(version & 0xFF);
        version >>= 8;
    }
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder << bytes;
    encoder.close();
    return out.str();
}

void OdataStore::declare(const std::string& entity_set) {
    std::lock_guard lock(mutex_);
    sets_.try_emplace(entity_set);
}

bool OdataStore::has(const std::string& entity_set) const {
    std::lock_guard lock(mutex_);
    return sets_.count(entity_set) != 0;
}

Poco::JSON::Object::Ptr OdataStore::insert(const std::string& entity_set,
                                           const Poco::JSON::Object& entity) {
    std::lock_guard lock(mutex_);
    auto& set = sets_[entity_set];
    // Ref_Key first, as 1C lists it.
    Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    std::string ref_key = entity.has("Ref_Key")
                              ? entity.getValue<std::string>("Ref_Key")
                              : Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    row->set("Ref_Key", ref_key);
    row->set("DataVersion", nextDataVersion());
    row->set("DeletionMark", false);
    for (const auto& [name, value] : entity) {
        if (name != "Ref_Key" && name != "DataVersion") {
            row->set(name, value);
        }
    }
    set.by_ref_key[ref_key] = set.rows.size();
    set.rows.push_back(row);
    return copyOf(*row);
}

Poco::JSON::Object::Ptr OdataStore::find(const std::string& entity_set,
                                         const std::string& ref_key) const {
    std::lock_guard lock(mutex_);
    auto set = sets_.find(entity_set);
    if (set == sets_.end()) {
        return nullptr;
    }
    auto row = set->second.by_ref_key.find(ref_key);
    return row == set->second.by_ref_key.end() ? nullptr
                                               : copyOf(*set->second.rows[row->second]);
}

Poco::JSON::Object::Ptr OdataStore::update(const std::string& entity_set,
                                           const std::string& ref_key,
                                           const Poco::JSON::Object& changes) {
    std::lock_guard lock(mutex_);
    auto set = sets_.find(entity_set);
    if (set == sets_.end()) {
        return nullptr;
    }
    auto index = set->second.by_ref_key.find(ref_key);
    if (index == set->second.by_ref_key.end()) {
        return nullptr;
    }
    auto& row = set->second.rows[index->second];
    for (const auto& [name, value] : changes) {
        if (name != "Ref_Key" && name != "DataVersion") {
            row->set(name, value);
        }
    }
    row->set("DataVersion", nextDataVersion());
    return copyOf(*row);
}

bool OdataStore::post(const std::string& entity_set, const std::string& ref_key) {
    Poco::JSON::Object posted;
    posted.set("Posted", true);
    return update(entity_set, ref_key, posted) != nullptr;
}

std::vector<Poco::JSON::Object::Ptr> OdataStore::select(const std::string& entity_set,
                                                        const StoreQuery& query) const {
    std::lock_guard lock(mutex_);
    std::vector<Poco::JSON::Object::Ptr> matches;
    auto set = sets_.find(entity_set);
    if (set == sets_.end()) {
        return matches;
    }
    for (const auto& row : set->second.rows) {
        if (!query.filter || query.filter(*row)) {
            matches.push_back(row);
        }
    }
    if (!query.order.empty()) {
        std::stable_sort(matches.begin(), matches.end(), [&](const auto& a, const auto& b) {
            return entityLess(*a, *b, query.order);
        });
    }
    std::size_t begin = std::min(query.skip, matches.size());
    std::size_t end = query.top ? std::min(matches.size(), begin + *query.top) : matches.size();
    std::vector<Poco::JSON::Object::Ptr> page;
    page.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i) {
        page.push_back(copyOf(*matches[i]));
    }
    return page;
}

std::size_t OdataStore::size(const std::string& entity_set) const {
    std::lock_guard lock(mutex_);
    auto set = sets_.find(entity_set);
    return set == sets_.end() ? 0 : set->second.rows.size();
}

}  // namespace crmsync::emulator
