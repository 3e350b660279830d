#include "engine/runtime/operators.h"

#include "engine/state/byte_codec.h"

namespace runnel::runtime {

void SplitLayouts(const LogicalSchema& schema, serde::SideLayout& key, serde::SideLayout& value) {
    key.schema = &schema;
    value.schema = &schema;
    key.columns.clear();
    value.columns.clear();
    for (size_t i = 0; i < schema.size(); ++i) {
        switch (schema.column(i).ns) {
            case ColumnNamespace::kKey: key.columns.push_back(i); break;
            case ColumnNamespace::kValue: value.columns.push_back(i); break;
            default: break;  // header columns come from record headers, not the value
        }
    }
}

Result<OperatorPtr> FilterOperator::Make(const plan::FilterStep& step) {
    auto op = std::make_unique<FilterOperator>();
    ASSIGN_OR_RETURN(op->predicate_, expression::Compile(*step.predicate));
    op->on_table_ = step.on_table;
    return OperatorPtr(std::move(op));
}

Status FilterOperator::Process(RowBatch& batch) {
    if (on_table_) {
        for (size_t i = 0; i < batch.size(); ++i) {
            Row& row = batch[i];
            if (row.change == ChangeKind::kDelete) continue;
            if (!expression::IsTrue(predicate_->Eval(row))) row.change = ChangeKind::kDelete;
        }
        return Emit(batch);
    }
    keep_.resize(batch.size());
    bool all = true;
    for (size_t i = 0; i < batch.size(); ++i) {
        // A null-valued stream record never passes a WHERE clause.
        keep_[i] = batch[i].change != ChangeKind::kDelete &&
                   expression::IsTrue(predicate_->Eval(batch[i]));
        all &= keep_[i] != 0;
    }
    if (!all) batch.Compact(keep_);
    return Emit(batch);
}

Result<OperatorPtr> ProjectOperator::Make(const plan::ProjectStep& step) {
    auto op = std::make_unique<ProjectOperator>();
    for (const auto& e : step.exprs) {
        ASSIGN_OR_RETURN(auto ev, expression::Compile(*e));
        op->exprs_.push_back(std::move(ev));
    }
    op->rekeys_ = step.rekeys;
    return OperatorPtr(std::move(op));
}

Status ProjectOperator::Process(RowBatch& batch) {
    out_.Clear();
    const size_t width = exprs_.size();
    for (size_t i = 0; i < batch.size(); ++i) {
        const Row& in = batch[i];
        Row& out = out_.Append(width);
        for (size_t j = 0; j < width; ++j) out.values[j] = exprs_[j]->Eval(in);
        CopyRowMetadata(in, out);
        out.key_null = in.key_null && !rekeys_;
    }
    return Emit(out_);
}

Result<OperatorPtr> SinkOperator::Make(const plan::SinkStep& step, Context context) {
    auto op = std::make_unique<SinkOperator>();
    op->ctx_ = std::move(context);
    op->topic_ = step.topic;
    serde::SideLayout key, value;
    SplitLayouts(step.schema, key, value);
    // The layouts point at the step's schema, which the plan keeps alive for the query's life.
    ASSIGN_OR_RETURN(op->key_serializer_, serde::MakeSerializer(step.key_format, key, true));
    ASSIGN_OR_RETURN(op->value_serializer_, serde::MakeSerializer(step.value_format, value, false));
    if (step.timestamp_column) {
        ASSIGN_OR_RETURN(auto extractor,
                         TimestampExtractor::Make(*step.timestamp_column,
                                                  step.schema.column(*step.timestamp_column).name,
                                                  step.timestamp_format));
        op->timestamp_ = std::move(extractor);
    }
    op->window_ = step.window;
    for (size_t i = 0; i < step.schema.key_count(); ++i) op->key_columns_.push_back(i);
    return OperatorPtr(std::move(op));
}

void SinkOperator::AppendWindow(const Row& row) {
    // Kafka Streams' windowed key serdes: the key, then the window start (time windows) or the
    // session end and start, each 8 bytes big-endian.
    auto put = [this](int64_t v) { state::AppendBigEndian64(key_buf_, static_cast<uint64_t>(v)); };
    if (*window_ == plan::WindowKind::kSession) {
        put(row.window_end);
        put(row.window_start);
    } else {
        put(row.window_start);
    }
}

Status SinkOperator::Process(RowBatch& batch) {
    for (size_t i = 0; i < batch.size(); ++i) {
        const Row& row = batch[i];
        bool key_null = false, value_null = false;
        Status st = key_serializer_->Serialize(row, key_buf_, &key_null);
        if (row.key_null && !key_null) {
            // A null record key passed through unchanged stays null.
            bool all_null = true;
            for (size_t c : key_columns_) all_null &= row.values[c].is_null();
            key_null = all_null;
        }
        int32_t partition = -1;
        if (st.ok() && window_ && !key_null) {
            // Kafka Streams' WindowedStreamPartitioner: the partition of the key without its
            // window, so every window of a key lands in one partition.
            if (ctx_.partitions > 0) partition = kafka::DefaultPartition(key_buf_.data(), key_buf_.size(), ctx_.partitions);
            AppendWindow(row);
        }
        if (st.ok() && row.change != ChangeKind::kDelete) {
            st = value_serializer_->Serialize(row, value_buf_, &value_null);
        } else {
            value_null = true;
        }
        if (!st.ok()) {
            ctx_.processing_log->Record(ctx_.query_id, topic_, row.partition, row.offset,
                                        "serialization failed: " + st.message());
            continue;
        }
        int64_t timestamp = row.timestamp;
        if (timestamp_ && row.change != ChangeKind::kDelete) {
            std::string error;
            if (!timestamp_->Extract(row, &timestamp, &error)) {
                ctx_.processing_log->Record(ctx_.query_id, topic_, row.partition, row.offset, error);
                continue;
            }
        }
        RETURN_IF_ERROR(ctx_.producer->Produce(
            topic_, partition, key_null ? nullptr : key_buf_.data(), key_buf_.size(),
            value_null ? nullptr : value_buf_.data(), value_buf_.size(), timestamp,
            row.headers.get()));
    }
    return Status::Ok();
}

Status CollectOperator::Process(RowBatch& batch) {
    for (size_t i = 0; i < batch.size() && !done_; ++i) {
        const Row& row = batch[i];
        std::string json = "[";
        for (size_t c = 0; c < schema_.size(); ++c) {
            if (c) json += ',';
            serde::AppendJsonValue(row.values[c], schema_.column(c).type, json);
        }
        json += ']';
        if (!sink_(std::move(json))) done_ = true;
    }
    return Status::Ok();
}

}  // namespace runnel::runtime
