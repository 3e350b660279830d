// MemoryClientFactory: makes memory clients; validates the configs they are given.

#include "engine/kafka/memory/memory_client_factory.h"

#include "engine/kafka/memory/memory_admin.h"
#include "engine/kafka/memory/memory_consumer.h"
#include "engine/kafka/memory/memory_producer.h"
#include "fmt/format.h"

namespace runnel::kafka {

namespace {

class MemoryClientFactory final : public ClientFactory {
public:
    explicit MemoryClientFactory(std::shared_ptr<MemoryBroker> broker)
        : broker_(std::move(broker)), admin_(broker_) {}

    Result<std::unique_ptr<Consumer>> CreateConsumer(const ConsumerConfig& config) override {
        const auto& r = config.auto_offset_reset;
        if (r != "earliest" && r != "latest" && r != "smallest" && r != "largest" &&
            r != "beginning" && r != "end") {
            return Status::Invalid(fmt::format(
                "auto_offset_reset must be 'earliest' or 'latest', got '{}'", r));
        }
        return std::unique_ptr<Consumer>(std::make_unique<MemoryConsumer>(broker_, config));
    }

    Result<std::unique_ptr<Producer>> CreateProducer(const ProducerConfig& config) override {
        return std::unique_ptr<Producer>(std::make_unique<MemoryProducer>(broker_, config));
    }

    Admin& admin() override { return admin_; }
    std::string_view kind() const override { return "memory"; }

private:
    std::shared_ptr<MemoryBroker> broker_;
    MemoryAdmin admin_;
};

}  // namespace

std::unique_ptr<ClientFactory> MakeMemoryClientFactory(std::shared_ptr<MemoryBroker> broker) {
    return std::make_unique<MemoryClientFactory>(std::move(broker));
}

}  // namespace runnel::kafka
