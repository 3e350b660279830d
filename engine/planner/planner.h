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

Result<plan::QueryPlan> PlanQuery(const analyzer::QueryAnalysis& analysis, std::string query_id,
                                  const std::optional<SinkTarget>& sink);

}  // namespace runnel::planner
