// Analyses a SELECT for a persistent query (CREATE ... AS SELECT / INSERT INTO) or a push query:
// resolves the source, expands *, types the projection and WHERE, and derives the output schema
// with ksqlDB's key rules. The result is an immutable Analysis for the planner. Thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/analyzer/table_function_analyzer.h"
#include "engine/catalog/catalog.h"
#include "engine/common/schema.h"
#include "engine/common/status.h"
#include "engine/expression/aggregate_function.h"
#include "engine/expression/typed_expr.h"
#include "engine/parser/ast.h"

namespace runnel::analyzer {

struct ProjectionItem {
    std::string name;
    expression::TypedExprPtr expr;
    bool is_key = false;
};

// One aggregate call of a GROUP BY query, bound to its argument types.
struct AggregateCallAnalysis {
    std::string function;               // upper-case name
    std::string sql;                    // the call as written, for messages
    expression::AggregateCall call;
    expression::BoundAggregate bound;
    std::vector<size_t> arg_columns;    // the column arguments: indices into group_schema
};

// GROUP BY / aggregates / WINDOW. The query runs as: source -> WHERE -> group step (group_exprs
// over the source schema give group_schema: the grouping keys, then every aggregate argument)
// -> [repartition by the grouping keys] -> aggregate (aggregate_schema: the keys, then one
// result column per call) -> HAVING -> projection.
struct AggregationAnalysis {
    std::vector<expression::TypedExprPtr> group_exprs;
    LogicalSchema group_schema;
    bool repartition = false;           // the grouping keys are not the source's key
    std::vector<AggregateCallAnalysis> calls;
    LogicalSchema aggregate_schema;
    std::optional<parser::WindowClause> window;
    bool emit_final = false;
    expression::TypedExprPtr having;    // over aggregate_schema; null when absent
};

// One side of a join brought into the join's layout: [join key] + the side's columns.
struct JoinRekeyAnalysis {
    std::vector<expression::TypedExprPtr> exprs;
    LogicalSchema schema;
    bool repartition = false;
};

enum class JoinKind : uint8_t { kStreamStream, kStreamTable, kTableTable, kForeignKey };

// One JOIN clause. Its left side is the FROM source (first join) or the previous join's
// output; the rows of its output are [ROWKEY] + the columns of every source joined so far,
// named <alias>_<column>.
struct JoinAnalysis {
    parser::JoinType type = parser::JoinType::kInner;
    JoinKind kind = JoinKind::kStreamTable;
    JoinRekeyAnalysis left;
    catalog::DataSourcePtr right_source;
    JoinRekeyAnalysis right;
    size_t left_width = 0;
    size_t right_width = 0;
    size_t left_key_count = 0;  // foreign-key joins: the left table's primary key columns
    int64_t before_ms = 0;
    int64_t after_ms = 0;
    std::optional<int64_t> grace_ms;
    LogicalSchema schema;
};

struct QueryAnalysis {
    catalog::DataSourcePtr source;
    bool is_table = false;                        // the result is a table (changelog)
    expression::TypedExprPtr where;               // null when absent, over the source schema
    // PARTITION BY: expressions over the source schema producing rekeyed_schema (new key
    // columns first); the projection is then over rekeyed_schema. Empty without PARTITION BY.
    std::vector<expression::TypedExprPtr> partition_by;
    LogicalSchema rekeyed_schema;
    std::optional<AggregationAnalysis> aggregation;
    // Joins, in order; `where` and the projection are then over the last join's schema.
    std::vector<JoinAnalysis> joins;
    // Over the source schema, or rekeyed_schema, or the aggregation's aggregate_schema.
    std::vector<ProjectionItem> projection;       // output schema order: keys first
    // Table functions in the SELECT list (EXPLODE ...): a flat map before the projection, whose
    // output the projection reads. nullopt without them.
    std::optional<TableFunctionAnalysis> flat_map;
    LogicalSchema output_schema;
    std::optional<int64_t> limit;
    parser::EmitKind emit = parser::EmitKind::kNone;
};

struct QueryContext {
    bool persistent = false;   // CSAS / INSERT INTO: the key rules apply
    std::string sink_name;     // for error messages
    // Server config overlaid with the statement's properties (function settings such as
    // ksql.functions.collect_list.limit).
    std::map<std::string, std::string> config;
};

Result<QueryAnalysis> AnalyzeQuery(const parser::Query& query, const catalog::Catalog& catalog,
                                   const QueryContext& context);

}  // namespace runnel::analyzer
