// DDL statements: CREATE STREAM/TABLE (with columns), DROP, TERMINATE, CREATE/DROP TYPE.
#include "engine/analyzer/source_binder.h"
#include "engine/api/engine_impl.h"
#include "engine/common/log.h"

namespace runnel::api {

namespace {

StatementResult CommandResult(const parser::Statement& stmt, std::string command_id,
                              std::string message, int64_t seq) {
    StatementResult r;
    r.kind = StatementResult::Kind::kCommandStatus;
    r.statement_text = stmt.text;
    r.command_id = std::move(command_id);
    r.message = std::move(message);
    r.command_sequence_number = seq;
    return r;
}

}  // namespace

Result<StatementResult> EngineImpl::CreateSource(const parser::CreateSource& s,
                                                 const parser::Statement& stmt, ExecContext& ctx) {
    const char* kind = s.is_table ? "table" : "stream";
    std::string kind_upper = s.is_table ? "Table" : "Stream";
    if (auto existing = catalog_->Find(s.name.name)) {
        if (s.if_not_exists) {
            auto r = CommandResult(stmt, std::string(kind) + "/`" + s.name.name + "`/create",
                                   kind_upper + " already exists", 0);
            return r;
        }
        if (s.or_replace && existing->is_source) {
            return Status::Invalid(std::string("Cannot add ") + kind + " '" + s.name.name +
                                   "': CREATE OR REPLACE is not supported on source " +
                                   (s.is_table ? "tables." : "streams."));
        }
        if (!s.or_replace) {
            return Status::Invalid(std::string("Cannot add ") + kind + " '" + s.name.name + "': A " +
                                   (existing->kind == catalog::SourceKind::kTable ? "table" : "stream") +
                                   " with the same name already exists");
        }
    }
    ASSIGN_OR_RETURN(auto bound, analyzer::BindCreateSource(s, stmt.text, *catalog_, ctx.config));
    if (!ctx.replay) {
        auto& admin = kafka_->admin();
        auto info = admin.DescribeTopic(bound.source.topic);
        if (info.ok()) {
            if (bound.partitions && *bound.partitions != info->partitions) {
                return Status::Invalid("A Kafka topic with the name '" + bound.source.topic +
                                       "' already exists, with different partition/replica "
                                       "configuration than required. KSQL expects " +
                                       std::to_string(*bound.partitions) + " partitions (topic has " +
                                       std::to_string(info->partitions) + ").");
            }
        } else if (info.status().code() == StatusCode::kNotFound) {
            if (!bound.partitions) {
                return Status::Invalid(
                    "Topic '" + bound.source.topic + "' does not exist. If you want to create a new "
                    "topic for the " + kind + " please re-run the statement providing the required "
                    "'PARTITIONS' configuration in the WITH clause (and optionally 'REPLICAS'). For "
                    "example: CREATE " + (s.is_table ? std::string("TABLE") : std::string("STREAM")) +
                    " " + s.name.name + " (ID INT" + (s.is_table ? " PRIMARY KEY" : " KEY") +
                    ", VAL STRING) WITH (KAFKA_TOPIC='" + bound.source.topic +
                    "', PARTITIONS=2, REPLICAS=1, FORMAT='JSON');");
            }
            Status st = admin.CreateTopic(bound.source.topic, *bound.partitions,
                                          bound.replicas.value_or(1), {});
            if (!st.ok() && st.code() != StatusCode::kAlreadyExists) return st;
        } else {
            return info.status();
        }
    }
    ASSIGN_OR_RETURN(int64_t seq, Log(stmt, ctx));
    catalog_ = catalog_->WithSource(std::make_shared<const catalog::DataSource>(std::move(bound.source)));
    return CommandResult(stmt, std::string(kind) + "/`" + s.name.name + "`/create",
                         kind_upper + " created", seq);
}

Result<StatementResult> EngineImpl::DropSource(const parser::DropSource& s,
                                               const parser::Statement& stmt, ExecContext& ctx) {
    const std::string& name = s.name.name;
    auto src = catalog_->Find(name);
    const char* kind = s.is_table ? "table" : "stream";
    if (!src) {
        if (s.if_exists) {
            return CommandResult(stmt, std::string(kind) + "/`" + name + "`/drop",
                                 "Source `" + name + "` does not exist.", 0);
        }
        return Status::Invalid("Source " + name + " does not exist.");
    }
    if ((src->kind == catalog::SourceKind::kTable) != s.is_table) {
        return Status::Invalid("Incompatible data source type is " + std::string(src->KindName()) +
                               ", but statement was DROP " + (s.is_table ? "TABLE" : "STREAM"));
    }
    if (s.delete_topic && src->is_source) {
        return Status::Invalid("Cannot delete topic for read-only source: " + name);
    }
    std::vector<std::string> readers, writers;
    for (const auto& [id, q] : queries_) {
        for (const auto& in : q->sources) {
            if (in == name) readers.push_back(id);
        }
        if (q->sink == name) writers.push_back(id);
    }
    if (!readers.empty()) {
        std::string list;
        for (const auto& r : readers) list += (list.empty() ? "" : ", ") + r;
        return Status::Invalid("Cannot drop " + name + ".\nThe following queries read from this "
                               "source: [" + list + "].\nYou need to terminate them before "
                               "dropping " + name + ".");
    }
    ASSIGN_OR_RETURN(int64_t seq, Log(stmt, ctx));
    for (const auto& w : writers) StopQuery(w);
    catalog_ = catalog_->WithoutSource(name);
    if (s.delete_topic && !ctx.replay) {
        Status st = kafka_->admin().DeleteTopic(src->topic);
        if (!st.ok()) RLOG_WARN("engine", "could not delete topic {}: {}", src->topic, st.message());
    }
    return CommandResult(stmt, std::string(kind) + "/`" + name + "`/drop",
                         "Source `" + name + "` (topic: " + src->topic + ") was dropped.", seq);
}

Result<StatementResult> EngineImpl::Terminate(const parser::TerminateQuery& s,
                                              const parser::Statement& stmt, ExecContext& ctx) {
    std::vector<std::string> ids;
    if (s.all) {
        for (const auto& [id, q] : queries_) ids.push_back(id);
    } else {
        std::string id = s.query_id;
        for (auto& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (!queries_.count(id)) return Status::Invalid("Unknown queryId: " + id);
        ids.push_back(id);
    }
    ASSIGN_OR_RETURN(int64_t seq, Log(stmt, ctx));
    for (const auto& id : ids) StopQuery(id);
    return CommandResult(stmt, "terminate/" + (s.all ? std::string("ALL") : ids.front()) + "/execute",
                         "Query terminated.", seq);
}

Result<StatementResult> EngineImpl::CreateType(const parser::CreateType& s,
                                               const parser::Statement& stmt, ExecContext& ctx) {
    if (catalog_->FindType(s.name.name)) {
        if (s.if_not_exists) return CommandResult(stmt, "type/`" + s.name.name + "`/create", "Type already exists", 0);
        return Status::Invalid("Cannot register custom type '" + s.name.name +
                               "' since it is already registered with type: " +
                               catalog_->FindType(s.name.name)->ToString());
    }
    ASSIGN_OR_RETURN(int64_t seq, Log(stmt, ctx));
    catalog_ = catalog_->WithType(s.name.name, s.type);
    return CommandResult(stmt, "type/`" + s.name.name + "`/create",
                         "Registered custom type with name '" + s.name.name + "' and SQL type " +
                             s.type.ToString(), seq);
}

Result<StatementResult> EngineImpl::DropType(const parser::DropType& s,
                                             const parser::Statement& stmt, ExecContext& ctx) {
    if (!catalog_->FindType(s.name.name)) {
        if (s.if_exists) return CommandResult(stmt, "type/`" + s.name.name + "`/drop", "Type does not exist", 0);
        return Status::Invalid("Type " + s.name.name + " does not exist.");
    }
    ASSIGN_OR_RETURN(int64_t seq, Log(stmt, ctx));
    catalog_ = catalog_->WithoutType(s.name.name);
    return CommandResult(stmt, "type/`" + s.name.name + "`/drop", "Dropped type '" + s.name.name + "'", seq);
}

}  // namespace runnel::api
