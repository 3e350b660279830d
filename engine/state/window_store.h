// WindowStore: (key, window start) to timestamped byte values, for TUMBLING and HOPPING
// aggregations. Reads by point, by key and start-time range, or over all keys in a start-time
// range; windows expire by retention.
//
// Time and retention (Kafka Streams' segmented window store):
// - The store's observed stream time is the largest window start ever written (restored from
//   the checkpoint or the changelog on open). A window is live while
//   start >= observed_stream_time - retention_ms + 1; reads never return expired windows and a
//   Put/Delete of an expired window is dropped (counted in expired_writes()). Choose retention
//   >= window size + grace so a window stays until it closes.
// - Storage is cut into segments of segment_interval_ms by window start. When the oldest live
//   segment moves forward, whole expired segments are removed with one range delete (cheap in
//   RocksDB; no per-window deletes, nothing written to the changelog: the changelog topic is
//   compact,delete with retention.ms = retention + 1 day, so Kafka drops old windows too).
//
// Layouts (WindowStoreOptions::layout):
// - kKeyFirst (default): entries of a key are adjacent inside each segment, so
//   Fetch(key, from, to) is one seek per segment. FetchAll(from, to) scans the segments that
//   overlap [from, to] and filters; it returns entries in (segment, key, start) order.
// - kTimeFirst: entries ordered by window start, then key: FetchAll(from, to) is one exact range
//   scan in time order (EMIT FINAL: "every window that closed since the last call"), while
//   Fetch(key, from, to) scans every key in [from, to] and filters.
// Point Get/Put/Delete cost the same in both.
//
// Emission: as KeyValueStore (key_value_store.h): forward only from the flush listener.
// Thread-safety: see state_store.h (single writer, concurrent readers).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "engine/common/status.h"
#include "engine/state/state_store.h"
#include "engine/state/windowed_iterator.h"

namespace runnel::state {

enum class WindowLayout { kKeyFirst, kTimeFirst };

struct WindowStoreOptions : StoreOptions {
    int64_t window_size_ms = 0;       // > 0: window end = start + size (iterators' window_end)
    int64_t retention_ms = 0;         // > 0; >= size + grace
    int64_t segment_interval_ms = 0;  // 0: max(retention / 2, 60 s), as Kafka Streams
    WindowLayout layout = WindowLayout::kKeyFirst;
};

struct WindowChange {
    std::string_view key;
    int64_t window_start = 0;
    int64_t window_end = 0;
    const std::string* value = nullptr;      // nullptr: deleted
    const std::string* old_value = nullptr;  // send_old_values: previous value (nullptr: none)
    int64_t timestamp = 0;
};

using WindowFlushListener = std::function<Status(const WindowChange&)>;

class WindowStore : public StateStore {
public:
    StoreKind kind() const override { return StoreKind::kWindow; }

    // ---- any thread ----
    virtual Result<bool> Get(std::string_view key, int64_t window_start,
                             ValueAndTimestamp* out) = 0;
    // Windows of `key` with time_from <= start <= time_to, ascending start.
    virtual std::unique_ptr<WindowedIterator> Fetch(std::string_view key, int64_t time_from,
                                                    int64_t time_to) = 0;
    // Every live window of `key`, ascending start.
    virtual std::unique_ptr<WindowedIterator> Fetch(std::string_view key) = 0;
    // Windows of every key with time_from <= start <= time_to (order: see the layouts above).
    virtual std::unique_ptr<WindowedIterator> FetchAll(int64_t time_from, int64_t time_to) = 0;
    // Every live window.
    virtual std::unique_ptr<WindowedIterator> All() = 0;
    // Largest window start written; INT64_MIN while empty.
    virtual int64_t observed_stream_time() const = 0;
    virtual const WindowStoreOptions& options() const = 0;

    // ---- writer thread ----
    virtual Status Put(std::string_view key, int64_t window_start, std::string_view value,
                       int64_t timestamp) = 0;
    virtual Status Delete(std::string_view key, int64_t window_start, int64_t timestamp) = 0;
    virtual void SetFlushListener(WindowFlushListener listener) = 0;
};

}  // namespace runnel::state
