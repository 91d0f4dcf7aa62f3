// How much of an import the mapping costs: reads CommerceML files with the real reader and
// times only mapping::mapForward (the shipped CommerceML mapping) on every record, references
// answered at once. Whatever an import takes, it cannot get faster than this by changing the
// mapping, so the figure bounds the mapping's share of the import benchmark.
//   mapping_bench FILE...
#include <chrono>
#include <cstdio>
#include <map>
#include <string>

#include "adapters/onec/commerceml/commerceml_reader.h"
#include "mapping/entity_mapping.h"
#include "mapping/forward_mapper.h"

namespace {

using Clock = std::chrono::steady_clock;

// Every reference resolves: the bench measures the mapping, not binding lookups.
class AnyReference : public crmsync::mapping::ReferenceResolver {
public:
    std::optional<std::int64_t> crmId(const std::string&, const std::string&) override {
        return 1;
    }
};

class TimingSink : public crmsync::core::RecordSink {
public:
    void beginPackage(const crmsync::core::PackageInfo&) override {}
    void endPackage(const crmsync::core::PackageInfo&) override {}
    void record(crmsync::core::Record&& record) override {
        const auto* rules = mapping_.find(record.entity);
        if (rules == nullptr) {
            return;
        }
        auto start = Clock::now();
        auto row = crmsync::mapping::mapForward(*rules, record, references_);
        spent_ += Clock::now() - start;
        ++(row.ok() ? mapped_ : refused_);
    }

    void print() const {
        double seconds = std::chrono::duration<double>(spent_).count();
        std::printf("mapping %s: %lld records mapped, %lld refused, %.3f s in mapForward "
                    "(%.2f us per record)\n",
                    mapping_.version.c_str(), mapped_, refused_, seconds,
                    mapped_ + refused_ > 0 ? seconds * 1e6 / double(mapped_ + refused_) : 0.0);
    }

private:
    const crmsync::mapping::Mapping& mapping_ = crmsync::mapping::builtinCommerceMlMapping();
    AnyReference references_;
    Clock::duration spent_{};
    long long mapped_ = 0;
    long long refused_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: mapping_bench FILE...\n");
        return 2;
    }
    TimingSink sink;
    try {
        for (int i = 1; i < argc; ++i) {
            crmsync::commerceml::readCommerceMl(argv[i], sink);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "mapping_bench: %s\n", e.what());
        return 1;
    }
    sink.print();
    return 0;
}
