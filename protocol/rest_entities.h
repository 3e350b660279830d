// The entities POST /ksql returns, as plain structs, and their JSON exactly as ksqlDB writes it
// (field names, order, "@type" tags, nulls). The server fills these from engine results; protocol
// never sees engine types. Plain value types; thread-safe to copy between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/json_text.h"

namespace runnel::protocol {

// CREATE / DROP / TERMINATE / INSERT INTO ... SELECT: {"@type":"currentStatus", ...}.
struct CommandStatusEntity {
    std::string statement_text;
    std::string command_id;
    std::string status = "SUCCESS";
    std::string message;
    std::optional<std::string> query_id;
    int64_t command_sequence_number = 0;
    std::vector<std::string> warnings;
};

struct SourceInfo {
    std::string name;
    std::string type;  // STREAM | TABLE
    std::string topic;
    std::string key_format;
    std::string value_format;
    bool windowed = false;
};

// SHOW STREAMS ({"@type":"streams"}) or SHOW TABLES ({"@type":"tables"}).
struct SourceListEntity {
    bool tables = false;
    std::string statement_text;
    std::vector<SourceInfo> sources;
    std::vector<std::string> warnings;
};

struct RunningQuery {
    std::string id;
    std::string query_string;
    std::vector<std::string> sinks;
    std::vector<std::string> sink_topics;
    std::string state = "RUNNING";
    std::string query_type = "PERSISTENT";
};

// SHOW QUERIES: {"@type":"queries"}.
struct QueriesEntity {
    std::string statement_text;
    std::vector<RunningQuery> queries;
    std::vector<std::string> warnings;
};

struct KafkaTopicInfo {
    std::string name;
    std::vector<int32_t> replica_info;  // replicas per partition
};

// SHOW TOPICS: {"@type":"kafka_topics"}.
struct KafkaTopicsEntity {
    std::string statement_text;
    std::vector<KafkaTopicInfo> topics;
    std::vector<std::string> warnings;
};

struct PropertyInfo {
    std::string name;
    std::string scope;  // KSQL | STREAMS
    std::string value;
};

// SHOW PROPERTIES: {"@type":"properties"}.
struct PropertiesEntity {
    std::string statement_text;
    std::vector<PropertyInfo> properties;
    std::vector<std::string> overwritten_properties;
    std::vector<std::string> default_properties;
    std::vector<std::string> warnings;
};

struct FunctionInfo {
    std::string name;
    std::string type;  // SCALAR | AGGREGATE | TABLE
    std::string category;
};

// SHOW FUNCTIONS: {"@type":"function_names"}.
struct FunctionNamesEntity {
    std::string statement_text;
    std::vector<FunctionInfo> functions;
    std::vector<std::string> warnings;
};

// SHOW TYPES: {"@type":"type_list","types":{"NAME":{schema}}}.
struct TypeListEntity {
    std::string statement_text;
    std::vector<std::pair<std::string, std::string>> types;  // name, SQL type spelling
    std::vector<std::string> warnings;
};

// DESCRIBE FUNCTION ("describe_function").
struct FunctionOverloadInfo {
    std::vector<std::string> argument_types;
    std::string return_type;
    std::string description;
};

struct FunctionDescriptionEntity {
    std::string statement_text;
    std::string name;
    std::string description;
    std::string type;  // SCALAR | AGGREGATE | TABLE
    std::vector<FunctionOverloadInfo> overloads;
    std::vector<std::string> warnings;
};

struct FieldInfo {
    std::string name;
    std::string sql_type;  // INTEGER, STRING, ARRAY<STRING>, STRUCT<`A` INTEGER> ...
    bool is_key = false;
};

// The "sourceDescription" object inside DESCRIBE results.
struct SourceDescription {
    std::string name;
    std::optional<std::string> window_type;  // HOPPING | TUMBLING | SESSION
    std::vector<RunningQuery> read_queries;
    std::vector<RunningQuery> write_queries;
    std::vector<FieldInfo> fields;
    std::string type;  // STREAM | TABLE
    std::string timestamp;
    std::string statistics;
    std::string error_stats;
    bool extended = false;
    std::string key_format;
    std::string value_format;
    std::string topic;
    int32_t partitions = 0;
    int32_t replication = 0;
    std::string statement;
};

// DESCRIBE source: {"@type":"sourceDescription"}.
struct SourceDescriptionEntity {
    std::string statement_text;
    SourceDescription description;
    std::vector<std::string> warnings;
};

// DESCRIBE STREAMS / DESCRIBE TABLES: {"@type":"source_descriptions"}.
struct SourceDescriptionListEntity {
    std::string statement_text;
    std::vector<SourceDescription> descriptions;
    std::vector<std::string> warnings;
};

OrderedJson ToJson(const CommandStatusEntity& entity);
OrderedJson ToJson(const SourceListEntity& entity);
OrderedJson ToJson(const RunningQuery& query);
OrderedJson ToJson(const QueriesEntity& entity);
OrderedJson ToJson(const KafkaTopicsEntity& entity);
OrderedJson ToJson(const PropertiesEntity& entity);
OrderedJson ToJson(const FunctionNamesEntity& entity);
OrderedJson ToJson(const TypeListEntity& entity);
OrderedJson ToJson(const FunctionDescriptionEntity& entity);
OrderedJson ToJson(const FieldInfo& field);
OrderedJson ToJson(const SourceDescription& description);
OrderedJson ToJson(const SourceDescriptionEntity& entity);
OrderedJson ToJson(const SourceDescriptionListEntity& entity);

// [{"message": "..."}, ...] as ksqlDB's KsqlWarning list.
OrderedJson WarningsToJson(const std::vector<std::string>& warnings);

}  // namespace runnel::protocol
