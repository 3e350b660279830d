// Task: the pipeline of one sub-topology of a query for one input partition. Decodes consumed
// records of each of its input topics into reused RowBatches and pushes them into the
// operators built from its plan steps.
// A query whose aggregation or join re-keys rows is cut into sub-topologies at its
// repartition topics (SplitSegments): a segment ends by writing a repartition topic, and the
// next one reads it. A join's segment has two inputs: the left rows arrive through the main
// chain of steps, the right ones through the join's right entry.
// A task with stateful operators owns a TaskStateManager (stores, changelogs, restore).
// Single-threaded.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/kafka/kafka.h"
#include "engine/plan/query_plan.h"
#include "engine/runtime/operators.h"
#include "engine/runtime/processing_log.h"
#include "engine/runtime/record_decoder.h"
#include "engine/state/state_config.h"
#include "engine/state/task_state_manager.h"

namespace runnel::runtime {

// One input topic of a segment.
struct SegmentInput {
    std::string topic;
    const plan::SourceStep* source = nullptr;  // decode with the source's formats, else a
    size_t repartition_width = 0;              // repartition topic's rows of this width
    size_t repartition_key_count = 0;
    // -1: the rows enter the main chain at first_step. Else the index of the JoinStep whose
    // right side they feed (after the join's RekeyStep when rekey_in_task).
    int join_step = -1;
    bool rekey_in_task = false;
};

// Which steps a task runs: the main chain [first_step, end_step) of the plan, or (right_of >= 0)
// only the RekeyStep of that JoinStep's right side, which then writes its repartition topic.
struct TaskSegment {
    int subtopology = 0;
    std::vector<SegmentInput> inputs;
    size_t first_step = 1;
    size_t end_step = 0;
    int right_of = -1;
};

// The segments of a plan; repartition topics are named `<application_id>-<step's name>`.
std::vector<TaskSegment> SplitSegments(const plan::QueryPlan& plan, const std::string& application_id);

struct TaskContext {
    std::string query_id;
    kafka::Producer* producer = nullptr;       // persistent queries
    ProcessingLog* processing_log = nullptr;
    CollectOperator::Sink collect;             // push queries
    // State (stateful segments).
    const state::StateConfig* state_config = nullptr;
    kafka::ClientFactory* kafka = nullptr;     // changelogs; null: stores are not logged
    std::string application_id;
    int32_t partition = 0;
    int32_t changelog_partitions = 1;
};

class Task {
public:
    static Result<std::unique_ptr<Task>> Make(plan::QueryPlanPtr plan, TaskSegment segment,
                                              TaskContext context);
    ~Task();

    // Runs `count` records of one input topic (all of this task's partition) through the pipeline.
    Status Process(const kafka::RecordView* records, size_t count);
    // The topics the task reads (one per input).
    const std::vector<std::string>& input_topics() const { return input_topics_; }
    // True once a push query's collector wants no more rows.
    bool done() const { return collect_ != nullptr && collect_->done(); }

    // Commit steps (see task_state_manager.h): flush the stores (their listeners emit
    // downstream), and after the producer flush, checkpoint them.
    Status FlushState();
    Status CheckpointState();
    // Closes the stores: clean after a final commit, unclean after an error.
    void Close(bool clean);

private:
    struct Input {
        std::string topic;
        std::unique_ptr<RecordDecoder> decoder;
        Operator* entry = nullptr;
        RowBatch batch;
    };
    Task() = default;
    Status Build();
    Result<OperatorPtr> MakeOperator(size_t step_index);
    std::string RepartitionTopic(const std::string& name) const;
    Result<int32_t> TopicPartitions(const std::string& topic) const;

    plan::QueryPlanPtr plan_;
    TaskSegment segment_;
    TaskContext ctx_;
    std::unique_ptr<state::TaskStateManager> state_;
    std::vector<OperatorPtr> operators_;
    std::vector<Input> inputs_;
    std::vector<std::string> input_topics_;
    CollectOperator* collect_ = nullptr;
};

}  // namespace runnel::runtime
