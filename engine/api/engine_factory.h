// Creating an engine on a given Kafka client factory: the in-memory broker for engine tests and
// runnel-test, or a librdkafka factory. Engine::Create (engine.h) picks one from the config.
#pragma once

#include <memory>

#include "engine/api/engine.h"
#include "engine/catalog/catalog.h"
#include "engine/kafka/kafka.h"

namespace runnel::api {

Result<std::unique_ptr<Engine>> CreateEngine(const EngineConfig& config,
                                             std::shared_ptr<kafka::ClientFactory> kafka);

// For an engine made with synchronous_queries: runs every persistent query, in creation order,
// until it has consumed all the input it can see, and repeats until a whole round consumed
// nothing (a query may read another's output). Then commits. Returns the records consumed.
// Must not run concurrently with Execute on the same engine.
Result<size_t> RunUntilQuiet(Engine& engine);

// The engine's current catalog (an immutable snapshot), for test tools that need a source's
// schema and formats, e.g. to encode input records for its topic.
catalog::CatalogPtr CatalogSnapshot(Engine& engine);

}  // namespace runnel::api
