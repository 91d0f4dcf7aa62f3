#include "sync/source_reader.h"

#include <cstring>
#include <functional>

#include "crmcore/error.h"
#include "crmcore/record_codec.h"

namespace crmsync::sync {

namespace {

// A frame of the event file: one of these, then what the event carries.
enum class EventKind : char { BeginPackage, Record, Present, EndPackage };

// Thrown on the reading thread once the reader is being destroyed; never leaves this file.
struct ReadCancelled {};

// A package travels as a record (its kind as the key, its flag and entities as fields, its
// origin as the record's), so the record codec serves both.
core::Record packageAsRecord(const core::PackageInfo& package) {
    core::Record record;
    record.key = package.kind;
    core::List entities(package.entities.begin(), package.entities.end());
    record.fields = {{"changes_only", package.changes_only}, {"entities", std::move(entities)}};
    record.origin = package.origin;
    return record;
}

core::PackageInfo packageFromRecord(const core::Record& record) {
    core::PackageInfo package;
    package.kind = record.key;
    package.changes_only = std::get<bool>(record.get("changes_only").data);
    for (const auto& entity : std::get<core::List>(record.get("entities").data)) {
        package.entities.push_back(std::get<std::string>(entity.data));
    }
    package.origin = record.origin;
    return package;
}

// Events written between two publications: a few hundred, so that replay() follows closely
// while the writer flushes and wakes it seldom.
constexpr std::uint64_t kEventsPerPublication = 512;

class EventWriter : public core::RecordSink {
public:
    EventWriter(SpoolFile& events, const std::string& mapping_version,
                const std::atomic<bool>& cancelled, std::function<void()> publish)
        : events_(events),
          mapping_version_(mapping_version),
          cancelled_(cancelled),
          publish_(std::move(publish)) {}

    void beginPackage(const core::PackageInfo& package) override {
        writePackage(EventKind::BeginPackage, package);
    }
    void record(core::Record&& record) override {
        checkCancelled();
        DigestedRecord digested = digestRecord(record, mapping_version_);
        const char head[2] = {static_cast<char>(EventKind::Record),
                              static_cast<char>(digested.binding_hash.size())};
        char key_hash[sizeof digested.key_hash];
        std::memcpy(key_hash, &digested.key_hash, sizeof key_hash);
        events_.append({std::string_view(head, sizeof head), digested.binding_hash,
                        std::string_view(key_hash, sizeof key_hash), digested.encoded});
        written();
    }
    void present(const std::string& entity, const std::string& key) override {
        checkCancelled();
        core::Record record;
        record.entity = entity;
        record.key = key;
        write(EventKind::Present, record);
    }
    void endPackage(const core::PackageInfo& package) override {
        writePackage(EventKind::EndPackage, package);
    }

private:
    void checkCancelled() const {
        if (cancelled_.load(std::memory_order_relaxed)) {
            throw ReadCancelled{};
        }
    }
    void writePackage(EventKind kind, const core::PackageInfo& package) {
        checkCancelled();
        write(kind, packageAsRecord(package));
    }
    void write(EventKind kind, const core::Record& record) {
        encoded_.clear();
        core::encodeRecord(record, encoded_);
        const char head = static_cast<char>(kind);
        events_.append({std::string_view(&head, 1), encoded_});
        written();
    }
    void written() {
        if (events_.frames() % kEventsPerPublication == 0) {
            publish_();
        }
    }

    SpoolFile& events_;
    const std::string& mapping_version_;
    const std::atomic<bool>& cancelled_;
    std::function<void()> publish_;
    std::string encoded_;
};

[[noreturn]] void corrupt() { throw Error("read-ahead event file is corrupt"); }

void deliver(std::string_view frame, ChangeFilter& filter) {
    if (frame.empty()) {
        corrupt();
    }
    auto kind = static_cast<EventKind>(frame.front());
    frame.remove_prefix(1);
    switch (kind) {
        case EventKind::Record: {
            if (frame.empty()) {
                corrupt();
            }
            DigestedRecord record;
            std::size_t hash_length = static_cast<unsigned char>(frame.front());
            if (frame.size() < 1 + hash_length + sizeof record.key_hash) {
                corrupt();
            }
            record.binding_hash.assign(frame.substr(1, hash_length));
            std::memcpy(&record.key_hash, frame.data() + 1 + hash_length, sizeof record.key_hash);
            record.encoded.assign(frame.substr(1 + hash_length + sizeof record.key_hash));
            filter.digested(std::move(record));
            return;
        }
        case EventKind::Present: {
            core::Record record = core::decodeRecord(frame);
            filter.present(record.entity, record.key);
            return;
        }
        case EventKind::BeginPackage:
            filter.beginPackage(packageFromRecord(core::decodeRecord(frame)));
            return;
        case EventKind::EndPackage:
            filter.endPackage(packageFromRecord(core::decodeRecord(frame)));
            return;
    }
    corrupt();
}

}  // namespace

SourceReader::SourceReader(core::RecordSource& source, const std::filesystem::path& spool_dir,
                               std::string mapping_version)
    : source_(source),
      mapping_version_(std::move(mapping_version)),
      events_(spool_dir) {
    try {
        source_.prepare();
    } catch (...) {
        error_ = std::current_exception();
        finished_ = true;
        return;
    }
    thread_ = std::thread([this] { read(); });
}

SourceReader::~SourceReader() {
    cancelled_ = true;
    if (thread_.joinable()) {
        thread_.join();
    }
}

void SourceReader::read() {
    std::exception_ptr error;
    try {
        EventWriter writer(events_, mapping_version_, cancelled_, [this] { publish(); });
        source_.read(writer);
    } catch (const ReadCancelled&) {
    } catch (...) {
        error = std::current_exception();
    }
    try {
        publish();
    } catch (...) {
        error = error ? error : std::current_exception();
    }
    std::lock_guard lock(mutex_);
    error_ = error;
    finished_ = true;
    progress_.notify_all();
}

void SourceReader::publish() {
    std::uint64_t size = events_.publish();
    std::lock_guard lock(mutex_);
    published_ = size;
    progress_.notify_all();
}

void SourceReader::replay(ChangeFilter& filter) {
    SpoolTail tail(events_);
    std::string frame;
    while (true) {
        std::uint64_t published = 0;
        bool finished = false;
        {
            std::unique_lock lock(mutex_);
            progress_.wait(lock, [&] { return finished_ || published_ > tail.consumed(); });
            published = published_;
            finished = finished_;
        }
        while (tail.next(published, frame)) {
            deliver(frame, filter);
        }
        if (finished) {
            break;
        }
    }
    std::exception_ptr error;
    {
        std::lock_guard lock(mutex_);
        error = error_;
    }
    if (error) {
        std::rethrow_exception(error);
    }
}

}  // namespace crmsync::sync
