#include "sync/key_hash_set.h"

namespace crmsync::sync {

namespace {

constexpr std::size_t kInitialSlots = 64;

}  // namespace

std::size_t KeyHashSet::slotOf(std::uint64_t value) const {
    // Fibonacci hashing: FNV's low bits are weak, the product's high bits are not.
    return static_cast<std::size_t>((value * 0x9E3779B97F4A7C15ULL) >> shift_);
}

std::size_t KeyHashSet::probe(std::uint64_t value) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = slotOf(value);
    while (slots_[i] != 0 && slots_[i] != value) {
        i = (i + 1) & mask;
    }
    return i;
}

bool KeyHashSet::insert(std::uint64_t hash) {
    if ((size_ + 1) * 2 > slots_.size()) {
        grow();
    }
    const std::uint64_t value = stored(hash);
    std::uint64_t& slot = slots_[probe(value)];
    if (slot == value) {
        return false;
    }
    slot = value;
    ++size_;
    return true;
}

bool KeyHashSet::contains(std::uint64_t hash) const {
    if (slots_.empty()) {
        return false;
    }
    const std::uint64_t value = stored(hash);
    return slots_[probe(value)] == value;
}

void KeyHashSet::grow() {
    std::vector<std::uint64_t> old = std::move(slots_);
    const std::size_t count = old.empty() ? kInitialSlots : old.size() * 2;
    slots_.assign(count, 0);
    shift_ = 64;
    for (std::size_t n = count; n > 1; n >>= 1) {
        --shift_;
    }
    for (std::uint64_t value : old) {
        if (value != 0) {
            slots_[probe(value)] = value;
        }
    }
}

}  // namespace crmsync::sync
