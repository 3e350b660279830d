#include "engine/runtime/task.h"

namespace runnel::runtime {

Result<std::unique_ptr<Task>> Task::Make(plan::QueryPlanPtr plan, TaskContext context) {
    std::unique_ptr<Task> task(new Task());
    task->plan_ = std::move(plan);
    task->ctx_ = std::move(context);
    const auto& source = task->plan_->source();
    SplitLayouts(source.schema, task->key_layout_, task->value_layout_);
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
    if (rec.value == nullptr && !source.is_table) {
        // A tombstone on a stream carries no row (ksqlDB drops it silently).
        return false;
    }
    Status st = key_deserializer_->Deserialize(rec.key, rec.key_size, row);
    if (st.ok()) st = value_deserializer_->Deserialize(rec.value, rec.value_size, row);
    if (!st.ok()) {
        ctx_.processing_log->Record(ctx_.query_id, *rec.topic, rec.partition, rec.offset,
                                    "deserialization failed: " + st.message());
        return false;
    }
    row.partition = rec.partition;
    row.offset = rec.offset;
    row.timestamp = rec.timestamp;
    if (source.timestamp_column) {
        const Value& ts = row.values[*source.timestamp_column];
        if (ts.is_null() || ts.AsInt() < 0) {
            ctx_.processing_log->Record(ctx_.query_id, *rec.topic, rec.partition, rec.offset,
                                        "unusable timestamp in column " +
                                            source.schema.column(*source.timestamp_column).name);
            return false;
        }
        row.timestamp = ts.AsInt();
    }
    return true;
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
