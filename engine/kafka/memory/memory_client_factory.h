// Factory of Consumer/Producer/Admin clients on an in-process MemoryBroker (kind() == "memory").
// Thread-safe: CreateConsumer/CreateProducer/admin() may be called from any thread.
#pragma once

#include <memory>

#include "engine/kafka/kafka.h"
#include "engine/kafka/memory/memory_broker.h"

namespace runnel::kafka {

// Clients share `broker`, which outlives them (they hold a reference to it).
std::unique_ptr<ClientFactory> MakeMemoryClientFactory(std::shared_ptr<MemoryBroker> broker);

}  // namespace runnel::kafka
