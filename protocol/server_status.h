// Bodies of GET /info and GET /healthcheck as ksqlDB writes them:
// {"KsqlServerInfo":{"version","kafkaClusterId","ksqlServiceId","serverStatus"}} and
// {"isHealthy":..,"details":{"metastore":{"isHealthy":..},"kafka":{..},"commandRunner":{..}}}.
// Plain value types and stateless functions; thread-safe.
#pragma once

#include <string>

#include "protocol/json_text.h"

namespace runnel::protocol {

struct ServerInfoEntity {
    std::string version;
    std::string kafka_cluster_id;
    std::string service_id;
    std::string server_status = "RUNNING";
};

struct HealthCheckEntity {
    bool metastore = true;
    bool kafka = true;
    bool command_runner = true;
    bool healthy() const { return metastore && kafka && command_runner; }
};

OrderedJson ToJson(const ServerInfoEntity& info);
OrderedJson ToJson(const HealthCheckEntity& health);

}  // namespace runnel::protocol
