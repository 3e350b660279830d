#include "tests/runner/case_executor.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <regex>
#include <set>
#include <thread>

#include "engine/api/engine_factory.h"
#include "tests/runner/ksql_functions.h"
#include "tests/runner/push_check.h"
#include "tests/runner/record_codec.h"
#include "tests/runner/source_check.h"
#include "tests/runner/sql_scan.h"
#include "tests/runner/text_util.h"
#include "tests/runner/topic_expectation.h"
#include "tests/runner/topic_io.h"

namespace runnel::runner {

namespace {

using Clock = std::chrono::steady_clock;
using Properties = std::map<std::string, std::string>;

std::atomic<int> g_case_counter{0};

// Base settings of every case: read from the earliest offsets, emit every intermediate update.
Properties BaseProperties() {
    return {
        {"ksql.streams.auto.offset.reset", "earliest"},
        {"ksql.streams.cache.max.bytes.buffering", "0"},
    };
}

// Why a failing statement does not count for a negative case: the engine lacks the feature
// (it says "not supported", or lacks a function ksqlDB has), or it rejects the syntax where
// ksqlDB reports a statement error (so our grammar lacks it). Empty when it counts.
std::string MissingFeature(const std::string& message, const ExpectedFailure& expected) {
    std::string lower = Lower(message);
    if (lower.find("not supported") != std::string::npos ||
        lower.find("not implemented") != std::string::npos) {
        return "missing feature";
    }
    static const std::regex kNoFunction("Can't find any functions with the name '([^']*)'");
    std::smatch m;
    if (std::regex_search(message, m, kNoFunction) && IsKsqlBuiltinFunction(Upper(m[1].str()))) {
        return "missing function";
    }
    static const std::regex kSyntax(
        "^line \\d+:\\d+: (mismatched input|missing |extraneous input|no viable alternative|"
        "token recognition error|Syntax Error)");
    if (std::regex_search(message, kSyntax) &&
        expected.type.find("ParseFailedException") == std::string::npos) {
        return "syntax not supported";
    }
    return "";
}

// The statement of a QTT script that failed: the one after those that succeeded, or, when the
// script did not parse, the one holding the error's line.
size_t FailingStatement(const Step& step, const api::ExecuteResponse& r) {
    if (!r.results.empty() || step.script.empty() || !r.error) return r.results.size();
    static const std::regex kLine("^line (\\d+):");
    std::smatch m;
    if (!std::regex_search(r.error->message, m, kLine)) return 0;
    long line = std::stol(m[1].str());
    long start = 1;
    for (size_t i = 0; i < step.script.size(); ++i) {
        long lines =
            1 + static_cast<long>(std::count(step.script[i].begin(), step.script[i].end(), '\n'));
        if (line < start + lines) return i;
        start += lines;
    }
    return step.script.size() - 1;
}

// An engine message reduced to its wording: first line, no statement text, quoted names and
// numbers elided, cut after "not supported yet". Safe to commit in summaries.
std::string ElideMessage(const std::string& message) {
    std::string line = message.substr(0, message.find('\n'));
    size_t cut = Lower(line).find("not supported yet");
    if (cut != std::string::npos) line = line.substr(0, cut + 17);
    size_t stmt = line.find("Statement:");
    if (stmt != std::string::npos) line = line.substr(0, stmt);
    std::string out;
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        bool opens = i == 0 || !std::isalnum(static_cast<unsigned char>(line[i - 1]));
        if ((c == '\'' || c == '`' || c == '"') && opens) {
            size_t close = line.find(c, i + 1);
            if (close != std::string::npos) {
                out += std::string(1, c) + "_" + std::string(1, c);
                i = close;
                continue;
            }
        }
        if (c >= '0' && c <= '9') {
            while (i + 1 < line.size() && line[i + 1] >= '0' && line[i + 1] <= '9') ++i;
            out += "N";
            continue;
        }
        out.push_back(c);
    }
    out = std::string(Trim(out));
    if (out.size() > 90) out = out.substr(0, 87) + "...";
    return out;
}

std::string Shorten(const std::string& s, size_t max = 160) {
    std::string one = CollapseSpace(s);
    return one.size() <= max ? one : one.substr(0, max - 3) + "...";
}

// Thrown nowhere: the executor's steps return this to end the case early.
struct Verdict {
    CaseResult::Outcome outcome = CaseResult::Outcome::kFail;
    std::string reason;
    std::optional<bool> message_matched;
    std::string actual_error;
    std::string category;
};

// The class of a topic comparison failure, in our own words only.
std::string TopicCategory(const std::string& diff, size_t expected, size_t actual) {
    if (expected > 0 && actual == 0) return "output: no records produced";
    if (StartsWith(diff, "expected ") && diff.find(" records, got ") != std::string::npos) {
        return "output: wrong number of records";
    }
    size_t colon = diff.find(": ");
    std::string rest = colon == std::string::npos ? diff : diff.substr(colon + 2);
    for (const char* what : {"key", "value", "timestamp", "headers", "window", "partition"}) {
        if (StartsWith(rest, what)) {
            std::string w = what;
            if (rest.find("not JSON") != std::string::npos) return "output: " + w + " is not JSON";
            return "output: " + w + (w == "headers" ? " differ" : " differs");
        }
    }
    if (rest.find("expected a windowed key") != std::string::npos)
        return "output: key not windowed";
    return "output: records differ";
}

std::string SourceCategory(const std::string& diff) {
    if (diff.find("does not exist") != std::string::npos) return "post.sources: source missing";
    for (const char* what :
         {"schema", "key format", "value format", "window type", "window size", "topic"}) {
        if (diff.find(std::string(": ") + what + ":") != std::string::npos) {
            return std::string("post.sources: ") + what + " differs";
        }
    }
    return "post.sources: other difference";
}

class CaseExecutor {
public:
    CaseExecutor(const TestCase& test, const RunOptions& options)
        : test_(test), options_(options) {}

    CaseResult Run() {
        auto start = Clock::now();
        CaseResult result;
        std::optional<Verdict> verdict = Execute();
        Teardown();
        if (verdict) {
            result.outcome = verdict->outcome;
            result.reason = verdict->reason;
            result.message_matched = verdict->message_matched;
            result.actual_error = verdict->actual_error;
            result.category = verdict->category;
        }
        if (test_.known_bug && result.outcome == CaseResult::Outcome::kFail) {
            result.outcome = CaseResult::Outcome::kSkip;
            result.reason = "known engine bug: " + *test_.known_bug +
                            " (fails with: " + CollapseSpace(result.reason) + ")";
        } else if (test_.known_bug && result.outcome == CaseResult::Outcome::kPass) {
            result.outcome = CaseResult::Outcome::kFail;
            result.reason =
                "marked known-bug (" + *test_.known_bug + ") but passes: remove the mark";
            result.category = "known bug passes";
        }
        result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        return result;
    }

private:
    static Verdict Fail(std::string reason, std::string category) {
        return Verdict{CaseResult::Outcome::kFail, std::move(reason), std::nullopt, "",
                       std::move(category)};
    }

    bool synchronous() const { return options_.kafka == nullptr; }

    std::optional<Verdict> Execute() {
        if (test_.load_error) return Fail(*test_.load_error, "the file could not be read");
        if (test_.skip_reason)
            return Verdict{CaseResult::Outcome::kSkip, *test_.skip_reason, {}, "", ""};
        io_ = synchronous() ? MakeMemoryTopicIo() : MakeKafkaTopicIo(options_.kafka);
        int id = ++g_case_counter;
        config_.synchronous_queries = synchronous();
        config_.in_memory_state = !options_.rocksdb;
        config_.service_id = synchronous()
                                 ? std::string("runnel_test_")
                                 : "rt" + std::to_string(getpid()) + "_" + std::to_string(id) + "_";
        config_.properties = BaseProperties();
        for (const auto& [k, v] : test_.properties) config_.properties[k] = v;
        if (options_.rocksdb) {
            state_dir_ =
                std::filesystem::temp_directory_path() /
                ("runnel-test-state-" + std::to_string(getpid()) + "-" + std::to_string(id));
            std::filesystem::create_directories(state_dir_);
            config_.state_dir = state_dir_.string();
        }
        if (!synchronous()) {
            for (const auto& t : PredictedTopics()) {
                Status st = io_->DeleteTopic(t);
                if (!st.ok())
                    return Fail("could not clean topic " + t + ": " + st.message(), "broker");
            }
        }
        auto engine = api::CreateEngine(config_, io_->factory());
        if (!engine.ok()) {
            return Fail("the engine did not start: " + engine.status().message(), "engine start");
        }
        engine_ = std::move(engine).value();

        for (size_t i = 0; i < test_.steps.size(); ++i) {
            auto v = RunStep(i);
            if (v) return v;
        }
        if (test_.qtt && test_.expected_failure) return ProcessingFailureVerdict();
        if (test_.qtt && persistent_queries_ == 0) {
            return Fail("no persistent query was started (a positive QTT case starts one)",
                        "no persistent query started");
        }
        return std::nullopt;
    }

    // Topics a case may touch: cleaned before a run on a real cluster.
    std::set<std::string> PredictedTopics() const {
        std::set<std::string> topics;
        for (const auto& s : test_.steps) {
            if (s.kind == Step::Kind::kTopic) topics.insert(s.topic);
            for (const auto& r : s.records) topics.insert(r.topic);
            if (s.kind == Step::Kind::kExpect || s.kind == Step::Kind::kProduce) {
                topics.insert(s.topic);
            }
            if (s.kind == Step::Kind::kStatement) {
                for (const auto& stmt : SplitStatements(s.sql)) {
                    if (auto c = ScanCreate(stmt)) topics.insert(c->Topic());
                }
            }
        }
        topics.erase("");
        return topics;
    }

    void Teardown() {
        std::set<std::string> topics;
        if (engine_ && !synchronous()) {
            if (auto catalog = api::CatalogSnapshot(*engine_)) {
                for (const auto& [name, src] : catalog->sources()) topics.insert(src->topic);
            }
        }
        if (engine_) {
            engine_->Shutdown();
            engine_.reset();
        }
        if (io_ && !synchronous()) {
            for (const auto& t : PredictedTopics()) topics.insert(t);
            topics.insert("_runnel_" + config_.service_id + "_command_topic");
            for (const auto& t : topics) (void)io_->DeleteTopic(t);
        }
        if (!state_dir_.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(state_dir_, ec);
        }
    }

    std::optional<Verdict> RunStep(size_t index) {
        const Step& step = test_.steps[index];
        switch (step.kind) {
            case Step::Kind::kTopic:
                return CreateTopic(step);
            case Step::Kind::kSet:
                request_properties_[step.name] = step.value;
                return std::nullopt;
            case Step::Kind::kStatement:
                return Statement(step);
            case Step::Kind::kProduce:
                return Produce(step);
            case Step::Kind::kExpect:
                if (test_.qtt && test_.expected_failure) return std::nullopt;
                return Expect(step);
            case Step::Kind::kPush: {
                if (auto v = RunQueries()) return v;
                // With several partitions, rows of different keys come in any order.
                Step push = step;
                if (options_.partitions && *options_.partitions > 1) push.unordered = true;
                auto d = RunPushStep(*engine_, push, request_properties_, options_.timeout_ms,
                                     options_.settle_ms);
                if (d) return Fail(*d, "push query");
                return std::nullopt;
            }
            case Step::Kind::kCheckSources: {
                if (test_.qtt && test_.expected_failure) return std::nullopt;
                auto catalog = api::CatalogSnapshot(*engine_);
                if (!catalog) return Fail("no catalog", "no catalog");
                if (auto d = CheckSources(*catalog, step.sources))
                    return Fail(*d, SourceCategory(*d));
                return std::nullopt;
            }
        }
        return std::nullopt;
    }

    std::optional<Verdict> CreateTopic(const Step& step) {
        int32_t partitions = options_.partitions ? *options_.partitions : step.partitions;
        Status st = io_->CreateTopic(step.topic, partitions);
        if (!st.ok() && st.code() != StatusCode::kAlreadyExists) {
            return Fail("cannot create topic " + step.topic + ": " + st.message(), "broker");
        }
        return std::nullopt;
    }

    std::string StatementSql(const Step& step) const {
        if (!options_.partitions) return step.sql;
        std::string out;
        for (const auto& stmt : SplitStatements(step.sql)) {
            if (!out.empty()) out += "\n";
            out += RewritePartitions(stmt, *options_.partitions);
        }
        return out;
    }

    std::string At(const Step& step) const {
        return step.line > 0 ? "statement at line " + std::to_string(step.line) : "statement";
    }

    std::optional<Verdict> Statement(const Step& step) {
        std::string sql = StatementSql(step);
        auto response = engine_->Execute(sql, request_properties_, {});
        for (const auto& r : response.results) {
            if (r.query_id) ++persistent_queries_;
        }
        if (response.error) {
            const std::string& message = response.error->message;
            if (step.error) {
                if (ErrorMatches(*step.error, message)) return RunQueries();
                return Fail(At(step) + " failed with '" + Shorten(message, 300) +
                                "', expected an error matching '" + step.error->pattern + "'",
                            "statement failed with another message");
            }
            if (test_.qtt && test_.expected_failure) {
                bool is_last = step.script.empty() ||
                               FailingStatement(step, response) + 1 >= step.script.size();
                return NegativeVerdict(message, is_last);
            }
            std::string what = test_.qtt ? "statement failed: " : At(step) + " failed: ";
            return Fail(what + Shorten(message, 300) + "\n    statement: " +
                            Shorten(response.error->statement_text.empty()
                                        ? sql
                                        : response.error->statement_text),
                        "statement failed: " + ElideMessage(message));
        }
        if (step.error) {
            return Fail(
                At(step) + " succeeded, expected an error matching '" + step.error->pattern + "'",
                "statement succeeded, expected an error");
        }
        return RunQueries();
    }

    // A QTT negative case whose statement failed.
    Verdict NegativeVerdict(const std::string& message, bool at_last_statement) {
        const ExpectedFailure& e = *test_.expected_failure;
        bool matched = e.message.empty() || message.find(e.message) != std::string::npos;
        Verdict v;
        v.actual_error = message;
        std::string expectation =
            "expected " + e.type + (e.message.empty() ? "" : ": " + e.message);
        std::string missing = matched ? "" : MissingFeature(message, e);
        if (!missing.empty()) {
            v.reason = "failed for a " + missing + ": " + Shorten(message) + " (" +
                       Shorten(expectation) + ")";
            v.category = "negative case, " + missing + ": " + ElideMessage(message);
            return v;
        }
        if (!at_last_statement && !matched) {
            v.reason = "an earlier statement failed: " + Shorten(message) + " (" +
                       Shorten(expectation) + " from the last statement)";
            v.category = "negative case, an earlier statement failed: " + ElideMessage(message);
            return v;
        }
        v.outcome = CaseResult::Outcome::kPass;
        v.message_matched = matched;
        return v;
    }

    // A QTT negative case whose statements all succeeded: processing must have failed.
    Verdict ProcessingFailureVerdict() {
        std::string failure = processing_error_;
        auto queries = engine_->Execute("SHOW QUERIES;", {}, {});
        if (!queries.error && !queries.results.empty()) {
            for (const auto& q : queries.results[0].queries) {
                if (q.state == "ERROR" && failure.empty()) failure = "query " + q.id + " failed";
            }
        }
        const ExpectedFailure& e = *test_.expected_failure;
        if (failure.empty()) {
            return Fail("expected " + Shorten(e.type + ": " + e.message) +
                            ", but every statement succeeded and processing did not fail",
                        "negative case: nothing failed");
        }
        Verdict v = NegativeVerdict(failure, true);
        return v;
    }

    // Runs the persistent queries until quiet (synchronous mode). Processing errors end a
    // positive case; a negative one remembers them.
    std::optional<Verdict> RunQueries() {
        if (!synchronous()) return std::nullopt;
        auto r = api::RunUntilQuiet(*engine_);
        if (r.ok()) return std::nullopt;
        if (test_.qtt && test_.expected_failure) {
            if (processing_error_.empty()) processing_error_ = r.status().message();
            return std::nullopt;
        }
        return Fail("processing failed: " + r.status().message(),
                    "processing failed: " + ElideMessage(r.status().message()));
    }

    std::optional<Verdict> Restart() {
        engine_->Shutdown();
        engine_.reset();
        auto engine = api::CreateEngine(config_, io_->factory());
        if (!engine.ok()) {
            return Fail("the engine did not restart: " + engine.status().message(),
                        "engine restart");
        }
        engine_ = std::move(engine).value();
        return std::nullopt;
    }

    std::string RecordWhere(const RecordSpec& r, size_t i) const {
        return r.line > 0 ? "line " + std::to_string(r.line) : "input " + std::to_string(i + 1);
    }

    std::optional<Verdict> Produce(const Step& step) {
        for (size_t i = 0; i < step.records.size(); ++i) {
            const RecordSpec& r = step.records[i];
            auto catalog = api::CatalogSnapshot(*engine_);
            TopicLayout layout = LayoutForTopic(catalog.get(), r.topic, LayoutRole::kInput);
            auto key = EncodeField(r.key, layout.key, true);
            if (!key.ok()) {
                return Fail(RecordWhere(r, i) + ": cannot write key: " + key.status().message(),
                            "cannot write input: " + ElideMessage(key.status().message()));
            }
            auto value = EncodeField(r.value, layout.value, false);
            if (!value.ok()) {
                return Fail(RecordWhere(r, i) + ": cannot write value: " + value.status().message(),
                            "cannot write input: " + ElideMessage(value.status().message()));
            }
            std::optional<std::string> key_bytes = std::move(key).value();
            if (r.window) key_bytes = AppendWindow(key_bytes.value_or(""), *r.window);
            Headers headers;
            if (r.headers) {
                for (const auto& h : *r.headers) {
                    headers.push_back({h.key, h.value.value_or(""), !h.value.has_value()});
                }
            }
            Status st = io_->Produce(r.topic, key_bytes, value.value(), r.timestamp.value_or(0),
                                     headers, r.partition.value_or(-1));
            if (!st.ok()) {
                return Fail(
                    RecordWhere(r, i) + ": cannot produce to " + r.topic + ": " + st.message(),
                    "cannot produce input");
            }
            if (options_.restart_after_each_record) {
                if (auto v = Restart()) return v;
            }
            if (auto v = RunQueries()) return v;
        }
        return std::nullopt;
    }

    std::optional<Verdict> Expect(const Step& step) {
        if (auto v = RunQueries()) return v;
        auto catalog = api::CatalogSnapshot(*engine_);
        if (step.topic.empty()) return ExpectSinksEmpty(catalog.get());
        TopicLayout layout = LayoutForTopic(catalog.get(), step.topic, LayoutRole::kOutput);
        auto partitions = io_->Partitions(step.topic);
        if (partitions.status().code() == StatusCode::kNotFound && !step.records.empty() &&
            synchronous()) {
            return Fail("topic " + step.topic + " does not exist (expected " +
                            std::to_string(step.records.size()) + " records)",
                        "output: topic missing");
        }
        RecordOrder order = step.unordered                                ? RecordOrder::kAnyOrder
                            : (partitions.ok() && partitions.value() > 1) ? RecordOrder::kPerKey
                                                                          : RecordOrder::kExact;
        auto actual = ReadSettled(step.topic, step.records.size());
        if (!actual.ok()) {
            return Fail("cannot read topic " + step.topic + ": " + actual.status().message(),
                        "cannot read output");
        }
        auto d = CompareTopic(step.records, actual.value(), layout, order);
        if (d) {
            return Fail("topic " + step.topic + ": " + *d,
                        TopicCategory(*d, step.records.size(), actual->size()));
        }
        return std::nullopt;
    }

    std::optional<Verdict> ExpectSinksEmpty(const catalog::Catalog* catalog) {
        if (catalog == nullptr) return std::nullopt;
        for (const auto& [name, src] : catalog->sources()) {
            auto create = ScanCreate(src->sql);
            if (!create || !create->as_select) continue;
            auto actual = ReadSettled(src->topic, 0);
            if (!actual.ok()) {
                return Fail("cannot read topic " + src->topic + ": " + actual.status().message(),
                            "cannot read output");
            }
            if (!actual->empty()) {
                TopicLayout layout = LayoutForTopic(catalog, src->topic, LayoutRole::kOutput);
                return Fail("topic " + src->topic + ": expected no records (outputs: []), got " +
                                std::to_string(actual->size()) +
                                "; first: " + DescribeActual(actual->front(), layout),
                            "output: records where none were expected");
            }
        }
        return std::nullopt;
    }

    // The topic's records; on a real cluster, once the expected count is there and a quiet
    // period passed, or at the timeout.
    Result<std::vector<TopicRecord>> ReadSettled(const std::string& topic, size_t expected) {
        if (synchronous()) return io_->Read(topic);
        auto deadline = Clock::now() + std::chrono::milliseconds(options_.timeout_ms);
        std::optional<size_t> last;
        auto last_change = Clock::now();
        while (true) {
            ASSIGN_OR_RETURN(auto records, io_->Read(topic));
            if (!last || *last != records.size()) {
                last = records.size();
                last_change = Clock::now();
            }
            bool settled =
                Clock::now() - last_change >= std::chrono::milliseconds(options_.settle_ms);
            if ((records.size() >= expected && settled) || Clock::now() >= deadline) return records;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }

    const TestCase& test_;
    const RunOptions& options_;
    std::unique_ptr<TopicIo> io_;
    api::EngineConfig config_;
    std::unique_ptr<api::Engine> engine_;
    Properties request_properties_;
    std::filesystem::path state_dir_;
    int persistent_queries_ = 0;
    std::string processing_error_;
};

}  // namespace

CaseResult RunCase(const TestCase& test, const RunOptions& options) {
    return CaseExecutor(test, options).Run();
}

}  // namespace runnel::runner
