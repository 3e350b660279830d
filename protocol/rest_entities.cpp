#include "protocol/rest_entities.h"

#include "protocol/schema_info.h"

namespace runnel::protocol {

namespace {

OrderedJson StringArray(const std::vector<std::string>& items) {
    OrderedJson out = OrderedJson::array();
    for (const std::string& item : items) out.push_back(item);
    return out;
}

OrderedJson SourceInfoToJson(const SourceInfo& source) {
    OrderedJson out;
    out["type"] = source.type;
    out["name"] = source.name;
    out["topic"] = source.topic;
    out["keyFormat"] = source.key_format;
    out["valueFormat"] = source.value_format;
    out["isWindowed"] = source.windowed;
    return out;
}

OrderedJson QueriesToJson(const std::vector<RunningQuery>& queries) {
    OrderedJson out = OrderedJson::array();
    for (const RunningQuery& q : queries) out.push_back(ToJson(q));
    return out;
}

}  // namespace

OrderedJson WarningsToJson(const std::vector<std::string>& warnings) {
    OrderedJson out = OrderedJson::array();
    for (const std::string& w : warnings) {
        OrderedJson item;
        item["message"] = w;
        out.push_back(std::move(item));
    }
    return out;
}

OrderedJson ToJson(const CommandStatusEntity& entity) {
    OrderedJson out;
    out["@type"] = "currentStatus";
    out["statementText"] = entity.statement_text;
    out["commandId"] = entity.command_id;
    OrderedJson status;
    status["status"] = entity.status;
    status["message"] = entity.message;
    status["queryId"] = entity.query_id ? OrderedJson(*entity.query_id) : OrderedJson(nullptr);
    out["commandStatus"] = std::move(status);
    out["commandSequenceNumber"] = entity.command_sequence_number;
    out["warnings"] = WarningsToJson(entity.warnings);
    return out;
}

OrderedJson ToJson(const SourceListEntity& entity) {
    const char* kind = entity.tables ? "tables" : "streams";
    OrderedJson out;
    out["@type"] = kind;
    out["statementText"] = entity.statement_text;
    OrderedJson list = OrderedJson::array();
    for (const SourceInfo& s : entity.sources) list.push_back(SourceInfoToJson(s));
    out[kind] = std::move(list);
    out["warnings"] = WarningsToJson(entity.warnings);
    return out;
}

OrderedJson ToJson(const RunningQuery& query) {
    OrderedJson out;
    out["queryString"] = query.query_string;
    out["sinks"] = StringArray(query.sinks);
    out["sinkKafkaTopics"] = StringArray(query.sink_topics);
    out["id"] = query.id;
    OrderedJson count;
    count[query.state] = 1;
    out["statusCount"] = std::move(count);
    out["queryType"] = query.query_type;
    out["state"] = query.state;
    return out;
}

OrderedJson ToJson(const QueriesEntity& entity) {
    OrderedJson out;
    out["@type"] = "queries";
    out["statementText"] = entity.statement_text;
    out["queries"] = QueriesToJson(entity.queries);
    out["warnings"] = WarningsToJson(entity.warnings);
    return out;
}

OrderedJson ToJson(const KafkaTopicsEntity& entity) {
    OrderedJson out;
    out["@type"] = "kafka_topics";
    out["statementText"] = entity.statement_text;
    OrderedJson topics = OrderedJson::array();
    for (const KafkaTopicInfo& t : entity.topics) {
        OrderedJson topic;
        topic["name"] = t.name;
        OrderedJson replicas = OrderedJson::array();
        for (int32_t r : t.replica_info) replicas.push_back(r);
        topic["replicaInfo"] = std::move(replicas);
        topics.push_back(std::move(topic));
    }
    out["topics"] = std::move(topics);
    out["warnings"] = WarningsToJson(entity.warnings);
    return out;
}

OrderedJson ToJson(const PropertiesEntity& entity) {
    OrderedJson out;
    out["@type"] = "properties";
    out["statementText"] = entity.statement_text;
    OrderedJson props = OrderedJson::array();
    for (const PropertyInfo& p : entity.properties) {
        OrderedJson prop;
        prop["name"] = p.name;
        prop["scope"] = p.scope;
        prop["value"] = p.value;
        props.push_back(std::move(prop));
    }
    out["properties"] = std::move(props);
    out["overwrittenProperties"] = StringArray(entity.overwritten_properties);
    out["defaultProperties"] = StringArray(entity.default_properties);
    out["warnings"] = WarningsToJson(entity.warnings);
    return out;
}

OrderedJson ToJson(const TypeListEntity& entity) {
    OrderedJson out;
    out["@type"] = "type_list";
    out["statementText"] = entity.statement_text;
    OrderedJson types = OrderedJson::object();
    for (const auto& [name, type] : entity.types) types[name] = SchemaInfoFromSqlType(type);
    out["types"] = std::move(types);
    out["warnings"] = WarningsToJson(entity.warnings);
    return out;
}

OrderedJson ToJson(const FunctionNamesEntity& entity) {
    OrderedJson out;
    out["@type"] = "function_names";
    out["statementText"] = entity.statement_text;
    OrderedJson functions = OrderedJson::array();
    for (const FunctionInfo& f : entity.functions) {
        OrderedJson fn;
        fn["name"] = f.name;
        fn["type"] = f.type;
        fn["category"] = f.category;
        functions.push_back(std::move(fn));
    }
    out["functions"] = std::move(functions);
    out["warnings"] = WarningsToJson(entity.warnings);
    return out;
}

OrderedJson ToJson(const FunctionDescriptionEntity& entity) {
    OrderedJson out;
    out["@type"] = "describe_function";
    out["statementText"] = entity.statement_text;
    out["name"] = entity.name;
    out["description"] = entity.description;
    out["author"] = "Runnel";
    out["version"] = "";
    out["path"] = "internal";
    OrderedJson functions = OrderedJson::array();
    for (const auto& o : entity.overloads) {
        OrderedJson fn;
        OrderedJson args = OrderedJson::array();
        for (const auto& t : o.argument_types) {
            OrderedJson a;
            a["name"] = "";
            a["type"] = t;
            a["description"] = "";
            a["isVariadic"] = t.size() > 3 && t.compare(t.size() - 3, 3, "...") == 0;
            args.push_back(std::move(a));
        }
        fn["arguments"] = std::move(args);
        fn["returnType"] = o.return_type;
        fn["description"] = o.description;
        fn["argumentTypes"] = StringArray(o.argument_types);
        functions.push_back(std::move(fn));
    }
    out["functions"] = std::move(functions);
    out["type"] = entity.type;
    out["warnings"] = WarningsToJson(entity.warnings);
    return out;
}

OrderedJson ToJson(const FieldInfo& field) {
    OrderedJson out;
    out["name"] = field.name;
    out["schema"] = SchemaInfoFromSqlType(field.sql_type);
    if (field.is_key) out["type"] = "KEY";  // ksqlDB leaves "type" out for value columns
    return out;
}

OrderedJson ToJson(const SourceDescription& d) {
    OrderedJson out;
    out["name"] = d.name;
    out["windowType"] = d.window_type ? OrderedJson(*d.window_type) : OrderedJson(nullptr);
    out["readQueries"] = QueriesToJson(d.read_queries);
    out["writeQueries"] = QueriesToJson(d.write_queries);
    OrderedJson fields = OrderedJson::array();
    for (const FieldInfo& f : d.fields) fields.push_back(ToJson(f));
    out["fields"] = std::move(fields);
    out["type"] = d.type;
    out["timestamp"] = d.timestamp;
    out["statistics"] = d.statistics;
    out["errorStats"] = d.error_stats;
    out["statisticsMap"] = OrderedJson::object();
    out["errorStatsMap"] = OrderedJson::object();
    out["extended"] = d.extended;
    out["keyFormat"] = d.key_format;
    out["valueFormat"] = d.value_format;
    out["topic"] = d.topic;
    out["partitions"] = d.partitions;
    out["replication"] = d.replication;
    out["statement"] = d.statement;
    out["queryOffsetSummaries"] = OrderedJson::array();
    out["sourceConstraints"] = OrderedJson::array();
    return out;
}

OrderedJson ToJson(const SourceDescriptionEntity& entity) {
    OrderedJson out;
    out["@type"] = "sourceDescription";
    out["statementText"] = entity.statement_text;
    out["sourceDescription"] = ToJson(entity.description);
    out["warnings"] = WarningsToJson(entity.warnings);
    return out;
}

OrderedJson ToJson(const SourceDescriptionListEntity& entity) {
    OrderedJson out;
    out["@type"] = "source_descriptions";
    out["statementText"] = entity.statement_text;
    OrderedJson list = OrderedJson::array();
    for (const SourceDescription& d : entity.descriptions) list.push_back(ToJson(d));
    out["sourceDescriptions"] = std::move(list);
    out["warnings"] = WarningsToJson(entity.warnings);
    return out;
}

}  // namespace runnel::protocol
