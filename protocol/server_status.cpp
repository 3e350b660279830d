#include "protocol/server_status.h"

namespace runnel::protocol {

namespace {

OrderedJson Healthy(bool healthy) {
    OrderedJson out;
    out["isHealthy"] = healthy;
    return out;
}

}  // namespace

OrderedJson ToJson(const ServerInfoEntity& info) {
    OrderedJson inner;
    inner["version"] = info.version;
    inner["kafkaClusterId"] = info.kafka_cluster_id;
    inner["ksqlServiceId"] = info.service_id;
    inner["serverStatus"] = info.server_status;
    OrderedJson out;
    out["KsqlServerInfo"] = std::move(inner);
    return out;
}

OrderedJson ToJson(const HealthCheckEntity& health) {
    OrderedJson details;
    details["metastore"] = Healthy(health.metastore);
    details["kafka"] = Healthy(health.kafka);
    details["commandRunner"] = Healthy(health.command_runner);
    OrderedJson out;
    out["isHealthy"] = health.healthy();
    out["details"] = std::move(details);
    return out;
}

}  // namespace runnel::protocol
