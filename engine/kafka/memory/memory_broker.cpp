// MemoryBroker: topics, appends, committed offsets and group membership of the in-process broker.

#include "engine/kafka/memory/memory_broker.h"

#include <algorithm>
#include <chrono>

#include "fmt/format.h"

namespace runnel::kafka {

namespace {

// Kafka's rule: 1..249 characters from [a-zA-Z0-9._-], and not "." or "..".
Status ValidateTopicName(const std::string& name) {
    if (name.empty() || name.size() > 249 || name == "." || name == "..") {
        return Status::Invalid(fmt::format("invalid topic name '{}'", name));
    }
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok) {
            return Status::Invalid(
                fmt::format("invalid topic name '{}': only [a-zA-Z0-9._-] are allowed", name));
        }
    }
    return Status::Ok();
}

TopicInfo InfoOf(const MemoryTopic& t) {
    return TopicInfo{t.name, static_cast<int32_t>(t.partitions.size()), t.replication};
}

}  // namespace

Status MemoryBroker::CreateTopic(const std::string& name, int32_t partitions, int32_t replication,
                                 const std::map<std::string, std::string>& configs) {
    RETURN_IF_ERROR(ValidateTopicName(name));
    if (partitions == -1) partitions = 1;
    if (partitions < 1) {
        return Status::Invalid(
            fmt::format("topic '{}': partition count must be >= 1, got {}", name, partitions));
    }
    if (replication == -1) replication = 1;
    if (replication < 1) {
        return Status::Invalid(
            fmt::format("topic '{}': replication must be >= 1, got {}", name, replication));
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (topics_.count(name) != 0) {
        return Status::AlreadyExists(fmt::format("topic '{}' already exists", name));
    }
    auto topic = std::make_shared<MemoryTopic>();
    topic->name = name;
    topic->replication = replication;
    topic->incarnation = next_incarnation_++;
    topic->configs = configs;
    topic->partitions = std::vector<MemoryPartition>(static_cast<size_t>(partitions));
    topics_.emplace(name, std::move(topic));
    data_cv_.notify_all();  // subscribers waiting for the topic to appear
    return Status::Ok();
}

Status MemoryBroker::DeleteTopic(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = topics_.find(name);
    if (it == topics_.end()) {
        return Status::NotFound(fmt::format("topic '{}' does not exist", name));
    }
    topics_.erase(it);
    for (auto c = committed_.begin(); c != committed_.end();) {
        if (std::get<1>(c->first) == name) {
            c = committed_.erase(c);
        } else {
            ++c;
        }
    }
    data_cv_.notify_all();
    return Status::Ok();
}

std::vector<TopicInfo> MemoryBroker::ListTopics() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<TopicInfo> out;
    out.reserve(topics_.size());
    for (const auto& [name, topic] : topics_) out.push_back(InfoOf(*topic));
    return out;
}

Result<TopicInfo> MemoryBroker::DescribeTopic(const std::string& name) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto topic = FindLocked(name);
    if (!topic) return Status::NotFound(fmt::format("topic '{}' does not exist", name));
    return InfoOf(*topic);
}

Result<TopicPartition> MemoryBroker::Produce(const std::string& topic_name,
                                             std::optional<std::string> key,
                                             std::optional<std::string> value, int64_t timestamp,
                                             Headers headers, int32_t partition) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto topic = FindLocked(topic_name);
    if (!topic) return Status::NotFound(fmt::format("topic '{}' does not exist", topic_name));
    const auto count = static_cast<int32_t>(topic->partitions.size());
    if (partition >= count) {
        return Status::NotFound(fmt::format("topic '{}' has no partition {} ({} partitions)",
                                            topic_name, partition, count));
    }
    if (partition < 0) {
        partition = key ? DefaultPartition(key->data(), key->size(), count)
                        : static_cast<int32_t>(topic->next_round_robin++ % count);
    }
    const int64_t offset = AppendLocked(*topic, partition, key ? key->data() : nullptr,
                                        key ? key->size() : 0, value ? value->data() : nullptr,
                                        value ? value->size() : 0, timestamp, &headers);
    return TopicPartition{topic_name, partition, offset};
}

std::vector<MemoryRecord> MemoryBroker::Read(const std::string& topic_name) const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<MemoryRecord> out;
    auto topic = FindLocked(topic_name);
    if (!topic) return out;
    for (const auto& p : topic->partitions) {
        for (const auto& r : p.records) {
            if (!r.control) out.push_back(r.record);
        }
    }
    return out;
}

std::vector<MemoryRecord> MemoryBroker::ReadCommitted(const std::string& topic_name) const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<MemoryRecord> out;
    auto topic = FindLocked(topic_name);
    if (!topic) return out;
    for (const auto& p : topic->partitions) {
        const int64_t stable = LastStableOffset(p);
        for (int64_t o = 0; o < stable; ++o) {
            const StoredRecord& r = p.records[static_cast<size_t>(o)];
            if (r.control) continue;
            if (r.txn != 0 && TxnStateLocked(r.txn) != TxnState::kCommitted) continue;
            out.push_back(r.record);
        }
    }
    return out;
}

std::vector<MemoryRecord> MemoryBroker::Read(const std::string& topic_name,
                                             int32_t partition) const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<MemoryRecord> out;
    auto topic = FindLocked(topic_name);
    if (!topic || partition < 0 || partition >= static_cast<int32_t>(topic->partitions.size())) {
        return out;
    }
    for (const auto& r : topic->partitions[partition].records) {
        if (!r.control) out.push_back(r.record);
    }
    return out;
}

Result<int64_t> MemoryBroker::EndOffset(const std::string& topic_name, int32_t partition) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto topic = FindLocked(topic_name);
    if (!topic || partition < 0 || partition >= static_cast<int32_t>(topic->partitions.size())) {
        return Status::NotFound(
            fmt::format("no partition {} of topic '{}'", partition, topic_name));
    }
    return static_cast<int64_t>(topic->partitions[partition].records.size());
}

size_t MemoryBroker::RecordCount(const std::string& topic_name) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto topic = FindLocked(topic_name);
    size_t n = 0;
    if (topic) {
        for (const auto& p : topic->partitions) {
            n += p.records.size() - static_cast<size_t>(p.control_records);
        }
    }
    return n;
}

bool MemoryBroker::WaitForRecords(const std::string& topic_name, size_t count,
                                  int timeout_ms) const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    std::unique_lock<std::mutex> lock(mutex_);
    auto enough = [&] {
        auto topic = FindLocked(topic_name);
        if (!topic) return false;
        size_t n = 0;
        for (const auto& p : topic->partitions) {
            n += p.records.size() - static_cast<size_t>(p.control_records);
        }
        return n >= count;
    };
    return data_cv_.wait_until(lock, deadline, enough);
}

int64_t MemoryBroker::Committed(const std::string& group, const std::string& topic,
                                int32_t partition) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return CommittedLocked(group, topic, partition);
}

Status MemoryBroker::SetCommitted(const std::string& group, const std::string& topic,
                                  int32_t partition, int64_t offset) {
    std::lock_guard<std::mutex> lock(mutex_);
    return CommitLocked(group, topic, partition, offset);
}

std::shared_ptr<MemoryTopic> MemoryBroker::FindLocked(std::string_view name) const {
    auto it = topics_.find(name);
    return it == topics_.end() ? nullptr : it->second;
}

int64_t MemoryBroker::AppendLocked(MemoryTopic& topic, int32_t partition, const char* key,
                                   size_t key_size, const char* value, size_t value_size,
                                   int64_t timestamp, const Headers* headers, uint64_t txn) {
    MemoryPartition& part = topic.partitions[partition];
    auto& records = part.records;
    const auto offset = static_cast<int64_t>(records.size());
    StoredRecord& stored = records.emplace_back();
    stored.txn = txn;
    if (txn != 0 && part.open_txns.emplace(txn, offset).second) {
        auto it = txns_.find(txn);
        if (it != txns_.end()) it->second.partitions.emplace_back(topic.name, topic.incarnation, partition);
    }
    MemoryRecord& r = stored.record;
    if (key != nullptr) r.key.emplace(key, key_size);
    if (value != nullptr) r.value.emplace(value, value_size);
    r.timestamp = timestamp < 0 ? 0 : timestamp;
    r.partition = partition;
    r.offset = offset;
    if (headers != nullptr && !headers->empty()) {
        r.headers = *headers;
        // Views point into r.headers, which never moves again (the deque keeps elements in
        // place and the record is never copied inside the broker).
        stored.header_views.reserve(r.headers.size());
        for (const auto& h : r.headers) {
            stored.header_views.push_back(
                HeaderView{h.key, h.value_null ? std::string_view() : std::string_view(h.value),
                           h.value_null});
        }
    }
    data_cv_.notify_all();
    return offset;
}

Status MemoryBroker::CommitLocked(const std::string& group, const std::string& topic_name,
                                  int32_t partition, int64_t offset) {
    if (group.empty()) return Status::Invalid("cannot commit offsets without a group id");
    auto topic = FindLocked(topic_name);
    if (!topic || partition < 0 || partition >= static_cast<int32_t>(topic->partitions.size())) {
        return Status::NotFound(fmt::format("commit for group '{}': no partition {} of topic '{}'",
                                            group, partition, topic_name));
    }
    if (offset < 0) {
        return Status::Invalid(fmt::format("commit for group '{}': invalid offset {} for {}[{}]",
                                           group, offset, topic_name, partition));
    }
    committed_[OffsetKey{group, topic_name, partition}] = offset;
    return Status::Ok();
}

int64_t MemoryBroker::CommittedLocked(const std::string& group, const std::string& topic,
                                      int32_t partition) const {
    auto it = committed_.find(OffsetKey{group, topic, partition});
    return it == committed_.end() ? kOffsetInvalid : it->second;
}

uint64_t MemoryBroker::JoinGroupLocked(const std::string& group) {
    const uint64_t id = next_member_id_++;
    group_members_[group] = id;
    return id;
}

bool MemoryBroker::IsCurrentMemberLocked(const std::string& group, uint64_t member) const {
    auto it = group_members_.find(group);
    return it != group_members_.end() && it->second == member;
}

void MemoryBroker::LeaveGroupLocked(const std::string& group, uint64_t member) {
    auto it = group_members_.find(group);
    if (it != group_members_.end() && it->second == member) group_members_.erase(it);
}

// ------------------------------------------------------------------------- transactions --

uint64_t MemoryBroker::InitTransactionsLocked(const std::string& transactional_id) {
    TransactionalId& id = transactional_ids_[transactional_id];
    ++id.epoch;
    if (id.open_txn != 0) {
        // What the previous producer left open is aborted, as a Kafka coordinator does.
        Status st = EndTransactionLocked(id.open_txn, /*commit=*/false);
        (void)st;  // an abort cannot fail
        id.open_txn = 0;
    }
    return id.epoch;
}

bool MemoryBroker::IsCurrentEpochLocked(const std::string& transactional_id,
                                        uint64_t epoch) const {
    auto it = transactional_ids_.find(transactional_id);
    return it != transactional_ids_.end() && it->second.epoch == epoch;
}

uint64_t MemoryBroker::BeginTransactionLocked(const std::string& transactional_id) {
    const uint64_t txn = next_txn_++;
    txns_[txn].transactional_id = transactional_id;
    transactional_ids_[transactional_id].open_txn = txn;
    return txn;
}

Status MemoryBroker::EndTransactionLocked(uint64_t txn_id, bool commit) {
    auto it = txns_.find(txn_id);
    if (it == txns_.end() || it->second.state != TxnState::kOpen) {
        return Status::Internal(fmt::format("transaction {} is not open", txn_id));
    }
    Txn& txn = it->second;
    if (commit) {
        // Kafka's generation check on transactional offset commits: offsets of a consumer that
        // is no longer its group's member (a zombie) are refused, and so is the transaction.
        for (const auto& [group, member] : txn.offset_members) {
            if (member != 0 && !IsCurrentMemberLocked(group, member)) {
                return Status::IoError(fmt::format(
                    "transaction of '{}' cannot commit offsets for group '{}': the consumer that "
                    "sent them is no longer the group's member (fenced); abort the transaction",
                    txn.transactional_id, group));
            }
        }
        for (const auto& [key, offset] : txn.offsets) {
            auto topic = FindLocked(std::get<1>(key));
            if (!topic) continue;  // deleted meanwhile
            committed_[key] = offset;
        }
    }
    txn.state = commit ? TxnState::kCommitted : TxnState::kAborted;
    for (const auto& [name, incarnation, partition] : txn.partitions) {
        auto topic = FindLocked(name);
        if (!topic || topic->incarnation != incarnation) continue;  // deleted meanwhile
        MemoryPartition& part = topic->partitions[partition];
        part.open_txns.erase(txn_id);
        StoredRecord& marker = part.records.emplace_back();
        marker.txn = txn_id;
        marker.control = true;
        marker.record.partition = partition;
        marker.record.offset = static_cast<int64_t>(part.records.size()) - 1;
        ++part.control_records;
    }
    txn.partitions.clear();
    txn.offsets.clear();
    txn.offset_members.clear();
    auto id = transactional_ids_.find(txn.transactional_id);
    if (id != transactional_ids_.end() && id->second.open_txn == txn_id) id->second.open_txn = 0;
    data_cv_.notify_all();
    return Status::Ok();
}

MemoryBroker::TxnState MemoryBroker::TxnStateLocked(uint64_t txn) const {
    auto it = txns_.find(txn);
    return it == txns_.end() ? TxnState::kAborted : it->second.state;
}

int64_t MemoryBroker::LastStableOffset(const MemoryPartition& partition) {
    int64_t stable = static_cast<int64_t>(partition.records.size());
    for (const auto& [txn, first] : partition.open_txns) stable = std::min(stable, first);
    return stable;
}

}  // namespace runnel::kafka
