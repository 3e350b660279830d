// Row and RowBatch: the unit of data between operators. A Row holds the values of a
// LogicalSchema (key columns first) plus record metadata. A RowBatch is reused across polls:
// rows and their string buffers keep their capacity, so the steady state allocates nothing for
// fixed-width values and short strings. Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/value.h"

namespace runnel {

struct Header {
    std::string key;
    std::string value;
    bool value_null = false;
};
using Headers = std::vector<Header>;

// What a row means to a changelog consumer.
enum class ChangeKind : uint8_t {
    kInsert,  // a stream event, or a table upsert
    kDelete,  // a table tombstone for the row's key
    // A table aggregation's retraction of a row whose replacement, with the same grouping key,
    // is the next row: undone without emitting, so the update yields one result (Kafka Streams
    // sends such a pair as one change).
    kRetract,
    // Foreign-key joins: a table row that replaces an earlier version of its key (an insert
    // otherwise). An inner join then clears the key's old result when the new row finds no
    // match; a brand-new row without a match emits nothing.
    kUpdate,
};

struct Row {
    std::vector<Value> values;
    int64_t timestamp = 0;  // ROWTIME, millis since epoch
    int32_t partition = -1;  // ROWPARTITION
    int64_t offset = -1;     // ROWOFFSET
    int64_t window_start = 0;
    int64_t window_end = 0;
    ChangeKind change = ChangeKind::kInsert;
    // The record's key was null (not just its columns): a query that keeps the key writes a
    // null key again, as ksqlDB does. Cleared when a query computes a new key.
    bool key_null = false;
    std::shared_ptr<const Headers> headers;  // null when the record had none

    void Resize(size_t n) {
        if (values.size() != n) values.resize(n);
    }
};

// A batch of rows with a live prefix [0, size). Rows past size keep their buffers for reuse.
class RowBatch {
public:
    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    Row& operator[](size_t i) { return rows_[i]; }
    const Row& operator[](size_t i) const { return rows_[i]; }

    // Appends a row slot (reusing an old one when there is one) sized to `width` values.
    Row& Append(size_t width) {
        if (size_ == rows_.size()) rows_.emplace_back();
        Row& r = rows_[size_++];
        r.Resize(width);
        r.change = ChangeKind::kInsert;
        r.key_null = false;
        r.headers.reset();
        return r;
    }
    // Drops the last appended row (e.g. it failed to decode).
    void PopBack() { --size_; }
    void Clear() { size_ = 0; }
    // Keeps only the rows whose flag is set, preserving order.
    void Compact(const std::vector<uint8_t>& keep);

private:
    std::vector<Row> rows_;
    size_t size_ = 0;
};

}  // namespace runnel
