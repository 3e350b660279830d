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
#include "engine/expression/aggregate_function.h"
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
    // A windowed source: its keys carry Kafka Streams' window suffix.
    bool windowed = false;
    bool session_windows = false;
    int64_t window_size_ms = 0;
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
    bool rekeys = false;  // PARTITION BY: computes new key columns
};

// Computes the grouping keys and the aggregate arguments of each row (exprs over the input give
// `schema`: keys first). With `repartition` the rows then travel through the query's internal
// topic `<application id>-<repartition_name>`, partitioned by the keys, so that each key's rows
// meet in one task. Over a table (`table_source`) the step keeps each source key's last row in
// the store `source_store` and sends a retraction of it (a kDelete row) before the new row.
struct GroupByStep {
    std::vector<expression::TypedExprPtr> exprs;
    LogicalSchema schema;
    bool repartition = false;
    std::string repartition_name = "Aggregate-GroupBy-repartition";
    bool table_source = false;
    std::string source_store = "Aggregate-GroupBy-Source";
    size_t input_key_count = 0;  // key columns of the input rows (a table source's key)
    // Foreign-key joins: a retraction whose row moves to another key is kRetract (only a delete
    // of the source row is kDelete), rows with a null key are kept, and the partition comes
    // from the key written in this format (the right table's key format).
    bool foreign_key = false;
    serde::FormatSpec partition_key_format;
};

enum class WindowKind : uint8_t { kTumbling, kHopping, kSession };

struct WindowSpec {
    WindowKind kind = WindowKind::kTumbling;
    int64_t size_ms = 0;     // SESSION: the inactivity gap
    int64_t advance_ms = 0;  // HOPPING; TUMBLING: == size
    int64_t grace_ms = 0;
    int64_t retention_ms = 0;
};

struct AggregateCallSpec {
    std::string function;
    expression::AggregateCall call;      // what Bind saw, kept for describing and re-binding
    expression::BoundAggregate bound;
    std::vector<size_t> arg_columns;     // into the GroupByStep's schema
};

// Folds each key's rows into accumulators kept in the state store `store_name` (a key-value,
// window or session store) and emits the updated results: rows of `schema` (the keys, then one
// column per call), windowed rows carrying window_start/window_end. Input kDelete rows (table
// retractions) are undone; EMIT FINAL holds a window's result until stream time passes its end
// plus the grace period.
struct AggregateStep {
    LogicalSchema input_schema;
    std::vector<AggregateCallSpec> calls;
    LogicalSchema schema;
    std::optional<WindowSpec> window;
    bool emit_final = false;
    bool table_source = false;
    // HAVING over `schema`: a result that fails it is not emitted, or becomes a tombstone when
    // the key's previous result passed.
    expression::TypedExprPtr having;
    std::string store_name = "Aggregate-Aggregate-Materialize";
};

// Brings one input of a join into the join's layout: `exprs` over the input give `schema`,
// [the join key (one KEY column)] + the input's columns. With `repartition` the rows travel
// through the query's internal topic `<application id>-<repartition_name>`, partitioned by the
// join key, so that both sides of a key meet in one task (co-partitioning).
struct RekeyStep {
    std::vector<expression::TypedExprPtr> exprs;
    LogicalSchema schema;
    bool repartition = false;
    std::string repartition_name;
    // The partition of a repartitioned row is that of its key written in this format, as the
    // other side's records are partitioned by their key bytes: equal keys meet (co-partitioning).
    serde::FormatSpec partition_key_format;
};

enum class JoinType : uint8_t { kInner, kLeft, kRight, kFull };
enum class JoinKind : uint8_t { kStreamStream, kStreamTable, kTableTable, kForeignKey };

// Joins the rows arriving from upstream (the left side, already in its RekeyStep's layout)
// with the right source (rekeyed by `right_rekey`). Output rows of `schema`: the join key, then
// the left side's columns, then the right side's. Stream-stream joins keep both sides in window
// stores for WITHIN; stream-table joins keep the table side in a key-value store and emit on
// stream records only; table-table joins keep both sides and emit on either.
struct JoinStep {
    JoinType type = JoinType::kInner;
    JoinKind kind = JoinKind::kStreamTable;
    SourceStep right_source;
    RekeyStep right_rekey;
    size_t left_width = 0;   // columns of the left input after its key
    size_t right_width = 0;  // columns of the right input after its key
    // Foreign-key joins: the left input's key is the foreign key and its first left_key_count
    // columns are the left table's primary key, which keys the result.
    size_t left_key_count = 0;
    int64_t before_ms = 0;   // stream-stream: left.ts - before <= right.ts <= left.ts + after
    int64_t after_ms = 0;
    std::optional<int64_t> grace_ms;  // given: outer results wait until the window closes
    LogicalSchema schema;
    std::string left_store;
    std::string right_store;
    // LEFT/FULL joins emit a left row whose join key is null, with nulls for the right side, as
    // SQL does (ksqlDB drops it; `false` restores that, for conformance runs).
    bool emit_null_key_rows = true;
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
    // A windowed table's key carries its window (Kafka Streams' windowed serdes).
    std::optional<WindowKind> window;
};

using Step = std::variant<SourceStep, FilterStep, ProjectStep, FlatMapStep, GroupByStep, AggregateStep,
                          RekeyStep, JoinStep, SinkStep>;

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
