#include "engine/api/engine_impl.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <thread>

#include "engine/api/engine_factory.h"
#include "engine/common/log.h"
#include "engine/kafka/memory/memory_client_factory.h"
#include "engine/kafka/rdkafka/rdkafka_client_factory.h"
#include "engine/parser/parser.h"
#include "fmt/format.h"

namespace runnel::api {

namespace {

bool IsReadOnly(const parser::StatementBody& body) {
    return std::holds_alternative<parser::ListStatement>(body) ||
           std::holds_alternative<parser::DescribeSource>(body) ||
           std::holds_alternative<parser::DescribeFunction>(body) ||
           std::holds_alternative<parser::SelectStatement>(body) ||
           std::holds_alternative<parser::ExplainStatement>(body) ||
           std::holds_alternative<parser::PrintTopic>(body) ||
           std::holds_alternative<parser::SetProperty>(body) ||
           std::holds_alternative<parser::UnsetProperty>(body) ||
           std::holds_alternative<parser::DefineVariable>(body) ||
           std::holds_alternative<parser::UndefineVariable>(body);
}

ExecuteError ErrorFrom(const Status& st, const std::string& statement) {
    ExecuteError e;
    e.statement_text = statement;
    e.message = st.message();
    switch (st.code()) {
        case StatusCode::kIoError:
        case StatusCode::kUnavailable:
        case StatusCode::kInternal:
            e.http_status = 500;
            e.error_code = 50000;
            break;
        default:
            e.http_status = 400;
            e.error_code = 40001;
            break;
    }
    return e;
}

// A Kafka Streams property as a statement or the server sets it, with or without the
// "ksql.streams." prefix; the statement's own setting wins over the server's.
std::optional<std::string> StreamsProperty(const Config& props, const Config& server,
                                           const std::string& name) {
    std::optional<std::string> server_value;
    for (const std::string& key : {"ksql.streams." + name, name}) {
        auto it = props.find(key);
        if (it == props.end()) continue;
        auto s = server.find(key);
        if (s == server.end() || s->second != it->second) return it->second;  // the statement's
        if (!server_value) server_value = it->second;
    }
    return server_value;
}

// processing.guarantee: at_least_once (the default) or exactly_once_v2 (also its older
// spellings exactly_once and exactly_once_beta, which ksqlDB maps to it).
Result<bool> ExactlyOnceFrom(const Config& props, const Config& server) {
    auto value = StreamsProperty(props, server, "processing.guarantee");
    if (!value) return false;
    std::string v = *value;
    for (auto& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (v == "at_least_once") return false;
    if (v == "exactly_once_v2" || v == "exactly_once" || v == "exactly_once_beta") return true;
    return Status::Invalid("Invalid value " + *value +
                           " for configuration processing.guarantee: String must be one of: "
                           "at_least_once, exactly_once, exactly_once_beta, exactly_once_v2");
}

}  // namespace

Result<std::unique_ptr<Engine>> Engine::Create(const EngineConfig& config) {
    std::shared_ptr<kafka::ClientFactory> factory;
    if (config.use_memory_kafka) {
        factory = kafka::MakeMemoryClientFactory(std::make_shared<kafka::MemoryBroker>());
    } else {
        std::map<std::string, std::string> extra;
        for (const auto& [k, v] : config.properties) {
            // Pass client settings through: "ksql.streams.X" / "ksql.X" are ours, the rest not.
            static const std::string kPrefix = "kafka.";
            if (k.rfind(kPrefix, 0) == 0) extra[k.substr(kPrefix.size())] = v;
        }
        ASSIGN_OR_RETURN(auto f, kafka::MakeRdKafkaClientFactory(config.bootstrap_servers, extra));
        factory = std::move(f);
    }
    return CreateEngine(config, std::move(factory));
}

Result<std::unique_ptr<Engine>> CreateEngine(const EngineConfig& config,
                                             std::shared_ptr<kafka::ClientFactory> kafka) {
    auto engine = std::make_unique<EngineImpl>(config, std::move(kafka));
    RETURN_IF_ERROR(engine->Start());
    return std::unique_ptr<Engine>(std::move(engine));
}

EngineImpl::EngineImpl(EngineConfig config, std::shared_ptr<kafka::ClientFactory> kafka)
    : config_(std::move(config)), kafka_(std::move(kafka)),
      catalog_(std::make_shared<const catalog::Catalog>()) {}

EngineImpl::~EngineImpl() { Shutdown(); }

Status EngineImpl::WaitForKafka() {
    // An unreachable broker is reported and retried, never a crash.
    int attempt = 0;
    while (true) {
        Status st = kafka_->admin().Ping(5000);
        if (st.ok()) return st;
        ++attempt;
        RLOG_WARN("engine", "Kafka at {} is not reachable (attempt {}): {}; retrying in 2 s",
                  config_.bootstrap_servers, attempt, st.message());
        auto max = config_.properties.find("runnel.kafka.connect.attempts");
        if (max != config_.properties.end() && attempt >= std::stoi(max->second)) {
            return Status::Unavailable("Kafka at " + config_.bootstrap_servers + " is not reachable: " + st.message());
        }
        std::this_thread::sleep_for(std::chrono::seconds(2));
    }
}

Status EngineImpl::Start() {
    RETURN_IF_ERROR(WaitForKafka());
    command_log_ = std::make_unique<CommandLog>(*kafka_, "_runnel_" + config_.service_id + "_command_topic");
    RETURN_IF_ERROR(command_log_->EnsureTopic());
    RETURN_IF_ERROR(Replay());
    if (!config_.queries_file.empty()) RETURN_IF_ERROR(RunQueriesFile());
    started_ = true;
    return Status::Ok();
}

Status EngineImpl::Replay() {
    ASSIGN_OR_RETURN(auto commands, command_log_->ReadAll());
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& cmd : commands) {
        auto parsed = parser::ParseStatements(cmd.statement);
        if (!parsed.ok() || parsed->size() != 1) {
            RLOG_ERROR("engine", "command {} cannot be parsed, skipped: {}", cmd.sequence,
                       parsed.ok() ? "not one statement" : parsed.status().message());
            continue;
        }
        ExecContext ctx;
        ctx.replay = true;
        ctx.sequence = cmd.sequence;
        ctx.config = MergedConfig(cmd.properties);
        auto r = ExecuteOne(parsed->front(), ctx);
        if (!r.ok()) {
            RLOG_ERROR("engine", "command {} failed on replay: {}", cmd.sequence, r.status().message());
        }
    }
    // Start the queries that survived the whole history.
    for (auto& [id, q] : queries_) {
        Status st = StartQuery(*q);
        if (!st.ok()) RLOG_ERROR("engine", "query {} could not start: {}", id, st.message());
    }
    if (!commands.empty()) {
        RLOG_INFO("engine", "replayed {} commands; {} persistent queries running", commands.size(),
                  queries_.size());
    }
    return Status::Ok();
}

Status EngineImpl::RunQueriesFile() {
    std::ifstream in(config_.queries_file);
    if (!in) return Status::IoError("cannot read queries file " + config_.queries_file);
    std::stringstream ss;
    ss << in.rdbuf();
    auto parsed = parser::ParseStatements(ss.str());
    if (!parsed.ok()) return Status(parsed.status().code(), config_.queries_file + ": " + parsed.status().message());
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& stmt : *parsed) {
        // Headless mode: statements already applied from the command log are not run twice.
        if (auto* cs = std::get_if<parser::CreateSource>(&stmt.body)) {
            if (catalog_->Find(cs->name.name)) continue;
        }
        if (auto* ca = std::get_if<parser::CreateAsSelect>(&stmt.body)) {
            if (catalog_->Find(ca->name.name)) continue;
        }
        ExecContext ctx;
        ctx.config = MergedConfig({});
        auto r = ExecuteOne(stmt, ctx);
        if (!r.ok()) return Status(r.status().code(), config_.queries_file + ": " + r.status().message());
    }
    return Status::Ok();
}

Config EngineImpl::MergedConfig(const Config& request) const {
    Config c = config_.properties;
    for (const auto& [k, v] : request) c[k] = v;
    return c;
}

Result<int64_t> EngineImpl::Log(const parser::Statement& stmt, const ExecContext& ctx) {
    if (ctx.replay) return ctx.sequence;
    Config props;
    for (const auto& [k, v] : ctx.config) {
        if (!config_.properties.count(k) || config_.properties.at(k) != v) props[k] = v;
    }
    return command_log_->Append(stmt.text, props);
}

ExecuteResponse EngineImpl::Execute(std::string_view sql, const Config& properties,
                                    const Config& variables) {
    ExecuteResponse response;
    auto parsed = parser::ParseStatements(sql, variables);
    if (!parsed.ok()) {
        response.error = ErrorFrom(parsed.status(), std::string(sql));
        return response;
    }
    ExecContext ctx;
    ctx.config = MergedConfig(properties);
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& stmt : *parsed) {
        if (headless() && !IsReadOnly(stmt.body)) {
            ExecuteError e;
            e.http_status = 403;
            e.error_code = 40301;
            e.message = "The server is running in headless mode with a queries file: only read-only "
                        "statements (SHOW, LIST, DESCRIBE, EXPLAIN) and push queries are accepted.";
            e.statement_text = stmt.text;
            response.error = e;
            return response;
        }
        auto r = ExecuteOne(stmt, ctx);
        if (!r.ok()) {
            response.error = ErrorFrom(r.status(), stmt.text);
            return response;
        }
        response.results.push_back(std::move(r).value());
    }
    return response;
}

Result<StatementResult> EngineImpl::ExecuteOne(const parser::Statement& stmt, ExecContext& ctx) {
    const auto& body = stmt.body;
    if (auto* s = std::get_if<parser::CreateSource>(&body)) return CreateSource(*s, stmt, ctx);
    if (auto* s = std::get_if<parser::CreateAsSelect>(&body)) return CreateAsSelect(*s, stmt, ctx);
    if (auto* s = std::get_if<parser::InsertInto>(&body)) return InsertSelect(*s, stmt, ctx);
    if (auto* s = std::get_if<parser::InsertValues>(&body)) return InsertValues(*s, stmt, ctx);
    if (auto* s = std::get_if<parser::DropSource>(&body)) return DropSource(*s, stmt, ctx);
    if (auto* s = std::get_if<parser::TerminateQuery>(&body)) return Terminate(*s, stmt, ctx);
    if (auto* s = std::get_if<parser::CreateType>(&body)) return CreateType(*s, stmt, ctx);
    if (auto* s = std::get_if<parser::DropType>(&body)) return DropType(*s, stmt, ctx);
    if (auto* s = std::get_if<parser::DescribeSource>(&body)) return Describe(*s, stmt);
    if (auto* s = std::get_if<parser::DescribeFunction>(&body)) return DescribeFunction(*s, stmt);
    if (auto* s = std::get_if<parser::ListStatement>(&body)) {
        switch (s->kind) {
            case parser::ListKind::kStreams: return ListSources(false, stmt);
            case parser::ListKind::kTables: return ListSources(true, stmt);
            case parser::ListKind::kQueries: return ListQueries(stmt);
            case parser::ListKind::kTopics:
            case parser::ListKind::kAllTopics: return ListTopics(stmt);
            case parser::ListKind::kProperties: return ListProperties(stmt, ctx);
            case parser::ListKind::kFunctions: return ListFunctions(stmt);
            case parser::ListKind::kTypes: return ListTypes(stmt);
            default:
                return Status::NotImplemented("This SHOW/LIST statement is not supported yet: " + stmt.text);
        }
    }
    if (auto* s = std::get_if<parser::SetProperty>(&body)) {
        ctx.config[s->name] = s->value;
        StatementResult r;
        r.statement_text = stmt.text;
        return r;
    }
    if (auto* s = std::get_if<parser::UnsetProperty>(&body)) {
        ctx.config.erase(s->name);
        StatementResult r;
        r.statement_text = stmt.text;
        return r;
    }
    if (std::holds_alternative<parser::SelectStatement>(body) ||
        std::holds_alternative<parser::PrintTopic>(body)) {
        return Status::Invalid("The following statement types should be issued to the websocket "
                               "endpoint '/query':\n\t* PRINT\n\t* SELECT");
    }
    return Status::NotImplemented("This statement is not supported yet: " + stmt.text);
}

Status EngineImpl::StartQuery(PersistentQuery& q) {
    runtime::RunnerOptions o;
    o.plan = q.plan;
    o.kafka = kafka_.get();
    o.processing_log = &processing_log_;
    o.persistent = true;
    o.group_id = "_runnel_" + config_.service_id + "_query_" + q.id;
    o.application_id = o.group_id;
    {
        // The state settings (cache size ...) of the statement win over the server's.
        EngineConfig state_config = config_;
        for (const auto& [k, v] : q.properties) state_config.properties[k] = v;
        o.state = StateConfigFor(state_config);
    }
    o.synchronous = config_.synchronous_queries;
    o.auto_offset_reset = "earliest";
    auto it = config_.properties.find("ksql.streams.auto.offset.reset");
    if (it != config_.properties.end()) o.auto_offset_reset = it->second;
    // Delivery guarantee and commit interval: server-wide or per statement.
    const Config& props = q.properties.empty() ? config_.properties : q.properties;
    ASSIGN_OR_RETURN(o.exactly_once, ExactlyOnceFrom(props, config_.properties));
    if (o.exactly_once) {
        o.commit_interval_ms = 100;  // Kafka Streams' default under exactly-once
        // One producer per query and server: unique among the servers of the service (scale-
        // out), the same after a restart (so it aborts what the crashed run left open).
        o.transactional_id = o.application_id + "-" + InstanceId() + "-tx";
    }
    if (auto interval = StreamsProperty(props, config_.properties, "commit.interval.ms")) {
        try {
            o.commit_interval_ms = std::max(1, std::stoi(*interval));
        } catch (...) {
            return Status::Invalid("commit.interval.ms must be a number of milliseconds, got '" +
                                   *interval + "'");
        }
    }
    const bool exactly_once = o.exactly_once;
    ASSIGN_OR_RETURN(q.runner, runtime::QueryRunner::Start(std::move(o)));
    RLOG_INFO("engine", "started query {}{}", q.id,
              exactly_once ? " (processing.guarantee=exactly_once_v2)" : "");
    return Status::Ok();
}

const std::string& EngineImpl::InstanceId() {
    if (!instance_id_.empty()) return instance_id_;
    instance_id_ = "0";  // tests without a state directory of their own
    if (config_.in_memory_state || config_.synchronous_queries) return instance_id_;
    const std::string path = config_.state_dir + "/runnel-instance-id";
    {
        std::ifstream in(path);
        std::string id;
        if (in && std::getline(in, id) && !id.empty()) return instance_id_ = id;
    }
    std::random_device rd;
    instance_id_ = fmt::format("{:08x}{:08x}", rd(), rd());
    std::error_code ec;
    std::filesystem::create_directories(config_.state_dir, ec);
    std::ofstream out(path);
    out << instance_id_ << "\n";
    if (!out) {
        RLOG_WARN("engine", "cannot write {}: exactly-once transactional ids change at restart",
                  path);
    }
    return instance_id_;
}

state::StateConfig StateConfigFor(const EngineConfig& config) {
    state::StateConfig c;
    c.state_dir = config.state_dir;
    c.in_memory = config.in_memory_state;
    for (const char* key : {"ksql.streams.cache.max.bytes.buffering", "cache.max.bytes.buffering",
                            "ksql.streams.statestore.cache.max.bytes", "statestore.cache.max.bytes"}) {
        auto it = config.properties.find(key);
        if (it == config.properties.end()) continue;
        try {
            c.cache_max_bytes = std::stoll(it->second);
        } catch (...) {
            RLOG_WARN("engine", "ignoring {}={}: not a number", key, it->second);
        }
    }
    return c;
}

Result<size_t> RunUntilQuiet(Engine& engine) {
    auto* impl = dynamic_cast<EngineImpl*>(&engine);
    if (impl == nullptr) return Status::Invalid("RunUntilQuiet needs an engine made by CreateEngine");
    return impl->RunUntilQuiet();
}

catalog::CatalogPtr CatalogSnapshot(Engine& engine) {
    auto* impl = dynamic_cast<EngineImpl*>(&engine);
    return impl ? impl->catalog_snapshot() : nullptr;
}

Result<size_t> EngineImpl::RunUntilQuiet() {
    if (!config_.synchronous_queries) return Status::Invalid("the engine runs its queries on threads");
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<PersistentQuery*> order;
    for (auto& [id, q] : queries_) order.push_back(q.get());
    std::sort(order.begin(), order.end(),
              [](const PersistentQuery* a, const PersistentQuery* b) { return a->sequence < b->sequence; });
    size_t total = 0;
    for (int round = 0; round < 1000; ++round) {
        size_t consumed = 0;
        for (auto* q : order) {
            if (!q->runner) continue;
            while (true) {
                ASSIGN_OR_RETURN(size_t n, q->runner->Step(0));
                if (n == 0) break;
                consumed += n;
            }
            RETURN_IF_ERROR(q->runner->Commit());
        }
        total += consumed;
        if (consumed == 0) return total;
    }
    return Status::Internal("queries did not quiesce after 1000 rounds");
}

void EngineImpl::StopQuery(const std::string& id) {
    auto it = queries_.find(id);
    if (it == queries_.end()) return;
    if (it->second->runner) it->second->runner->Stop();
    queries_.erase(it);
    RLOG_INFO("engine", "terminated query {}", id);
}

ServerInfo EngineImpl::Info() {
    ServerInfo info;
    info.version = "0.29.0";
    info.kafka_cluster_id = "";
    info.service_id = config_.service_id;
    info.server_status = "RUNNING";
    return info;
}

HealthInfo EngineImpl::Health() {
    HealthInfo h;
    h.kafka = kafka_->admin().Ping(2000).ok();
    h.command_runner = started_;
    return h;
}

void EngineImpl::Shutdown() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (shut_down_) return;
    shut_down_ = true;
    for (auto& [id, q] : queries_) {
        if (q->runner) q->runner->Stop();
    }
}

}  // namespace runnel::api
