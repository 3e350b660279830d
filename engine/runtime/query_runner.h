// QueryRunner: runs one query on its own thread: a consumer over the source topic, one Task per
// input partition, and (for persistent queries) a producer to the sink with at-least-once
// commits (produce, flush, then commit the consumed offsets). Push queries read without a group
// and stop at their LIMIT. Start/Stop/state are thread-safe.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "engine/kafka/kafka.h"
#include "engine/plan/query_plan.h"
#include "engine/runtime/processing_log.h"
#include "engine/runtime/task.h"

namespace runnel::runtime {

struct RunnerOptions {
    plan::QueryPlanPtr plan;
    kafka::ClientFactory* kafka = nullptr;
    ProcessingLog* processing_log = nullptr;
    bool persistent = true;
    std::string group_id;                     // persistent: the query's consumer group
    std::string auto_offset_reset = "earliest";
    CollectOperator::Sink collect;            // push: receives rows; false = stop
    int commit_interval_ms = 200;
    size_t max_batch = 2000;
    std::map<std::string, std::string> consumer_extra;
    std::map<std::string, std::string> producer_extra;
    // Tests only: no thread; the caller drives the query with Step() and Commit().
    bool synchronous = false;
};

class QueryRunner {
public:
    static Result<std::unique_ptr<QueryRunner>> Start(RunnerOptions options);
    ~QueryRunner();

    // Stops the thread after a final flush and commit; idempotent.
    void Stop();
    bool finished() const { return finished_.load(); }
    // RUNNING, ERROR (with error()) or STOPPED.
    std::string state() const;
    std::string error() const;
    const std::string& query_id() const { return options_.plan->query_id; }

    // Polls once (waiting at most timeout_ms) and runs what arrived through the tasks; returns
    // the number of records consumed. Synchronous mode only, or from the query's own thread.
    Result<size_t> Step(int timeout_ms);
    // Flushes the producer and commits consumed offsets (at-least-once order).
    Status Commit();
    bool done() const { return done_; }

private:
    explicit QueryRunner(RunnerOptions options) : options_(std::move(options)) {}
    void Run();
    Status RunLoop();
    Result<Task*> TaskFor(int32_t partition);

    RunnerOptions options_;
    std::unique_ptr<kafka::Consumer> consumer_;
    std::unique_ptr<kafka::Producer> producer_;
    std::map<int32_t, std::unique_ptr<Task>> tasks_;
    std::map<std::pair<std::string, int32_t>, int64_t> pending_offsets_;
    std::vector<kafka::RecordView> records_;
    int poll_failures_ = 0;
    bool done_ = false;
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> finished_{false};
    mutable std::mutex mutex_;
    std::string error_;
};

}  // namespace runnel::runtime
