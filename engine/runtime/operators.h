// The stateless operators: filter, projection, Kafka sink, and the collector that feeds push
// query results. Built per task from plan steps; single-threaded.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/expression/evaluator.h"
#include "engine/kafka/kafka.h"
#include "engine/plan/query_plan.h"
#include "engine/runtime/operator.h"
#include "engine/runtime/processing_log.h"
#include "engine/runtime/timestamp_extractor.h"
#include "engine/serde/serde.h"

namespace runnel::runtime {

class FilterOperator final : public Operator {
public:
    static Result<OperatorPtr> Make(const plan::FilterStep& step);
    Status Process(RowBatch& batch) override;

private:
    std::unique_ptr<expression::Evaluator> predicate_;
    bool on_table_ = false;
    std::vector<uint8_t> keep_;
};

class ProjectOperator final : public Operator {
public:
    static Result<OperatorPtr> Make(const plan::ProjectStep& step);
    Status Process(RowBatch& batch) override;

private:
    std::vector<std::unique_ptr<expression::Evaluator>> exprs_;
    bool rekeys_ = false;
    RowBatch out_;
};

// Serialises rows and produces them to the sink topic. Keeps the input timestamp.
class SinkOperator final : public Operator {
public:
    struct Context {
        kafka::Producer* producer = nullptr;
        ProcessingLog* processing_log = nullptr;
        std::string query_id;
        int32_t partitions = 0;  // of the topic; windowed sinks partition by the unwindowed key
    };
    static Result<OperatorPtr> Make(const plan::SinkStep& step, Context context);
    Status Process(RowBatch& batch) override;

private:
    void AppendWindow(const Row& row);

    Context ctx_;
    std::string topic_;
    std::optional<plan::WindowKind> window_;
    std::vector<size_t> key_columns_;
    std::unique_ptr<serde::Serializer> key_serializer_;
    std::unique_ptr<serde::Serializer> value_serializer_;
    std::optional<TimestampExtractor> timestamp_;
    std::string key_buf_;
    std::string value_buf_;
};

// Renders rows as JSON arrays (`[1,"a"]`) for push queries and hands them to a callback, which
// returns false once it wants no more (LIMIT reached or the client went away).
class CollectOperator final : public Operator {
public:
    using Sink = std::function<bool(std::string row_json)>;
    CollectOperator(LogicalSchema schema, Sink sink) : schema_(std::move(schema)), sink_(std::move(sink)) {}
    Status Process(RowBatch& batch) override;
    bool done() const { return done_; }

private:
    LogicalSchema schema_;
    Sink sink_;
    bool done_ = false;
};

// Copies a row's record metadata (time, partition, offset, window, change, headers, key
// nullness) to the row an operator derives from it.
inline void CopyRowMetadata(const Row& in, Row& out) {
    out.timestamp = in.timestamp;
    out.partition = in.partition;
    out.offset = in.offset;
    out.window_start = in.window_start;
    out.window_end = in.window_end;
    out.change = in.change;
    out.headers = in.headers;
    out.key_null = in.key_null;
}

// Splits a schema into the key-side and value-side column layouts.
void SplitLayouts(const LogicalSchema& schema, serde::SideLayout& key, serde::SideLayout& value);

}  // namespace runnel::runtime
