#include "engine/planner/planner.h"

#include <algorithm>

namespace runnel::planner {

plan::WindowSpec MakeWindowSpec(const parser::WindowClause& w, bool emit_final) {
    // Defaults when the statement gives none, as ksqlDB: a grace period of 24 hours, except
    // under EMIT FINAL, where a window without one closes at its end.
    constexpr int64_t kDefaultGraceMs = 24LL * 3600 * 1000;
    plan::WindowSpec spec;
    spec.size_ms = w.size_ms;
    switch (w.kind) {
        case parser::WindowKind::kTumbling:
            spec.kind = plan::WindowKind::kTumbling;
            spec.advance_ms = w.size_ms;
            break;
        case parser::WindowKind::kHopping:
            spec.kind = plan::WindowKind::kHopping;
            spec.advance_ms = w.advance_ms;
            break;
        case parser::WindowKind::kSession: spec.kind = plan::WindowKind::kSession; break;
    }
    spec.grace_ms = w.grace_ms.value_or(emit_final ? 0 : kDefaultGraceMs);
    // Retention: as given, at least the window and its grace (ksqlDB's default), after which
    // a window has closed and leaves the store.
    spec.retention_ms = std::max(w.retention_ms.value_or(0), spec.size_ms + spec.grace_ms);
    return spec;
}

plan::SourceStep MakeSourceStep(const catalog::DataSource& src) {
    plan::SourceStep source;
    source.source_name = src.name;
    source.topic = src.topic;
    source.schema = src.schema;
    source.key_format = src.key_format;
    source.value_format = src.value_format;
    source.timestamp_column = src.timestamp_column;
    source.timestamp_format = src.timestamp_format;
    source.is_table = src.kind == catalog::SourceKind::kTable;
    source.windowed = src.is_windowed;
    source.session_windows = src.window_type == "SESSION";
    source.window_size_ms = src.window_size_ms;
    return source;
}

Result<plan::QueryPlan> PlanQuery(const analyzer::QueryAnalysis& analysis, std::string query_id,
                                  const std::optional<SinkTarget>& sink, bool join_null_keys) {
    plan::QueryPlan p;
    p.query_id = std::move(query_id);
    p.limit = analysis.limit;
    const auto& src = *analysis.source;
    p.steps.emplace_back(MakeSourceStep(src));
    const bool source_is_table = src.kind == catalog::SourceKind::kTable;
    serde::FormatSpec partitioned_by = src.key_format;  // how the current rows are partitioned
    for (size_t k = 0; k < analysis.joins.size(); ++k) {
        const auto& ja = analysis.joins[k];
        const std::string prefix = k == 0 ? "Join" : "Join" + std::to_string(k);
        if (ja.kind == analyzer::JoinKind::kForeignKey) {
            // The left table travels keyed by its foreign key, with retractions of old rows.
            plan::GroupByStep g;
            g.exprs = ja.left.exprs;
            g.schema = ja.left.schema;
            g.repartition = true;
            g.repartition_name = prefix + "-left-repartition";
            g.table_source = true;
            g.source_store = prefix + "-left-source";
            g.foreign_key = true;
            g.partition_key_format = ja.right.repartition ? serde::FormatSpec{"JSON"} : ja.right_source->key_format;
            p.steps.emplace_back(std::move(g));
        }
        plan::RekeyStep left;
        left.exprs = ja.left.exprs;
        left.schema = ja.left.schema;
        left.repartition = ja.left.repartition;
        left.repartition_name = prefix + "-left-repartition";
        // Re-keyed rows are partitioned as the side that keeps its key partitions its records;
        // when both sides are re-keyed, both by the key written as JSON.
        serde::FormatSpec shared = ja.right_source->key_format;
        if (ja.left.repartition && ja.right.repartition) {
            shared = serde::FormatSpec{"JSON"};
        } else if (ja.right.repartition) {
            shared = partitioned_by;
        }
        partitioned_by = shared;
        left.partition_key_format = shared;
        if (ja.kind != analyzer::JoinKind::kForeignKey) p.steps.emplace_back(std::move(left));
        plan::JoinStep j;
        j.type = static_cast<plan::JoinType>(ja.type);
        j.kind = static_cast<plan::JoinKind>(ja.kind);
        j.right_source = MakeSourceStep(*ja.right_source);
        j.right_rekey.exprs = ja.right.exprs;
        j.right_rekey.schema = ja.right.schema;
        j.right_rekey.repartition = ja.right.repartition;
        j.right_rekey.repartition_name = prefix + "-right-repartition";
        j.right_rekey.partition_key_format = shared;
        j.left_width = ja.left_width;
        j.left_key_count = ja.left_key_count;
        j.right_width = ja.right_width;
        j.before_ms = ja.before_ms;
        j.after_ms = ja.after_ms;
        j.grace_ms = ja.grace_ms;
        j.schema = ja.schema;
        j.left_store = prefix + "-left-store";
        j.right_store = prefix + "-right-store";
        j.emit_null_key_rows = join_null_keys;
        p.steps.emplace_back(std::move(j));
    }
    bool where_on_table = source_is_table;
    if (!analysis.joins.empty()) {
        const auto kind = analysis.joins.back().kind;
        where_on_table = kind == analyzer::JoinKind::kTableTable || kind == analyzer::JoinKind::kForeignKey;
    }
    if (analysis.where) p.steps.emplace_back(plan::FilterStep{analysis.where, where_on_table});
    if (analysis.aggregation) {
        const auto& agg = *analysis.aggregation;
        plan::GroupByStep group;
        group.exprs = agg.group_exprs;
        group.schema = agg.group_schema;
        group.repartition = agg.repartition;
        // Over a join the rows are keyed by ROWKEY, and a table-table join's result is a table.
        bool input_is_table = source_is_table;
        if (!analysis.joins.empty()) {
            const auto kind = analysis.joins.back().kind;
            input_is_table = kind == analyzer::JoinKind::kTableTable || kind == analyzer::JoinKind::kForeignKey;
        }
        group.table_source = input_is_table;
        group.input_key_count = analysis.joins.empty() ? src.schema.key_count() : 1;
        p.steps.emplace_back(std::move(group));
        plan::AggregateStep aggregate;
        aggregate.input_schema = agg.group_schema;
        for (const auto& c : agg.calls) {
            aggregate.calls.push_back({c.function, c.call, c.bound, c.arg_columns});
        }
        aggregate.schema = agg.aggregate_schema;
        aggregate.emit_final = agg.emit_final;
        aggregate.table_source = input_is_table;
        if (agg.window) aggregate.window = MakeWindowSpec(*agg.window, agg.emit_final);
        aggregate.having = agg.having;
        p.steps.emplace_back(std::move(aggregate));
    }
    if (!analysis.partition_by.empty() && !analysis.aggregation) {
        plan::ProjectStep rekey;
        rekey.exprs = analysis.partition_by;
        rekey.schema = analysis.rekeyed_schema;
        rekey.rekeys = true;
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
        if (p.steps.size() > 1) {
            for (const auto& step : p.steps) {
                if (auto* a = std::get_if<plan::AggregateStep>(&step); a && a->window) s.window = a->window->kind;
            }
        }
        if (!s.window && src.is_windowed && !analysis.aggregation) {
            // A query over a windowed source keeps its windowed keys.
            s.window = src.window_type == "SESSION" ? plan::WindowKind::kSession : plan::WindowKind::kTumbling;
        }
        p.steps.emplace_back(std::move(s));
    }
    return p;
}

}  // namespace runnel::planner
