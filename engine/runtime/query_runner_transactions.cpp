// QueryRunner under processing.guarantee=exactly_once_v2: the transaction per commit interval.
//
// The sequence (task_state_manager.h, docs/state.md section 9):
//   Step: InitTransactions once per producer (aborts what a previous incarnation with the same
//         transactional id left open, and fences it); BeginTransaction before the first record
//         of an interval is processed, so every sink, repartition and changelog record produced
//         from here on belongs to the transaction.
//   Commit: flush the stores (changelog records and the downstream emits join the
//         transaction), SendOffsetsToTransaction(input offsets, the consumer's group metadata),
//         CommitTransaction, and only then checkpoint the stores (a checkpoint must never name
//         changelog offsets of a transaction that may still abort).
//   Failure anywhere in it (or in processing inside the transaction): AbortAndRewind, at most
//   three times in a row without a commit in between; then the query fails.

#include "engine/common/log.h"
#include "engine/runtime/query_runner.h"

namespace runnel::runtime {

namespace {
constexpr int kInitTimeoutMs = 60000;
constexpr int kTransactionTimeoutMs = 60000;
}  // namespace

Status QueryRunner::InitTransactionsIfNeeded() {
    if (!failure_.ok()) return failure_;  // gave up: Step fails the query
    if (transactions_ready_) return Status::Ok();
    Status st = producer_->InitTransactions(kInitTimeoutMs);
    if (st.code() == StatusCode::kUnavailable) {
        // The transaction coordinator is not reachable yet: the next step tries again.
        if (++poll_failures_ % 10 == 1) {
            RLOG_WARN("query", "query {}: cannot initialize transactions yet: {}", query_id(),
                      st.message());
        }
        return Status::Ok();
    }
    RETURN_IF_ERROR(st);
    transactions_ready_ = true;
    RLOG_INFO("query", "query {}: exactly-once with transactional id '{}'", query_id(),
              producer_config_.transactional_id);
    return Status::Ok();
}

Status QueryRunner::BeginTransactionIfNeeded() {
    if (in_transaction_) return Status::Ok();
    // The broker aborts a transaction open longer than transaction.timeout.ms; restores happen
    // before it begins. (A task first seen while a transaction is open restores inside it; if
    // that takes too long the transaction fails and is retried, its tasks then made first.)
    const std::string* topic = nullptr;
    int32_t partition = -1;
    for (const auto& r : records_) {
        if (r.topic == topic && r.partition == partition) continue;
        topic = r.topic;
        partition = r.partition;
        RETURN_IF_ERROR(TaskFor(*topic, partition).status());
    }
    Status st = producer_->BeginTransaction();
    if (st.ok()) {
        in_transaction_ = true;
        return Status::Ok();
    }
    return RewindAfterFailure(st);
}

Status QueryRunner::CommitTransaction() {
    if (!in_transaction_) return Status::Ok();  // nothing consumed since the last commit
    Status st = [&]() -> Status {
        for (auto& [id, task] : tasks_) RETURN_IF_ERROR(task->FlushState());
        if (!pending_offsets_.empty()) {
            ASSIGN_OR_RETURN(kafka::ConsumerGroupMetadata group, consumer_->GroupMetadata());
            std::vector<kafka::TopicPartition> offsets;
            offsets.reserve(pending_offsets_.size());
            for (const auto& [tp, next] : pending_offsets_) {
                offsets.push_back({tp.first, tp.second, next});
            }
            RETURN_IF_ERROR(
                producer_->SendOffsetsToTransaction(offsets, group, kTransactionTimeoutMs));
        }
        return producer_->CommitTransaction(kTransactionTimeoutMs);
    }();
    if (!st.ok()) {
        RETURN_IF_ERROR(RewindAfterFailure(st));
        return st;
    }
    in_transaction_ = false;
    pending_offsets_.clear();
    rewinds_since_commit_ = 0;
    for (auto& [id, task] : tasks_) RETURN_IF_ERROR(task->CheckpointState());
    return Status::Ok();
}

Status QueryRunner::RewindAfterFailure(const Status& failure) {
    constexpr int kMaxRewinds = 3;
    if (++rewinds_since_commit_ > kMaxRewinds) {
        // The same trouble again and again (not a fenced producer or a timed-out transaction):
        // the next Step fails the query, whose runner then aborts and closes everything.
        failure_ = Status(failure.code(), "exactly-once: " + std::to_string(kMaxRewinds) +
                                              " retries from the last commit failed: " +
                                              failure.message());
        return failure_;
    }
    return AbortAndRewind(failure);
}

Status QueryRunner::AbortAndRewind(const Status& cause) {
    RLOG_WARN("query",
              "query {}: transaction failed: {}; aborting it and resuming from the last "
              "committed offsets and changelogs",
              query_id(), cause.message());
    records_.clear();  // views into the consumer that is about to go
    pending_offsets_.clear();
    // The stores hold the aborted transaction's writes: an unclean close makes the next task
    // for the partition wipe them and restore the committed changelog (StateConfig::exactly_once).
    CloseTasks(false);
    in_transaction_ = false;
    Status abort = producer_->AbortTransaction(kTransactionTimeoutMs);
    if (!abort.ok()) {
        // Fenced or failed for good: a new producer's InitTransactions cleans up after it.
        RLOG_WARN("query", "query {}: cannot abort the transaction ({}); replacing the producer",
                  query_id(), abort.message());
        producer_.reset();
        transactions_ready_ = false;
        ASSIGN_OR_RETURN(producer_, options_.kafka->CreateProducer(producer_config_));
    }
    if (stop_.load()) return Status::Ok();  // stopping: nothing more is consumed
    // A new group member starts at the committed offsets (the consumer interface has no seek).
    consumer_->Close();
    ASSIGN_OR_RETURN(consumer_, options_.kafka->CreateConsumer(consumer_config_));
    return consumer_->Subscribe(subscription_);
}

}  // namespace runnel::runtime
