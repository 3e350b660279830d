#include "engine/planner/planner.h"

namespace runnel::planner {

Result<plan::QueryPlan> PlanQuery(const analyzer::QueryAnalysis& analysis, std::string query_id,
                                  const std::optional<SinkTarget>& sink) {
    plan::QueryPlan p;
    p.query_id = std::move(query_id);
    p.limit = analysis.limit;
    const auto& src = *analysis.source;
    plan::SourceStep source;
    source.source_name = src.name;
    source.topic = src.topic;
    source.schema = src.schema;
    source.key_format = src.key_format;
    source.value_format = src.value_format;
    source.timestamp_column = src.timestamp_column;
    source.timestamp_format = src.timestamp_format;
    source.is_table = src.kind == catalog::SourceKind::kTable;
    p.steps.emplace_back(std::move(source));
    if (analysis.where) p.steps.emplace_back(plan::FilterStep{analysis.where, analysis.is_table});
    if (!analysis.partition_by.empty()) {
        plan::ProjectStep rekey;
        rekey.exprs = analysis.partition_by;
        rekey.schema = analysis.rekeyed_schema;
        p.steps.emplace_back(std::move(rekey));
    }
    if (analysis.flat_map) {
        const auto& flat_map = *analysis.flat_map;
        p.steps.emplace_back(plan::FlatMapStep{flat_map.calls, flat_map.schema});
    }
    plan::ProjectStep project;
    for (const auto& item : analysis.projection) project.exprs.push_back(item.expr);
    project.schema = analysis.output_schema;
    p.steps.emplace_back(std::move(project));
    p.output_schema = analysis.output_schema;
    if (sink) {
        plan::SinkStep s;
        s.sink_name = sink->name;
        s.topic = sink->topic;
        s.schema = analysis.output_schema;
        s.key_format = sink->key_format;
        s.value_format = sink->value_format;
        s.timestamp_column = sink->timestamp_column;
        s.timestamp_format = sink->timestamp_format;
        p.steps.emplace_back(std::move(s));
    }
    return p;
}

}  // namespace runnel::planner
