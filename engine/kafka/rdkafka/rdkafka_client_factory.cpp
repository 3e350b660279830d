// RdKafkaClientFactory: makes librdkafka clients sharing one bootstrap list and extra config.

#include "engine/kafka/rdkafka/rdkafka_client_factory.h"

#include "engine/kafka/rdkafka/rdkafka_admin.h"
#include "engine/kafka/rdkafka/rdkafka_consumer.h"
#include "engine/kafka/rdkafka/rdkafka_producer.h"

namespace runnel::kafka {

namespace {

class RdKafkaClientFactory final : public ClientFactory {
public:
    RdKafkaClientFactory(std::string bootstrap_servers, ConfigMap extra,
                         std::unique_ptr<RdKafkaAdmin> admin)
        : bootstrap_servers_(std::move(bootstrap_servers)),
          extra_(std::move(extra)),
          admin_(std::move(admin)) {}

    Result<std::unique_ptr<Consumer>> CreateConsumer(const ConsumerConfig& config) override {
        return RdKafkaConsumer::Create(bootstrap_servers_, extra_, config);
    }

    Result<std::unique_ptr<Producer>> CreateProducer(const ProducerConfig& config) override {
        return RdKafkaProducer::Create(bootstrap_servers_, extra_, config);
    }

    Admin& admin() override { return *admin_; }
    std::string_view kind() const override { return "kafka"; }

private:
    const std::string bootstrap_servers_;
    const ConfigMap extra_;
    std::unique_ptr<RdKafkaAdmin> admin_;
};

}  // namespace

Result<std::unique_ptr<ClientFactory>> MakeRdKafkaClientFactory(
    const std::string& bootstrap_servers, const std::map<std::string, std::string>& extra_config) {
    if (bootstrap_servers.empty()) return Status::Invalid("Kafka bootstrap servers are empty");
    // Building the admin handle validates the extra properties once, up front.
    ASSIGN_OR_RETURN(std::unique_ptr<RdKafkaAdmin> admin,
                     RdKafkaAdmin::Create(bootstrap_servers, extra_config));
    return std::unique_ptr<ClientFactory>(
        std::make_unique<RdKafkaClientFactory>(bootstrap_servers, extra_config, std::move(admin)));
}

}  // namespace runnel::kafka
