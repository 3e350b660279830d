// MemoryProducer: synchronous appends to a MemoryBroker with the Java-compatible partitioner, and
// the broker's transactions.

#include "engine/kafka/memory/memory_producer.h"

#include <charconv>
#include <mutex>

#include "fmt/format.h"

namespace runnel::kafka {

MemoryProducer::MemoryProducer(std::shared_ptr<MemoryBroker> broker, ProducerConfig config)
    : broker_(std::move(broker)), config_(std::move(config)) {}

MemoryProducer::~MemoryProducer() {
    if (txn_ == 0) return;
    std::lock_guard<std::mutex> lock(broker_->mutex_);
    // Kafka would abort it after transaction.timeout.ms; the memory broker has no timeouts.
    if (!fenced_ && broker_->IsCurrentEpochLocked(config_.transactional_id, epoch_)) {
        Status st = broker_->EndTransactionLocked(txn_, /*commit=*/false);
        (void)st;
    }
}

Status MemoryProducer::Produce(std::string_view topic_name, int32_t partition, const char* key,
                               size_t key_size, const char* value, size_t value_size,
                               int64_t timestamp, const Headers* headers) {
    std::lock_guard<std::mutex> lock(broker_->mutex_);
    if (transactional()) {
        RETURN_IF_ERROR(CheckNotFencedLocked());
        if (txn_ == 0) {
            return Status::Invalid(fmt::format(
                "transactional producer '{}': produce outside a transaction (BeginTransaction "
                "first)", config_.transactional_id));
        }
    }
    auto topic = broker_->FindLocked(topic_name);
    if (!topic) {
        return Status::NotFound(
            fmt::format("topic '{}' does not exist (topics are not auto-created)", topic_name));
    }
    const auto count = static_cast<int32_t>(topic->partitions.size());
    if (partition >= count) {
        return Status::NotFound(fmt::format("topic '{}' has no partition {} ({} partitions)",
                                            topic_name, partition, count));
    }
    if (partition < 0) {
        if (key != nullptr) {
            partition = DefaultPartition(key, key_size, count);
        } else {
            auto it = round_robin_.find(topic_name);
            if (it == round_robin_.end()) it = round_robin_.emplace(topic_name, 0).first;
            partition = static_cast<int32_t>(it->second++ % static_cast<uint32_t>(count));
        }
    }
    broker_->AppendLocked(*topic, partition, key, key_size, value, value_size, timestamp, headers,
                          txn_);
    return Status::Ok();
}

Status MemoryProducer::Flush(int /*timeout_ms*/) { return Status::Ok(); }

Status MemoryProducer::CheckNotFencedLocked() {
    if (epoch_ == 0) {
        return Status::Invalid(fmt::format(
            "transactional producer '{}': InitTransactions was not called",
            config_.transactional_id));
    }
    if (!fenced_ && broker_->IsCurrentEpochLocked(config_.transactional_id, epoch_)) {
        return Status::Ok();
    }
    fenced_ = true;
    return Status::IoError(fmt::format(
        "transactional producer '{}' was fenced by a newer producer with the same transactional "
        "id (fatal: create a new producer)", config_.transactional_id));
}

Status MemoryProducer::InitTransactions(int /*timeout_ms*/) {
    if (!transactional()) {
        return Status::Invalid("InitTransactions on a producer without a transactional id");
    }
    if (epoch_ != 0) return Status::Invalid("InitTransactions was already called");
    std::lock_guard<std::mutex> lock(broker_->mutex_);
    epoch_ = broker_->InitTransactionsLocked(config_.transactional_id);
    return Status::Ok();
}

Status MemoryProducer::BeginTransaction() {
    if (!transactional()) {
        return Status::Invalid("BeginTransaction on a producer without a transactional id");
    }
    std::lock_guard<std::mutex> lock(broker_->mutex_);
    RETURN_IF_ERROR(CheckNotFencedLocked());
    if (txn_ != 0) return Status::Invalid("BeginTransaction: a transaction is already open");
    txn_ = broker_->BeginTransactionLocked(config_.transactional_id);
    return Status::Ok();
}

Status MemoryProducer::SendOffsetsToTransaction(const std::vector<TopicPartition>& offsets,
                                                const ConsumerGroupMetadata& group,
                                                int /*timeout_ms*/) {
    if (!transactional()) {
        return Status::Invalid("SendOffsetsToTransaction on a producer without a transactional id");
    }
    if (group.group_id.empty()) {
        return Status::Invalid("SendOffsetsToTransaction needs the consumer's group id");
    }
    std::lock_guard<std::mutex> lock(broker_->mutex_);
    RETURN_IF_ERROR(CheckNotFencedLocked());
    if (txn_ == 0) return Status::Invalid("SendOffsetsToTransaction outside a transaction");
    MemoryBroker::Txn& txn = broker_->txns_.at(txn_);
    for (const auto& tp : offsets) {
        if (tp.offset < 0) continue;
        auto topic = broker_->FindLocked(tp.topic);
        if (!topic || tp.partition < 0 ||
            tp.partition >= static_cast<int32_t>(topic->partitions.size())) {
            return Status::NotFound(fmt::format("offsets for group '{}': no partition {} of topic '{}'",
                                                group.group_id, tp.partition, tp.topic));
        }
        txn.offsets[MemoryBroker::OffsetKey{group.group_id, tp.topic, tp.partition}] = tp.offset;
    }
    uint64_t member = 0;  // not a memory consumer's id: no generation check
    const std::string& m = group.member_id;
    std::from_chars(m.data(), m.data() + m.size(), member);
    txn.offset_members[group.group_id] = member;
    return Status::Ok();
}

Status MemoryProducer::CommitTransaction(int /*timeout_ms*/) {
    if (!transactional()) {
        return Status::Invalid("CommitTransaction on a producer without a transactional id");
    }
    std::lock_guard<std::mutex> lock(broker_->mutex_);
    RETURN_IF_ERROR(CheckNotFencedLocked());
    if (txn_ == 0) return Status::Invalid("CommitTransaction outside a transaction");
    RETURN_IF_ERROR(broker_->EndTransactionLocked(txn_, /*commit=*/true));
    txn_ = 0;
    return Status::Ok();
}

Status MemoryProducer::AbortTransaction(int /*timeout_ms*/) {
    if (!transactional()) {
        return Status::Invalid("AbortTransaction on a producer without a transactional id");
    }
    std::lock_guard<std::mutex> lock(broker_->mutex_);
    RETURN_IF_ERROR(CheckNotFencedLocked());
    if (txn_ == 0) return Status::Ok();
    RETURN_IF_ERROR(broker_->EndTransactionLocked(txn_, /*commit=*/false));
    txn_ = 0;
    return Status::Ok();
}

}  // namespace runnel::kafka
