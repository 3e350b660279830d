// FlatMapOperator: runs a query's table functions (EXPLODE ...; plan::FlatMapStep). Each input
// row becomes one output row per value of its longest call: the input's values, then each
// call's i-th value (null once a call has no more). Rows that no call expands are dropped, as
// are null-valued stream records. A call that fails (CUBE_EXPLODE of too many columns) sends the
// row to the processing log and drops it. Built per task; single-threaded.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/expression/evaluator.h"
#include "engine/plan/query_plan.h"
#include "engine/runtime/operator.h"
#include "engine/runtime/processing_log.h"

namespace runnel::runtime {

class FlatMapOperator final : public Operator {
public:
    struct Context {
        ProcessingLog* processing_log = nullptr;  // may be null (errors are then only dropped)
        std::string query_id;
        std::string topic;  // the source topic, for processing-log entries
    };
    static Result<OperatorPtr> Make(const plan::FlatMapStep& step, Context context);
    Status Process(RowBatch& batch) override;

private:
    struct Call {
        const expression::TableFunction* function = nullptr;
        std::vector<std::unique_ptr<expression::Evaluator>> args;
        std::vector<const Value*> arg_values;  // scratch: the evaluated arguments
        ValueList produced;                    // scratch: this row's values
    };
    // Runs every call on `in`; false (after logging) when one fails.
    bool Expand(const Row& in);

    Context ctx_;
    size_t input_width_ = 0;
    std::vector<Call> calls_;
    RowBatch out_;
};

}  // namespace runnel::runtime
