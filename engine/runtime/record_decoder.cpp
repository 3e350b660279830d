#include "engine/runtime/record_decoder.h"

#include "engine/runtime/group_by_operator.h"
#include "engine/runtime/operators.h"
#include "engine/state/byte_codec.h"

namespace runnel::runtime {

Result<std::unique_ptr<RecordDecoder>> RecordDecoder::ForSource(const plan::SourceStep& source,
                                                                 std::string query_id, ProcessingLog* log) {
    std::unique_ptr<RecordDecoder> d(new RecordDecoder());
    d->query_id_ = std::move(query_id);
    d->log_ = log;
    d->source_ = &source;
    d->width_ = source.schema.size();
    SplitLayouts(source.schema, d->key_layout_, d->value_layout_);
    d->skip_stream_tombstones_ = source.value_format.name.rfind("DEBEZIUM", 0) == 0;
    if (source.timestamp_column) {
        ASSIGN_OR_RETURN(auto extractor,
                         TimestampExtractor::Make(*source.timestamp_column,
                                                  source.schema.column(*source.timestamp_column).name,
                                                  source.timestamp_format));
        d->timestamp_ = std::move(extractor);
    }
    for (size_t i = 0; i < source.schema.size(); ++i) {
        const auto& c = source.schema.column(i);
        if (c.ns == ColumnNamespace::kHeaders) d->header_columns_.push_back({i, true, ""});
        if (c.ns == ColumnNamespace::kHeader) d->header_columns_.push_back({i, false, c.header_key});
    }
    ASSIGN_OR_RETURN(d->key_deserializer_, serde::MakeDeserializer(source.key_format, d->key_layout_, true));
    ASSIGN_OR_RETURN(d->value_deserializer_, serde::MakeDeserializer(source.value_format, d->value_layout_, false));
    return d;
}

std::unique_ptr<RecordDecoder> RecordDecoder::ForRepartition(size_t width, size_t key_count,
                                                             std::string query_id, ProcessingLog* log) {
    std::unique_ptr<RecordDecoder> d(new RecordDecoder());
    d->query_id_ = std::move(query_id);
    d->log_ = log;
    d->width_ = width;
    d->key_count_ = key_count;
    return d;
}

bool RecordDecoder::Decode(const kafka::RecordView& rec, Row& row) {
    return source_ ? DecodeSource(rec, row) : DecodeRepartitioned(rec, row);
}

bool RecordDecoder::DecodeRepartitioned(const kafka::RecordView& rec, Row& row) {
    std::string_view key(rec.key ? rec.key : "", rec.key ? rec.key_size : 0);
    std::string_view value(rec.value ? rec.value : "", rec.value ? rec.value_size : 0);
    if (!DecodeRepartitionRecord(key, value, key_count_, row)) {
        log_->Record(query_id_, *rec.topic, rec.partition, rec.offset, "corrupt record in the repartition topic");
        return false;
    }
    row.partition = rec.partition;
    row.offset = rec.offset;
    row.timestamp = rec.timestamp;
    return true;
}

bool RecordDecoder::DecodeSource(const kafka::RecordView& rec, Row& row) {
    const auto& source = *source_;
    if (rec.value == nullptr && !source.is_table && skip_stream_tombstones_) {
        // A CDC stream: the tombstone after a delete carries no change.
        return false;
    }
    if (source.is_table && rec.key == nullptr && !key_layout_.columns.empty()) {
        log_->Record(query_id_, *rec.topic, rec.partition, rec.offset,
                                    "a table record with a null key is ignored");
        return false;
    }
    size_t key_size = rec.key_size;
    if (source.windowed && rec.key != nullptr) {
        // Kafka Streams' windowed keys: the key, then the window start (time windows) or the
        // session end and start, 8 bytes big-endian each.
        const size_t suffix = source.session_windows ? 16 : 8;
        if (key_size < suffix) {
            log_->Record(query_id_, *rec.topic, rec.partition, rec.offset, "windowed key too short");
            return false;
        }
        auto be64 = [](const char* p) { return static_cast<int64_t>(state::DecodeBigEndian64(p)); };
        key_size -= suffix;
        if (source.session_windows) {
            row.window_end = be64(rec.key + key_size);
            row.window_start = be64(rec.key + key_size + 8);
        } else {
            row.window_start = be64(rec.key + key_size);
            row.window_end = row.window_start + source.window_size_ms;
        }
    }
    Status st = key_deserializer_->Deserialize(rec.key, key_size, row);
    if (st.ok()) st = value_deserializer_->Deserialize(rec.value, rec.value_size, row);
    if (!st.ok()) {
        log_->Record(query_id_, *rec.topic, rec.partition, rec.offset,
                                    "deserialization failed: " + st.message());
        return false;
    }
    if (source.is_table) {
        // A tombstone (or a format's delete, e.g. a CDC 'd') removes the key from the table.
        if (rec.value == nullptr) row.change = ChangeKind::kDelete;
    } else {
        // On a stream every record is an event, CDC deletes included. A record with a null
        // value stays a null-valued event (kDelete): projections pass it on as a null value,
        // filters drop it, as ksqlDB does.
        row.change = rec.value == nullptr ? ChangeKind::kDelete : ChangeKind::kInsert;
    }
    row.partition = rec.partition;
    row.offset = rec.offset;
    row.timestamp = rec.timestamp;
    row.key_null = rec.key == nullptr;
    if (rec.header_count > 0) {
        auto headers = std::make_shared<Headers>();
        headers->reserve(rec.header_count);
        for (size_t i = 0; i < rec.header_count; ++i) {
            const auto& h = rec.headers[i];
            headers->push_back({std::string(h.key), std::string(h.value), h.value_null});
        }
        row.headers = std::move(headers);
    }
    for (const auto& hc : header_columns_) FillHeaderColumn(hc, row);
    if (timestamp_) {
        std::string error;
        if (!timestamp_->Extract(row, &row.timestamp, &error)) {
            log_->Record(query_id_, *rec.topic, rec.partition, rec.offset, error);
            return false;
        }
    }
    return true;
}

void RecordDecoder::FillHeaderColumn(const HeaderColumn& hc, Row& row) const {
    Value& out = row.values[hc.index];
    if (hc.key.empty() && hc.all) {
        // HEADERS: ARRAY<STRUCT<KEY STRING, VALUE BYTES>> in record order.
        ValueList items;
        if (row.headers) {
            for (const auto& h : *row.headers) {
                Value v;
                if (!h.value_null) v.SetString(h.value);
                items.push_back(Value::List({Value::String(h.key), std::move(v)}));
            }
        }
        out = Value::List(std::move(items));
        return;
    }
    // HEADER('key'): the last header with that key, as BYTES.
    out.SetNull();
    if (!row.headers) return;
    for (auto it = row.headers->rbegin(); it != row.headers->rend(); ++it) {
        if (it->key == hc.key) {
            if (!it->value_null) out.SetString(it->value);
            return;
        }
    }
}

}  // namespace runnel::runtime
