// KeyValueStore: byte keys to timestamped byte values, ordered by key (memcmp), with point reads,
// range/prefix iteration, a write-back cache and a flush listener. Backs non-windowed
// aggregations and materialized tables.
//
// Emission contract (Kafka Streams' caching semantics): an operator forwards updates ONLY from
// the flush listener. With a cache (cache budget > 0) the updates of a key within one commit
// interval collapse into one: the listener sees the key's last value once, at Flush (commit) or
// when the task's cache budget overflows, keys in sorted order. With cache budget 0 (write
// through) every Put/Delete reaches the local store and the changelog immediately and the
// listener is called inside that Put/Delete, so every update is emitted in processing order.
// The listener must not write to the store that calls it.
//
// Thread-safety: see state_store.h (single writer, concurrent readers).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "engine/common/status.h"
#include "engine/state/state_store.h"

namespace runnel::state {

// One entry of an iteration. key()/value() stay valid until the next Next() or destruction.
class KeyValueIterator {
public:
    virtual ~KeyValueIterator() = default;
    virtual bool Valid() const = 0;
    virtual void Next() = 0;
    virtual std::string_view key() const = 0;
    virtual std::string_view value() const = 0;
    virtual int64_t timestamp() const = 0;
    // The error that ended the iteration early (Valid() false), else Ok.
    virtual Status status() const = 0;
};

// What the flush listener receives. Pointers are valid during the call only.
struct KeyValueChange {
    std::string_view key;
    const std::string* value = nullptr;      // nullptr: the key was deleted
    const std::string* old_value = nullptr;  // send_old_values: the previous value (nullptr: none)
    int64_t timestamp = 0;                   // of the last update of the key
};

// Returning an error stops the flush and is returned from Flush/Put (the task then fails).
using KeyValueFlushListener = std::function<Status(const KeyValueChange&)>;

struct KeyValueStoreOptions : StoreOptions {};

class KeyValueStore : public StateStore {
public:
    StoreKind kind() const override { return StoreKind::kKeyValue; }

    // ---- any thread ----
    // true and *out filled when the key is present; false when absent.
    virtual Result<bool> Get(std::string_view key, ValueAndTimestamp* out) = 0;
    // Entries with lower <= key < upper, ascending.
    virtual std::unique_ptr<KeyValueIterator> Range(const KeyBounds& bounds) = 0;
    std::unique_ptr<KeyValueIterator> All() { return Range(KeyBounds{}); }
    // Entries whose key starts with prefix, ascending.
    virtual std::unique_ptr<KeyValueIterator> Prefix(std::string_view prefix) = 0;
    // Estimate of the number of keys (RocksDB's estimate plus the cache's new entries; exact for
    // in-memory stores without a cache).
    virtual uint64_t ApproximateCount() = 0;

    // ---- writer thread ----
    virtual Status Put(std::string_view key, std::string_view value, int64_t timestamp) = 0;
    // Deleting an absent key still writes a changelog tombstone and reaches the listener.
    virtual Status Delete(std::string_view key, int64_t timestamp) = 0;
    virtual void SetFlushListener(KeyValueFlushListener listener) = 0;
};

}  // namespace runnel::state
