// GroupByOperator: computes each row's grouping keys and aggregate arguments (plan::GroupByStep)
// and hands the rows to the aggregate, either downstream in the same task or, when the keys
// differ from the input's key, through the query's repartition topic (partitioned by the keys'
// bytes, so every key's rows meet in one task of the next sub-topology). Rows whose grouping
// key is null are dropped, as in ksqlDB; so are null-valued stream records.
// Over a table it keeps each source key's last grouped row in a store and sends a retraction
// of it (a kDelete row) before the new row, so the aggregate can undo the old contribution.
// Single-threaded (one per task).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/expression/evaluator.h"
#include "engine/kafka/kafka.h"
#include "engine/plan/query_plan.h"
#include "engine/runtime/key_partitioner.h"
#include "engine/runtime/operator.h"
#include "engine/state/key_value_store.h"

namespace runnel::runtime {

// Encodes a grouped row for the repartition topic: key = the key columns, value = one change
// byte ('+' or '-') then the value columns (value_codec.h). Decoded by the next sub-topology.
void EncodeRepartitionRecord(const Row& row, size_t key_count, std::string& key, std::string& value);
bool DecodeRepartitionRecord(std::string_view key, std::string_view value, size_t key_count, Row& row);

class GroupByOperator final : public Operator {
public:
    struct Repartition {
        kafka::Producer* producer = nullptr;
        std::string topic;
    };
    // `input_key_count`: key columns of the input rows (the source key, for table sources).
    // `partitions`: of the repartition topic, when the step partitions by a key format.
    static Result<OperatorPtr> Make(const plan::GroupByStep& step, size_t input_key_count,
                                    std::optional<Repartition> repartition, int32_t partitions = 0);
    bool stateful() const override { return table_source_; }
    Status Open(OperatorContext& ctx) override;
    Status Process(RowBatch& batch) override;

private:
    bool Group(const Row& in, Row& out);  // false when a grouping key is null
    Status Forward();

    std::vector<std::unique_ptr<expression::Evaluator>> exprs_;
    size_t key_count_ = 0;
    size_t input_key_count_ = 0;
    bool table_source_ = false;
    bool foreign_key_ = false;
    KeyPartitioner partitioner_;  // foreign-key joins: partition as the right table
    std::string store_name_;
    std::optional<Repartition> repartition_;
    state::KeyValueStore* store_ = nullptr;
    state::ValueAndTimestamp previous_;
    std::vector<Value> previous_values_;
    std::string source_key_, row_bytes_, key_buf_, value_buf_;
    RowBatch out_;
};

}  // namespace runnel::runtime
