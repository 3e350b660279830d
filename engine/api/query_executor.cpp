// Query statements: CREATE STREAM AS SELECT, INSERT INTO ... SELECT, INSERT VALUES, and push
// queries.
#include <condition_variable>
#include <deque>

#include "engine/analyzer/expression_analyzer.h"
#include "engine/analyzer/query_analyzer.h"
#include "engine/analyzer/source_binder.h"
#include "engine/analyzer/with_properties.h"
#include "engine/api/engine_impl.h"
#include "engine/common/clock.h"
#include "engine/common/log.h"
#include "engine/expression/evaluator.h"
#include "engine/parser/parser.h"
#include "engine/planner/planner.h"
#include "engine/runtime/operators.h"

namespace runnel::api {

namespace {
// runnel.join.null.keys: `emit` (default: a LEFT/FULL join keeps a row whose join key is null,
// with nulls for the other side, as SQL does) or `drop` (ksqlDB's behaviour).
bool JoinNullKeys(const std::map<std::string, std::string>& config) {
    auto it = config.find("runnel.join.null.keys");
    return it == config.end() || it->second != "drop";
}
}  // namespace


namespace {

std::string QueryIdFor(const std::string& prefix, const std::string& sink, int64_t seq) {
    return prefix + (sink.empty() ? "" : "_" + sink) + "_" + std::to_string(seq);
}

}  // namespace

Result<StatementResult> EngineImpl::CreateAsSelect(const parser::CreateAsSelect& s,
                                                   const parser::Statement& stmt, ExecContext& ctx) {
    const std::string& name = s.name.name;
    const char* kind = s.is_table ? "table" : "stream";
    if (auto existing = catalog_->Find(name)) {
        if (s.if_not_exists) {
            StatementResult r;
            r.kind = StatementResult::Kind::kCommandStatus;
            r.statement_text = stmt.text;
            r.command_id = std::string(kind) + "/`" + name + "`/create";
            r.message = s.is_table ? "Table already exists" : "Stream already exists";
            return r;
        }
        if (!s.or_replace) {
            return Status::Invalid(std::string("Cannot add ") + kind + " '" + name + "': A " +
                                   (existing->kind == catalog::SourceKind::kTable ? "table" : "stream") +
                                   " with the same name already exists");
        }
        return Status::NotImplemented("CREATE OR REPLACE of a query's sink is not supported yet");
    }
    analyzer::QueryContext qc{true, name, ctx.config};
    ASSIGN_OR_RETURN(auto analysis, analyzer::AnalyzeQuery(s.query, *catalog_, qc));
    if (analysis.emit == parser::EmitKind::kFinal && !(analysis.aggregation && analysis.aggregation->window)) {
        return Status::Invalid("EMIT FINAL is only supported for windowed aggregations.");
    }
    if (s.is_table && !analysis.is_table) {
        return Status::Invalid("Invalid result type. Your SELECT query produces a STREAM. Please "
                               "use CREATE STREAM AS SELECT statement instead.");
    }
    if (!s.is_table && analysis.is_table) {
        return Status::Invalid("Invalid result type. Your SELECT query produces a TABLE. Please "
                               "use CREATE TABLE AS SELECT statement instead.");
    }
    ASSIGN_OR_RETURN(auto w, analyzer::ParseWithProperties(s.properties));
    const auto& src = *analysis.source;

    catalog::DataSource sink;
    sink.kind = s.is_table ? catalog::SourceKind::kTable : catalog::SourceKind::kStream;
    sink.name = name;
    sink.schema = analysis.output_schema;
    sink.topic = w.kafka_topic
                     ? *w.kafka_topic
                     : analyzer::ConfigValue(ctx.config, "ksql.output.topic.name.prefix").value_or("") + name;
    sink.sql = stmt.text;
    if (analysis.aggregation && analysis.aggregation->window) {
        const auto& w = *analysis.aggregation->window;
        sink.is_windowed = true;
        sink.window_type = w.kind == parser::WindowKind::kSession   ? "SESSION"
                           : w.kind == parser::WindowKind::kHopping ? "HOPPING"
                                                                    : "TUMBLING";
        sink.window_size_ms = w.kind == parser::WindowKind::kSession ? 0 : w.size_ms;
    } else if (!analysis.aggregation && analysis.source->is_windowed) {
        sink.is_windowed = true;  // a query over a windowed source keeps its windowed keys
        sink.window_type = analysis.source->window_type;
        sink.window_size_ms = analysis.source->window_size_ms;
    }
    bool has_key = sink.schema.key_count() > 0;
    if (!has_key && w.key_format && *w.key_format != "NONE") {
        return Status::Invalid("Key format specified for stream without key columns.");
    }
    std::string keyless_default = src.keyless_format.empty() ? "KAFKA" : src.keyless_format;
    std::string key_fallback = has_key ? (src.key_format.name == "NONE" ? keyless_default : src.key_format.name) : "NONE";
    std::optional<std::string> key_name = has_key ? w.key_format : std::optional<std::string>{};
    ASSIGN_OR_RETURN(sink.key_format, analyzer::MakeFormat(key_name, w.key_delimiter, key_fallback));
    if (has_key && !w.key_format && src.key_format.name == key_fallback) {
        sink.key_format = serde::InheritedSinkFormat(src.key_format);
    }
    // A sink inherits its source's formats; a CDC source's sink holds plain JSON rows.
    serde::FormatSpec inherited_value = serde::InheritedSinkFormat(src.value_format);
    ASSIGN_OR_RETURN(sink.value_format,
                     analyzer::MakeFormat(w.value_format, w.value_delimiter, inherited_value.name));
    if (!w.value_format && !w.value_delimiter) sink.value_format = inherited_value;
    RETURN_IF_ERROR(
        analyzer::ApplyProtobufNullable(w.key_protobuf_nullable, true, sink.key_format));
    RETURN_IF_ERROR(
        analyzer::ApplyProtobufNullable(w.value_protobuf_nullable, false, sink.value_format));
    if (w.wrap_single_value) {
        if (sink.schema.size() - sink.schema.key_count() != 1) {
            return Status::Invalid("'WRAP_SINGLE_VALUE' is only valid for single-field value schemas");
        }
        sink.value_format.wrap_single_value = *w.wrap_single_value;
    } else {
        // Not inherited from the source: the server's default decides, as in ksqlDB.
        sink.value_format.wrap_single_value =
            sink.schema.size() - sink.schema.key_count() != 1 ||
            analyzer::DefaultWrapSingleValue(ctx.config);
    }
    RETURN_IF_ERROR(analyzer::ValidateSourceFormats(sink));
    RETURN_IF_ERROR(analyzer::BindTimestampColumn(w, sink));

    if (!ctx.replay) {
        auto& admin = kafka_->admin();
        auto existing_topic = admin.DescribeTopic(sink.topic);
        if (existing_topic.status().code() == StatusCode::kNotFound) {
            ASSIGN_OR_RETURN(auto src_topic, admin.DescribeTopic(src.topic));
            int32_t partitions = w.partitions.value_or(src_topic.partitions);
            int32_t replicas = w.replicas.value_or(std::max(1, src_topic.replication));
            Status st = admin.CreateTopic(sink.topic, partitions, replicas, {});
            if (!st.ok() && st.code() != StatusCode::kAlreadyExists) return st;
        } else if (!existing_topic.ok()) {
            return existing_topic.status();
        }
    }
    ASSIGN_OR_RETURN(int64_t seq, Log(stmt, ctx));
    auto q = std::make_unique<PersistentQuery>();
    q->id = QueryIdFor(s.is_table ? "CTAS" : "CSAS", name, seq);
    q->sequence = seq;
    q->sql = stmt.text;
    q->sink = name;
    q->sink_topic = sink.topic;
    q->sources = {src.name};
    planner::SinkTarget target{name, sink.topic, sink.key_format, sink.value_format,
                               sink.timestamp_column, sink.timestamp_format};
    ASSIGN_OR_RETURN(auto plan, planner::PlanQuery(analysis, q->id, target, JoinNullKeys(ctx.config)));
    q->plan = std::make_shared<const plan::QueryPlan>(std::move(plan));
    q->properties = ctx.config;
    catalog_ = catalog_->WithSource(std::make_shared<const catalog::DataSource>(std::move(sink)));
    if (!ctx.replay) RETURN_IF_ERROR(StartQuery(*q));
    std::string id = q->id;
    queries_[id] = std::move(q);

    StatementResult r;
    r.kind = StatementResult::Kind::kCommandStatus;
    r.statement_text = stmt.text;
    r.command_id = std::string(kind) + "/`" + name + "`/create";
    r.message = "Created query with ID " + id;
    r.query_id = id;
    r.command_sequence_number = seq;
    return r;
}

Result<StatementResult> EngineImpl::InsertSelect(const parser::InsertInto& s,
                                                 const parser::Statement& stmt, ExecContext& ctx) {
    auto target = catalog_->Find(s.target.name);
    if (!target) return Status::Invalid("Sink " + s.target.name + " does not exist for the INSERT INTO statement.");
    if (target->kind != catalog::SourceKind::kStream) {
        return Status::Invalid("INSERT INTO can only be used to insert into a stream. " + target->name + " is a table.");
    }
    if (target->is_source) return Status::Invalid("Cannot insert into read-only stream: " + target->name);
    analyzer::QueryContext qc{true, target->name, ctx.config};
    ASSIGN_OR_RETURN(auto analysis, analyzer::AnalyzeQuery(s.query, *catalog_, qc));
    const auto& out = analysis.output_schema;
    bool compatible = out.size() == target->schema.size();
    for (size_t i = 0; compatible && i < out.size(); ++i) {
        compatible = out.column(i).type == target->schema.column(i).type &&
                     out.column(i).ns == target->schema.column(i).ns;
    }
    if (!compatible) {
        return Status::Invalid("Incompatible schema between results and sink.\nResult schema is " +
                               out.ToString() + "\nSink schema is " + target->schema.ToString());
    }
    ASSIGN_OR_RETURN(int64_t seq, Log(stmt, ctx));
    auto q = std::make_unique<PersistentQuery>();
    q->id = QueryIdFor("INSERTQUERY", "", seq);
    q->sequence = seq;
    q->sql = stmt.text;
    q->sink = target->name;
    q->sink_topic = target->topic;
    q->sources = {analysis.source->name};
    planner::SinkTarget st{target->name,         target->topic,
                           target->key_format,   target->value_format,
                           target->timestamp_column, target->timestamp_format};
    ASSIGN_OR_RETURN(auto plan, planner::PlanQuery(analysis, q->id, st, JoinNullKeys(ctx.config)));
    q->plan = std::make_shared<const plan::QueryPlan>(std::move(plan));
    q->properties = ctx.config;
    if (!ctx.replay) RETURN_IF_ERROR(StartQuery(*q));
    std::string id = q->id;
    queries_[id] = std::move(q);
    StatementResult r;
    r.kind = StatementResult::Kind::kCommandStatus;
    r.statement_text = stmt.text;
    r.command_id = "stream/`" + target->name + "`/create";
    r.message = "Created query with ID " + id;
    r.query_id = id;
    r.command_sequence_number = seq;
    return r;
}

Result<StatementResult> EngineImpl::InsertValues(const parser::InsertValues& s,
                                                 const parser::Statement& stmt, ExecContext& ctx) {
    if (ctx.replay) return StatementResult{};
    auto target = catalog_->Find(s.target.name);
    if (!target) return Status::Invalid("Cannot insert values into an unknown stream/table: " + s.target.name);
    if (target->is_source) return Status::Invalid("Cannot insert values into read-only " + std::string(target->KindName() == std::string("STREAM") ? "stream" : "table") + ": " + target->name);
    const auto& schema = target->schema;
    std::vector<std::string> columns;
    if (s.columns.empty()) {
        for (const auto& c : schema.columns()) columns.push_back(c.name);
    } else {
        for (const auto& c : s.columns) columns.push_back(c.name);
    }
    if (columns.size() != s.values.size()) {
        return Status::Invalid("Expected number columns and values to match: [" +
                               std::to_string(columns.size()) + "] vs [" + std::to_string(s.values.size()) + "]");
    }
    Row row;
    row.Resize(schema.size());
    row.timestamp = SystemClock::Default().NowMillis();
    LogicalSchema empty;
    analyzer::Scope scope;
    scope.schema = &empty;
    analyzer::ExpressionAnalyzer ea(scope, expression::FunctionRegistry::Builtins());
    Row no_input;
    for (size_t i = 0; i < columns.size(); ++i) {
        ASSIGN_OR_RETURN(auto typed, ea.Analyze(*s.values[i]));
        std::optional<size_t> idx = schema.Find(columns[i]);
        bool is_rowtime = columns[i] == kRowTime;
        if (!idx && !is_rowtime) {
            return Status::Invalid("Column name " + columns[i] + " does not exist.");
        }
        if (!is_rowtime && (schema.column(*idx).ns == ColumnNamespace::kHeaders ||
                            schema.column(*idx).ns == ColumnNamespace::kHeader)) {
            return Status::Invalid("Cannot insert into HEADER columns: " + columns[i]);
        }
        SqlType want = is_rowtime ? SqlType::Bigint() : schema.column(*idx).type;
        if (!expression::CanWiden(typed->type, want) && typed->type != want) {
            if (!(typed->type.kind() == TypeKind::kString && want.kind() != TypeKind::kString &&
                  want.IsPrimitive())) {
                return Status::Invalid("Expected type " + want.ToString() + " for field " + columns[i] +
                                       " but got " + typed->sql + "(" + typed->type.ToString() + ")");
            }
        }
        ASSIGN_OR_RETURN(auto ev, expression::Compile(*analyzer::CastTo(typed, want)));
        const Value& v = ev->Eval(no_input);
        if (is_rowtime) {
            if (!v.is_null()) row.timestamp = v.AsInt();
        } else {
            row.values[*idx] = v;
        }
    }
    serde::SideLayout key, value;
    runtime::SplitLayouts(schema, key, value);
    ASSIGN_OR_RETURN(auto ks, serde::MakeSerializer(target->key_format, key, true));
    ASSIGN_OR_RETURN(auto vs, serde::MakeSerializer(target->value_format, value, false));
    std::string kb, vb;
    bool key_null = false, value_null = false;
    RETURN_IF_ERROR(ks->Serialize(row, kb, &key_null));
    RETURN_IF_ERROR(vs->Serialize(row, vb, &value_null));
    kafka::ProducerConfig pc;
    pc.client_id = "runnel-insert-values";
    ASSIGN_OR_RETURN(auto producer, kafka_->CreateProducer(pc));
    RETURN_IF_ERROR(producer->Produce(target->topic, -1, key_null ? nullptr : kb.data(), kb.size(),
                                      value_null ? nullptr : vb.data(), vb.size(), row.timestamp, nullptr));
    RETURN_IF_ERROR(producer->Flush(30000));
    StatementResult r;
    r.statement_text = stmt.text;
    return r;
}

namespace {

// Rows flow from the query thread to the request thread through a bounded queue.
struct PushChannel {
    std::mutex mutex;
    std::condition_variable cv;
    std::deque<std::string> rows;
    bool closed = false;
    int64_t emitted = 0;
    std::optional<int64_t> limit;
    bool limit_reached = false;
    static constexpr size_t kCapacity = 10000;
};

class PushQueryImpl final : public PushQuery {
public:
    PushQueryImpl(std::string id, LogicalSchema schema, std::shared_ptr<PushChannel> channel)
        : id_(std::move(id)), schema_(std::move(schema)), channel_(std::move(channel)) {
        schema_text_ = schema_.ToString();
        for (const auto& c : schema_.columns()) {
            names_.push_back(c.name);
            types_.push_back(c.type.ToString());
        }
    }
    ~PushQueryImpl() override { Close(); }

    void set_runner(std::unique_ptr<runtime::QueryRunner> r) { runner_ = std::move(r); }
    const std::string& query_id() const override { return id_; }
    const std::string& schema_text() const override { return schema_text_; }
    const std::vector<std::string>& column_names() const override { return names_; }
    const std::vector<std::string>& column_types() const override { return types_; }

    bool Poll(std::vector<std::string>& rows, int timeout_ms) override {
        std::unique_lock<std::mutex> lock(channel_->mutex);
        channel_->cv.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                              [&] { return !channel_->rows.empty() || channel_->closed || RunnerEnded(); });
        bool got = !channel_->rows.empty();
        while (!channel_->rows.empty()) {
            rows.push_back(std::move(channel_->rows.front()));
            channel_->rows.pop_front();
        }
        channel_->cv.notify_all();
        if (got) return true;
        if (channel_->limit_reached) {
            end_message_ = "Limit Reached";
            return false;
        }
        if (channel_->closed) {
            end_message_ = "Query terminated";
            return false;
        }
        if (RunnerEnded()) {
            failed_ = !runner_->error().empty();
            end_message_ = failed_ ? runner_->error() : "Query terminated";
            return false;
        }
        return true;
    }
    const std::string& end_message() const override { return end_message_; }
    bool failed() const override { return failed_; }
    void Close() override {
        {
            std::lock_guard<std::mutex> lock(channel_->mutex);
            channel_->closed = true;
            channel_->cv.notify_all();
        }
        if (runner_) runner_->Stop();
    }

private:
    bool RunnerEnded() const { return runner_ && runner_->finished(); }

    std::string id_;
    LogicalSchema schema_;
    std::string schema_text_;
    std::vector<std::string> names_, types_;
    std::shared_ptr<PushChannel> channel_;
    std::unique_ptr<runtime::QueryRunner> runner_;
    std::string end_message_;
    bool failed_ = false;
};

}  // namespace

Result<std::unique_ptr<PushQuery>> EngineImpl::StartPushQuery(std::string_view sql,
                                                              const Config& properties,
                                                              const Config& variables) {
    ASSIGN_OR_RETURN(auto statements, parser::ParseStatements(sql, variables));
    if (statements.size() != 1) return Status::Invalid("Expected exactly one statement in a query request");
    const auto* select = std::get_if<parser::SelectStatement>(&statements[0].body);
    if (!select) {
        if (std::holds_alternative<parser::PrintTopic>(statements[0].body)) {
            return Status::NotImplemented("PRINT is not supported yet");
        }
        return Status::Invalid("The /query endpoint takes a SELECT statement: " + statements[0].text);
    }
    if (select->query.emit != parser::EmitKind::kChanges) {
        return Status::NotImplemented("Pull queries are not supported yet: add EMIT CHANGES for a push query");
    }
    catalog::CatalogPtr snapshot;
    std::string id;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        snapshot = catalog_;
        id = "transient_" + select->query.from.source.name + "_" + std::to_string(++push_counter_);
    }
    analyzer::QueryContext qc{false, "", MergedConfig(properties)};
    ASSIGN_OR_RETURN(auto analysis, analyzer::AnalyzeQuery(select->query, *snapshot, qc));
    ASSIGN_OR_RETURN(auto plan, planner::PlanQuery(analysis, id, std::nullopt, JoinNullKeys(qc.config)));
    auto channel = std::make_shared<PushChannel>();
    channel->limit = analysis.limit;
    auto query = std::make_unique<PushQueryImpl>(id, analysis.output_schema, channel);

    Config merged = MergedConfig(properties);
    runtime::RunnerOptions o;
    o.plan = std::make_shared<const plan::QueryPlan>(std::move(plan));
    o.kafka = kafka_.get();
    o.processing_log = &processing_log_;
    o.persistent = false;
    o.auto_offset_reset = "latest";
    for (const char* key : {"auto.offset.reset", "ksql.streams.auto.offset.reset"}) {
        auto it = merged.find(key);
        if (it != merged.end()) o.auto_offset_reset = it->second;
    }
    o.collect = [channel](std::string row) {
        std::unique_lock<std::mutex> lock(channel->mutex);
        channel->cv.wait(lock, [&] { return channel->closed || channel->rows.size() < PushChannel::kCapacity; });
        if (channel->closed) return false;
        channel->rows.push_back(std::move(row));
        ++channel->emitted;
        channel->cv.notify_all();
        if (channel->limit && channel->emitted >= *channel->limit) {
            channel->limit_reached = true;
            return false;
        }
        return true;
    };
    if (analysis.limit && *analysis.limit <= 0) {
        channel->limit_reached = true;
        return std::unique_ptr<PushQuery>(std::move(query));
    }
    ASSIGN_OR_RETURN(auto runner, runtime::QueryRunner::Start(std::move(o)));
    query->set_runner(std::move(runner));
    return std::unique_ptr<PushQuery>(std::move(query));
}

}  // namespace runnel::api
