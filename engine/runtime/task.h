// Task: the pipeline of one query for one input partition. Decodes consumed records into a
// reused RowBatch and pushes it through the operators built from the plan. Single-threaded.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/kafka/kafka.h"
#include "engine/plan/query_plan.h"
#include "engine/runtime/operators.h"
#include "engine/runtime/processing_log.h"
#include "engine/runtime/timestamp_extractor.h"

namespace runnel::runtime {

struct TaskContext {
    std::string query_id;
    kafka::Producer* producer = nullptr;       // persistent queries
    ProcessingLog* processing_log = nullptr;
    CollectOperator::Sink collect;             // push queries
};

class Task {
public:
    static Result<std::unique_ptr<Task>> Make(plan::QueryPlanPtr plan, TaskContext context);

    // Runs `count` records of this task's partition through the pipeline.
    Status Process(const kafka::RecordView* records, size_t count);
    // True once a push query's collector wants no more rows.
    bool done() const { return collect_ != nullptr && collect_->done(); }

private:
    Task() = default;
    struct HeaderColumn {
        size_t index;
        bool all;         // HEADERS
        std::string key;  // HEADER('key')
    };
    bool Decode(const kafka::RecordView& rec, Row& row);
    void FillHeaderColumn(const HeaderColumn& hc, Row& row) const;

    plan::QueryPlanPtr plan_;
    TaskContext ctx_;
    serde::SideLayout key_layout_, value_layout_;
    std::unique_ptr<serde::Deserializer> key_deserializer_;
    std::unique_ptr<serde::Deserializer> value_deserializer_;
    std::vector<HeaderColumn> header_columns_;
    // Streams keep a null-valued record as a row of null value columns (as ksqlDB does),
    // except over a CDC format, where the tombstone after a delete is not a change.
    bool skip_stream_tombstones_ = false;
    std::optional<TimestampExtractor> timestamp_;
    std::vector<OperatorPtr> operators_;
    CollectOperator* collect_ = nullptr;
    RowBatch batch_;
};

}  // namespace runnel::runtime
