// RekeyOperator: brings the rows of one join input into the join's layout (plan::RekeyStep:
// [join key] + the input's columns) and either passes them on in the task or writes them to
// the query's repartition topic, partitioned by the join key. Single-threaded.
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

namespace runnel::runtime {

class RekeyOperator final : public Operator {
public:
    // `producer`, `topic` and its `partitions`: where a repartitioning step writes; unused
    // otherwise.
    static Result<OperatorPtr> Make(const plan::RekeyStep& step, kafka::Producer* producer, std::string topic,
                                    int32_t partitions);
    Status Process(RowBatch& batch) override;

private:
    std::vector<std::unique_ptr<expression::Evaluator>> exprs_;
    bool repartition_ = false;
    kafka::Producer* producer_ = nullptr;
    std::string topic_;
    KeyPartitioner partitioner_;
    std::string key_buf_, value_buf_;
    RowBatch out_;
};

}  // namespace runnel::runtime
