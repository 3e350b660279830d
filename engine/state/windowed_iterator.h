// WindowedIterator: iteration over windowed entries (key, window start, window end, value,
// timestamp), returned by WindowStore and SessionStore reads.
// Not thread-safe: one thread at a time (see state_store.h for the snapshot semantics).
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/common/status.h"

namespace runnel::state {

class WindowedIterator {
public:
    virtual ~WindowedIterator() = default;
    virtual bool Valid() const = 0;
    virtual void Next() = 0;
    // Views valid until the next Next() or destruction.
    virtual std::string_view key() const = 0;
    virtual int64_t window_start() const = 0;
    // Time windows: start + window size (exclusive end, as WINDOWEND). Sessions: the time of the
    // session's last record (inclusive, as Kafka Streams' session windows).
    virtual int64_t window_end() const = 0;
    virtual std::string_view value() const = 0;
    virtual int64_t timestamp() const = 0;
    // The error that ended the iteration early (Valid() false), else Ok.
    virtual Status status() const = 0;
};

}  // namespace runnel::state
