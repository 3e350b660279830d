#include "engine/runtime/task.h"

#include "engine/runtime/aggregate_operator.h"
#include "engine/runtime/flat_map_operator.h"
#include "engine/runtime/group_by_operator.h"
#include "engine/runtime/join_operator.h"
#include "engine/runtime/rekey_operator.h"

namespace runnel::runtime {

std::vector<TaskSegment> SplitSegments(const plan::QueryPlan& plan, const std::string& application_id) {
    std::vector<TaskSegment> segments;
    int next_subtopology = 1;
    TaskSegment cur;
    cur.inputs.push_back(SegmentInput{plan.source().topic, &plan.source()});
    for (size_t i = 1; i < plan.steps.size(); ++i) {
        const auto& step = plan.steps[i];
        if (const auto* j = std::get_if<plan::JoinStep>(&step)) {
            SegmentInput in;
            in.join_step = static_cast<int>(i);
            if (j->right_rekey.repartition) {
                // The right side is re-keyed by a sub-topology of its own.
                TaskSegment side;
                side.subtopology = next_subtopology++;
                side.inputs.push_back(SegmentInput{j->right_source.topic, &j->right_source});
                side.right_of = static_cast<int>(i);
                segments.push_back(std::move(side));
                in.topic = application_id + "-" + j->right_rekey.repartition_name;
                in.repartition_width = j->right_rekey.schema.size();
                in.repartition_key_count = 1;
            } else {
                in.topic = j->right_source.topic;
                in.source = &j->right_source;
                in.rekey_in_task = true;
            }
            cur.inputs.push_back(std::move(in));
        }
        const LogicalSchema* boundary_schema = nullptr;
        std::string boundary_name;
        if (const auto* g = std::get_if<plan::GroupByStep>(&step); g && g->repartition) {
            boundary_schema = &g->schema;
            boundary_name = g->repartition_name;
        } else if (const auto* r = std::get_if<plan::RekeyStep>(&step); r && r->repartition) {
            boundary_schema = &r->schema;
            boundary_name = r->repartition_name;
        }
        if (boundary_schema != nullptr) {
            cur.end_step = i + 1;
            segments.push_back(std::move(cur));
            cur = TaskSegment{};
            cur.subtopology = next_subtopology++;
            SegmentInput in;
            in.topic = application_id + "-" + boundary_name;
            in.repartition_width = boundary_schema->size();
            in.repartition_key_count = boundary_schema->key_count();
            cur.inputs.push_back(std::move(in));
            cur.first_step = i + 1;
        }
    }
    cur.end_step = plan.steps.size();
    segments.push_back(std::move(cur));
    return segments;
}

Task::~Task() { Close(false); }

Result<std::unique_ptr<Task>> Task::Make(plan::QueryPlanPtr plan, TaskSegment segment, TaskContext context) {
    std::unique_ptr<Task> task(new Task());
    task->plan_ = std::move(plan);
    task->segment_ = std::move(segment);
    if (task->segment_.end_step == 0) task->segment_.end_step = task->plan_->steps.size();
    task->ctx_ = std::move(context);
    RETURN_IF_ERROR(task->Build());
    return task;
}

std::string Task::RepartitionTopic(const std::string& name) const { return ctx_.application_id + "-" + name; }

Result<int32_t> Task::TopicPartitions(const std::string& topic) const {
    if (ctx_.kafka == nullptr) return 0;
    ASSIGN_OR_RETURN(auto info, ctx_.kafka->admin().DescribeTopic(topic));
    return info.partitions;
}

Result<OperatorPtr> Task::MakeOperator(size_t i) {
    const auto& step = plan_->steps[i];
    if (auto* f = std::get_if<plan::FilterStep>(&step)) return FilterOperator::Make(*f);
    if (auto* p = std::get_if<plan::ProjectStep>(&step)) return ProjectOperator::Make(*p);
    if (auto* m = std::get_if<plan::FlatMapStep>(&step)) {
        FlatMapOperator::Context fc{ctx_.processing_log, ctx_.query_id, plan_->source().topic};
        return FlatMapOperator::Make(*m, std::move(fc));
    }
    if (auto* g = std::get_if<plan::GroupByStep>(&step)) {
        std::optional<GroupByOperator::Repartition> repartition;
        if (g->repartition) {
            if (ctx_.producer == nullptr) {
                return Status::NotImplemented(
                    "A push query whose GROUP BY differs from the source's key is not supported yet");
            }
            repartition = GroupByOperator::Repartition{ctx_.producer, RepartitionTopic(g->repartition_name)};
        }
        int32_t partitions = 0;
        if (g->repartition && g->foreign_key) {
            ASSIGN_OR_RETURN(partitions, TopicPartitions(RepartitionTopic(g->repartition_name)));
        }
        const size_t input_keys = g->foreign_key ? plan_->source().schema.key_count() : g->input_key_count;
        return GroupByOperator::Make(*g, input_keys, std::move(repartition), partitions);
    }
    if (auto* a = std::get_if<plan::AggregateStep>(&step)) return AggregateOperator::Make(*a);
    if (auto* r = std::get_if<plan::RekeyStep>(&step)) {
        int32_t partitions = 0;
        if (r->repartition) {
            ASSIGN_OR_RETURN(partitions, TopicPartitions(RepartitionTopic(r->repartition_name)));
        }
        return RekeyOperator::Make(*r, ctx_.producer, RepartitionTopic(r->repartition_name), partitions);
    }
    if (auto* j = std::get_if<plan::JoinStep>(&step)) {
        ASSIGN_OR_RETURN(auto op, JoinOperator::Make(*j));
        return OperatorPtr(std::move(op));
    }
    if (auto* s = std::get_if<plan::SinkStep>(&step)) {
        SinkOperator::Context sc{ctx_.producer, ctx_.processing_log, ctx_.query_id, 0};
        if (s->window && ctx_.kafka != nullptr) {
            ASSIGN_OR_RETURN(auto info, ctx_.kafka->admin().DescribeTopic(s->topic));
            sc.partitions = info.partitions;
        }
        return SinkOperator::Make(*s, sc);
    }
    return Status::Internal("unexpected plan step");
}

Status Task::Build() {
    std::map<int, JoinOperator*> joins;
    Operator* main_entry = nullptr;
    if (segment_.right_of >= 0) {
        // Only the right side's re-keying, into its repartition topic.
        const auto& j = std::get<plan::JoinStep>(plan_->steps[segment_.right_of]);
        ASSIGN_OR_RETURN(int32_t partitions, TopicPartitions(RepartitionTopic(j.right_rekey.repartition_name)));
        ASSIGN_OR_RETURN(auto op, RekeyOperator::Make(j.right_rekey, ctx_.producer,
                                                      RepartitionTopic(j.right_rekey.repartition_name), partitions));
        main_entry = op.get();
        operators_.push_back(std::move(op));
    } else {
        for (size_t i = segment_.first_step; i < segment_.end_step; ++i) {
            ASSIGN_OR_RETURN(auto op, MakeOperator(i));
            if (std::holds_alternative<plan::JoinStep>(plan_->steps[i])) {
                joins[static_cast<int>(i)] = static_cast<JoinOperator*>(op.get());
            }
            if (!operators_.empty()) operators_.back()->set_downstream(op.get());
            operators_.push_back(std::move(op));
        }
        const bool last_segment = segment_.end_step == plan_->steps.size();
        if (ctx_.collect && last_segment) {
            auto collect = std::make_unique<CollectOperator>(plan_->output_schema, ctx_.collect);
            collect_ = collect.get();
            if (!operators_.empty()) operators_.back()->set_downstream(collect.get());
            operators_.push_back(std::move(collect));
        }
        if (!operators_.empty()) main_entry = operators_.front().get();
    }
    std::vector<OperatorPtr> side_ops;
    for (const auto& in : segment_.inputs) {
        Input input;
        input.topic = in.topic;
        if (in.source != nullptr) {
            ASSIGN_OR_RETURN(input.decoder, RecordDecoder::ForSource(*in.source, ctx_.query_id, ctx_.processing_log));
        } else {
            input.decoder = RecordDecoder::ForRepartition(in.repartition_width, in.repartition_key_count,
                                                          ctx_.query_id, ctx_.processing_log);
        }
        if (in.join_step < 0) {
            input.entry = main_entry;
        } else {
            auto it = joins.find(in.join_step);
            if (it == joins.end()) return Status::Internal("a join input without its join in the segment");
            input.entry = it->second->right_input();
            if (in.rekey_in_task) {
                const auto& j = std::get<plan::JoinStep>(plan_->steps[in.join_step]);
                ASSIGN_OR_RETURN(auto rekey, RekeyOperator::Make(j.right_rekey, nullptr, "", 0));
                rekey->set_downstream(input.entry);
                input.entry = rekey.get();
                side_ops.push_back(std::move(rekey));
            }
        }
        input_topics_.push_back(input.topic);
        inputs_.push_back(std::move(input));
    }
    for (auto& op : side_ops) operators_.push_back(std::move(op));

    bool stateful = false;
    for (const auto& op : operators_) stateful |= op->stateful();
    if (stateful) {
        state::TaskStateParams params;
        static const state::StateConfig kDefaultConfig = [] {
            state::StateConfig c;
            c.in_memory = true;
            c.cache_max_bytes = 0;
            return c;
        }();
        params.config = ctx_.state_config ? *ctx_.state_config : kDefaultConfig;
        params.application_id = ctx_.application_id;
        params.query_id = ctx_.query_id;
        params.task_id = std::to_string(segment_.subtopology) + "_" + std::to_string(ctx_.partition);
        params.partition = ctx_.partition;
        params.changelog_partitions = ctx_.changelog_partitions;
        if (ctx_.kafka != nullptr && ctx_.producer != nullptr) {
            params.kafka = ctx_.kafka;
            params.producer = ctx_.producer;
        }
        ASSIGN_OR_RETURN(state_, state::TaskStateManager::Create(std::move(params)));
    }
    OperatorContext octx;
    octx.query_id = ctx_.query_id;
    octx.state = state_.get();
    octx.processing_log = ctx_.processing_log;
    for (auto& op : operators_) RETURN_IF_ERROR(op->Open(octx));
    if (state_) RETURN_IF_ERROR(state_->Restore());
    return Status::Ok();
}

Status Task::FlushState() {
    if (!state_) return Status::Ok();
    RETURN_IF_ERROR(state_->Flush());
    for (auto& op : operators_) RETURN_IF_ERROR(op->EmitPending());
    return Status::Ok();
}

Status Task::CheckpointState() { return state_ ? state_->Checkpoint() : Status::Ok(); }

void Task::Close(bool clean) {
    if (!state_) return;
    Status st = state_->Close(clean);
    (void)st;
    state_.reset();
}

Status Task::Process(const kafka::RecordView* records, size_t count) {
    if (count == 0) return Status::Ok();
    Input* input = nullptr;
    for (auto& in : inputs_) {
        if (in.topic == *records[0].topic) input = &in;
    }
    if (input == nullptr) return Status::Internal("records of a topic the task does not read: " + *records[0].topic);
    RowBatch& batch = input->batch;
    batch.Clear();
    const size_t width = input->decoder->width();
    for (size_t i = 0; i < count; ++i) {
        Row& row = batch.Append(width);
        if (!input->decoder->Decode(records[i], row)) batch.PopBack();
    }
    if (batch.empty() || input->entry == nullptr) return Status::Ok();
    return input->entry->Process(batch);
}

}  // namespace runnel::runtime
