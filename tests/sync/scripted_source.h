#pragma once
// A record source that replays a script: packages, records, and optionally a read error at a
// given point, so the engine's behaviour can be checked without any XML.
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "crmcore/error.h"
#include "crmcore/record_source.h"

namespace crmsync::test {

struct ScriptedPackage {
    core::PackageInfo info;
    std::vector<core::Record> records;
};

class ScriptedSource : public core::RecordSource {
public:
    explicit ScriptedSource(std::vector<ScriptedPackage> packages,
                            std::string name = "scripted.xml")
        : packages_(std::move(packages)), name_(std::move(name)) {}

    // Throws InputError(name, line, message) after `after_records` records were handed over.
    void failAfter(std::size_t after_records, std::size_t line, std::string message) {
        fail_after_ = after_records;
        fail_line_ = line;
        fail_message_ = std::move(message);
    }

    // Lets the importer read this source ahead, on a thread of its own, like a file.
    void allowReadAhead() { read_ahead_ = true; }
    // The thread that last read the source.
    std::thread::id readOn() const { return read_on_; }

    std::string name() const override { return name_; }
    bool canReadAhead() const override { return read_ahead_; }

    void read(core::RecordSink& sink) override {
        read_on_ = std::this_thread::get_id();
        std::size_t handed = 0;
        for (const auto& package : packages_) {
            sink.beginPackage(package.info);
            for (auto record : package.records) {
                if (fail_after_ && handed == *fail_after_) {
                    throw InputError(name_, fail_line_, fail_message_);
                }
                if (record.origin.file.empty()) {
                    record.origin = {name_, 10 + handed};
                }
                sink.record(std::move(record));
                ++handed;
            }
            sink.endPackage(package.info);
        }
        if (fail_after_ && handed == *fail_after_) {
            throw InputError(name_, fail_line_, fail_message_);
        }
    }

private:
    std::vector<ScriptedPackage> packages_;
    std::string name_;
    std::optional<std::size_t> fail_after_;
    std::size_t fail_line_ = 0;
    std::string fail_message_;
    bool read_ahead_ = false;
    std::thread::id read_on_;
};

inline core::Record makeRecord(std::string entity, std::string key,
                               std::vector<core::Field> fields) {
    core::Record r;
    r.entity = std::move(entity);
    r.key = std::move(key);
    r.fields = std::move(fields);
    return r;
}

inline core::PackageInfo package(std::string kind, bool changes_only,
                                 std::vector<std::string> entities) {
    core::PackageInfo info;
    info.kind = std::move(kind);
    info.changes_only = changes_only;
    info.entities = std::move(entities);
    info.origin = {"scripted.xml", 2};
    return info;
}

}  // namespace crmsync::test
