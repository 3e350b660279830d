// WriteBackCache: the cache in front of one store. A hash map from key to the newest value (or a
// deletion) with a dirty list, so a flush touches only the entries written since the last one
// and writes them sorted by key (sorted batches are about twice as fast into RocksDB as
// unsorted ones). Optionally an ordered index of the keys, for range reads that must not scan
// the whole map. Entries stay after a flush (clean, still serving reads) until the store's cache
// budget overflows, when the store flushes and clears its whole cache.
// Internal to engine/state (StoreCore owns one).
// Not thread-safe on its own: StoreCore guards it (the writer mutates under an exclusive lock;
// readers call the const methods under a shared lock).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/state/raw_store.h"

namespace runnel::state {

class WriteBackCache {
public:
    struct Entry {
        std::string value;
        int64_t timestamp = 0;
        bool present = true;  // false: deleted (a tombstone to flush, or a known absence)
        bool dirty = false;
    };

    // A copy of one entry, for iterator snapshots.
    struct Snapshot {
        std::string key;
        std::string value;
        int64_t timestamp = 0;
        bool present = true;
    };

    // Bytes charged per entry on top of its key and value (node, hash bucket, bookkeeping).
    static constexpr int64_t kEntryOverhead = 80;

    explicit WriteBackCache(bool ordered) : ordered_(ordered) {}

    const Entry* Find(std::string_view key) const {
        auto it = map_.find(key);
        return it == map_.end() ? nullptr : &it->second;
    }

    // Stores the newest value (present) or a deletion of the key and marks it dirty. Returns the
    // change in bytes().
    int64_t Write(std::string_view key, std::string_view value, int64_t timestamp, bool present);

    using Node = std::pair<const std::string, Entry>;

    // The dirty entries, sorted by key (valid until the next mutation).
    const std::vector<Node*>& SortedDirty();
    size_t dirty_count() const { return dirty_.size(); }
    // Marks every dirty entry clean.
    void MarkClean();
    // Drops every entry; returns the bytes released.
    int64_t Clear();
    // Drops the entries with lower <= key < upper (dirty ones too); returns the bytes released.
    int64_t EraseRange(std::string_view lower, std::string_view upper);
    // True when a dirty entry lies in [lower, upper).
    bool HasDirtyIn(std::string_view lower, std::string_view upper) const;

    // Copies of the entries inside the ranges (ascending, disjoint), ascending by key.
    void Collect(const std::vector<ByteRange>& ranges, std::vector<Snapshot>* out) const;

    int64_t bytes() const { return bytes_; }
    size_t size() const { return map_.size(); }
    // Entries that are present and not yet flushed (for ApproximateCount). A counter, so readers
    // never look at the dirty list (which the writer sorts without the exclusive lock).
    size_t dirty_present() const { return dirty_present_; }

private:
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
    };
    using Map = std::unordered_map<std::string, Entry, Hash, std::equal_to<>>;

    static int64_t Cost(std::string_view key, const Entry& e) {
        return kEntryOverhead + static_cast<int64_t>(key.size() + e.value.size());
    }
    static bool InRanges(std::string_view key, const std::vector<ByteRange>& ranges);

    const bool ordered_;
    Map map_;
    std::set<std::string_view> index_;  // views of map_'s keys (nodes never move); when ordered_
    std::vector<Node*> dirty_;
    bool dirty_sorted_ = true;
    size_t dirty_present_ = 0;
    int64_t bytes_ = 0;
};

}  // namespace runnel::state
