#pragma once
// The set of 64-bit key hashes a package contained (change_filter.h). A catalog of 100,000
// products sends half a million keys; a node-based std::unordered_set spent a quarter of a
// re-import's engine thread allocating, chasing and finally freeing one node per key. This one
// keeps the hashes in a single open-addressed array: one allocation per doubling, one free.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace crmsync::sync {

class KeyHashSet {
public:
    // True when `hash` was not in the set yet.
    bool insert(std::uint64_t hash);
    bool contains(std::uint64_t hash) const;
    std::size_t size() const { return size_; }

private:
    // 0 marks a free slot, so a real 0 is stored as 1: one more way to collide, at 2^-64.
    static std::uint64_t stored(std::uint64_t hash) { return hash == 0 ? 1 : hash; }
    std::size_t slotOf(std::uint64_t value) const;
    // The slot holding `value`, or the free slot where it belongs.
    std::size_t probe(std::uint64_t value) const;
    void grow();

    std::vector<std::uint64_t> slots_;  // a power of two long, at most half full
    std::size_t size_ = 0;
    unsigned shift_ = 64;  // 64 - log2(slots_.size())
};

}  // namespace crmsync::sync
