// librdkafka configuration layering, handle creation and log/error forwarding.

#include "engine/kafka/rdkafka/rdkafka_conf.h"

#include <map>
#include <mutex>

#include "engine/common/log.h"
#include "fmt/format.h"

namespace runnel::kafka {

namespace {

constexpr std::string_view kLogComponent = "kafka";

// librdkafka's log_cb runs on its internal threads, where calling back into librdkafka is not
// allowed, so the limiter is global, per log facility (e.g. "FAIL", "CONFWARN").
void LogCallback(const rd_kafka_t* /*rk*/, int level, const char* fac, const char* buf) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<RateLimitedLog>, std::less<>>* limiters =
        new std::map<std::string, std::unique_ptr<RateLimitedLog>, std::less<>>();
    RateLimitedLog* limiter = nullptr;
    {
        std::lock_guard<std::mutex> lock(mutex);
        auto it = limiters->find(std::string_view(fac));
        if (it == limiters->end()) {
            it = limiters->emplace(fac, std::make_unique<RateLimitedLog>()).first;
        }
        limiter = it->second.get();
    }
    uint64_t suppressed = 0;
    if (level < 7 && !limiter->Allow(&suppressed)) return;
    // syslog levels: 0-3 error and worse, 4 warning, 5-6 notice/info, 7 debug.
    const LogLevel our = level <= 3   ? LogLevel::kError
                         : level == 4 ? LogLevel::kWarn
                         : level <= 6 ? LogLevel::kInfo
                                      : LogLevel::kDebug;
    if (suppressed > 0) {
        Log(our, kLogComponent, "librdkafka {}: {} ({} similar lines suppressed)", fac, buf,
            suppressed);
    } else {
        Log(our, kLogComponent, "librdkafka {}: {}", fac, buf);
    }
}

// error_cb is served from the application's poll calls.
void ErrorCallback(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
    auto* context = static_cast<HandleContext*>(opaque);
    const auto code = static_cast<rd_kafka_resp_err_t>(err);
    const std::string_view name = context != nullptr ? context->name : std::string_view("client");
    if (code == RD_KAFKA_RESP_ERR__FATAL) {
        char fatal[512] = {0};
        rd_kafka_fatal_error(rk, fatal, sizeof fatal);
        RLOG_ERROR(kLogComponent, "{}: fatal error: {}", name, fatal);
        return;
    }
    uint64_t suppressed = 0;
    if (context != nullptr && !context->error_log.Allow(&suppressed)) return;
    if (suppressed > 0) {
        RLOG_WARN(kLogComponent, "{}: {} ({}) ({} similar errors suppressed)", name, reason,
                  rd_kafka_err2name(code), suppressed);
    } else {
        RLOG_WARN(kLogComponent, "{}: {} ({})", name, reason, rd_kafka_err2name(code));
    }
}

}  // namespace

ConfigMap CommonDefaults(const std::string& bootstrap_servers) {
    return ConfigMap{
        {"bootstrap.servers", bootstrap_servers},
        {"client.id", "runnel"},
        {"log_level", "4"},  // warnings and worse; log_cb forwards them to our log
        {"socket.keepalive.enable", "true"},
        {"topic.metadata.refresh.interval.ms", "30000"},
        {"allow.auto.create.topics", "false"},  // like our brokers: topics are created explicitly
    };
}

ConfigMap MergeConfig(std::initializer_list<const ConfigMap*> layers) {
    ConfigMap out;
    for (const ConfigMap* layer : layers) {
        if (layer == nullptr) continue;
        for (const auto& [k, v] : *layer) out[k] = v;
    }
    return out;
}

Result<ConfPtr> BuildConf(const ConfigMap& properties) {
    ConfPtr conf(rd_kafka_conf_new());
    char errstr[512];
    for (const auto& [key, value] : properties) {
        errstr[0] = '\0';
        const rd_kafka_conf_res_t res =
            rd_kafka_conf_set(conf.get(), key.c_str(), value.c_str(), errstr, sizeof errstr);
        if (res == RD_KAFKA_CONF_UNKNOWN) {
            return Status::Invalid(fmt::format("unknown Kafka client property '{}'", key));
        }
        if (res != RD_KAFKA_CONF_OK) {
            return Status::Invalid(
                fmt::format("invalid value '{}' for Kafka client property '{}': {}", value, key,
                            errstr));
        }
    }
    return conf;
}

void InstallLogCallbacks(rd_kafka_conf_t* conf, HandleContext* context) {
    rd_kafka_conf_set_opaque(conf, context);
    rd_kafka_conf_set_log_cb(conf, &LogCallback);
    rd_kafka_conf_set_error_cb(conf, &ErrorCallback);
}

Result<rd_kafka_t*> NewHandle(rd_kafka_type_t type, ConfPtr conf) {
    char errstr[512] = {0};
    rd_kafka_t* rk = rd_kafka_new(type, conf.get(), errstr, sizeof errstr);
    if (rk == nullptr) {
        // On failure the conf is still ours (ConfPtr destroys it).
        return Status::Invalid(fmt::format("cannot create Kafka client: {}", errstr));
    }
    conf.release();  // now owned by rk
    return rk;
}

}  // namespace runnel::kafka
