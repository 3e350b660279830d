// RdKafkaAdmin: topic administration and reachability checks through librdkafka.

#include "engine/kafka/rdkafka/rdkafka_admin.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "engine/common/log.h"
#include "engine/kafka/rdkafka/rdkafka_status.h"
#include "fmt/format.h"

namespace runnel::kafka {

namespace {

constexpr std::string_view kLogComponent = "kafka";
constexpr int kAdminTimeoutMs = 15000;
constexpr int kTopicPropagationTimeoutMs = 10000;

struct OptionsDeleter {
    void operator()(rd_kafka_AdminOptions_t* o) const { rd_kafka_AdminOptions_destroy(o); }
};
struct QueueDeleter {
    void operator()(rd_kafka_queue_t* q) const { rd_kafka_queue_destroy(q); }
};
struct EventDeleter {
    void operator()(rd_kafka_event_t* e) const { rd_kafka_event_destroy(e); }
};
struct NewTopicDeleter {
    void operator()(rd_kafka_NewTopic_t* t) const { rd_kafka_NewTopic_destroy(t); }
};
struct DeleteTopicDeleter {
    void operator()(rd_kafka_DeleteTopic_t* t) const { rd_kafka_DeleteTopic_destroy(t); }
};

const rd_kafka_metadata_topic_t* FindTopic(const rd_kafka_metadata_t* md, const std::string& name) {
    for (int i = 0; i < md->topic_cnt; ++i) {
        if (name == md->topics[i].topic) return &md->topics[i];
    }
    return nullptr;
}

TopicInfo InfoOf(const rd_kafka_metadata_topic_t& t) {
    const int32_t replication = t.partition_cnt > 0 ? t.partitions[0].replica_cnt : 0;
    return TopicInfo{t.topic, t.partition_cnt, replication};
}

// Creates options with request and operation timeouts.
std::unique_ptr<rd_kafka_AdminOptions_t, OptionsDeleter> MakeOptions(rd_kafka_t* rk,
                                                                     rd_kafka_admin_op_t op) {
    std::unique_ptr<rd_kafka_AdminOptions_t, OptionsDeleter> options(
        rd_kafka_AdminOptions_new(rk, op));
    char errstr[256];
    rd_kafka_AdminOptions_set_request_timeout(options.get(), kAdminTimeoutMs, errstr,
                                              sizeof errstr);
    rd_kafka_AdminOptions_set_operation_timeout(options.get(), kAdminTimeoutMs, errstr,
                                                sizeof errstr);
    return options;
}

// Checks a topic_result array (CreateTopics/DeleteTopics) for errors.
Status TopicResultsStatus(const rd_kafka_topic_result_t** results, size_t count,
                          std::string_view what) {
    for (size_t i = 0; i < count; ++i) {
        const rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) continue;
        const char* detail = rd_kafka_topic_result_error_string(results[i]);
        return StatusFromError(err,
                               fmt::format("{} '{}'", what, rd_kafka_topic_result_name(results[i])),
                               detail != nullptr ? detail : "");
    }
    return Status::Ok();
}

}  // namespace

RdKafkaAdmin::RdKafkaAdmin(std::string bootstrap_servers)
    : bootstrap_servers_(std::move(bootstrap_servers)) {}

Result<std::unique_ptr<RdKafkaAdmin>> RdKafkaAdmin::Create(const std::string& bootstrap_servers,
                                                           const ConfigMap& factory_extra) {
    const ConfigMap common = CommonDefaults(bootstrap_servers);
    const ConfigMap properties = MergeConfig({&common, &factory_extra});
    std::unique_ptr<RdKafkaAdmin> admin(new RdKafkaAdmin(bootstrap_servers));
    admin->context_.name = fmt::format("admin({})", bootstrap_servers);
    admin->context_.owner = admin.get();
    ASSIGN_OR_RETURN(ConfPtr conf, BuildConf(properties));
    InstallLogCallbacks(conf.get(), &admin->context_);
    ASSIGN_OR_RETURN(admin->rk_, NewHandle(RD_KAFKA_PRODUCER, std::move(conf)));
    return admin;
}

RdKafkaAdmin::~RdKafkaAdmin() {
    if (rk_ != nullptr) rd_kafka_destroy(rk_);
}

Status RdKafkaAdmin::CreateTopic(const std::string& name, int32_t partitions, int32_t replication,
                                 const std::map<std::string, std::string>& configs) {
    std::lock_guard<std::mutex> lock(mutex_);
    rd_kafka_poll(rk_, 0);  // serve error callbacks (logging)
    char errstr[512] = {0};
    std::unique_ptr<rd_kafka_NewTopic_t, NewTopicDeleter> topic(
        rd_kafka_NewTopic_new(name.c_str(), partitions, replication, errstr, sizeof errstr));
    if (!topic) return Status::Invalid(fmt::format("create topic '{}': {}", name, errstr));
    for (const auto& [key, value] : configs) {
        const rd_kafka_resp_err_t err =
            rd_kafka_NewTopic_set_config(topic.get(), key.c_str(), value.c_str());
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            return StatusFromError(err, fmt::format("create topic '{}': config {}={}", name, key,
                                                    value));
        }
    }
    auto options = MakeOptions(rk_, RD_KAFKA_ADMIN_OP_CREATETOPICS);
    std::unique_ptr<rd_kafka_queue_t, QueueDeleter> queue(rd_kafka_queue_new(rk_));
    rd_kafka_NewTopic_t* topics[] = {topic.get()};
    rd_kafka_CreateTopics(rk_, topics, 1, options.get(), queue.get());
    // The request timeout bounds the wait; the margin only guards against a lost event.
    std::unique_ptr<rd_kafka_event_t, EventDeleter> event(
        rd_kafka_queue_poll(queue.get(), kAdminTimeoutMs + 5000));
    if (!event) {
        return Status::Unavailable(fmt::format(
            "create topic '{}': no answer from Kafka at {} within {} ms", name,
            bootstrap_servers_, kAdminTimeoutMs));
    }
    if (rd_kafka_event_error(event.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return UnavailableOr(StatusFromError(rd_kafka_event_error(event.get()),
                                             fmt::format("create topic '{}'", name),
                                             rd_kafka_event_error_string(event.get())));
    }
    const rd_kafka_CreateTopics_result_t* result =
        rd_kafka_event_CreateTopics_result(event.get());
    size_t count = 0;
    const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(result, &count);
    RETURN_IF_ERROR(UnavailableOr(TopicResultsStatus(results, count, "create topic")));
    WaitForTopicLocked(name, partitions, /*present=*/true, kTopicPropagationTimeoutMs);
    return Status::Ok();
}

Status RdKafkaAdmin::DeleteTopic(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    rd_kafka_poll(rk_, 0);
    std::unique_ptr<rd_kafka_DeleteTopic_t, DeleteTopicDeleter> topic(
        rd_kafka_DeleteTopic_new(name.c_str()));
    auto options = MakeOptions(rk_, RD_KAFKA_ADMIN_OP_DELETETOPICS);
    std::unique_ptr<rd_kafka_queue_t, QueueDeleter> queue(rd_kafka_queue_new(rk_));
    rd_kafka_DeleteTopic_t* topics[] = {topic.get()};
    rd_kafka_DeleteTopics(rk_, topics, 1, options.get(), queue.get());
    std::unique_ptr<rd_kafka_event_t, EventDeleter> event(
        rd_kafka_queue_poll(queue.get(), kAdminTimeoutMs + 5000));
    if (!event) {
        return Status::Unavailable(fmt::format(
            "delete topic '{}': no answer from Kafka at {} within {} ms", name,
            bootstrap_servers_, kAdminTimeoutMs));
    }
    if (rd_kafka_event_error(event.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return UnavailableOr(StatusFromError(rd_kafka_event_error(event.get()),
                                             fmt::format("delete topic '{}'", name),
                                             rd_kafka_event_error_string(event.get())));
    }
    const rd_kafka_DeleteTopics_result_t* result =
        rd_kafka_event_DeleteTopics_result(event.get());
    size_t count = 0;
    const rd_kafka_topic_result_t** results = rd_kafka_DeleteTopics_result_topics(result, &count);
    RETURN_IF_ERROR(UnavailableOr(TopicResultsStatus(results, count, "delete topic")));
    WaitForTopicLocked(name, -1, /*present=*/false, kTopicPropagationTimeoutMs);
    return Status::Ok();
}

Result<std::vector<TopicInfo>> RdKafkaAdmin::ListTopics() {
    std::lock_guard<std::mutex> lock(mutex_);
    rd_kafka_poll(rk_, 0);
    ASSIGN_OR_RETURN(MetadataPtr md, AllTopicsLocked(kAdminTimeoutMs));
    std::vector<TopicInfo> out;
    out.reserve(static_cast<size_t>(md->topic_cnt));
    for (int i = 0; i < md->topic_cnt; ++i) {
        const auto& t = md->topics[i];
        if (t.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) continue;
        out.push_back(InfoOf(t));
    }
    std::sort(out.begin(), out.end(),
              [](const TopicInfo& a, const TopicInfo& b) { return a.name < b.name; });
    return out;
}

Result<TopicInfo> RdKafkaAdmin::DescribeTopic(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    rd_kafka_poll(rk_, 0);
    ASSIGN_OR_RETURN(MetadataPtr md, AllTopicsLocked(kAdminTimeoutMs));
    const rd_kafka_metadata_topic_t* t = FindTopic(md.get(), name);
    if (t == nullptr || t->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
        return Status::NotFound(fmt::format("topic '{}' does not exist", name));
    }
    if (t->partition_cnt == 0 && t->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return StatusFromError(t->err, fmt::format("describe topic '{}'", name));
    }
    return InfoOf(*t);
}

Status RdKafkaAdmin::Ping(int timeout_ms) {
    std::lock_guard<std::mutex> lock(mutex_);
    rd_kafka_poll(rk_, 0);
    const rd_kafka_metadata_t* raw = nullptr;
    // No topics: a brokers-only metadata round trip.
    const rd_kafka_resp_err_t err =
        rd_kafka_metadata(rk_, /*all_topics=*/0, nullptr, &raw, timeout_ms < 1 ? 1 : timeout_ms);
    MetadataPtr md(raw);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return Status::Unavailable(fmt::format("Kafka at {} is not reachable: {} ({}) within {} ms",
                                               bootstrap_servers_, rd_kafka_err2str(err),
                                               rd_kafka_err2name(err), timeout_ms));
    }
    if (md->broker_cnt == 0) {
        return Status::Unavailable(
            fmt::format("Kafka at {} answered with no brokers", bootstrap_servers_));
    }
    return Status::Ok();
}

Result<RdKafkaAdmin::MetadataPtr> RdKafkaAdmin::AllTopicsLocked(int timeout_ms) {
    const rd_kafka_metadata_t* raw = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(rk_, /*all_topics=*/1, nullptr, &raw,
                                                      timeout_ms);
    MetadataPtr md(raw);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return UnavailableOr(StatusFromError(err, "read cluster metadata"));
    }
    return md;
}

bool RdKafkaAdmin::WaitForTopicLocked(const std::string& name, int32_t partitions, bool present,
                                      int timeout_ms) {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - std::chrono::steady_clock::now())
                              .count();
        if (left <= 0) break;
        auto md = AllTopicsLocked(static_cast<int>(std::min<int64_t>(left, 2000)));
        if (md.ok()) {
            const rd_kafka_metadata_topic_t* t = FindTopic(md->get(), name);
            const bool exists = t != nullptr && t->err != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART;
            if (!present && !exists) return true;
            if (present && exists && t->err == RD_KAFKA_RESP_ERR_NO_ERROR &&
                t->partition_cnt > 0 && (partitions < 0 || t->partition_cnt == partitions)) {
                bool leaders = true;
                for (int p = 0; p < t->partition_cnt; ++p) {
                    if (t->partitions[p].leader < 0 ||
                        t->partitions[p].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
                        leaders = false;
                        break;
                    }
                }
                if (leaders) return true;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    RLOG_WARN(kLogComponent, "{}: topic '{}' {} in metadata after {} ms", context_.name, name,
              present ? "is still not ready" : "is still listed", timeout_ms);
    return false;
}

Status RdKafkaAdmin::UnavailableOr(Status s) const {
    if (s.code() != StatusCode::kUnavailable) return s;
    return Status::Unavailable(
        fmt::format("Kafka at {} is not reachable: {}", bootstrap_servers_, s.message()));
}

}  // namespace runnel::kafka
