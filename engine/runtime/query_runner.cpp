#include "engine/runtime/query_runner.h"

#include <algorithm>
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
    if (o.application_id.empty()) o.application_id = o.group_id.empty() ? o.plan->query_id : o.group_id;
    if (r->exactly_once()) {
        // Exactly-once: only committed input (repartition topics are written in transactions);
        // stores not closed cleanly may hold writes of an aborted transaction.
        cc.read_committed = true;
        o.state.exactly_once = true;
        if (o.transactional_id.empty()) o.transactional_id = o.application_id + "-tx";
    }
    r->consumer_config_ = cc;
    ASSIGN_OR_RETURN(r->consumer_, o.kafka->CreateConsumer(cc));
    r->segments_ = SplitSegments(*o.plan, o.application_id);
    {
        auto info = o.kafka->admin().DescribeTopic(source.topic);
        if (info.ok()) r->source_partitions_ = std::max<int32_t>(1, info->partitions);
    }
    // Every topic a segment reads. A repartition topic gets the partition count of the source
    // it is joined with in its segment (co-partitioning), else the query source's, as Kafka
    // Streams does. Changelogs get the largest count any input has.
    std::vector<std::string> topics;
    std::vector<std::string> source_topics;
    int32_t max_partitions = r->source_partitions_;
    for (const auto& seg : r->segments_) {
        int32_t seg_partitions = 0;
        for (const auto& in : seg.inputs) {
            if (in.source == nullptr) continue;
            auto info = o.kafka->admin().DescribeTopic(in.topic);
            if (info.ok()) seg_partitions = std::max(seg_partitions, info->partitions);
        }
        if (seg_partitions == 0) seg_partitions = r->source_partitions_;
        max_partitions = std::max(max_partitions, seg_partitions);
        for (const auto& in : seg.inputs) {
            if (std::find(topics.begin(), topics.end(), in.topic) != topics.end()) continue;
            topics.push_back(in.topic);
            if (in.source != nullptr) {
                source_topics.push_back(in.topic);
            } else if (o.persistent) {
                Status st = o.kafka->admin().CreateTopic(in.topic, seg_partitions, -1, {});
                if (!st.ok() && st.code() != StatusCode::kAlreadyExists) return st;
            }
        }
    }
    r->changelog_partitions_ = max_partitions;
    if (o.persistent) {
        RETURN_IF_ERROR(r->consumer_->Subscribe(topics));
        r->subscription_ = topics;
        kafka::ProducerConfig pc;
        pc.client_id = o.plan->query_id;
        pc.extra = o.producer_extra;
        if (r->exactly_once()) pc.transactional_id = o.transactional_id;
        r->producer_config_ = pc;
        ASSIGN_OR_RETURN(r->producer_, o.kafka->CreateProducer(pc));
    } else {
        std::vector<kafka::TopicPartition> parts;
        int64_t start = o.auto_offset_reset == "earliest" ? kafka::kOffsetBeginning : kafka::kOffsetEnd;
        for (const auto& topic : source_topics) {
            ASSIGN_OR_RETURN(auto info, o.kafka->admin().DescribeTopic(topic));
            for (int32_t p = 0; p < info.partitions; ++p) parts.push_back({topic, p, start});
        }
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
        CloseTasks(cs.ok());
        if (consumer_) consumer_->Close();
        finished_.store(true);
    }
}

void QueryRunner::CloseTasks(bool clean) {
    waiting_.clear();  // held records are not committed: they are read again
    for (auto& [id, task] : tasks_) task->Close(clean);
    tasks_.clear();
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
    CloseTasks(st.ok());
    if (consumer_) consumer_->Close();
    finished_.store(true);
}

Result<Task*> QueryRunner::TaskFor(const std::string& topic, int32_t partition) {
    const TaskSegment* segment = nullptr;
    for (const auto& seg : segments_) {
        for (const auto& in : seg.inputs) {
            if (in.topic == topic && segment == nullptr) segment = &seg;
        }
    }
    if (segment == nullptr) return Status::Internal("no sub-topology reads topic " + topic);
    auto id = std::make_pair(segment->subtopology, partition);
    auto it = tasks_.find(id);
    if (it != tasks_.end()) return it->second.get();
    TaskContext ctx;
    ctx.query_id = query_id();
    ctx.producer = producer_.get();
    ctx.processing_log = options_.processing_log;
    ctx.collect = options_.collect;
    ctx.state_config = &options_.state;
    ctx.kafka = options_.persistent ? options_.kafka : nullptr;
    ctx.application_id = options_.application_id;
    ctx.partition = partition;
    ctx.changelog_partitions = changelog_partitions_;
    ASSIGN_OR_RETURN(auto task, Task::Make(options_.plan, *segment, std::move(ctx)));
    Task* raw = task.get();
    tasks_.emplace(id, std::move(task));
    return raw;
}

Status QueryRunner::Commit() {
    if (exactly_once()) return CommitTransaction();
    // Stores first: their caches reach the changelogs and emit downstream (push queries too).
    for (auto& [id, task] : tasks_) RETURN_IF_ERROR(task->FlushState());
    if (!options_.persistent || pending_offsets_.empty()) return Status::Ok();
    // At-least-once: everything produced so far is acknowledged before the offsets move.
    RETURN_IF_ERROR(producer_->Flush(30000));
    for (auto& [id, task] : tasks_) RETURN_IF_ERROR(task->CheckpointState());
    std::vector<kafka::TopicPartition> offsets;
    for (const auto& [tp, next] : pending_offsets_) offsets.push_back({tp.first, tp.second, next});
    RETURN_IF_ERROR(consumer_->Commit(offsets));
    pending_offsets_.clear();
    return Status::Ok();
}

Result<size_t> QueryRunner::Step(int timeout_ms) {
    if (exactly_once()) {
        RETURN_IF_ERROR(InitTransactionsIfNeeded());
        if (!transactions_ready_) return size_t{0};  // broker unreachable: retried next step
    }
    Status st = consumer_->Poll(records_, options_.max_batch, timeout_ms);
    if (!st.ok()) {
        // Transient broker trouble: report and retry rather than fail the query.
        if (++poll_failures_ % 50 == 1) {
            RLOG_WARN("query", "query {}: poll failed: {}", query_id(), st.message());
        }
        return size_t{0};
    }
    poll_failures_ = 0;
    if (exactly_once() && !records_.empty()) {
        // Every record produced while these records are processed belongs to the transaction.
        RETURN_IF_ERROR(BeginTransactionIfNeeded());
        if (records_.empty()) return size_t{0};  // the transaction could not begin: rewound
    }
    size_t i = 0;
    while (i < records_.size()) {
        size_t j = i;
        while (j < records_.size() && records_[j].partition == records_[i].partition &&
               records_[j].topic == records_[i].topic) {
            ++j;
        }
        ASSIGN_OR_RETURN(Task * task, TaskFor(*records_[i].topic, records_[i].partition));
        if (!exactly_once() && task->input_topics().size() > 1) {
            Hold(task, &records_[i], j - i);
            i = j;
            continue;
        }
        if (Status ps = task->Process(&records_[i], j - i); !ps.ok()) {
            if (!exactly_once()) return ps;
            // E.g. the producer was fenced or its transaction timed out: start over from the
            // last commit (a failure that repeats fails the query).
            RETURN_IF_ERROR(RewindAfterFailure(ps));
            return size_t{0};
        }
        pending_offsets_[{*records_[i].topic, records_[i].partition}] = records_[j - 1].offset + 1;
        if (task->done()) {
            done_ = true;
            break;
        }
        i = j;
    }
    // Held records of joins: released in timestamp order; all of them once the poll is empty
    // (caught up) or a task holds too many.
    constexpr size_t kMaxHeld = 20000;
    size_t released = 0;
    for (auto& [task, queues] : waiting_) {
        if (done_) break;
        ASSIGN_OR_RETURN(size_t n, Release(task, queues, records_.empty() || queues.size > kMaxHeld));
        released += n;
    }
    return records_.size() + released;
}

void QueryRunner::Hold(Task* task, const kafka::RecordView* records, size_t count) {
    auto& queues = waiting_[task];
    for (size_t i = 0; i < count; ++i) {
        const auto& r = records[i];
        OwnedRecord o{r.partition, r.offset, r.timestamp, std::nullopt, std::nullopt, {}};
        if (r.key) o.key.emplace(r.key, r.key_size);
        if (r.value) o.value.emplace(r.value, r.value_size);
        for (size_t h = 0; h < r.header_count; ++h) {
            std::optional<std::string> v;
            if (!r.headers[h].value_null) v.emplace(r.headers[h].value);
            o.headers.emplace_back(std::string(r.headers[h].key), std::move(v));
        }
        queues.by_topic[*r.topic].push_back(std::move(o));
        ++queues.size;
    }
}

Result<size_t> QueryRunner::Release(Task* task, InputQueues& queues, bool force) {
    const auto& topics = task->input_topics();
    size_t processed = 0;
    std::vector<kafka::RecordView> views;
    std::vector<std::vector<kafka::HeaderView>> header_views;
    while (queues.size > 0 && !done_) {
        // The input whose next record is oldest goes first (ties: the earlier input, e.g. a
        // join's left side before its right side's rows of the same time).
        const std::string* pick = nullptr;
        int64_t pick_ts = 0;
        bool all_have = true;
        for (const auto& topic : topics) {
            auto it = queues.by_topic.find(topic);
            if (it == queues.by_topic.end() || it->second.empty()) {
                all_have = false;
                continue;
            }
            if (pick == nullptr || it->second.front().timestamp < pick_ts) {
                pick = &it->first;
                pick_ts = it->second.front().timestamp;
            }
        }
        if (pick == nullptr || (!all_have && !force)) break;
        int64_t limit = INT64_MAX;  // the oldest head among the other inputs
        for (const auto& [topic, q] : queues.by_topic) {
            if (&topic != pick && !q.empty()) limit = std::min(limit, q.front().timestamp);
        }
        auto& q = queues.by_topic[*pick];
        size_t n = 0;
        while (n < q.size() && n < options_.max_batch && (n == 0 || q[n].timestamp <= limit)) ++n;
        views.assign(n, kafka::RecordView{});
        header_views.assign(n, {});
        for (size_t k = 0; k < n; ++k) {
            const auto& o = q[k];
            auto& v = views[k];
            v.topic = pick;
            v.partition = o.partition;
            v.offset = o.offset;
            v.timestamp = o.timestamp;
            if (o.key) {
                v.key = o.key->data();
                v.key_size = o.key->size();
            }
            if (o.value) {
                v.value = o.value->data();
                v.value_size = o.value->size();
            }
            for (const auto& [hk, hv] : o.headers) {
                header_views[k].push_back({hk, hv ? std::string_view(*hv) : std::string_view(), !hv});
            }
            v.headers = header_views[k].data();
            v.header_count = header_views[k].size();
        }
        RETURN_IF_ERROR(task->Process(views.data(), n));
        pending_offsets_[{*pick, views[n - 1].partition}] = views[n - 1].offset + 1;
        for (size_t k = 0; k < n; ++k) q.pop_front();
        queues.size -= n;
        processed += n;
        if (task->done()) done_ = true;
    }
    return processed;
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
