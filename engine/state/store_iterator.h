// StoreIterator: a store's entries as seen through its write-back cache: a sorted snapshot of
// the cache entries in the iterated ranges merged with a RawStore iterator over the same
// ranges. On equal keys the cache wins; cached deletions hide the stored entry. Internal to
// engine/state (the public iterators decode it).
// Not thread-safe: one thread at a time.
#pragma once

#include <memory>
#include <vector>

#include "engine/state/raw_store.h"
#include "engine/state/write_back_cache.h"

namespace runnel::state {

class StoreIterator {
public:
    StoreIterator(std::vector<WriteBackCache::Snapshot> cached, std::unique_ptr<RawIterator> raw);

    bool Valid() const { return current_ != kNone; }
    void Next();
    std::string_view key() const;
    std::string_view value() const;
    int64_t timestamp() const;
    Status status() const { return raw_->status(); }

private:
    enum Source { kNone, kCache, kRaw };
    // Positions current_ on the smallest visible key at or after the two cursors.
    void Settle();

    std::vector<WriteBackCache::Snapshot> cached_;
    size_t pos_ = 0;
    std::unique_ptr<RawIterator> raw_;
    Source current_ = kNone;
};

}  // namespace runnel::state
