// RdKafkaProducer: queued produce with delivery reports through librdkafka.

#include "engine/kafka/rdkafka/rdkafka_producer.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "engine/common/log.h"
#include "engine/kafka/rdkafka/rdkafka_status.h"
#include "fmt/format.h"

namespace runnel::kafka {

namespace {
constexpr std::string_view kLogComponent = "kafka";
constexpr int kQueueFullMaxWaitMs = 60000;
constexpr int kCloseFlushMs = 5000;
}  // namespace

ConfigMap RdKafkaProducer::Properties(const std::string& bootstrap_servers,
                                      const ConfigMap& factory_extra,
                                      const ProducerConfig& config) {
    const ConfigMap common = CommonDefaults(bootstrap_servers);
    ConfigMap defaults{
        {"linger.ms", "5"},
        {"enable.idempotence", "true"},
        {"acks", "all"},
        {"partitioner", "murmur2_random"},  // Java-compatible for keyed records
    };
    ConfigMap own;
    if (!config.client_id.empty()) own["client.id"] = config.client_id;
    if (config.transactional_id.empty()) {
        defaults["message.timeout.ms"] = "120000";  // the Java client's delivery.timeout.ms
    } else {
        // Kafka Streams' exactly-once default: a transaction left open by a crashed instance
        // blocks read_committed readers at most this long. librdkafka derives
        // message.timeout.ms and socket.timeout.ms from it (set explicitly, they must not
        // exceed it).
        defaults["transaction.timeout.ms"] = "10000";
        own["transactional.id"] = config.transactional_id;
    }
    return MergeConfig({&common, &defaults, &factory_extra, &own, &config.extra});
}

Result<std::unique_ptr<Producer>> RdKafkaProducer::Create(const std::string& bootstrap_servers,
                                                          const ConfigMap& factory_extra,
                                                          const ProducerConfig& config) {
    const ConfigMap properties = Properties(bootstrap_servers, factory_extra, config);
    std::unique_ptr<RdKafkaProducer> producer(new RdKafkaProducer());
    producer->context_.name = fmt::format(
        "producer({})", config.client_id.empty() ? std::string("runnel") : config.client_id);
    producer->context_.owner = producer.get();
    producer->transactional_id_ = config.transactional_id;
    ASSIGN_OR_RETURN(ConfPtr conf, BuildConf(properties));
    InstallLogCallbacks(conf.get(), &producer->context_);
    rd_kafka_conf_set_dr_msg_cb(conf.get(), &RdKafkaProducer::DeliveryCallback);
    ASSIGN_OR_RETURN(producer->rk_, NewHandle(RD_KAFKA_PRODUCER, std::move(conf)));
    return std::unique_ptr<Producer>(std::move(producer));
}

RdKafkaProducer::~RdKafkaProducer() {
    if (rk_ == nullptr) return;
    char fatal_reason[8];
    const bool fatal =
        rd_kafka_fatal_error(rk_, fatal_reason, sizeof fatal_reason) != RD_KAFKA_RESP_ERR_NO_ERROR;
    if (in_transaction_ && !fatal) {
        // Drops what is queued and ends the transaction now rather than leaving read_committed
        // readers blocked until transaction.timeout.ms.
        rd_kafka_error_t* error = rd_kafka_abort_transaction(rk_, kCloseFlushMs);
        if (error != nullptr) {
            RLOG_WARN(kLogComponent, "{}: closing with an open transaction; abort failed: {}",
                      context_.name, rd_kafka_error_string(error));
            rd_kafka_error_destroy(error);
        }
        in_transaction_ = false;
    }
    if (rd_kafka_outq_len(rk_) > 0) {
        rd_kafka_flush(rk_, kCloseFlushMs);
        const int left = rd_kafka_outq_len(rk_);
        if (left > 0) {
            RLOG_WARN(kLogComponent, "{}: closing with {} records/requests not acknowledged; "
                      "dropping them (call Flush before destroying a producer)",
                      context_.name, left);
            rd_kafka_purge(rk_, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
            rd_kafka_poll(rk_, 0);
        }
    }
    if (!first_error_.ok()) {
        RLOG_WARN(kLogComponent, "{}: closing with an unreported delivery error: {}",
                  context_.name, first_error_.message());
    }
    for (auto& [name, rkt] : topics_) rd_kafka_topic_destroy(rkt);
    topics_.clear();
    rd_kafka_destroy(rk_);
    rk_ = nullptr;
}

Status RdKafkaProducer::Produce(std::string_view topic, int32_t partition, const char* key,
                                size_t key_size, const char* value, size_t value_size,
                                int64_t timestamp, const Headers* headers) {
    ASSIGN_OR_RETURN(rd_kafka_topic_t * rkt, TopicHandle(topic));
    rd_kafka_headers_t* hdrs = nullptr;
    if (headers != nullptr && !headers->empty()) {
        hdrs = rd_kafka_headers_new(headers->size());
        for (const auto& h : *headers) {
            rd_kafka_header_add(hdrs, h.key.data(), static_cast<ssize_t>(h.key.size()),
                                h.value_null ? nullptr : h.value.data(),
                                h.value_null ? 0 : static_cast<ssize_t>(h.value.size()));
        }
    }
    args_.clear();
    auto add = [this](rd_kafka_vtype_t type) -> rd_kafka_vu_t& {
        rd_kafka_vu_t& vu = args_.emplace_back();
        vu.vtype = type;
        return vu;
    };
    add(RD_KAFKA_VTYPE_RKT).u.rkt = rkt;
    add(RD_KAFKA_VTYPE_PARTITION).u.i32 = partition < 0 ? RD_KAFKA_PARTITION_UA : partition;
    add(RD_KAFKA_VTYPE_MSGFLAGS).u.i = RD_KAFKA_MSG_F_COPY;
    {
        rd_kafka_vu_t& vu = add(RD_KAFKA_VTYPE_KEY);
        vu.u.mem.ptr = const_cast<char*>(key);
        vu.u.mem.size = key != nullptr ? key_size : 0;
    }
    {
        rd_kafka_vu_t& vu = add(RD_KAFKA_VTYPE_VALUE);
        vu.u.mem.ptr = const_cast<char*>(value);
        vu.u.mem.size = value != nullptr ? value_size : 0;
    }
    add(RD_KAFKA_VTYPE_TIMESTAMP).u.i64 = timestamp > 0 ? timestamp : 0;
    if (hdrs != nullptr) add(RD_KAFKA_VTYPE_HEADERS).u.headers = hdrs;

    const auto start = std::chrono::steady_clock::now();
    while (true) {
        rd_kafka_error_t* error = rd_kafka_produceva(rk_, args_.data(), args_.size());
        if (error == nullptr) break;  // queued; librdkafka owns hdrs now
        const rd_kafka_resp_err_t code = rd_kafka_error_code(error);
        const auto waited = std::chrono::steady_clock::now() - start;
        if (code == RD_KAFKA_RESP_ERR__QUEUE_FULL &&
            waited < std::chrono::milliseconds(kQueueFullMaxWaitMs)) {
            rd_kafka_error_destroy(error);
            rd_kafka_poll(rk_, 10);  // serve delivery reports to make room
            continue;
        }
        if (hdrs != nullptr) rd_kafka_headers_destroy(hdrs);
        if (code == RD_KAFKA_RESP_ERR__FATAL) {
            rd_kafka_error_destroy(error);
            return FatalStatus();
        }
        return StatusFromError(error, fmt::format("produce to topic '{}'", topic));
    }
    rd_kafka_poll(rk_, 0);  // serve delivery reports and errors
    return Status::Ok();
}

Status RdKafkaProducer::Flush(int timeout_ms) {
    const rd_kafka_resp_err_t err = rd_kafka_flush(rk_, timeout_ms < 0 ? 0 : timeout_ms);
    if (!first_error_.ok()) {
        Status s = first_error_;
        if (failures_since_flush_ > 1) {
            s = Status(s.code(), fmt::format("{} ({} records failed since the last flush)",
                                             s.message(), failures_since_flush_));
        }
        first_error_ = Status::Ok();
        failures_since_flush_ = 0;
        return s;
    }
    char reason[8];
    if (rd_kafka_fatal_error(rk_, reason, sizeof reason) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return FatalStatus();
    }
    if (err == RD_KAFKA_RESP_ERR__TIMED_OUT) {
        return Status::Unavailable(fmt::format(
            "{}: flush timed out after {} ms with {} records not yet acknowledged (is the Kafka "
            "broker reachable?)",
            context_.name, timeout_ms, rd_kafka_outq_len(rk_)));
    }
    return StatusFromError(err, fmt::format("{}: flush", context_.name));
}

// ------------------------------------------------------------------------- transactions --

Status RdKafkaProducer::TransactionCall(std::string_view what, int timeout_ms,
                                        const std::function<rd_kafka_error_t*(int)>& call) {
    if (transactional_id_.empty()) {
        return Status::Invalid(fmt::format("{}: {} on a producer without a transactional id",
                                           context_.name, what));
    }
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(timeout_ms < 0 ? 0 : timeout_ms);
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - std::chrono::steady_clock::now())
                              .count();
        rd_kafka_error_t* error = call(static_cast<int>(std::max<int64_t>(left, 1)));
        if (error == nullptr) return Status::Ok();
        const bool retriable = rd_kafka_error_is_retriable(error) != 0;
        if (retriable && std::chrono::steady_clock::now() + std::chrono::milliseconds(100) < deadline) {
            // Timeouts and unavailable coordinators; init, commit and abort resume where they
            // were, send-offsets is re-sent with the same offsets.
            RLOG_DEBUG(kLogComponent, "{}: {}: {}; retrying", context_.name, what,
                       rd_kafka_error_string(error));
            rd_kafka_error_destroy(error);
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            continue;
        }
        const bool fatal = rd_kafka_error_is_fatal(error) != 0;
        const bool abortable = rd_kafka_error_txn_requires_abort(error) != 0;
        const rd_kafka_resp_err_t code = rd_kafka_error_code(error);
        std::string message = fmt::format(
            "{}: {} of transactional id '{}': {} ({}){}", context_.name, what, transactional_id_,
            rd_kafka_error_string(error), rd_kafka_err2name(code),
            fatal       ? " (fatal: the producer must be replaced)"
            : abortable ? " (the transaction must be aborted)"
                        : "");
        rd_kafka_error_destroy(error);
        if (retriable) return Status::Unavailable(std::move(message));
        StatusCode sc = StatusCodeOf(code);
        if (fatal || abortable || sc == StatusCode::kUnavailable) sc = StatusCode::kIoError;
        return Status(sc, std::move(message));
    }
}

Status RdKafkaProducer::InitTransactions(int timeout_ms) {
    return TransactionCall("init transactions", timeout_ms,
                           [this](int ms) { return rd_kafka_init_transactions(rk_, ms); });
}

Status RdKafkaProducer::BeginTransaction() {
    RETURN_IF_ERROR(TransactionCall("begin transaction", 0, [this](int) {
        return rd_kafka_begin_transaction(rk_);
    }));
    in_transaction_ = true;
    first_error_ = Status::Ok();
    failures_since_flush_ = 0;
    return Status::Ok();
}

Status RdKafkaProducer::SendOffsetsToTransaction(const std::vector<TopicPartition>& offsets,
                                                 const ConsumerGroupMetadata& group,
                                                 int timeout_ms) {
    if (group.group_id.empty()) {
        return Status::Invalid("SendOffsetsToTransaction needs the consumer's group id");
    }
    rd_kafka_consumer_group_metadata_t* md = nullptr;
    if (!group.opaque.empty()) {
        RETURN_IF_ERROR(StatusFromError(
            rd_kafka_consumer_group_metadata_read(&md, group.opaque.data(), group.opaque.size()),
            fmt::format("{}: group metadata of '{}'", context_.name, group.group_id)));
    } else {
        // Not from a librdkafka consumer: the group alone (no generation fencing).
        md = rd_kafka_consumer_group_metadata_new(group.group_id.c_str());
    }
    rd_kafka_topic_partition_list_t* list =
        rd_kafka_topic_partition_list_new(static_cast<int>(offsets.size()));
    for (const auto& tp : offsets) {
        if (tp.offset < 0) continue;
        rd_kafka_topic_partition_list_add(list, tp.topic.c_str(), tp.partition)->offset = tp.offset;
    }
    Status st = Status::Ok();
    if (list->cnt > 0) {
        st = TransactionCall("send offsets to transaction", timeout_ms, [&](int ms) {
            return rd_kafka_send_offsets_to_transaction(rk_, list, md, ms);
        });
    }
    rd_kafka_topic_partition_list_destroy(list);
    rd_kafka_consumer_group_metadata_destroy(md);
    return st;
}

Status RdKafkaProducer::CommitTransaction(int timeout_ms) {
    RETURN_IF_ERROR(TransactionCall("commit transaction", timeout_ms, [this](int ms) {
        return rd_kafka_commit_transaction(rk_, ms);
    }));
    in_transaction_ = false;
    // Delivery reports of the transaction's records were served by the commit's flush; a
    // failed record would have failed the commit.
    first_error_ = Status::Ok();
    failures_since_flush_ = 0;
    return Status::Ok();
}

Status RdKafkaProducer::AbortTransaction(int timeout_ms) {
    if (!in_transaction_ && !transactional_id_.empty()) {
        // Nothing to abort; but a producer that failed for good must say so (it must be
        // replaced, e.g. after BeginTransaction failed because it was fenced).
        char reason[8];
        if (rd_kafka_fatal_error(rk_, reason, sizeof reason) != RD_KAFKA_RESP_ERR_NO_ERROR) {
            return FatalStatus();
        }
        return Status::Ok();
    }
    RETURN_IF_ERROR(TransactionCall("abort transaction", timeout_ms, [this](int ms) {
        return rd_kafka_abort_transaction(rk_, ms);
    }));
    in_transaction_ = false;
    first_error_ = Status::Ok();  // the purged records' failures are expected
    failures_since_flush_ = 0;
    return Status::Ok();
}

void RdKafkaProducer::DeliveryCallback(rd_kafka_t* /*rk*/, const rd_kafka_message_t* message,
                                       void* opaque) {
    if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) return;
    auto* self = static_cast<RdKafkaProducer*>(static_cast<HandleContext*>(opaque)->owner);
    ++self->failures_since_flush_;
    if (self->first_error_.ok()) {
        const char* topic = message->rkt != nullptr ? rd_kafka_topic_name(message->rkt) : "?";
        self->first_error_ = StatusFromError(
            message->err,
            fmt::format("{}: delivery to {}[{}] failed", self->context_.name, topic,
                        message->partition));
    }
}

Result<rd_kafka_topic_t*> RdKafkaProducer::TopicHandle(std::string_view topic) {
    auto it = topics_.find(topic);
    if (it != topics_.end()) return it->second;
    std::string name(topic);
    rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk_, name.c_str(), nullptr);
    if (rkt == nullptr) {
        return StatusFromError(rd_kafka_last_error(), fmt::format("topic handle for '{}'", name));
    }
    topics_.emplace(std::move(name), rkt);
    return rkt;
}

Status RdKafkaProducer::FatalStatus() {
    char reason[512] = {0};
    const rd_kafka_resp_err_t err = rd_kafka_fatal_error(rk_, reason, sizeof reason);
    return Status::IoError(fmt::format("{}: fatal producer error: {} ({})", context_.name, reason,
                                       rd_kafka_err2name(err)));
}

}  // namespace runnel::kafka
