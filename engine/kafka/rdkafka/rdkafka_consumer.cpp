// RdKafkaConsumer: group and manual consumption through librdkafka.

#include "engine/kafka/rdkafka/rdkafka_consumer.h"

#include <atomic>
#include <chrono>
#include <cstring>
#include <random>

#include "engine/common/log.h"
#include "engine/kafka/rdkafka/rdkafka_status.h"
#include "fmt/format.h"

namespace runnel::kafka {

namespace {

constexpr std::string_view kLogComponent = "kafka";

struct ListDeleter {
    void operator()(rd_kafka_topic_partition_list_t* l) const {
        rd_kafka_topic_partition_list_destroy(l);
    }
};
using ListPtr = std::unique_ptr<rd_kafka_topic_partition_list_t, ListDeleter>;

ListPtr ToList(const std::vector<TopicPartition>& partitions, bool with_offsets) {
    ListPtr list(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
    for (const auto& tp : partitions) {
        rd_kafka_topic_partition_t* e =
            rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition);
        if (with_offsets) e->offset = tp.offset;
    }
    return list;
}

std::string PrivateGroupId() {
    static std::atomic<uint64_t> counter{0};
    std::random_device rd;
    return fmt::format("runnel-unmanaged-{:08x}{:08x}-{}", rd(), rd(), counter.fetch_add(1));
}

std::string DescribeList(const rd_kafka_topic_partition_list_t* list) {
    std::string out;
    for (int i = 0; i < list->cnt && i < 16; ++i) {
        if (!out.empty()) out += ", ";
        out += fmt::format("{}[{}]", list->elems[i].topic, list->elems[i].partition);
    }
    if (list->cnt > 16) out += fmt::format(", ... ({} in all)", list->cnt);
    return out;
}

int RemainingMs(std::chrono::steady_clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

}  // namespace

RdKafkaConsumer::RdKafkaConsumer(ConsumerConfig config) : config_(std::move(config)) {}

ConfigMap RdKafkaConsumer::Properties(const std::string& bootstrap_servers,
                                      const ConfigMap& factory_extra,
                                      const ConsumerConfig& config) {
    const ConfigMap common = CommonDefaults(bootstrap_servers);
    const ConfigMap defaults{
        {"enable.auto.commit", "false"},
        {"enable.auto.offset.store", "false"},
        {"enable.partition.eof", "false"},
        {"partition.assignment.strategy", "cooperative-sticky"},
        {"session.timeout.ms", "10000"},
        {"heartbeat.interval.ms", "1000"},
        {"fetch.wait.max.ms", "100"},
    };
    ConfigMap own{
        {"group.id", config.group_id.empty() ? PrivateGroupId() : config.group_id},
        {"auto.offset.reset", config.auto_offset_reset},
        {"isolation.level", config.read_committed ? "read_committed" : "read_uncommitted"},
    };
    if (!config.client_id.empty()) own["client.id"] = config.client_id;
    return MergeConfig({&common, &defaults, &factory_extra, &own, &config.extra});
}

Result<std::unique_ptr<Consumer>> RdKafkaConsumer::Create(const std::string& bootstrap_servers,
                                                          const ConfigMap& factory_extra,
                                                          const ConsumerConfig& config) {
    const ConfigMap properties = Properties(bootstrap_servers, factory_extra, config);
    std::unique_ptr<RdKafkaConsumer> consumer(new RdKafkaConsumer(config));
    auto it = properties.find("group.id");
    consumer->context_.name =
        fmt::format("consumer(group={})", it != properties.end() ? it->second : "?");
    consumer->context_.owner = consumer.get();
    ASSIGN_OR_RETURN(ConfPtr conf, BuildConf(properties));
    InstallLogCallbacks(conf.get(), &consumer->context_);
    rd_kafka_conf_set_rebalance_cb(conf.get(), &RdKafkaConsumer::RebalanceCallback);
    ASSIGN_OR_RETURN(consumer->rk_, NewHandle(RD_KAFKA_CONSUMER, std::move(conf)));
    // Rebalance, error and log events all come through rd_kafka_consumer_poll.
    rd_kafka_poll_set_consumer(consumer->rk_);
    return std::unique_ptr<Consumer>(std::move(consumer));
}

RdKafkaConsumer::~RdKafkaConsumer() { Close(); }

Status RdKafkaConsumer::Subscribe(const std::vector<std::string>& topics) {
    if (rk_ == nullptr) return Status::Invalid("Subscribe on a closed consumer");
    if (config_.group_id.empty()) return Status::Invalid("Subscribe needs a consumer group id");
    if (topics.empty()) {
        subscribed_ = false;
        return StatusFromError(rd_kafka_unsubscribe(rk_), "unsubscribe");
    }
    if (!subscribed_) {
        // Drop a manual assignment first.
        RETURN_IF_ERROR(StatusFromError(rd_kafka_assign(rk_, nullptr), "clear assignment"));
    }
    ListPtr list(rd_kafka_topic_partition_list_new(static_cast<int>(topics.size())));
    for (const auto& t : topics) {
        rd_kafka_topic_partition_list_add(list.get(), t.c_str(), RD_KAFKA_PARTITION_UA);
    }
    const rd_kafka_resp_err_t err = rd_kafka_subscribe(rk_, list.get());
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return StatusFromError(err, fmt::format("subscribe to {}", DescribeList(list.get())));
    }
    subscribed_ = true;
    group_managed_ = true;
    return Status::Ok();
}

Status RdKafkaConsumer::Assign(const std::vector<TopicPartition>& partitions) {
    if (rk_ == nullptr) return Status::Invalid("Assign on a closed consumer");
    if (group_managed_) {
        return Status::Invalid(
            "Assign on a consumer that subscribed to topics; use a separate consumer for manual "
            "assignment");
    }
    for (const auto& tp : partitions) {
        if (tp.offset < 0 && tp.offset != kOffsetBeginning && tp.offset != kOffsetEnd &&
            tp.offset != kOffsetStored) {
            return Status::Invalid(fmt::format("invalid start offset {} for {}[{}]", tp.offset,
                                               tp.topic, tp.partition));
        }
    }
    if (partitions.empty()) return StatusFromError(rd_kafka_assign(rk_, nullptr), "unassign");
    ListPtr list = ToList(partitions, /*with_offsets=*/true);
    return StatusFromError(rd_kafka_assign(rk_, list.get()),
                           fmt::format("assign {}", DescribeList(list.get())));
}

Status RdKafkaConsumer::Poll(std::vector<RecordView>& out, size_t max, int timeout_ms) {
    ReleaseBatch();
    out.clear();
    if (rk_ == nullptr) return Status::Invalid("Poll on a closed consumer");
    if (!fatal_.ok()) return fatal_;
    if (max == 0) return Status::Ok();
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(timeout_ms > 0 ? timeout_ms : 0);
    // Wait (up to the deadline) only for the first record; then take what is already fetched.
    // rd_kafka_consume_batch_queue is avoided on purpose: librdkafka 2.0 lists known issues of
    // the batch APIs around rebalances and seeks (fixed in 2.1).
    while (batch_.size() < max) {
        const int wait = batch_.empty() ? RemainingMs(deadline) : 0;
        rd_kafka_message_t* m = rd_kafka_consumer_poll(rk_, wait);
        if (m == nullptr) {
            if (batch_.empty() && wait > 0) continue;  // woke early; the deadline decides
            break;
        }
        if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            Status s = HandleErrorMessage(m);
            rd_kafka_message_destroy(m);
            if (!s.ok()) {
                fatal_ = s;
                ReleaseBatch();
                return fatal_;
            }
            if (batch_.empty() && RemainingMs(deadline) == 0) break;
            continue;
        }
        batch_.push_back(m);
    }

    size_t header_total = 0;
    for (rd_kafka_message_t* m : batch_) {
        rd_kafka_headers_t* hdrs = nullptr;
        if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
            header_total += rd_kafka_header_cnt(hdrs);
        }
    }
    header_views_.resize(header_total);  // keeps its capacity across polls
    size_t next_header = 0;
    out.reserve(batch_.size());
    for (rd_kafka_message_t* m : batch_) {
        RecordView v;
        v.topic = InternTopic(m);
        v.partition = m->partition;
        v.offset = m->offset;
        const int64_t ts = rd_kafka_message_timestamp(m, nullptr);
        v.timestamp = ts < 0 ? 0 : ts;
        v.key = static_cast<const char*>(m->key);
        v.key_size = m->key != nullptr ? m->key_len : 0;
        v.value = static_cast<const char*>(m->payload);
        v.value_size = m->payload != nullptr ? m->len : 0;
        rd_kafka_headers_t* hdrs = nullptr;
        if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
            const size_t n = rd_kafka_header_cnt(hdrs);
            v.headers = header_views_.data() + next_header;
            v.header_count = n;
            for (size_t i = 0; i < n; ++i) {
                const char* name = nullptr;
                const void* value = nullptr;
                size_t size = 0;
                if (rd_kafka_header_get_all(hdrs, i, &name, &value, &size) !=
                    RD_KAFKA_RESP_ERR_NO_ERROR) {
                    name = "";
                    value = nullptr;
                    size = 0;
                }
                HeaderView& h = header_views_[next_header++];
                h.key = std::string_view(name);
                h.value_null = value == nullptr;
                h.value = value != nullptr
                              ? std::string_view(static_cast<const char*>(value), size)
                              : std::string_view();
            }
        }
        out.push_back(v);
    }
    return Status::Ok();
}

Status RdKafkaConsumer::Commit(const std::vector<TopicPartition>& offsets) {
    if (rk_ == nullptr) return Status::Invalid("Commit on a closed consumer");
    if (config_.group_id.empty()) {
        return Status::Invalid("cannot commit offsets without a group id");
    }
    if (offsets.empty()) return Status::Ok();
    for (const auto& tp : offsets) {
        if (tp.offset < 0) {
            return Status::Invalid(
                fmt::format("commit: invalid offset {} for {}[{}]", tp.offset, tp.topic,
                            tp.partition));
        }
    }
    ListPtr list = ToList(offsets, /*with_offsets=*/true);
    const rd_kafka_resp_err_t err = rd_kafka_commit(rk_, list.get(), /*async=*/0);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return StatusFromError(err, fmt::format("commit offsets of group '{}' for {}",
                                                config_.group_id, DescribeList(list.get())));
    }
    for (int i = 0; i < list->cnt; ++i) {
        const auto& e = list->elems[i];
        if (e.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            return StatusFromError(e.err, fmt::format("commit offset {} of group '{}' for {}[{}]",
                                                      e.offset, config_.group_id, e.topic,
                                                      e.partition));
        }
    }
    return Status::Ok();
}

std::vector<TopicPartition> RdKafkaConsumer::Assignment() {
    std::vector<TopicPartition> out;
    if (rk_ == nullptr) return out;
    rd_kafka_topic_partition_list_t* raw = nullptr;
    if (rd_kafka_assignment(rk_, &raw) != RD_KAFKA_RESP_ERR_NO_ERROR || raw == nullptr) return out;
    ListPtr list(raw);
    rd_kafka_position(rk_, list.get());
    out.reserve(static_cast<size_t>(list->cnt));
    for (int i = 0; i < list->cnt; ++i) {
        const auto& e = list->elems[i];
        out.push_back(TopicPartition{e.topic, e.partition, e.offset});
    }
    return out;
}

Result<std::vector<TopicPartition>> RdKafkaConsumer::Committed(
    const std::vector<TopicPartition>& partitions, int timeout_ms) {
    if (rk_ == nullptr) return Status::Invalid("Committed on a closed consumer");
    if (config_.group_id.empty()) return Status::Invalid("no committed offsets without a group id");
    std::vector<TopicPartition> out = partitions;
    if (out.empty()) return out;
    ListPtr list = ToList(partitions, /*with_offsets=*/false);
    const rd_kafka_resp_err_t err = rd_kafka_committed(rk_, list.get(), timeout_ms);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return StatusFromError(err, fmt::format("fetch committed offsets of group '{}'",
                                                config_.group_id));
    }
    for (auto& tp : out) {
        const rd_kafka_topic_partition_t* e =
            rd_kafka_topic_partition_list_find(list.get(), tp.topic.c_str(), tp.partition);
        if (e == nullptr) {
            tp.offset = kOffsetInvalid;
            continue;
        }
        if (e->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            return StatusFromError(e->err, fmt::format("committed offset of {}[{}]", tp.topic,
                                                       tp.partition));
        }
        tp.offset = e->offset;
    }
    return out;
}

Result<std::vector<TopicPartition>> RdKafkaConsumer::EndOffsets(
    const std::vector<TopicPartition>& partitions, int timeout_ms) {
    if (rk_ == nullptr) return Status::Invalid("EndOffsets on a closed consumer");
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(timeout_ms > 0 ? timeout_ms : 0);
    std::vector<TopicPartition> out = partitions;
    for (auto& tp : out) {
        int64_t low = 0;
        int64_t high = 0;
        const rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(
            rk_, tp.topic.c_str(), tp.partition, &low, &high, std::max(1, RemainingMs(deadline)));
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            return StatusFromError(err,
                                   fmt::format("end offset of {}[{}]", tp.topic, tp.partition));
        }
        tp.offset = high;
    }
    return out;
}

Result<ConsumerGroupMetadata> RdKafkaConsumer::GroupMetadata() {
    if (rk_ == nullptr) return Status::Invalid("GroupMetadata on a closed consumer");
    if (config_.group_id.empty()) {
        return Status::Invalid("a consumer without a group id has no group metadata");
    }
    rd_kafka_consumer_group_metadata_t* md = rd_kafka_consumer_group_metadata(rk_);
    if (md == nullptr) return Status::Internal(fmt::format("{}: no group metadata", context_.name));
    void* buffer = nullptr;
    size_t size = 0;
    rd_kafka_error_t* error = rd_kafka_consumer_group_metadata_write(md, &buffer, &size);
    rd_kafka_consumer_group_metadata_destroy(md);
    if (error != nullptr) {
        return StatusFromError(error, fmt::format("{}: group metadata", context_.name));
    }
    ConsumerGroupMetadata out;
    out.group_id = config_.group_id;
    out.opaque.assign(static_cast<const char*>(buffer), size);
    rd_kafka_mem_free(rk_, buffer);
    if (char* member = rd_kafka_memberid(rk_); member != nullptr) {
        out.member_id = member;
        rd_kafka_mem_free(rk_, member);
    }
    return out;
}

void RdKafkaConsumer::Close() {
    if (rk_ == nullptr) return;
    ReleaseBatch();
    // Leaves the group (serving the final revoke through the rebalance callback).
    const rd_kafka_resp_err_t err = rd_kafka_consumer_close(rk_);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        RLOG_WARN(kLogComponent, "{}: close: {}", context_.name, rd_kafka_err2str(err));
    }
    rd_kafka_destroy(rk_);
    rk_ = nullptr;
    subscribed_ = false;
}

void RdKafkaConsumer::RebalanceCallback(rd_kafka_t* /*rk*/, rd_kafka_resp_err_t err,
                                        rd_kafka_topic_partition_list_t* partitions,
                                        void* opaque) {
    auto* context = static_cast<HandleContext*>(opaque);
    static_cast<RdKafkaConsumer*>(context->owner)->OnRebalance(err, partitions);
}

void RdKafkaConsumer::OnRebalance(rd_kafka_resp_err_t err,
                                  rd_kafka_topic_partition_list_t* partitions) {
    const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(rk_), "COOPERATIVE") == 0;
    Status s;
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        RLOG_INFO(kLogComponent, "{}: assigned {}", context_.name, DescribeList(partitions));
        s = cooperative ? StatusFromError(rd_kafka_incremental_assign(rk_, partitions), "assign")
                        : StatusFromError(rd_kafka_assign(rk_, partitions), "assign");
    } else if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
        RLOG_INFO(kLogComponent, "{}: {} {}", context_.name,
                  rd_kafka_assignment_lost(rk_) ? "lost" : "revoked", DescribeList(partitions));
        s = cooperative
                ? StatusFromError(rd_kafka_incremental_unassign(rk_, partitions), "unassign")
                : StatusFromError(rd_kafka_assign(rk_, nullptr), "unassign");
    } else {
        RLOG_WARN(kLogComponent, "{}: rebalance error: {}", context_.name, rd_kafka_err2str(err));
        s = StatusFromError(rd_kafka_assign(rk_, nullptr), "unassign");
    }
    if (!s.ok()) RLOG_WARN(kLogComponent, "{}: rebalance: {}", context_.name, s.message());
}

void RdKafkaConsumer::ReleaseBatch() {
    for (rd_kafka_message_t* m : batch_) rd_kafka_message_destroy(m);
    batch_.clear();
    last_rkt_ = nullptr;
    last_topic_ = nullptr;
}

const std::string* RdKafkaConsumer::InternTopic(const rd_kafka_message_t* message) {
    // Within one batch every message holds a reference to its topic object, so the pointer
    // cache cannot confuse two topics.
    if (message->rkt == last_rkt_ && last_topic_ != nullptr) return last_topic_;
    const std::string_view name(rd_kafka_topic_name(message->rkt));
    auto it = topic_names_.find(name);
    if (it == topic_names_.end()) it = topic_names_.emplace(name).first;
    last_rkt_ = message->rkt;
    last_topic_ = &*it;
    return last_topic_;
}

Status RdKafkaConsumer::HandleErrorMessage(const rd_kafka_message_t* message) {
    const rd_kafka_resp_err_t err = message->err;
    switch (err) {
        case RD_KAFKA_RESP_ERR__PARTITION_EOF:
            return Status::Ok();
        case RD_KAFKA_RESP_ERR__FATAL: {
            char reason[512] = {0};
            const rd_kafka_resp_err_t orig = rd_kafka_fatal_error(rk_, reason, sizeof reason);
            return StatusFromError(orig, fmt::format("{}: fatal consumer error", context_.name),
                                   reason);
        }
        case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
        case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
        case RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
        case RD_KAFKA_RESP_ERR__AUTHENTICATION:
            return StatusFromError(err, context_.name, rd_kafka_message_errstr(message));
        default:
            break;
    }
    uint64_t suppressed = 0;
    if (context_.error_log.Allow(&suppressed)) {
        const char* topic = message->rkt != nullptr ? rd_kafka_topic_name(message->rkt) : "";
        RLOG_WARN(kLogComponent, "{}: {}{}{} ({}){}", context_.name, topic,
                  message->rkt != nullptr ? fmt::format("[{}]: ", message->partition) : "",
                  rd_kafka_message_errstr(message), rd_kafka_err2name(err),
                  suppressed > 0 ? fmt::format(" ({} similar errors suppressed)", suppressed)
                                 : std::string());
    }
    return Status::Ok();
}

}  // namespace runnel::kafka
