// EngineImpl: the Engine facade's implementation. Statement execution is serialised by one
// mutex (validate -> side effects -> command log -> apply); reads of the catalog use immutable
// snapshots. Internal to engine/api.
#pragma once

#include "engine/state/state_config.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/api/command_log.h"
#include "engine/api/engine.h"
#include "engine/catalog/catalog.h"
#include "engine/kafka/kafka.h"
#include "engine/parser/ast.h"
#include "engine/plan/query_plan.h"
#include "engine/runtime/processing_log.h"
#include "engine/runtime/query_runner.h"

namespace runnel::api {

using Config = std::map<std::string, std::string>;

struct PersistentQuery {
    std::string id;
    int64_t sequence = 0;  // creation order (command sequence number)
    std::string sql;
    std::string sink;
    std::string sink_topic;
    std::vector<std::string> sources;
    plan::QueryPlanPtr plan;
    // Server + request properties of the statement that made it (processing.guarantee,
    // commit.interval.ms, ... are read from these when the query starts).
    std::map<std::string, std::string> properties;
    std::unique_ptr<runtime::QueryRunner> runner;  // null until started
};

// How a statement runs: live (from a request) or replayed from the command log at start-up.
struct ExecContext {
    bool replay = false;
    int64_t sequence = 0;  // replay: the command's sequence number
    Config config;         // server properties + request properties
};

// The state settings of persistent queries, from the server config and its properties.
state::StateConfig StateConfigFor(const EngineConfig& config);

class EngineImpl final : public Engine {
public:
    EngineImpl(EngineConfig config, std::shared_ptr<kafka::ClientFactory> kafka);
    ~EngineImpl() override;

    Status Start();

    ExecuteResponse Execute(std::string_view sql, const Config& properties,
                            const Config& variables) override;
    Result<std::unique_ptr<PushQuery>> StartPushQuery(std::string_view sql, const Config& properties,
                                                      const Config& variables) override;
    ServerInfo Info() override;
    HealthInfo Health() override;
    bool headless() const override { return !config_.queries_file.empty(); }
    void Shutdown() override;
    Result<size_t> RunUntilQuiet();
    catalog::CatalogPtr catalog_snapshot() {
        std::lock_guard<std::mutex> lock(mutex_);
        return catalog_;
    }

private:
    Status WaitForKafka();
    Status Replay();
    Status RunQueriesFile();
    Result<StatementResult> ExecuteOne(const parser::Statement& stmt, ExecContext& ctx);
    Result<int64_t> Log(const parser::Statement& stmt, const ExecContext& ctx);

    // DDL
    Result<StatementResult> CreateSource(const parser::CreateSource& s, const parser::Statement& stmt, ExecContext& ctx);
    Result<StatementResult> DropSource(const parser::DropSource& s, const parser::Statement& stmt, ExecContext& ctx);
    Result<StatementResult> Terminate(const parser::TerminateQuery& s, const parser::Statement& stmt, ExecContext& ctx);
    Result<StatementResult> CreateType(const parser::CreateType& s, const parser::Statement& stmt, ExecContext& ctx);
    Result<StatementResult> DropType(const parser::DropType& s, const parser::Statement& stmt, ExecContext& ctx);
    // Queries
    Result<StatementResult> CreateAsSelect(const parser::CreateAsSelect& s, const parser::Statement& stmt, ExecContext& ctx);
    Result<StatementResult> InsertSelect(const parser::InsertInto& s, const parser::Statement& stmt, ExecContext& ctx);
    Result<StatementResult> InsertValues(const parser::InsertValues& s, const parser::Statement& stmt, ExecContext& ctx);
    // Listing
    StatementResult ListSources(bool tables, const parser::Statement& stmt);
    StatementResult ListQueries(const parser::Statement& stmt);
    Result<StatementResult> ListTopics(const parser::Statement& stmt);
    StatementResult ListProperties(const parser::Statement& stmt, const ExecContext& ctx);
    StatementResult ListFunctions(const parser::Statement& stmt);
    StatementResult ListTypes(const parser::Statement& stmt);
    Result<StatementResult> Describe(const parser::DescribeSource& s, const parser::Statement& stmt);
    Result<StatementResult> DescribeFunction(const parser::DescribeFunction& s,
                                             const parser::Statement& stmt);

    Status StartQuery(PersistentQuery& q);
    // This server's id among the servers of the service, stable across its restarts (kept in
    // <state_dir>/runnel-instance-id): part of exactly-once transactional ids.
    const std::string& InstanceId();
    void StopQuery(const std::string& id);
    QueryInfo InfoOf(const PersistentQuery& q) const;
    SourceDescription DescriptionOf(const catalog::DataSource& src, bool extended) const;
    Config MergedConfig(const Config& request) const;

    EngineConfig config_;
    std::shared_ptr<kafka::ClientFactory> kafka_;
    std::unique_ptr<CommandLog> command_log_;
    runtime::ProcessingLog processing_log_;

    std::mutex mutex_;  // serialises statements and guards queries_
    catalog::CatalogPtr catalog_;
    std::map<std::string, std::unique_ptr<PersistentQuery>> queries_;
    bool started_ = false;
    bool shut_down_ = false;
    int64_t push_counter_ = 0;
    std::string instance_id_;  // see InstanceId()
};

}  // namespace runnel::api
