// MemoryConsumer: subscription, assignment, round-robin polling and commits on a MemoryBroker.

#include "engine/kafka/memory/memory_consumer.h"

#include <chrono>
#include <mutex>

#include "engine/common/log.h"
#include "fmt/format.h"

namespace runnel::kafka {

namespace {
constexpr std::string_view kLogComponent = "kafka.memory";

bool ResetsToLatest(const std::string& reset) {
    return reset == "latest" || reset == "largest" || reset == "end";
}
}  // namespace

MemoryConsumer::MemoryConsumer(std::shared_ptr<MemoryBroker> broker, ConsumerConfig config)
    : broker_(std::move(broker)), config_(std::move(config)) {}

MemoryConsumer::~MemoryConsumer() { Close(); }

Status MemoryConsumer::Subscribe(const std::vector<std::string>& topics) {
    if (closed_) return Status::Invalid("Subscribe on a closed consumer");
    if (config_.group_id.empty()) return Status::Invalid("Subscribe needs a consumer group id");
    std::lock_guard<std::mutex> lock(broker_->mutex_);
    if (subscribed_) broker_->LeaveGroupLocked(config_.group_id, member_id_);
    assigned_.clear();
    subscription_ = topics;
    subscribed_ = !topics.empty();
    group_managed_ = true;
    fenced_logged_ = false;
    if (subscribed_) {
        member_id_ = broker_->JoinGroupLocked(config_.group_id);
        RefreshSubscriptionLocked();
    }
    return Status::Ok();
}

Status MemoryConsumer::Assign(const std::vector<TopicPartition>& partitions) {
    if (closed_) return Status::Invalid("Assign on a closed consumer");
    if (group_managed_) {
        return Status::Invalid(
            "Assign on a consumer that subscribed to topics; use a separate consumer for manual "
            "assignment");
    }
    std::lock_guard<std::mutex> lock(broker_->mutex_);
    std::vector<Assigned> next;
    next.reserve(partitions.size());
    for (const auto& tp : partitions) {
        for (const auto& a : next) {
            if (a.topic == tp.topic && a.partition == tp.partition) {
                return Status::Invalid(
                    fmt::format("partition {}[{}] assigned twice", tp.topic, tp.partition));
            }
        }
        auto topic = broker_->FindLocked(tp.topic);
        if (!topic) return Status::NotFound(fmt::format("topic '{}' does not exist", tp.topic));
        if (tp.partition < 0 || tp.partition >= static_cast<int32_t>(topic->partitions.size())) {
            return Status::NotFound(fmt::format("topic '{}' has no partition {} ({} partitions)",
                                                tp.topic, tp.partition, topic->partitions.size()));
        }
        auto start = StartPositionLocked(*topic, tp.partition, tp.offset);
        if (!start.ok()) return start.status();
        next.push_back(Assigned{tp.topic, tp.partition, *start, topic->incarnation});
    }
    assigned_ = std::move(next);
    next_start_ = 0;
    return Status::Ok();
}

Status MemoryConsumer::Poll(std::vector<RecordView>& out, size_t max, int timeout_ms) {
    out.clear();
    held_.clear();
    if (closed_) return Status::Invalid("Poll on a closed consumer");
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(timeout_ms < 0 ? 0 : timeout_ms);
    std::unique_lock<std::mutex> lock(broker_->mutex_);
    while (true) {
        RefreshSubscriptionLocked();
        if (CollectLocked(out, max)) return Status::Ok();
        if (broker_->data_cv_.wait_until(lock, deadline) == std::cv_status::timeout) {
            RefreshSubscriptionLocked();
            CollectLocked(out, max);
            return Status::Ok();
        }
    }
}

Status MemoryConsumer::Commit(const std::vector<TopicPartition>& offsets) {
    if (closed_) return Status::Invalid("Commit on a closed consumer");
    if (config_.group_id.empty()) {
        return Status::Invalid("cannot commit offsets without a group id");
    }
    std::lock_guard<std::mutex> lock(broker_->mutex_);
    if (subscribed_ && !broker_->IsCurrentMemberLocked(config_.group_id, member_id_)) {
        return Status::IoError(fmt::format(
            "commit failed: this consumer is no longer the member of group '{}' (another "
            "consumer of the group subscribed; memory mode has one member per group)",
            config_.group_id));
    }
    for (const auto& tp : offsets) {
        RETURN_IF_ERROR(broker_->CommitLocked(config_.group_id, tp.topic, tp.partition, tp.offset));
    }
    return Status::Ok();
}

std::vector<TopicPartition> MemoryConsumer::Assignment() {
    std::vector<TopicPartition> out;
    if (closed_) return out;
    std::lock_guard<std::mutex> lock(broker_->mutex_);
    RefreshSubscriptionLocked();
    out.reserve(assigned_.size());
    for (const auto& a : assigned_) out.push_back(TopicPartition{a.topic, a.partition, a.position});
    return out;
}

Result<std::vector<TopicPartition>> MemoryConsumer::Committed(
    const std::vector<TopicPartition>& partitions, int /*timeout_ms*/) {
    if (config_.group_id.empty()) return Status::Invalid("no committed offsets without a group id");
    std::lock_guard<std::mutex> lock(broker_->mutex_);
    std::vector<TopicPartition> out = partitions;
    for (auto& tp : out) {
        tp.offset = broker_->CommittedLocked(config_.group_id, tp.topic, tp.partition);
    }
    return out;
}

Result<std::vector<TopicPartition>> MemoryConsumer::EndOffsets(
    const std::vector<TopicPartition>& partitions, int /*timeout_ms*/) {
    std::lock_guard<std::mutex> lock(broker_->mutex_);
    std::vector<TopicPartition> out = partitions;
    for (auto& tp : out) {
        auto topic = broker_->FindLocked(tp.topic);
        if (!topic || tp.partition < 0 ||
            tp.partition >= static_cast<int32_t>(topic->partitions.size())) {
            return Status::NotFound(
                fmt::format("no partition {} of topic '{}'", tp.partition, tp.topic));
        }
        const MemoryPartition& part = topic->partitions[tp.partition];
        tp.offset = config_.read_committed ? MemoryBroker::LastStableOffset(part)
                                           : static_cast<int64_t>(part.records.size());
    }
    return out;
}

Result<ConsumerGroupMetadata> MemoryConsumer::GroupMetadata() {
    if (closed_) return Status::Invalid("GroupMetadata on a closed consumer");
    if (config_.group_id.empty()) return Status::Invalid("a consumer without a group id has no group metadata");
    ConsumerGroupMetadata md;
    md.group_id = config_.group_id;
    if (subscribed_) {
        md.member_id = std::to_string(member_id_);
        md.generation_id = static_cast<int32_t>(member_id_);
    }
    return md;
}

void MemoryConsumer::Close() {
    if (closed_) return;
    closed_ = true;
    std::lock_guard<std::mutex> lock(broker_->mutex_);
    if (subscribed_) broker_->LeaveGroupLocked(config_.group_id, member_id_);
    subscribed_ = false;
    assigned_.clear();
    held_.clear();
}

int64_t MemoryConsumer::ResetPositionLocked(const MemoryTopic& topic, int32_t partition) const {
    if (ResetsToLatest(config_.auto_offset_reset)) {
        return static_cast<int64_t>(topic.partitions[partition].records.size());
    }
    return 0;
}

Result<int64_t> MemoryConsumer::StartPositionLocked(const MemoryTopic& topic, int32_t partition,
                                                    int64_t requested) const {
    if (requested >= 0) return requested;
    if (requested == kOffsetBeginning) return int64_t{0};
    if (requested == kOffsetEnd) {
        return static_cast<int64_t>(topic.partitions[partition].records.size());
    }
    if (requested == kOffsetStored) {
        if (!config_.group_id.empty()) {
            const int64_t c = broker_->CommittedLocked(config_.group_id, topic.name, partition);
            if (c >= 0) return c;
        }
        return ResetPositionLocked(topic, partition);
    }
    return Status::Invalid(
        fmt::format("invalid start offset {} for {}[{}]", requested, topic.name, partition));
}

void MemoryConsumer::RefreshSubscriptionLocked() {
    if (!subscribed_) return;
    if (!broker_->IsCurrentMemberLocked(config_.group_id, member_id_)) {
        if (!fenced_logged_) {
            RLOG_INFO(kLogComponent,
                      "consumer of group '{}' lost its partitions: a newer consumer of the group "
                      "subscribed (memory mode has one member per group)",
                      config_.group_id);
            fenced_logged_ = true;
        }
        assigned_.clear();
        return;
    }
    for (const auto& name : subscription_) {
        auto topic = broker_->FindLocked(name);
        if (!topic) continue;
        const auto count = static_cast<int32_t>(topic->partitions.size());
        int32_t have = 0;
        for (const auto& a : assigned_) {
            if (a.topic == name) ++have;
        }
        if (have == count) continue;
        for (int32_t p = 0; p < count; ++p) {
            bool found = false;
            for (const auto& a : assigned_) {
                if (a.topic == name && a.partition == p) {
                    found = true;
                    break;
                }
            }
            if (found) continue;
            auto start = StartPositionLocked(*topic, p, kOffsetStored);
            assigned_.push_back(Assigned{name, p, start.ok() ? *start : 0, topic->incarnation});
        }
    }
}

const StoredRecord* MemoryConsumer::NextVisibleLocked(const MemoryTopic& topic, Assigned& a) {
    const MemoryPartition& part = topic.partitions[a.partition];
    const auto end = static_cast<int64_t>(part.records.size());
    while (a.position < end) {
        const StoredRecord& s = part.records[static_cast<size_t>(a.position)];
        if (s.control) {
            ++a.position;  // markers are never handed out, but the position moves past them
            continue;
        }
        if (s.txn != 0 && config_.read_committed) {
            const auto state = broker_->TxnStateLocked(s.txn);
            if (state == MemoryBroker::TxnState::kOpen) return nullptr;  // the last stable offset
            if (state == MemoryBroker::TxnState::kAborted) {
                ++a.position;
                continue;
            }
        }
        return &s;
    }
    return nullptr;
}

bool MemoryConsumer::CollectLocked(std::vector<RecordView>& out, size_t max) {
    const size_t n = assigned_.size();
    if (n == 0 || max == 0) return false;
    // Resolve every assigned partition to its live topic (it may be gone or re-created).
    std::vector<std::shared_ptr<const MemoryTopic>> resolved(n);
    for (size_t i = 0; i < n; ++i) {
        Assigned& a = assigned_[i];
        auto topic = broker_->FindLocked(a.topic);
        if (!topic || a.partition >= static_cast<int32_t>(topic->partitions.size())) continue;
        const auto end = static_cast<int64_t>(topic->partitions[a.partition].records.size());
        if (topic->incarnation != a.incarnation) {
            a.incarnation = topic->incarnation;
            a.position = ResetPositionLocked(*topic, a.partition);
        } else if (a.position > end) {
            // Out of range, as Kafka: reset by auto_offset_reset.
            a.position = ResetPositionLocked(*topic, a.partition);
        }
        resolved[i] = std::move(topic);
    }
    const size_t start = next_start_ % n;
    size_t last = start;
    bool progress = true;
    while (progress && out.size() < max) {
        progress = false;
        for (size_t j = 0; j < n && out.size() < max; ++j) {
            const size_t idx = (start + j) % n;
            const MemoryTopic* topic = resolved[idx].get();
            if (topic == nullptr) continue;
            Assigned& a = assigned_[idx];
            const StoredRecord* next = NextVisibleLocked(*topic, a);
            if (next == nullptr) continue;
            const StoredRecord& s = *next;
            RecordView v;
            v.topic = &topic->name;
            v.partition = a.partition;
            v.offset = s.record.offset;
            v.timestamp = s.record.timestamp;
            if (s.record.key) {
                v.key = s.record.key->data();
                v.key_size = s.record.key->size();
            }
            if (s.record.value) {
                v.value = s.record.value->data();
                v.value_size = s.record.value->size();
            }
            if (!s.header_views.empty()) {
                v.headers = s.header_views.data();
                v.header_count = s.header_views.size();
            }
            out.push_back(v);
            ++a.position;
            last = idx;
            progress = true;
        }
    }
    if (out.empty()) return false;
    next_start_ = (last + 1) % n;
    held_ = std::move(resolved);
    return true;
}

}  // namespace runnel::kafka
