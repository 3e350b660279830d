// Analysis of joins: resolves every source of FROM ... JOIN ..., checks ksqlDB's rules (join
// kinds, WITHIN, equality on one expression per side, matching key types, co-partitioning by
// re-keying), lays the sources' columns side by side as <alias>_<column>, and types WHERE and
// the projection over the joined rows with ksqlDB's key rules. Thread-safe (pure).
#pragma once

#include "engine/analyzer/expression_analyzer.h"
#include "engine/analyzer/query_analyzer.h"

namespace runnel::analyzer {

// Fills a.joins, a.where, a.projection, a.output_schema and a.is_table for a query with JOINs.
Status AnalyzeJoins(const parser::Query& query, const catalog::Catalog& catalog,
                    const QueryContext& context, QueryAnalysis& a);

}  // namespace runnel::analyzer
