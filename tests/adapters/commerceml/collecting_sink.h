#pragma once
// A RecordSink that keeps everything it is handed, in order, for tests to look at.
#include <algorithm>
#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "crmcore/record_sink.h"

namespace crmsync::test {

class CollectingSink : public core::RecordSink {
public:
    std::vector<core::PackageInfo> begun;
    std::vector<core::PackageInfo> ended;
    std::vector<core::Record> records;
    // "begin:catalog", "product:<key>", "end:catalog": the whole conversation, in order.
    std::vector<std::string> events;

    void beginPackage(const core::PackageInfo& package) override {
        begun.push_back(package);
        events.push_back("begin:" + package.kind);
    }
    void record(core::Record&& record) override {
        events.push_back(record.entity + ":" + record.key);
        records.push_back(std::move(record));
    }
    void endPackage(const core::PackageInfo& package) override {
        ended.push_back(package);
        events.push_back("end:" + package.kind);
    }

    std::size_t count(const std::string& entity) const {
        return static_cast<std::size_t>(std::count_if(
            records.begin(), records.end(), [&](const auto& r) { return r.entity == entity; }));
    }

    const core::Record& get(const std::string& entity, const std::string& key) const {
        for (const auto& record : records) {
            if (record.entity == entity && record.key == key) {
                return record;
            }
        }
        throw std::runtime_error("no " + entity + " record with key '" + key + "'");
    }

    // Position of an event in the conversation; events.size() when it never happened.
    std::size_t position(const std::string& event) const {
        return static_cast<std::size_t>(std::find(events.begin(), events.end(), event) -
                                        events.begin());
    }
};

// The kinds of packages, in order.
inline std::vector<std::string> kinds(const std::vector<core::PackageInfo>& packages) {
    std::vector<std::string> out;
    for (const auto& package : packages) {
        out.push_back(package.kind);
    }
    return out;
}

// "price=2 stock=1": record counts for a failure message.
inline std::string describe(const std::map<std::string, std::size_t>& counts) {
    std::string out;
    for (const auto& [entity, count] : counts) {
        out += (out.empty() ? "" : " ") + entity + "=" + std::to_string(count);
    }
    return out.empty() ? "(none)" : out;
}

// The text of a field, "<absent>" when the record has no such field.
inline std::string text(const core::Record& record, const std::string& field) {
    if (!record.has(field)) {
        return "<absent>";
    }
    return record.get(field).toText();
}

}  // namespace crmsync::test
