#include "adapters/onec/commerceml/record_emitter.h"

#include <algorithm>

namespace crmsync::commerceml {

namespace {
const char* const kUnitEntity = "unit";
const char* const kProductEntity = "product";
const char* const kOffersKind = "offers";
}  // namespace

RecordEmitter::RecordEmitter(core::RecordSink& sink, ReadStats& stats, std::string file)
    : sink_(sink), stats_(stats), file_(std::move(file)) {}

void RecordEmitter::openPackage(core::PackageInfo info) {
    package_ = std::move(info);
    package_->entities.clear();
    announced_ = false;
}

void RecordEmitter::setChangesOnly(bool changes_only) {
    if (package_ && !announced_) {
        package_->changes_only = changes_only;
    }
}

void RecordEmitter::closePackage() {
    announcePackage();
    sink_.endPackage(*package_);
    package_.reset();
}

void RecordEmitter::emit(core::Record&& record) {
    announcePackage();
    ++stats_.records[record.entity];
    auto& entities = package_->entities;
    if (isAuthoritativeFor(record.entity) &&
        std::find(entities.begin(), entities.end(), record.entity) == entities.end()) {
        entities.push_back(record.entity);
    }
    sink_.record(std::move(record));
}

void RecordEmitter::emitUnitOnce(core::Record&& unit) {
    if (emitted_units_.insert(unit.key).second) {
        emit(std::move(unit));
    }
}

void RecordEmitter::announcePackage() {
    if (!announced_) {
        sink_.beginPackage(*package_);
        announced_ = true;
    }
}

bool RecordEmitter::isAuthoritativeFor(const std::string& entity) const {
    if (entity == kUnitEntity) {
        return false;
    }
    return !(entity == kProductEntity && package_->kind == kOffersKind);
}

}  // namespace crmsync::commerceml
