#include "sync/read_ahead.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace crmsync::sync {

namespace {

// Events travel in chunks so the threads synchronise once per few hundred records, and only a
// few chunks may wait at a time so memory stays bounded whatever the file size.
constexpr std::size_t kEventsPerChunk = 256;
constexpr std::size_t kChunksInFlight = 8;

struct Event {
    enum class Kind { BeginPackage, Record, Present, EndPackage };
    Kind kind;
    core::PackageInfo package;  // for BeginPackage / EndPackage
    DigestedRecord record;      // for Record
    std::string entity;         // for Present, with key
    std::string key;
};
using Chunk = std::vector<Event>;

// Thrown inside the worker when the consumer gave up; never leaves this file.
struct ReadCancelled {};

class Channel {
public:
    // Worker side. Blocks while the consumer is behind; throws ReadCancelled once it stopped.
    void push(Chunk&& chunk) {
        std::unique_lock lock(mutex_);
        space_.wait(lock, [&] { return cancelled_ || chunks_.size() < kChunksInFlight; });
        if (cancelled_) {
            throw ReadCancelled{};
        }
        chunks_.push_back(std::move(chunk));
        ready_.notify_one();
    }
    void close(std::exception_ptr error) {
        std::lock_guard lock(mutex_);
        closed_ = true;
        error_ = std::move(error);
        ready_.notify_one();
    }

    // Consumer side. False once the worker closed the channel and every chunk was taken.
    bool pop(Chunk& chunk) {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return closed_ || !chunks_.empty(); });
        if (chunks_.empty()) {
            return false;
        }
        chunk = std::move(chunks_.front());
        chunks_.pop_front();
        space_.notify_one();
        return true;
    }
    void cancel() {
        std::lock_guard lock(mutex_);
        cancelled_ = true;
        space_.notify_one();
    }
    std::exception_ptr error() {
        std::lock_guard lock(mutex_);
        return error_;
    }

private:
    std::mutex mutex_;
    std::condition_variable ready_;
    std::condition_variable space_;
    std::deque<Chunk> chunks_;
    bool closed_ = false;
    bool cancelled_ = false;
    std::exception_ptr error_;
};

// The sink the worker's source writes to: it digests records and batches events into chunks
// for the channel.
class ChannelSink : public core::RecordSink {
public:
    ChannelSink(Channel& channel, const ChangeFilter& filter)
        : channel_(channel), filter_(filter) {
        chunk_.reserve(kEventsPerChunk);
    }

    void beginPackage(const core::PackageInfo& package) override {
        add({Event::Kind::BeginPackage, package, {}, {}, {}});
    }
    void record(core::Record&& record) override {
        add({Event::Kind::Record, {}, filter_.digest(record), {}, {}});
    }
    void present(const std::string& entity, const std::string& key) override {
        add({Event::Kind::Present, {}, {}, entity, key});
    }
    void endPackage(const core::PackageInfo& package) override {
        add({Event::Kind::EndPackage, package, {}, {}, {}});
    }
    void flush() {
        if (!chunk_.empty()) {
            channel_.push(std::move(chunk_));
            chunk_ = Chunk();
        }
    }

private:
    void add(Event&& event) {
        chunk_.push_back(std::move(event));
        if (chunk_.size() >= kEventsPerChunk) {
            flush();
            chunk_.reserve(kEventsPerChunk);
        }
    }

    Channel& channel_;
    const ChangeFilter& filter_;
    Chunk chunk_;
};

void deliver(Chunk& chunk, ChangeFilter& filter) {
    for (auto& event : chunk) {
        switch (event.kind) {
            case Event::Kind::BeginPackage:
                filter.beginPackage(event.package);
                break;
            case Event::Kind::Record:
                filter.digested(std::move(event.record));
                break;
            case Event::Kind::Present:
                filter.present(event.entity, event.key);
                break;
            case Event::Kind::EndPackage:
                filter.endPackage(event.package);
                break;
        }
    }
}

}  // namespace

void readAhead(core::RecordSource& source, ChangeFilter& filter) {
    Channel channel;
    std::thread worker([&] {
        std::exception_ptr error;
        try {
            ChannelSink out(channel, filter);
            source.read(out);
            out.flush();
        } catch (const ReadCancelled&) {
        } catch (...) {
            error = std::current_exception();
        }
        channel.close(error);
    });
    try {
        Chunk chunk;
        while (channel.pop(chunk)) {
            deliver(chunk, filter);
        }
    } catch (...) {
        channel.cancel();
        worker.join();
        throw;
    }
    worker.join();
    if (auto error = channel.error()) {
        std::rethrow_exception(error);
    }
}

}  // namespace crmsync::sync
