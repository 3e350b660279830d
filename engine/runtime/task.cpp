#include "engine/runtime/task.h"

#include "engine/runtime/flat_map_operator.h"


namespace runnel::runtime {

Result<std::unique_ptr<Task>> Task::Make(plan::QueryPlanPtr plan, TaskContext context) {
    std::unique_ptr<Task> task(new Task());
    task->plan_ = std::move(plan);
    task->ctx_ = std::move(context);
    const auto& source = task->plan_->source();
    SplitLayouts(source.schema, task->key_layout_, task->value_layout_);
    task->skip_stream_tombstones_ = source.value_format.name.rfind("DEBEZIUM", 0) == 0;
    if (source.timestamp_column) {
        ASSIGN_OR_RETURN(auto extractor,
                         TimestampExtractor::Make(*source.timestamp_column,
                                                  source.schema.column(*source.timestamp_column).name,
                                                  source.timestamp_format));
        task->timestamp_ = std::move(extractor);
    }
    for (size_t i = 0; i < source.schema.size(); ++i) {
        const auto& c = source.schema.column(i);
        if (c.ns == ColumnNamespace::kHeaders) task->header_columns_.push_back({i, true, ""});
        if (c.ns == ColumnNamespace::kHeader) task->header_columns_.push_back({i, false, c.header_key});
    }
    ASSIGN_OR_RETURN(task->key_deserializer_,
                     serde::MakeDeserializer(source.key_format, task->key_layout_, true));
    ASSIGN_OR_RETURN(task->value_deserializer_,
                     serde::MakeDeserializer(source.value_format, task->value_layout_, false));
    for (size_t i = 1; i < task->plan_->steps.size(); ++i) {
        const auto& step = task->plan_->steps[i];
        OperatorPtr op;
        if (auto* f = std::get_if<plan::FilterStep>(&step)) {
            ASSIGN_OR_RETURN(op, FilterOperator::Make(*f));
        } else if (auto* p = std::get_if<plan::ProjectStep>(&step)) {
            ASSIGN_OR_RETURN(op, ProjectOperator::Make(*p));
        } else if (auto* m = std::get_if<plan::FlatMapStep>(&step)) {
            const auto& c = task->ctx_;
            FlatMapOperator::Context fc{c.processing_log, c.query_id, source.topic};
            ASSIGN_OR_RETURN(op, FlatMapOperator::Make(*m, std::move(fc)));
        } else if (auto* s = std::get_if<plan::SinkStep>(&step)) {
            SinkOperator::Context sc{task->ctx_.producer, task->ctx_.processing_log, task->ctx_.query_id};
            ASSIGN_OR_RETURN(op, SinkOperator::Make(*s, sc));
        } else {
            return Status::Internal("unexpected plan step");
        }
        if (!task->operators_.empty()) task->operators_.back()->set_downstream(op.get());
        task->operators_.push_back(std::move(op));
    }
    if (task->ctx_.collect) {
        auto collect = std::make_unique<CollectOperator>(task->plan_->output_schema, task->ctx_.collect);
        task->collect_ = collect.get();
        if (!task->operators_.empty()) task->operators_.back()->set_downstream(collect.get());
        task->operators_.push_back(std::move(collect));
    }
    return task;
}

bool Task::Decode(const kafka::RecordView& rec, Row& row) {
    const auto& source = plan_->source();
    if (rec.value == nullptr && !source.is_table && skip_stream_tombstones_) {
        // A CDC stream: the tombstone after a delete carries no change.
        return false;
    }
    if (source.is_table && rec.key == nullptr && !key_layout_.columns.empty()) {
        ctx_.processing_log->Record(ctx_.query_id, *rec.topic, rec.partition, rec.offset,
                                    "a table record with a null key is ignored");
        return false;
    }
    Status st = key_deserializer_->Deserialize(rec.key, rec.key_size, row);
    if (st.ok()) st = value_deserializer_->Deserialize(rec.value, rec.value_size, row);
    if (!st.ok()) {
        ctx_.processing_log->Record(ctx_.query_id, *rec.topic, rec.partition, rec.offset,
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
            ctx_.processing_log->Record(ctx_.query_id, *rec.topic, rec.partition, rec.offset, error);
            return false;
        }
    }
    return true;
}

void Task::FillHeaderColumn(const HeaderColumn& hc, Row& row) const {
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

Status Task::Process(const kafka::RecordView* records, size_t count) {
    batch_.Clear();
    const size_t width = plan_->source().schema.size();
    for (size_t i = 0; i < count; ++i) {
        Row& row = batch_.Append(width);
        if (!Decode(records[i], row)) batch_.PopBack();
    }
    if (batch_.empty() || operators_.empty()) return Status::Ok();
    return operators_.front()->Process(batch_);
}

}  // namespace runnel::runtime
