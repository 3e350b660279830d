// Execution plan of a query: immutable steps in pipeline order (source first, an optional sink
// last). The runtime builds operators from these alone; it never sees the AST or the analyzer.
// Immutable once built; shared between the query's tasks and threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/common/schema.h"
#include "engine/expression/table_function.h"
#include "engine/expression/typed_expr.h"
#include "engine/serde/serde.h"

namespace runnel::plan {

struct SourceStep {
    std::string source_name;
    std::string topic;
    LogicalSchema schema;
    serde::FormatSpec key_format;
    serde::FormatSpec value_format;
    std::optional<size_t> timestamp_column;
    std::string timestamp_format;  // for a STRING timestamp column (Java pattern)
    bool is_table = false;
};

struct FilterStep {
    expression::TypedExprPtr predicate;
    // Over a table's changelog a row that fails the predicate becomes a delete of its key
    // (the key may have passed before), and deletes pass through.
    bool on_table = false;
};

// Table functions (EXPLODE ...): each input row becomes as many rows as its longest call
// produces; a row holds the input's columns, then the calls' values (zipped: null where a call
// produced fewer). A row for which every call produces nothing is dropped.
struct FlatMapStep {
    std::vector<expression::TableFunctionCall> calls;
    LogicalSchema schema;  // the input columns, then one column per call
};

struct ProjectStep {
    std::vector<expression::TypedExprPtr> exprs;  // one per output column, schema order
    LogicalSchema schema;
};

struct SinkStep {
    std::string sink_name;
    std::string topic;
    LogicalSchema schema;
    // WITH (TIMESTAMP='col' [, TIMESTAMP_FORMAT='...']): the record timestamp comes from a column.
    std::optional<size_t> timestamp_column;
    std::string timestamp_format;
    serde::FormatSpec key_format;
    serde::FormatSpec value_format;
};

using Step = std::variant<SourceStep, FilterStep, ProjectStep, FlatMapStep, SinkStep>;

struct QueryPlan {
    std::string query_id;
    std::vector<Step> steps;
    LogicalSchema output_schema;
    std::optional<int64_t> limit;

    const SourceStep& source() const { return std::get<SourceStep>(steps.front()); }
    const SinkStep* sink() const {
        return steps.empty() ? nullptr : std::get_if<SinkStep>(&steps.back());
    }
    // A readable outline of the steps (EXPLAIN).
    std::string Describe() const;
};

using QueryPlanPtr = std::shared_ptr<const QueryPlan>;

}  // namespace runnel::plan
