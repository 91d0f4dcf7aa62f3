#include "tests/emulator/odata_store.h"

#include <algorithm>
#include <sstream>

#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Array.h>
#include <Poco/UUIDGenerator.h>

namespace crmsync::emulator {

namespace {

Poco::JSON::Object::Ptr copyOf(const Poco::JSON::Object& entity) {
    return new Poco::JSON::Object(entity);
}

// A property written to an object: a tabular section (an array of rows) is stored the way 1C
// stores it, each row carrying its owner's Ref_Key and its LineNumber 1..n in the order given.
Poco::Dynamic::Var stored(const std::string& ref_key, const Poco::Dynamic::Var& value) {
    if (value.type() != typeid(Poco::JSON::Array::Ptr)) {
        return value;
    }
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    std::size_t number = 0;
    for (const auto& item : *value.extract<Poco::JSON::Array::Ptr>()) {
        if (item.type() != typeid(Poco::JSON::Object::Ptr)) {
            rows->add(item);
            continue;
        }
        Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        row->set("Ref_Key", ref_key);
        row->set("LineNumber", std::to_string(++number));
        for (const auto& [name, field] : *item.extract<Poco::JSON::Object::Ptr>()) {
            if (name != "Ref_Key" && name != "LineNumber") {
                row->set(name, field);
            }
        }
        rows->add(row);
    }
    return rows;
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
            row->set(name, stored(ref_key, value));
        }
    }
    set.by_ref_key[ref_key] = set.rows.size();
    set.rows.push_back(row);
    if (observer_) {
        observer_(entity_set, *row);
    }
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
            row->set(name, stored(ref_key, value));
        }
    }
    row->set("DataVersion", nextDataVersion());
    if (observer_) {
        observer_(entity_set, *row);
    }
    return copyOf(*row);
}

bool OdataStore::remove(const std::string& entity_set, const std::string& ref_key) {
    std::lock_guard lock(mutex_);
    auto set = sets_.find(entity_set);
    if (set == sets_.end()) {
        return false;
    }
    auto& rows = set->second.rows;
    auto& index = set->second.by_ref_key;
    auto found = index.find(ref_key);
    if (found == index.end()) {
        return false;
    }
    std::size_t removed = found->second;
    rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(removed));
    index.erase(found);
    for (auto& [key, position] : index) {
        if (position > removed) {
            --position;
        }
    }
    ++writes_;
    return true;
}

std::size_t OdataStore::removeRecords(const std::string& register_set,
                                      const std::string& property, const std::string& value) {
    std::lock_guard lock(mutex_);
    auto set = sets_.find(register_set);
    if (set == sets_.end()) {
        return 0;
    }
    auto& rows = set->second.rows;
    std::size_t before = rows.size();
    std::erase_if(rows, [&](const Poco::JSON::Object::Ptr& row) {
        return row->has(property) && row->get(property).convert<std::string>() == value;
    });
    ++writes_;
    return before - rows.size();
}

bool OdataStore::post(const std::string& entity_set, const std::string& ref_key) {
    Poco::JSON::Object posted;
    posted.set("Posted", true);
    return update(entity_set, ref_key, posted) != nullptr;
}

void OdataStore::declareRegister(const std::string& register_set,
                                 std::vector<std::string> dimensions) {
    std::lock_guard lock(mutex_);
    sets_[register_set].dimensions = std::move(dimensions);
}

void OdataStore::addRecord(const std::string& register_set, const Poco::JSON::Object& record) {
    std::lock_guard lock(mutex_);
    Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& [name, value] : record) {
        row->set(name, value);
    }
    sets_[register_set].rows.push_back(row);
    ++writes_;
}

std::vector<Poco::JSON::Object::Ptr> OdataStore::sliceLast(const EntitySet& set) const {
    std::map<std::string, Poco::JSON::Object::Ptr> latest;  // dimension values -> record
    for (const auto& row : set.rows) {
        std::string key;
        for (const auto& dimension : set.dimensions) {
            key += (row->has(dimension) ? row->get(dimension).convert<std::string>() : "") + '|';
        }
        auto& slot = latest[key];
        // ISO periods order as text; a later record of the same period replaces the earlier.
        if (!slot || slot->getValue<std::string>("Period") <= row->getValue<std::string>("Period")) {
            slot = row;
        }
    }
    std::vector<Poco::JSON::Object::Ptr> rows;
    rows.reserve(latest.size());
    for (auto& [key, row] : latest) {
        rows.push_back(row);
    }
    return rows;
}

const std::vector<Poco::JSON::Object::Ptr>& OdataStore::matches(const std::string& entity_set,
                                                                const EntitySet& set,
                                                                const StoreQuery& query) const {
    Matches& cached = last_matches_;
    if (!query.text.empty() && cached.set == entity_set &&
        cached.virtual_table == query.virtual_table && cached.text == query.text &&
        cached.writes == writes_) {
        return cached.rows;
    }
    std::vector<Poco::JSON::Object::Ptr> source =
        query.virtual_table == "SliceLast()" ? sliceLast(set) : set.rows;
    cached.rows.clear();
    for (const auto& row : source) {
        if (!query.filter || query.filter(*row)) {
            cached.rows.push_back(row);
        }
    }
    if (!query.order.empty()) {
        std::stable_sort(cached.rows.begin(), cached.rows.end(), [&](const auto& a, const auto& b) {
            return entityLess(*a, *b, query.order);
        });
    }
    cached.set = entity_set;
    cached.virtual_table = query.virtual_table;
    cached.text = query.text;
    cached.writes = writes_;
    return cached.rows;
}

std::vector<Poco::JSON::Object::Ptr> OdataStore::select(const std::string& entity_set,
                                                        const StoreQuery& query) const {
    std::lock_guard lock(mutex_);
    auto set = sets_.find(entity_set);
    if (set == sets_.end()) {
        return {};
    }
    const auto& matches = this->matches(entity_set, set->second, query);
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
