// Planner: turns a QueryAnalysis into an execution plan (QueryPlan). Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "engine/analyzer/query_analyzer.h"
#include "engine/common/status.h"
#include "engine/plan/query_plan.h"

namespace runnel::planner {

struct SinkTarget {
    std::string name;
    std::string topic;
    serde::FormatSpec key_format;
    serde::FormatSpec value_format;
    std::optional<size_t> timestamp_column;
    std::string timestamp_format;
};

// The window of a WINDOW clause with Kafka Streams' defaults filled in.
plan::WindowSpec MakeWindowSpec(const parser::WindowClause& w, bool emit_final);

// The read step of a catalog source.
plan::SourceStep MakeSourceStep(const catalog::DataSource& src);

// `join_null_keys`: LEFT/FULL joins emit rows whose join key is null (SQL); false drops them as
// ksqlDB does (`runnel.join.null.keys=drop`).
Result<plan::QueryPlan> PlanQuery(const analyzer::QueryAnalysis& analysis, std::string query_id,
                                  const std::optional<SinkTarget>& sink, bool join_null_keys = true);

}  // namespace runnel::planner
