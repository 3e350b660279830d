#include "engine/runtime/query_runner.h"

#include <chrono>

#include "engine/common/log.h"

namespace runnel::runtime {

namespace {
int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
}  // namespace

Result<std::unique_ptr<QueryRunner>> QueryRunner::Start(RunnerOptions options) {
    std::unique_ptr<QueryRunner> r(new QueryRunner(std::move(options)));
    auto& o = r->options_;
    const auto& source = o.plan->source();
    kafka::ConsumerConfig cc;
    cc.group_id = o.persistent ? o.group_id : "";
    cc.client_id = o.plan->query_id;
    cc.auto_offset_reset = o.auto_offset_reset;
    cc.extra = o.consumer_extra;
    ASSIGN_OR_RETURN(r->consumer_, o.kafka->CreateConsumer(cc));
    if (o.persistent) {
        RETURN_IF_ERROR(r->consumer_->Subscribe({source.topic}));
        kafka::ProducerConfig pc;
        pc.client_id = o.plan->query_id;
        pc.extra = o.producer_extra;
        ASSIGN_OR_RETURN(r->producer_, o.kafka->CreateProducer(pc));
    } else {
        ASSIGN_OR_RETURN(auto info, o.kafka->admin().DescribeTopic(source.topic));
        std::vector<kafka::TopicPartition> parts;
        int64_t start = o.auto_offset_reset == "earliest" ? kafka::kOffsetBeginning : kafka::kOffsetEnd;
        for (int32_t p = 0; p < info.partitions; ++p) parts.push_back({source.topic, p, start});
        RETURN_IF_ERROR(r->consumer_->Assign(parts));
    }
    if (!r->options_.synchronous) r->thread_ = std::thread([raw = r.get()] { raw->Run(); });
    return r;
}

QueryRunner::~QueryRunner() { Stop(); }

void QueryRunner::Stop() {
    stop_.store(true);
    if (thread_.joinable()) {
        thread_.join();
    } else if (options_.synchronous && !finished_.load()) {
        Status cs = Commit();
        if (!cs.ok()) RLOG_WARN("query", "query {}: final commit failed: {}", query_id(), cs.message());
        if (consumer_) consumer_->Close();
        finished_.store(true);
    }
}

std::string QueryRunner::state() const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!error_.empty()) return "ERROR";
    return finished_.load() ? "STOPPED" : "RUNNING";
}

std::string QueryRunner::error() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return error_;
}

void QueryRunner::Run() {
    Status st = RunLoop();
    if (!st.ok()) {
        RLOG_ERROR("query", "query {} failed: {}", query_id(), st.message());
        std::lock_guard<std::mutex> lock(mutex_);
        error_ = st.message();
    }
    if (consumer_) consumer_->Close();
    finished_.store(true);
}

Result<Task*> QueryRunner::TaskFor(int32_t partition) {
    auto it = tasks_.find(partition);
    if (it != tasks_.end()) return it->second.get();
    TaskContext ctx;
    ctx.query_id = query_id();
    ctx.producer = producer_.get();
    ctx.processing_log = options_.processing_log;
    ctx.collect = options_.collect;
    ASSIGN_OR_RETURN(auto task, Task::Make(options_.plan, std::move(ctx)));
    Task* raw = task.get();
    tasks_.emplace(partition, std::move(task));
    return raw;
}

Status QueryRunner::Commit() {
    if (!options_.persistent || pending_offsets_.empty()) return Status::Ok();
    // At-least-once: everything produced so far is acknowledged before the offsets move.
    RETURN_IF_ERROR(producer_->Flush(30000));
    std::vector<kafka::TopicPartition> offsets;
    for (const auto& [tp, next] : pending_offsets_) offsets.push_back({tp.first, tp.second, next});
    RETURN_IF_ERROR(consumer_->Commit(offsets));
    pending_offsets_.clear();
    return Status::Ok();
}

Result<size_t> QueryRunner::Step(int timeout_ms) {
    Status st = consumer_->Poll(records_, options_.max_batch, timeout_ms);
    if (!st.ok()) {
        // Transient broker trouble: report and retry rather than fail the query.
        if (++poll_failures_ % 50 == 1) {
            RLOG_WARN("query", "query {}: poll failed: {}", query_id(), st.message());
        }
        return size_t{0};
    }
    poll_failures_ = 0;
    size_t i = 0;
    while (i < records_.size()) {
        size_t j = i;
        while (j < records_.size() && records_[j].partition == records_[i].partition &&
               records_[j].topic == records_[i].topic) {
            ++j;
        }
        ASSIGN_OR_RETURN(Task * task, TaskFor(records_[i].partition));
        RETURN_IF_ERROR(task->Process(&records_[i], j - i));
        pending_offsets_[{*records_[i].topic, records_[i].partition}] = records_[j - 1].offset + 1;
        if (task->done()) {
            done_ = true;
            break;
        }
        i = j;
    }
    return records_.size();
}

Status QueryRunner::RunLoop() {
    int64_t last_commit = NowMs();
    while (!stop_.load() && !done_) {
        ASSIGN_OR_RETURN(size_t n, Step(100));
        (void)n;
        if (NowMs() - last_commit >= options_.commit_interval_ms) {
            Status cs = Commit();
            if (!cs.ok()) RLOG_WARN("query", "query {}: commit failed, will retry: {}", query_id(), cs.message());
            last_commit = NowMs();
        }
    }
    Status cs = Commit();
    if (!cs.ok()) RLOG_WARN("query", "query {}: final commit failed: {}", query_id(), cs.message());
    return Status::Ok();
}

}  // namespace runnel::runtime
