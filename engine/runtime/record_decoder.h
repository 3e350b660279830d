// RecordDecoder: turns consumed records into rows, for one input of a task: either a source
// (its key/value formats, header columns, TIMESTAMP column, and the stream/table meaning of a
// null value), or one of the query's internal repartition topics (value_codec rows). Records
// that cannot be decoded go to the processing log. Single-threaded.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/kafka/kafka.h"
#include "engine/plan/query_plan.h"
#include "engine/runtime/processing_log.h"
#include "engine/runtime/timestamp_extractor.h"
#include "engine/serde/serde.h"

namespace runnel::runtime {

class RecordDecoder {
public:
    // `source` must outlive the decoder (the plan keeps it).
    static Result<std::unique_ptr<RecordDecoder>> ForSource(const plan::SourceStep& source,
                                                            std::string query_id, ProcessingLog* log);
    // Rows of `width` columns, the first `key_count` of them from the key.
    static std::unique_ptr<RecordDecoder> ForRepartition(size_t width, size_t key_count,
                                                         std::string query_id, ProcessingLog* log);

    size_t width() const { return width_; }
    // False when the record is skipped (logged when malformed).
    bool Decode(const kafka::RecordView& rec, Row& row);

private:
    RecordDecoder() = default;
    struct HeaderColumn {
        size_t index;
        bool all;         // HEADERS
        std::string key;  // HEADER('key')
    };
    bool DecodeSource(const kafka::RecordView& rec, Row& row);
    bool DecodeRepartitioned(const kafka::RecordView& rec, Row& row);
    void FillHeaderColumn(const HeaderColumn& hc, Row& row) const;

    std::string query_id_;
    ProcessingLog* log_ = nullptr;
    size_t width_ = 0;
    const plan::SourceStep* source_ = nullptr;  // null: a repartition topic
    size_t key_count_ = 0;
    serde::SideLayout key_layout_, value_layout_;
    std::unique_ptr<serde::Deserializer> key_deserializer_;
    std::unique_ptr<serde::Deserializer> value_deserializer_;
    std::vector<HeaderColumn> header_columns_;
    // Streams keep a null-valued record as a row of null value columns (as ksqlDB does),
    // except over a CDC format, where the tombstone after a delete is not a change.
    bool skip_stream_tombstones_ = false;
    std::optional<TimestampExtractor> timestamp_;
};

}  // namespace runnel::runtime
