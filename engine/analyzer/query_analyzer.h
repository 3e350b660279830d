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
#include "engine/expression/typed_expr.h"
#include "engine/parser/ast.h"

namespace runnel::analyzer {

struct ProjectionItem {
    std::string name;
    expression::TypedExprPtr expr;
    bool is_key = false;
};

struct QueryAnalysis {
    catalog::DataSourcePtr source;
    bool is_table = false;                        // the result is a table (changelog)
    expression::TypedExprPtr where;               // null when absent, over the source schema
    // PARTITION BY: expressions over the source schema producing rekeyed_schema (new key
    // columns first); the projection is then over rekeyed_schema. Empty without PARTITION BY.
    std::vector<expression::TypedExprPtr> partition_by;
    LogicalSchema rekeyed_schema;
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
};

Result<QueryAnalysis> AnalyzeQuery(const parser::Query& query, const catalog::Catalog& catalog,
                                   const QueryContext& context);

}  // namespace runnel::analyzer
