#include "server/entity_mapper.h"

#include "protocol/error_messages.h"
#include "protocol/rest_entities.h"
#include "protocol/server_status.h"

namespace runnel::server {

namespace {

using Kind = api::StatementResult::Kind;
using protocol::OrderedJson;

protocol::SourceInfo ToSource(const api::SourceInfo& s) {
    return {s.name, s.type, s.topic, s.key_format, s.value_format, s.windowed};
}

protocol::RunningQuery ToQuery(const api::QueryInfo& q) {
    return {q.id, q.query_string, q.sinks, q.sink_topics, q.state, q.query_type};
}

std::vector<protocol::RunningQuery> ToQueries(const std::vector<api::QueryInfo>& queries) {
    std::vector<protocol::RunningQuery> out;
    out.reserve(queries.size());
    for (const auto& q : queries) out.push_back(ToQuery(q));
    return out;
}

protocol::SourceDescription ToDescription(const api::SourceDescription& d) {
    protocol::SourceDescription out;
    out.name = d.source.name;
    if (!d.window_type.empty()) out.window_type = d.window_type;
    out.read_queries = ToQueries(d.read_queries);
    out.write_queries = ToQueries(d.write_queries);
    for (const auto& f : d.fields) out.fields.push_back({f.name, f.type, f.is_key});
    out.type = d.source.type;
    out.timestamp = d.timestamp_column;
    out.extended = d.extended;
    out.key_format = d.source.key_format;
    out.value_format = d.source.value_format;
    out.topic = d.source.topic;
    out.partitions = d.partitions;
    out.replication = d.replication;
    out.statement = d.statement;
    return out;
}

}  // namespace

std::optional<OrderedJson> StatementResultToJson(const api::StatementResult& r) {
    switch (r.kind) {
        case Kind::kCommandStatus: {
            protocol::CommandStatusEntity e;
            e.statement_text = r.statement_text;
            e.command_id = r.command_id;
            e.status = r.status;
            e.message = r.message;
            e.query_id = r.query_id;
            e.command_sequence_number = r.command_sequence_number;
            e.warnings = r.warnings;
            return protocol::ToJson(e);
        }
        case Kind::kStreams:
        case Kind::kTables: {
            protocol::SourceListEntity e;
            e.tables = r.kind == Kind::kTables;
            e.statement_text = r.statement_text;
            for (const auto& s : r.sources) e.sources.push_back(ToSource(s));
            e.warnings = r.warnings;
            return protocol::ToJson(e);
        }
        case Kind::kQueries: {
            protocol::QueriesEntity e;
            e.statement_text = r.statement_text;
            e.queries = ToQueries(r.queries);
            e.warnings = r.warnings;
            return protocol::ToJson(e);
        }
        case Kind::kTopics: {
            protocol::KafkaTopicsEntity e;
            e.statement_text = r.statement_text;
            for (const auto& t : r.topics) e.topics.push_back({t.name, t.replica_info});
            e.warnings = r.warnings;
            return protocol::ToJson(e);
        }
        case Kind::kProperties: {
            protocol::PropertiesEntity e;
            e.statement_text = r.statement_text;
            for (const auto& p : r.properties) e.properties.push_back({p.name, p.scope, p.value});
            e.warnings = r.warnings;
            return protocol::ToJson(e);
        }
        case Kind::kFunctions: {
            protocol::FunctionNamesEntity e;
            e.statement_text = r.statement_text;
            for (const auto& f : r.functions) e.functions.push_back({f.name, f.type, f.category});
            e.warnings = r.warnings;
            return protocol::ToJson(e);
        }
        case Kind::kTypes: {
            protocol::TypeListEntity e;
            e.statement_text = r.statement_text;
            e.types = r.types;
            e.warnings = r.warnings;
            return protocol::ToJson(e);
        }
        case Kind::kSourceDescription: {
            if (r.descriptions.empty()) return std::nullopt;
            protocol::SourceDescriptionEntity e;
            e.statement_text = r.statement_text;
            e.description = ToDescription(r.descriptions.front());
            e.warnings = r.warnings;
            return protocol::ToJson(e);
        }
        case Kind::kSourceDescriptions: {
            protocol::SourceDescriptionListEntity e;
            e.statement_text = r.statement_text;
            for (const auto& d : r.descriptions) e.descriptions.push_back(ToDescription(d));
            e.warnings = r.warnings;
            return protocol::ToJson(e);
        }
        case Kind::kFunctionDescription: {
            if (!r.function) return std::nullopt;
            protocol::FunctionDescriptionEntity e;
            e.statement_text = r.statement_text;
            e.name = r.function->name;
            e.description = r.function->description;
            e.type = r.function->type;
            for (const auto& o : r.function->overloads) {
                e.overloads.push_back({o.argument_types, o.return_type, o.description});
            }
            e.warnings = r.warnings;
            return protocol::ToJson(e);
        }
        case Kind::kNoEntity:
            return std::nullopt;
    }
    return std::nullopt;
}

OrderedJson ResultsToJson(const std::vector<api::StatementResult>& results) {
    OrderedJson out = OrderedJson::array();
    for (const auto& r : results) {
        if (auto entity = StatementResultToJson(r)) out.push_back(std::move(*entity));
    }
    return out;
}

OrderedJson ExecuteErrorToJson(const api::ExecuteError& error, OrderedJson entities) {
    return protocol::StatementError(error.error_code, error.message, error.statement_text,
                                    std::move(entities));
}

api::ExecuteError StatusToExecuteError(const Status& status, std::string_view statement_text) {
    api::ExecuteError error;
    error.message = status.message();
    error.statement_text = std::string(statement_text);
    switch (status.code()) {
        case StatusCode::kIoError:
        case StatusCode::kInternal:
            error.http_status = 500;
            error.error_code = protocol::kErrorServer;
            break;
        case StatusCode::kUnavailable:
            error.http_status = 503;
            error.error_code = protocol::kErrorServiceUnavailable;
            break;
        default:
            error.http_status = 400;
            error.error_code = protocol::kErrorBadStatement;
            break;
    }
    return error;
}

OrderedJson ServerInfoToJson(const api::ServerInfo& info) {
    return protocol::ToJson(protocol::ServerInfoEntity{info.version, info.kafka_cluster_id,
                                                       info.service_id, info.server_status});
}

OrderedJson HealthToJson(const api::HealthInfo& health) {
    return protocol::ToJson(
        protocol::HealthCheckEntity{health.metastore, health.kafka, health.command_runner});
}

}  // namespace runnel::server
