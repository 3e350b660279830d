// Factory of librdkafka-based clients for one Kafka cluster (kind() == "kafka"). Creating it
// does not contact the broker: an unreachable cluster shows up later as Unavailable from the
// operations (and rate-limited WARN lines in the log).
// Thread-safe: CreateConsumer/CreateProducer/admin() may be called from any thread.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "engine/kafka/kafka.h"

namespace runnel::kafka {

// extra_config: librdkafka properties applied to every client (consumer, producer and admin)
// over our defaults; ConsumerConfig/ProducerConfig fields and their `extra` override it in
// turn. InvalidArgument for an empty bootstrap list or a property librdkafka rejects.
Result<std::unique_ptr<ClientFactory>> MakeRdKafkaClientFactory(
    const std::string& bootstrap_servers, const std::map<std::string, std::string>& extra_config);

}  // namespace runnel::kafka
