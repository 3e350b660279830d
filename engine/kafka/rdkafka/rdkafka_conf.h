// Builds librdkafka configurations: our defaults, then the factory's extra properties, then the
// client's own, each layer overriding the one before; and the logging glue every handle shares
// (librdkafka's log_cb and error_cb forwarded to our log at WARN and above, rate-limited).
// Thread-safe: functions only; HandleContext's limiter is thread-safe.
#pragma once

#include <librdkafka/rdkafka.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/status.h"
#include "engine/kafka/rdkafka/rate_limited_log.h"

namespace runnel::kafka {

using ConfigMap = std::map<std::string, std::string>;

struct ConfDeleter {
    void operator()(rd_kafka_conf_t* conf) const { rd_kafka_conf_destroy(conf); }
};
using ConfPtr = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;

// Properties every handle gets (bootstrap servers, quiet logging, keepalive, no auto-create).
ConfigMap CommonDefaults(const std::string& bootstrap_servers);

// Merges layers left to right (later layers win).
ConfigMap MergeConfig(std::initializer_list<const ConfigMap*> layers);

// A conf with every property set; InvalidArgument naming the property that librdkafka rejects.
Result<ConfPtr> BuildConf(const ConfigMap& properties);

// The per-handle state librdkafka's callbacks see as their opaque: a name for log lines, the
// limiter for error lines, and the client object that owns the handle.
struct HandleContext {
    std::string name;  // e.g. "consumer group=g1"
    RateLimitedLog error_log;
    void* owner = nullptr;
};

// Sets opaque = context, log_cb and error_cb on conf. context must outlive the handle.
void InstallLogCallbacks(rd_kafka_conf_t* conf, HandleContext* context);

// Creates a handle from conf (consumed on success and on failure).
Result<rd_kafka_t*> NewHandle(rd_kafka_type_t type, ConfPtr conf);

}  // namespace runnel::kafka
