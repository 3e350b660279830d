// The vocabulary every state store shares: ValueAndTimestamp, KeyBounds, StoreOptions and the
// StateStore base class of KeyValueStore (key_value_store.h), WindowStore (window_store.h) and
// SessionStore (session_store.h). docs/state.md describes the whole layer.
//
// Threading contract of every store (single writer, concurrent readers):
// - The task thread that owns the store is its only writer: Put/Delete/Remove, Flush,
//   SetFlushListener, and everything on TaskStateManager.
// - Read methods (Get, Fetch*, Find*, Range/All/Prefix, ApproximateCount) may be called from
//   any thread at the same time as the writer (pull queries). A point read sees the newest
//   value the writer stored (cached or not). An iterator is a consistent snapshot taken when it
//   was created (a RocksDB snapshot plus a copy of the matching cache entries, taken under the
//   cache's lock); later writes do not show through it.
// - Iterators are used by one thread at a time; destroy them before the store's
//   TaskStateManager is closed (a RocksDB iterator keeps its database open until destroyed).
// Values are opaque bytes: the operator serialises its aggregate state (byte_codec.h has a
// compact ByteWriter/ByteReader for that). Every value carries a timestamp (the record time of
// the update that wrote it; Kafka Streams' timestamped stores), returned with it and used as the
// timestamp of the changelog record and of the emitted update.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/common/status.h"

namespace runnel::state {

struct ValueAndTimestamp {
    std::string value;  // assigned in place, so a reused object keeps its capacity
    int64_t timestamp = 0;
};

// [lower, upper) over raw key bytes; a missing bound is unbounded.
struct KeyBounds {
    std::optional<std::string_view> lower;
    std::optional<std::string_view> upper;
};

enum class StoreKind { kKeyValue, kWindow, kSession };

const char* StoreKindName(StoreKind kind);

// Options every store kind has.
struct StoreOptions {
    // Write a changelog topic `<application id>-<store name>-changelog` and restore from it.
    // Ignored (off) when the TaskStateManager has no Kafka client factory.
    bool logging = true;
    // The flush listener also receives the value the store held before the update (read from
    // the local store at flush time; one extra read per flushed key).
    bool send_old_values = false;
    // Keep an ordered index over the write-back cache so range reads and iterators do not scan
    // the whole cache. Costs a tree insert per key entering the cache; worth it when range
    // reads run per record (session stores turn it on by default).
    bool ordered_cache = false;
};

class StateStore {
public:
    virtual ~StateStore() = default;

    // Name from the operator's step context (never a counter); also names the changelog topic
    // and the store's directory. [A-Za-z0-9._-]+.
    virtual const std::string& name() const = 0;
    virtual StoreKind kind() const = 0;
    // True for RocksDB-backed stores, false for in-memory ones.
    virtual bool persistent() const = 0;

    // Writer thread. Writes the cache's dirty entries, sorted by key, to the local store (one
    // atomic batch) and to the changelog, then hands each to the flush listener in the same
    // order. TaskStateManager::Flush calls this for every store at commit; a store also flushes
    // itself when the task's cache budget is exceeded during a write.
    virtual Status Flush() = 0;

    // Number of updates dropped because they were older than the store's retention (window and
    // session stores; always 0 for key-value stores).
    virtual uint64_t expired_writes() const { return 0; }
};

}  // namespace runnel::state
