// SessionStore: (key, session [start, end]) to timestamped byte values, for SESSION windows.
// A session's end is the time of its last record (inclusive). The aggregation looks up the
// sessions of a key that a new record at time t merges with, FindSessions(key, t - gap, t + gap),
// removes them and puts the merged session.
//
// Time and retention: the store's observed stream time is the largest session END written. A
// session is live while end >= observed_stream_time - retention_ms + 1; expired sessions are
// never returned and writes of them are dropped (expired_writes()). Storage is segmented by
// session end (segment_interval_ms) and whole expired segments are range-deleted, not logged
// (the changelog is compact,delete with retention.ms = retention + 1 day).
//
// Layout: key-first inside each segment, entries of a key ordered by (end, start), so
// FindSessions is one seek per segment from the earliest end; the ordered cache index is on by
// default (FindSessions runs per record).
//
// Emission: as KeyValueStore (key_value_store.h): forward only from the flush listener. A Remove
// reaches the listener as a deletion of that session (ksqlDB emits a tombstone for a merged-away
// session).
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

struct SessionStoreOptions : StoreOptions {
    SessionStoreOptions() { ordered_cache = true; }
    int64_t retention_ms = 0;         // > 0; >= inactivity gap + grace
    int64_t segment_interval_ms = 0;  // 0: max(retention / 2, 60 s), as Kafka Streams
};

struct SessionChange {
    std::string_view key;
    int64_t session_start = 0;
    int64_t session_end = 0;
    const std::string* value = nullptr;      // nullptr: removed
    const std::string* old_value = nullptr;  // send_old_values: previous value (nullptr: none)
    int64_t timestamp = 0;
};

using SessionFlushListener = std::function<Status(const SessionChange&)>;

class SessionStore : public StateStore {
public:
    StoreKind kind() const override { return StoreKind::kSession; }

    // ---- any thread ----
    // Sessions of `key` with end >= earliest_end and start <= latest_start (the sessions that
    // overlap [earliest_end, latest_start]), ascending by (end, start).
    virtual std::unique_ptr<WindowedIterator> FindSessions(std::string_view key,
                                                           int64_t earliest_end,
                                                           int64_t latest_start) = 0;
    // The value of exactly this session.
    virtual Result<bool> Get(std::string_view key, int64_t start, int64_t end,
                             ValueAndTimestamp* out) = 0;
    // Every live session of `key`, ascending by (end, start).
    virtual std::unique_ptr<WindowedIterator> Fetch(std::string_view key) = 0;
    // Sessions of every key with earliest_end <= end <= latest_end (EMIT FINAL: the sessions
    // that closed), ordered by segment, key, end, start.
    virtual std::unique_ptr<WindowedIterator> FetchAllByEnd(int64_t earliest_end,
                                                            int64_t latest_end) = 0;
    // Every live session.
    virtual std::unique_ptr<WindowedIterator> All() = 0;
    // Largest session end written; INT64_MIN while empty.
    virtual int64_t observed_stream_time() const = 0;
    virtual const SessionStoreOptions& options() const = 0;

    // ---- writer thread ----
    // start <= end, else InvalidArgument.
    virtual Status Put(std::string_view key, int64_t start, int64_t end, std::string_view value,
                       int64_t timestamp) = 0;
    virtual Status Remove(std::string_view key, int64_t start, int64_t end, int64_t timestamp) = 0;
    virtual void SetFlushListener(SessionFlushListener listener) = 0;
};

}  // namespace runnel::state
