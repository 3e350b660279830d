// StoreCore: the machinery every store kind shares, under the kind-specific key encoding:
//   write-back cache (write_back_cache.h) -> RawStore (memory or RocksDB) + ChangelogWriter,
//   flush listener, checkpoint metadata, changelog restore, observed stream time.
// KeyValueStoreImpl, WindowStoreImpl and SessionStoreImpl each own one and translate their keys
// into store keys through their StoreCodec. Internal to engine/state.
//
// Writes: with a cache budget > 0, Put/Delete land in the cache (charged to the task's
// CacheBudget); Flush writes the dirty entries sorted by key as one RawStore batch, sends each
// to the changelog, then calls the listener per entry, then marks them clean. A write that pushes
// the task's cache over its budget flushes this store and clears its cache (whole-store
// eviction: the next batch is sorted again). With budget 0 every write goes to the RawStore, the
// changelog and the listener at once.
//
// Thread-safety: single writer (Put, Delete, DeleteRange, Flush, SetListener, Checkpoint,
// ApplyChangelog, ReplaceRaw) and concurrent readers (Get, NewIterator, ApproximateCount,
// observed_time). The cache is guarded by a shared_mutex: the writer mutates it under the
// exclusive lock; readers take the shared lock. A reader that misses the cache reads the
// RawStore (never populating the cache, so readers never mutate). The ordering "RawStore write,
// then mark clean / evict" keeps a reader from ever missing a value between the two.
// NewIterator takes the RawStore snapshot and copies the cache entries under one shared lock.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "engine/common/status.h"
#include "engine/kafka/kafka.h"
#include "engine/state/changelog.h"
#include "engine/state/raw_store.h"
#include "engine/state/state_store.h"
#include "engine/state/store_codec.h"
#include "engine/state/store_iterator.h"
#include "engine/state/write_back_cache.h"

namespace runnel::state {

// The write-back cache budget of one task, shared by its stores. Touched by the task thread only.
struct CacheBudget {
    int64_t max_bytes = 0;  // 0: no caching (write through)
    int64_t used_bytes = 0;
};

// Metadata keys of the RawStore.
inline constexpr std::string_view kMetaChangelogOffset = "changelog.offset";
inline constexpr std::string_view kMetaObservedTime = "observed.time";
inline constexpr std::string_view kMetaLayout = "layout";

class StoreCore {
public:
    // key: store key; value nullptr: deleted; old_value (send_old_values) nullptr: none.
    using Listener = std::function<Status(std::string_view key, const std::string* value,
                                          const std::string* old_value, int64_t timestamp)>;

    StoreCore(std::string name, std::unique_ptr<StoreCodec> codec, const StoreOptions& options,
              CacheBudget* budget);
    ~StoreCore();

    const std::string& name() const { return name_; }
    const StoreCodec& codec() const { return *codec_; }
    const StoreOptions& options() const { return options_; }

    // ---- set-up (task thread, before use) ----
    // Installs (or, after a wipe, replaces) the RawStore; reads the checkpoint metadata.
    Status AttachRaw(std::unique_ptr<RawStore> raw);
    void AttachChangelog(std::unique_ptr<ChangelogWriter> changelog) {
        changelog_ = std::move(changelog);
    }
    void SetListener(Listener listener) { listener_ = std::move(listener); }

    // ---- reads (any thread) ----
    Result<bool> Get(std::string_view key, ValueAndTimestamp* out);
    std::unique_ptr<StoreIterator> NewIterator(std::vector<ByteRange> ranges);
    uint64_t ApproximateCount();
    // Largest segment time seen (window start / session end); INT64_MIN when none.
    int64_t observed_time() const { return observed_time_.load(std::memory_order_acquire); }

    // ---- writes (task thread) ----
    Status Put(std::string_view key, std::string_view value, int64_t timestamp);
    Status Delete(std::string_view key, int64_t timestamp);
    // Removes [lower, upper) from the store and the cache (retention). Dirty cache entries in
    // the range are flushed first, so their updates are still emitted. Not logged.
    Status DeleteRange(std::string_view lower, std::string_view upper);
    Status Flush();
    void AdvanceObservedTime(int64_t t);

    // ---- checkpoint and restore (task thread; TaskStateManager) ----
    ChangelogWriter* changelog() { return changelog_.get(); }
    RawStore* raw() { return raw_.get(); }
    bool persistent() const { return raw_ && raw_->persistent(); }
    // Changelog offset the local data is complete up to (-1: none), read at AttachRaw.
    int64_t checkpoint_offset() const { return checkpoint_offset_; }
    // Layout tag read at AttachRaw (empty: none yet).
    const std::string& stored_layout() const { return stored_layout_; }
    // Records `offset` (and the observed time and layout) in the store's metadata. The cache
    // must have been flushed.
    Status Checkpoint(int64_t offset);
    // Applies changelog records (converted by the codec) in one batch, with the checkpoint
    // moved to the offset after the last one. Malformed keys are skipped (counted).
    Status ApplyChangelog(const kafka::RecordView* records, size_t count);
    uint64_t malformed_restore_records() const { return malformed_restore_records_; }
    // Drops the cache without writing it (before a wipe or after a failed task).
    void DropCache();
    // Closes the RawStore (FlushToDisk first when `durable`).
    Status CloseRaw(bool durable);

private:
    Status WriteThrough(std::string_view key, const std::string_view* value, int64_t timestamp);
    Status Evict();
    Status Log(std::string_view key, const std::string* value, int64_t timestamp);

    const std::string name_;
    const std::unique_ptr<StoreCodec> codec_;
    const StoreOptions options_;
    CacheBudget* const budget_;
    const bool caching_;

    std::unique_ptr<RawStore> raw_;
    std::unique_ptr<ChangelogWriter> changelog_;
    Listener listener_;

    mutable std::shared_mutex cache_mutex_;
    WriteBackCache cache_;

    std::unique_ptr<RawWriteBatch> batch_;  // reused
    std::vector<ValueAndTimestamp> old_values_;
    std::vector<char> old_present_;
    std::string changelog_key_;  // scratch
    std::string value_scratch_;
    bool in_flush_ = false;

    std::atomic<int64_t> observed_time_;
    int64_t checkpoint_offset_ = -1;
    std::string stored_layout_;
    uint64_t malformed_restore_records_ = 0;
};

}  // namespace runnel::state
