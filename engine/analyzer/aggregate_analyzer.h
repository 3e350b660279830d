// Analysis of GROUP BY queries: finds the aggregate calls, types the grouping expressions and the
// calls' arguments over the source, checks ksqlDB's rules (every non-aggregate select expression
// is grouped, grouping expressions are projected once, aggregates on tables can be undone, ...)
// and types the projection and HAVING over the aggregate's output. Thread-safe (pure).
#pragma once

#include "engine/analyzer/expression_analyzer.h"
#include "engine/analyzer/query_analyzer.h"

namespace runnel::analyzer {

// True when the query groups, aggregates or windows.
bool IsAggregationQuery(const parser::Query& query);

// Fills a.aggregation, a.projection and a.output_schema. `source_scope` resolves names over
// the source; a.where is already set.
Status AnalyzeAggregation(const parser::Query& query, const QueryContext& context,
                          const Scope& source_scope, QueryAnalysis& a);

}  // namespace runnel::analyzer
