// QueryRunner: runs one query on its own thread: a consumer over the source topic, one Task per
// input partition, and (for persistent queries) a producer to the sink with at-least-once
// commits (produce, flush, then commit the consumed offsets). Push queries read without a group
// and stop at their LIMIT. Start/Stop/state are thread-safe.
#pragma once

#include <atomic>
#include <deque>
#include <optional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "engine/kafka/kafka.h"
#include "engine/plan/query_plan.h"
#include "engine/runtime/processing_log.h"
#include "engine/runtime/task.h"
#include "engine/state/state_config.h"

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
    // Stateful queries: the application id names internal topics (repartition, changelogs);
    // the state settings (directory, in-memory switch, cache size).
    std::string application_id;
    state::StateConfig state;
    // processing.guarantee=exactly_once_v2 (persistent queries; see
    // query_runner_transactions.cpp): a transactional producer with this id (empty:
    // "<application id>-tx"; stable across restarts of the server, unique among servers), a
    // read_committed consumer, stores wiped when not closed cleanly (state.exactly_once is set
    // from this), and per commit interval one transaction holding the sink, repartition and
    // changelog records together with the input offsets.
    bool exactly_once = false;
    std::string transactional_id;
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
    // Flushes the producer and commits consumed offsets (at-least-once order); under
    // exactly-once commits the open transaction (after a failure: aborts it, drops the tasks'
    // state and resumes from the last committed offsets, and returns the failure).
    Status Commit();
    bool done() const { return done_; }

private:
    explicit QueryRunner(RunnerOptions options) : options_(std::move(options)) {}
    void Run();
    Status RunLoop();
    Result<Task*> TaskFor(const std::string& topic, int32_t partition);
    void CloseTasks(bool clean);
    // --- exactly-once (query_runner_transactions.cpp) ---
    bool exactly_once() const { return options_.exactly_once && options_.persistent; }
    Status InitTransactionsIfNeeded();  // once per producer, before the first Poll
    // Before the polled records are processed: makes the tasks they need (a new task restores
    // its stores, which must not keep a transaction open), then begins the transaction.
    Status BeginTransactionIfNeeded();
    Status CommitTransaction();
    // Begin, processing or commit failed: AbortAndRewind; after the third time without a
    // commit in between, the failure itself (kept in failure_: the next Step returns it).
    Status RewindAfterFailure(const Status& failure);
    // Aborts the open transaction, closes the tasks unclean (their stores are wiped and
    // restored from the committed changelogs when the tasks are made again), replaces the
    // producer if it cannot abort, and re-subscribes with a new consumer so that consumption
    // resumes at the committed offsets.
    Status AbortAndRewind(const Status& cause);

    RunnerOptions options_;
    std::unique_ptr<kafka::Consumer> consumer_;
    std::unique_ptr<kafka::Producer> producer_;
    std::vector<TaskSegment> segments_;
    int32_t source_partitions_ = 1;
    int32_t changelog_partitions_ = 1;
    // By (sub-topology, partition).
    std::map<std::pair<int, int32_t>, std::unique_ptr<Task>> tasks_;
    std::map<std::pair<std::string, int32_t>, int64_t> pending_offsets_;
    std::vector<kafka::RecordView> records_;
    // Tasks with several input topics (joins) take records in timestamp order across their
    // inputs, as Kafka Streams does: polled records wait here (copied, since views die with the
    // next poll) until every input has one, or the poll comes back empty, or too many wait.
    struct OwnedRecord {
        int32_t partition;
        int64_t offset;
        int64_t timestamp;
        std::optional<std::string> key, value;
        std::vector<std::pair<std::string, std::optional<std::string>>> headers;
    };
    struct InputQueues {
        std::map<std::string, std::deque<OwnedRecord>> by_topic;
        size_t size = 0;
    };
    std::map<Task*, InputQueues> waiting_;
    void Hold(Task* task, const kafka::RecordView* records, size_t count);
    // Processes held records in timestamp order; `force`: also when an input has none waiting.
    Result<size_t> Release(Task* task, InputQueues& queues, bool force);
    // How the clients were made (exactly-once re-creates them after an abort).
    kafka::ConsumerConfig consumer_config_;
    kafka::ProducerConfig producer_config_;
    std::vector<std::string> subscription_;
    bool transactions_ready_ = false;  // InitTransactions done on producer_
    bool in_transaction_ = false;
    int rewinds_since_commit_ = 0;
    Status failure_;  // exactly-once gave up
    int poll_failures_ = 0;
    bool done_ = false;
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> finished_{false};
    mutable std::mutex mutex_;
    std::string error_;
};

}  // namespace runnel::runtime
