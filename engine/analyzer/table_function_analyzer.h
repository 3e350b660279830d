// Table functions (EXPLODE, CUBE_EXPLODE) in a SELECT list: finds their calls, checks where they
// are used (ksqlDB's rules and messages), and types them over the rows that reach the projection.
// The planner puts a FlatMapStep before the projection; it appends one column per distinct call
// (KSQL_SYNTH_<n>), and the select expressions read those columns where the calls were.
//
//   SELECT id, EXPLODE(items)->sku AS sku FROM orders
//   -> flat map: [ID, ITEMS, KSQL_SYNTH_0 := EXPLODE(ITEMS)]
//   -> project:  ID, KSQL_SYNTH_0->SKU AS SKU
//
// Several calls in one SELECT are zipped: row i holds the i-th value of every call, nulls for
// the shorter ones. Pure functions; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/analyzer/expression_analyzer.h"
#include "engine/common/schema.h"
#include "engine/common/status.h"
#include "engine/expression/table_function.h"
#include "engine/parser/ast.h"

namespace runnel::analyzer {

struct TableFunctionAnalysis {
    std::vector<expression::TableFunctionCall> calls;  // arguments over the input schema
    // The flat map's output: the input columns, then one value column per call.
    LogicalSchema schema;
    // A call's SQL text (parser::ExprToSql) -> its column in `schema`; identical calls share one.
    std::map<std::string, size_t> columns;
};

// Analyses the table function calls of `query`'s SELECT list over `input` (the scope the
// projection would otherwise read: the source, or the re-keyed rows after PARTITION BY).
// nullopt when there are none. Errors, as ksqlDB words them:
//   "Table functions cannot be nested: EXPLODE(EXPLODE())"
//   "Table functions cannot be used with aggregations."
//   "Table functions cannot be used in CASE: <case expression>"
//   "Table source is not supported with table functions"
Result<std::optional<TableFunctionAnalysis>> AnalyzeTableFunctions(const parser::Query& query,
                                                                   const Scope& input,
                                                                   bool source_is_table);

// For a query that aggregates (GROUP BY, or aggregate calls without it), whose analysis does
// not run AnalyzeTableFunctions: "Table functions cannot be used with aggregations." when the
// SELECT list calls a table function (after the nesting check, as in ksqlDB).
Status CheckNoTableFunctionsInAggregation(const parser::Query& query);

// Points a projection scope at the flat map's output, so the select expressions read the
// calls' columns. `analysis` must outlive the scope's use.
void UseTableFunctionColumns(const TableFunctionAnalysis& analysis, Scope& projection);

// The typed reference an expression analyzer gives a table function call `call`: the column of
// the call in the projection scope, or an error where table functions are not allowed (WHERE,
// PARTITION BY, ...).
Result<expression::TypedExprPtr> TableFunctionReference(const parser::Expr& call,
                                                        const Scope& scope);

}  // namespace runnel::analyzer
