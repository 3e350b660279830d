// Read-only statements: SHOW/LIST and DESCRIBE.
#include <algorithm>

#include "engine/api/engine_impl.h"
#include "engine/expression/aggregate_function.h"
#include "engine/expression/function_registry.h"
#include "engine/expression/table_function.h"

namespace runnel::api {

namespace {

SourceInfo InfoOfSource(const catalog::DataSource& s) {
    SourceInfo i;
    i.name = s.name;
    i.type = s.KindName();
    i.topic = s.topic;
    i.key_format = s.key_format.name;
    i.value_format = s.value_format.name;
    i.windowed = s.is_windowed;
    return i;
}

}  // namespace

QueryInfo EngineImpl::InfoOf(const PersistentQuery& q) const {
    QueryInfo i;
    i.id = q.id;
    i.query_string = q.sql;
    i.sinks = {q.sink};
    i.sink_topics = {q.sink_topic};
    i.state = q.runner ? q.runner->state() : "PENDING";
    i.query_type = "PERSISTENT";
    return i;
}

SourceDescription EngineImpl::DescriptionOf(const catalog::DataSource& src, bool extended) const {
    SourceDescription d;
    d.source = InfoOfSource(src);
    for (const auto& c : src.schema.columns()) {
        d.fields.push_back({c.name, c.type.ToString(), c.type.RestTypeName(), c.ns == ColumnNamespace::kKey});
    }
    for (const auto& [id, q] : queries_) {
        for (const auto& in : q->sources) {
            if (in == src.name) d.read_queries.push_back(InfoOf(*q));
        }
        if (q->sink == src.name) d.write_queries.push_back(InfoOf(*q));
    }
    if (src.timestamp_column) d.timestamp_column = src.schema.column(*src.timestamp_column).name;
    d.statement = src.sql;
    d.extended = extended;
    if (extended) {
        auto info = kafka_->admin().DescribeTopic(src.topic);
        if (info.ok()) {
            d.partitions = info->partitions;
            d.replication = info->replication;
        }
    }
    return d;
}

StatementResult EngineImpl::ListSources(bool tables, const parser::Statement& stmt) {
    StatementResult r;
    r.kind = tables ? StatementResult::Kind::kTables : StatementResult::Kind::kStreams;
    r.statement_text = stmt.text;
    for (const auto& [name, src] : catalog_->sources()) {
        if ((src->kind == catalog::SourceKind::kTable) == tables) r.sources.push_back(InfoOfSource(*src));
    }
    return r;
}

StatementResult EngineImpl::ListQueries(const parser::Statement& stmt) {
    StatementResult r;
    r.kind = StatementResult::Kind::kQueries;
    r.statement_text = stmt.text;
    for (const auto& [id, q] : queries_) r.queries.push_back(InfoOf(*q));
    return r;
}

Result<StatementResult> EngineImpl::ListTopics(const parser::Statement& stmt) {
    StatementResult r;
    r.kind = StatementResult::Kind::kTopics;
    r.statement_text = stmt.text;
    bool all = std::get<parser::ListStatement>(stmt.body).kind == parser::ListKind::kAllTopics;
    ASSIGN_OR_RETURN(auto topics, kafka_->admin().ListTopics());
    std::sort(topics.begin(), topics.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    for (const auto& t : topics) {
        if (!all && !t.name.empty() && t.name[0] == '_') continue;  // internal topics
        TopicInfoRow row;
        row.name = t.name;
        row.replica_info.assign(static_cast<size_t>(t.partitions), t.replication);
        r.topics.push_back(std::move(row));
    }
    return r;
}

StatementResult EngineImpl::ListProperties(const parser::Statement& stmt, const ExecContext& ctx) {
    StatementResult r;
    r.kind = StatementResult::Kind::kProperties;
    r.statement_text = stmt.text;
    r.properties.push_back({"bootstrap.servers", "KSQL", config_.bootstrap_servers});
    r.properties.push_back({"ksql.service.id", "KSQL", config_.service_id});
    r.properties.push_back({"ksql.state.dir", "KSQL", config_.state_dir});
    for (const auto& [k, v] : ctx.config) {
        r.properties.push_back({k, k.rfind("ksql.streams.", 0) == 0 ? "STREAMS" : "KSQL", v});
    }
    return r;
}

StatementResult EngineImpl::ListFunctions(const parser::Statement& stmt) {
    StatementResult r;
    r.kind = StatementResult::Kind::kFunctions;
    r.statement_text = stmt.text;
    for (const auto& [name, overloads] : expression::FunctionRegistry::Builtins().all()) {
        r.functions.push_back({name, "SCALAR", overloads.front()->category});
    }
    for (const auto& [name, fn] : expression::AggregateRegistry::Builtins().all()) {
        r.functions.push_back({name, "AGGREGATE", "AGGREGATE"});
    }
    for (const auto& [name, overloads] : expression::TableFunctionRegistry::Builtins().all()) {
        r.functions.push_back({name, "TABLE", overloads.front()->category});
    }
    std::sort(r.functions.begin(), r.functions.end(),
              [](const FunctionRow& a, const FunctionRow& b) { return a.name < b.name; });
    return r;
}

StatementResult EngineImpl::ListTypes(const parser::Statement& stmt) {
    StatementResult r;
    r.kind = StatementResult::Kind::kTypes;
    r.statement_text = stmt.text;
    for (const auto& [name, type] : catalog_->types()) r.types.emplace_back(name, type.ToString());
    return r;
}

namespace {

// DESCRIBE FUNCTION of an aggregate: one overload per display signature ("T, INTEGER").
FunctionDescription DescribeAggregate(const expression::AggregateFunction& fn) {
    FunctionDescription d;
    d.name = fn.name;
    d.type = "AGGREGATE";
    d.description = fn.description;
    for (const auto& [params, returns] : fn.signatures) {
        FunctionOverload o;
        int depth = 0;
        std::string cur;
        for (char c : params) {
            if (c == '<' || c == '(') ++depth;
            if (c == '>' || c == ')') --depth;
            if (c == ',' && depth == 0) {
                o.argument_types.push_back(cur);
                cur.clear();
                continue;
            }
            if (c == ' ' && cur.empty()) continue;
            cur += c;
        }
        if (!cur.empty()) o.argument_types.push_back(cur);
        o.return_type = returns;
        o.description = fn.description;
        d.overloads.push_back(std::move(o));
    }
    return d;
}

// DESCRIBE FUNCTION of a table function.
FunctionDescription DescribeTableFunction(
    const std::string& name,
    const std::vector<std::unique_ptr<expression::TableFunction>>& overloads) {
    FunctionDescription d;
    d.name = name;
    d.type = "TABLE";
    for (const auto& fn : overloads) {
        FunctionOverload o;
        o.argument_types = fn->signature;
        o.return_type = fn->return_display;
        o.description = fn->description;
        if (d.description.empty()) d.description = fn->description;
        d.overloads.push_back(std::move(o));
    }
    return d;
}

}  // namespace

Result<StatementResult> EngineImpl::DescribeFunction(const parser::DescribeFunction& s,
                                                     const parser::Statement& stmt) {
    const auto& all = expression::FunctionRegistry::Builtins().all();
    auto it = all.find(s.name.name);
    const auto& table_functions = expression::TableFunctionRegistry::Builtins().all();
    if (auto t = table_functions.find(s.name.name); it == all.end() && t != table_functions.end()) {
        StatementResult r;
        r.kind = StatementResult::Kind::kFunctionDescription;
        r.statement_text = stmt.text;
        r.function = DescribeTableFunction(t->first, t->second);
        return r;
    }
    if (it == all.end()) {
        const auto& aggregates = expression::AggregateRegistry::Builtins().all();
        if (auto ag = aggregates.find(s.name.name); ag != aggregates.end()) {
            StatementResult r;
            r.kind = StatementResult::Kind::kFunctionDescription;
            r.statement_text = stmt.text;
            r.function = DescribeAggregate(ag->second);
            return r;
        }
        return Status::Invalid("Can't find any functions with the name '" + s.name.name + "'");
    }
    StatementResult r;
    r.kind = StatementResult::Kind::kFunctionDescription;
    r.statement_text = stmt.text;
    FunctionDescription d;
    d.name = it->first;
    d.type = "SCALAR";
    for (const auto& fn : it->second) {
        FunctionOverload o;
        if (fn->resolve) {
            o.argument_types.push_back(fn->signature.empty() ? "ANY..." : fn->signature);
            o.return_type = "(depends on the arguments)";
        } else {
            for (size_t i = 0; i < fn->params.size(); ++i) {
                std::string t = fn->params[i].ToString();
                if (fn->variadic && i + 1 == fn->params.size()) t += "...";
                o.argument_types.push_back(t);
            }
            o.return_type = fn->return_type.ToString();
        }
        o.description = fn->description;
        if (d.description.empty()) d.description = fn->description;
        // Overloads registered per DECIMAL scale print alike: list each signature once.
        bool seen = false;
        for (const auto& prev : d.overloads) {
            seen |= prev.argument_types == o.argument_types && prev.return_type == o.return_type;
        }
        if (!seen) d.overloads.push_back(std::move(o));
    }
    r.function = std::move(d);
    return r;
}

Result<StatementResult> EngineImpl::Describe(const parser::DescribeSource& s,
                                             const parser::Statement& stmt) {
    StatementResult r;
    r.statement_text = stmt.text;
    if (s.all_streams || s.all_tables) {
        r.kind = StatementResult::Kind::kSourceDescriptions;
        for (const auto& [name, src] : catalog_->sources()) {
            if ((src->kind == catalog::SourceKind::kTable) == s.all_tables) {
                r.descriptions.push_back(DescriptionOf(*src, s.extended));
            }
        }
        return r;
    }
    auto src = catalog_->Find(s.name.name);
    if (!src) return Status::Invalid("Could not find STREAM/TABLE '" + s.name.name + "' in the Metastore");
    r.kind = StatementResult::Kind::kSourceDescription;
    r.descriptions.push_back(DescriptionOf(*src, s.extended));
    return r;
}

}  // namespace runnel::api
