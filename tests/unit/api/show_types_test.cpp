// SHOW TYPES lists the named types of CREATE TYPE with their definitions (the REST entity:
// tests/unit/protocol/type_list_test.cpp).
#include <gtest/gtest.h>

#include "engine/api/engine_factory.h"
#include "engine/kafka/memory/memory_broker.h"
#include "engine/kafka/memory/memory_client_factory.h"

namespace runnel::api {
namespace {

TEST(ShowTypesTest, ListsNamedTypesWithTheirDefinitions) {
    auto broker = std::make_shared<kafka::MemoryBroker>();
    EngineConfig config;
    config.service_id = "test_";
    auto e = CreateEngine(config, kafka::MakeMemoryClientFactory(broker));
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    auto engine = std::move(e).value();
    auto created = engine->Execute("CREATE TYPE ADDRESS AS STRUCT<number INT, street STRING>; CREATE TYPE ZIP AS STRING;", {}, {});
    ASSERT_FALSE(created.error) << created.error->message;

    auto r = engine->Execute("SHOW TYPES;", {}, {});
    ASSERT_FALSE(r.error) << r.error->message;
    ASSERT_EQ(r.results.size(), 1u);
    EXPECT_EQ(r.results[0].kind, StatementResult::Kind::kTypes);
    ASSERT_EQ(r.results[0].types.size(), 2u);
    EXPECT_EQ(r.results[0].types[0].first, "ADDRESS");
    EXPECT_EQ(r.results[0].types[1].first, "ZIP");
    EXPECT_EQ(r.results[0].types[1].second, "STRING");

}

}  // namespace
}  // namespace runnel::api
