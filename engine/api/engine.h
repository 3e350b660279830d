// Engine facade: the only engine header the server includes. Executes statements, runs push
// queries, and reports server state. Results are plain structs; the server maps them to the REST
// entities of protocol/. Thread-safe: every method may be called from any request thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"

namespace runnel::api {

struct EngineConfig {
    std::string bootstrap_servers = "127.0.0.1:9092";
    std::string state_dir = "./state";
    std::string service_id = "default_";
    // In-memory topics instead of Kafka (engine tests and runnel-test only).
    bool use_memory_kafka = false;
    // Headless: statements come from queries_file only; DDL/DML over REST is refused.
    std::string queries_file;
    // Tests only (runnel-test): persistent queries get no thread; RunUntilQuiet() drives them.
    bool synchronous_queries = false;
    // Tests only: state stores in memory (restored from their changelogs on every start).
    bool in_memory_state = false;
    // Any other ksql.* / streams property from the properties file.
    std::map<std::string, std::string> properties;
};

// One SHOW STREAMS / SHOW TABLES row.
struct SourceInfo {
    std::string name;
    std::string type;  // "STREAM" | "TABLE"
    std::string topic;
    std::string key_format;
    std::string value_format;
    bool windowed = false;
};

struct FieldInfo {
    std::string name;
    std::string type;       // SQL spelling: INTEGER, STRING, ARRAY<STRING> ...
    std::string rest_type;  // INTEGER, ARRAY, STRUCT ...
    bool is_key = false;
};

struct QueryInfo {
    std::string id;
    std::string query_string;
    std::vector<std::string> sinks;
    std::vector<std::string> sink_topics;
    std::string state = "RUNNING";  // RUNNING | ERROR | PENDING_SHUTDOWN
    std::string query_type = "PERSISTENT";  // PERSISTENT | PUSH
};

struct SourceDescription {
    SourceInfo source;
    std::vector<FieldInfo> fields;
    std::vector<QueryInfo> read_queries;
    std::vector<QueryInfo> write_queries;
    std::string timestamp_column;
    std::string statement;  // the CREATE statement
    int32_t partitions = 0;
    int32_t replication = 0;
    bool extended = false;
    std::string window_type;  // empty unless windowed
};

struct TopicInfoRow {
    std::string name;
    std::vector<int32_t> replica_info;  // replicas per partition
};

struct PropertyRow {
    std::string name;
    std::string scope;  // KSQL | STREAMS
    std::string value;
};

struct FunctionRow {
    std::string name;
    std::string type;  // SCALAR | AGGREGATE | TABLE
    std::string category;
};

// DESCRIBE FUNCTION: one overload.
struct FunctionOverload {
    std::vector<std::string> argument_types;  // SQL spelling; a variadic one ends with "..."
    std::string return_type;
    std::string description;
};

struct FunctionDescription {
    std::string name;
    std::string type;  // SCALAR | AGGREGATE | TABLE
    std::string description;
    std::vector<FunctionOverload> overloads;
};

// The outcome of one statement, with the entity the REST API returns for it.
struct StatementResult {
    enum class Kind {
        kCommandStatus,       // CREATE / DROP / TERMINATE / INSERT INTO ... SELECT
        kStreams, kTables, kQueries, kTopics, kProperties, kFunctions, kTypes,
        kSourceDescription, kSourceDescriptions,  // DESCRIBE, DESCRIBE STREAMS
        kFunctionDescription,                     // DESCRIBE FUNCTION
        kNoEntity,            // SET / UNSET / DEFINE / INSERT VALUES: ksqlDB returns nothing
    };
    Kind kind = Kind::kNoEntity;
    std::string statement_text;
    // kCommandStatus
    std::string command_id;      // e.g. "stream/`S`/create"
    std::string status = "SUCCESS";
    std::string message;         // "Stream created", "Created query with ID CSAS_T_1"
    std::optional<std::string> query_id;
    int64_t command_sequence_number = 0;
    // lists
    std::vector<SourceInfo> sources;
    std::vector<QueryInfo> queries;
    std::vector<TopicInfoRow> topics;
    std::vector<PropertyRow> properties;
    std::vector<FunctionRow> functions;
    std::vector<std::pair<std::string, std::string>> types;  // SHOW TYPES: (name, SQL type)
    std::vector<SourceDescription> descriptions;
    std::optional<FunctionDescription> function;
    std::vector<std::string> warnings;
};

struct ExecuteError {
    int http_status = 400;
    int error_code = 40001;  // ksqlDB codes: 40001 statement error, 40000 bad request, 50000 server
    std::string message;
    std::string statement_text;
};

struct ExecuteResponse {
    std::vector<StatementResult> results;  // for the statements that succeeded, in order
    std::optional<ExecuteError> error;     // set when a statement failed; later ones were not run
};

// A running push query. Poll from one thread at a time; Close from any thread.
class PushQuery {
public:
    virtual ~PushQuery() = default;
    virtual const std::string& query_id() const = 0;
    // "`ID` INTEGER KEY, `NAME` STRING" as in ksqlDB's header.
    virtual const std::string& schema_text() const = 0;
    virtual const std::vector<std::string>& column_names() const = 0;
    virtual const std::vector<std::string>& column_types() const = 0;
    // Appends rows, each a JSON array text such as `[1,"a",2.5]`, waiting at most timeout_ms.
    // Returns false once the query has ended (LIMIT reached, closed, or failed); then
    // end_message() says why ("Limit Reached", or the error).
    virtual bool Poll(std::vector<std::string>& rows, int timeout_ms) = 0;
    virtual const std::string& end_message() const = 0;
    virtual bool failed() const = 0;
    virtual void Close() = 0;
};

struct ServerInfo {
    std::string version;
    std::string kafka_cluster_id;
    std::string service_id;
    std::string server_status = "RUNNING";
};

struct HealthInfo {
    bool metastore = true;
    bool kafka = true;
    bool command_runner = true;
    bool healthy() const { return metastore && kafka && command_runner; }
};

class Engine {
public:
    virtual ~Engine() = default;

    // Connects to Kafka (retrying while the broker is unreachable, with log lines), creates the
    // command topic, replays it, and starts the persistent queries.
    static Result<std::unique_ptr<Engine>> Create(const EngineConfig& config);

    // Executes one or more ';'-separated statements. `properties` are request-scoped
    // (streamsProperties), `variables` are sessionVariables.
    virtual ExecuteResponse Execute(std::string_view sql,
                                    const std::map<std::string, std::string>& properties,
                                    const std::map<std::string, std::string>& variables) = 0;

    // Starts a push query (SELECT ... EMIT CHANGES). Errors as for Execute.
    virtual Result<std::unique_ptr<PushQuery>> StartPushQuery(
        std::string_view sql, const std::map<std::string, std::string>& properties,
        const std::map<std::string, std::string>& variables) = 0;

    virtual ServerInfo Info() = 0;
    virtual HealthInfo Health() = 0;
    virtual bool headless() const = 0;

    // Stops every query and closes clients; idempotent.
    virtual void Shutdown() = 0;
};

}  // namespace runnel::api
