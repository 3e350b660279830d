// A test double of api::Engine with canned results, so the server can be tested without the real
// engine (runnel_api is not linked into unit_server). Statements pick the behaviour by keyword:
//   Execute: "FAIL" -> statement error after the earlier statements; "SHOW STREAMS" -> streams;
//            "SET" -> no entity; anything else -> "Stream created" command status.
//   StartPushQuery: "BAD" -> syntax error; "ENDLESS" -> never ends until closed;
//            "FAILING" -> 1 row, then fails; otherwise 3 rows, then "Limit Reached".
// Thread-safe.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/api/engine.h"

namespace runnel::server::testing {

struct FakeQueryState {
    std::atomic<int> started{0};
    std::atomic<int> closed{0};
};

class FakePushQuery : public api::PushQuery {
public:
    enum class Mode { kLimit, kEndless, kFailing };

    FakePushQuery(std::string id, Mode mode, FakeQueryState& state)
        : id_(std::move(id)), mode_(mode), state_(state) {
        if (mode_ == Mode::kLimit) rows_ = {R"([1,"a"])", R"([2,"b"])", R"([3,"c"])"};
        if (mode_ == Mode::kFailing) rows_ = {R"([1,"a"])"};
        state_.started++;
    }

    const std::string& query_id() const override { return id_; }
    const std::string& schema_text() const override { return schema_; }
    const std::vector<std::string>& column_names() const override { return names_; }
    const std::vector<std::string>& column_types() const override { return types_; }

    bool Poll(std::vector<std::string>& rows, int timeout_ms) override {
        if (closed_.load()) {
            if (end_message_.empty()) end_message_ = "Query Completed";
            return false;
        }
        if (next_ < rows_.size()) {
            rows.push_back(rows_[next_++]);  // one row per poll: exercises the streaming loop
            return true;
        }
        if (mode_ == Mode::kEndless) {
            std::this_thread::sleep_for(std::chrono::milliseconds(std::min(timeout_ms, 20)));
            return true;
        }
        failed_ = mode_ == Mode::kFailing;
        end_message_ = failed_ ? "boom: deserialization failed" : "Limit Reached";
        return false;
    }

    const std::string& end_message() const override { return end_message_; }
    bool failed() const override { return failed_; }

    void Close() override {
        if (!closed_.exchange(true)) state_.closed++;
    }

private:
    std::string id_;
    Mode mode_;
    FakeQueryState& state_;
    std::string schema_ = "`ID` INTEGER KEY, `NAME` STRING";
    std::vector<std::string> names_ = {"ID", "NAME"};
    std::vector<std::string> types_ = {"INTEGER", "STRING"};
    std::vector<std::string> rows_;
    size_t next_ = 0;
    std::atomic<bool> closed_{false};
    std::string end_message_;
    bool failed_ = false;
};

class FakeEngine : public api::Engine {
public:
    api::ExecuteResponse Execute(std::string_view sql,
                                 const std::map<std::string, std::string>& properties,
                                 const std::map<std::string, std::string>& variables) override {
        {
            std::lock_guard<std::mutex> lock(mu_);
            last_sql_ = std::string(sql);
            last_properties_ = properties;
            last_variables_ = variables;
        }
        api::ExecuteResponse response;
        size_t start = 0;
        std::string text(sql);
        while (start < text.size()) {
            size_t end = text.find(';', start);
            std::string stmt = text.substr(start, end == std::string::npos ? end : end - start + 1);
            start = end == std::string::npos ? text.size() : end + 1;
            while (!stmt.empty() && stmt.front() == ' ') stmt.erase(0, 1);
            if (stmt.empty()) continue;
            if (stmt.find("FAIL") != std::string::npos) {
                api::ExecuteError error;
                error.message = "Stream S already exists";
                error.statement_text = stmt;
                response.error = error;
                break;
            }
            api::StatementResult r;
            r.statement_text = stmt;
            if (stmt.find("SHOW STREAMS") != std::string::npos) {
                r.kind = api::StatementResult::Kind::kStreams;
                r.sources.push_back({"S", "STREAM", "s", "KAFKA", "JSON", false});
            } else if (stmt.rfind("SET", 0) == 0) {
                r.kind = api::StatementResult::Kind::kNoEntity;
            } else {
                r.kind = api::StatementResult::Kind::kCommandStatus;
                r.command_id = "stream/`S`/create";
                r.message = "Stream created";
                r.command_sequence_number = ++sequence_;
            }
            response.results.push_back(r);
        }
        return response;
    }

    Result<std::unique_ptr<api::PushQuery>> StartPushQuery(
        std::string_view sql, const std::map<std::string, std::string>& properties,
        const std::map<std::string, std::string>& variables) override {
        {
            std::lock_guard<std::mutex> lock(mu_);
            last_sql_ = std::string(sql);
            last_properties_ = properties;
        }
        if (sql.find("BAD") != std::string_view::npos) {
            return Status::Syntax("line 1:8: mismatched input 'BAD'");
        }
        auto mode = sql.find("ENDLESS") != std::string_view::npos   ? FakePushQuery::Mode::kEndless
                    : sql.find("FAILING") != std::string_view::npos ? FakePushQuery::Mode::kFailing
                                                                    : FakePushQuery::Mode::kLimit;
        std::string id = "transient_S_" + std::to_string(++query_counter_);
        return std::unique_ptr<api::PushQuery>(new FakePushQuery(id, mode, queries));
    }

    api::ServerInfo Info() override {
        return api::ServerInfo{"0.1.0-test", "test-cluster", "default_", "RUNNING"};
    }
    api::HealthInfo Health() override {
        api::HealthInfo h;
        h.kafka = kafka_healthy.load();
        return h;
    }
    bool headless() const override { return false; }
    void Shutdown() override {}

    std::map<std::string, std::string> last_properties() {
        std::lock_guard<std::mutex> lock(mu_);
        return last_properties_;
    }
    std::map<std::string, std::string> last_variables() {
        std::lock_guard<std::mutex> lock(mu_);
        return last_variables_;
    }
    std::string last_sql() {
        std::lock_guard<std::mutex> lock(mu_);
        return last_sql_;
    }

    FakeQueryState queries;
    std::atomic<bool> kafka_healthy{true};

private:
    std::mutex mu_;
    std::string last_sql_;
    std::map<std::string, std::string> last_properties_;
    std::map<std::string, std::string> last_variables_;
    std::atomic<int> sequence_{0};
    std::atomic<int> query_counter_{0};
};

}  // namespace runnel::server::testing
