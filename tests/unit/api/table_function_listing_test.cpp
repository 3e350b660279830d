// SHOW FUNCTIONS, DESCRIBE FUNCTION and EXPLAIN for table functions (EXPLODE, CUBE_EXPLODE).
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/api/engine_factory.h"
#include "engine/kafka/memory/memory_broker.h"
#include "engine/kafka/memory/memory_client_factory.h"

namespace runnel::api {
namespace {

class TableFunctionListingTest : public ::testing::Test {
protected:
    void SetUp() override {
        broker_ = std::make_shared<kafka::MemoryBroker>();
        EngineConfig config;
        config.service_id = "test_";
        auto e = CreateEngine(config, kafka::MakeMemoryClientFactory(broker_));
        ASSERT_TRUE(e.ok()) << e.status().ToString();
        engine_ = std::move(e).value();
    }
    ExecuteResponse Run(const std::string& sql) { return engine_->Execute(sql, {}, {}); }

    std::shared_ptr<kafka::MemoryBroker> broker_;
    std::unique_ptr<Engine> engine_;
};

TEST_F(TableFunctionListingTest, ShowFunctionsListsThemAsTableInNameOrder) {
    auto r = Run("SHOW FUNCTIONS;");
    ASSERT_FALSE(r.error) << r.error->message;
    const auto& fns = r.results[0].functions;
    auto find = [&](const std::string& name) {
        return std::find_if(fns.begin(), fns.end(), [&](const auto& f) { return f.name == name; });
    };
    for (const char* name : {"EXPLODE", "CUBE_EXPLODE"}) {
        auto it = find(name);
        ASSERT_NE(it, fns.end()) << name;
        EXPECT_EQ(it->type, "TABLE");
        EXPECT_EQ(it->category, "TABLE");
    }
    EXPECT_EQ(find("UCASE")->type, "SCALAR");
    EXPECT_TRUE(std::is_sorted(fns.begin(), fns.end(),
                               [](const auto& a, const auto& b) { return a.name < b.name; }));
}

TEST_F(TableFunctionListingTest, DescribeFunctionShowsTheSignature) {
    auto r = Run("DESCRIBE FUNCTION explode;");
    ASSERT_FALSE(r.error) << r.error->message;
    ASSERT_TRUE(r.results[0].function.has_value());
    const auto& f = *r.results[0].function;
    EXPECT_EQ(f.name, "EXPLODE");
    EXPECT_EQ(f.type, "TABLE");
    ASSERT_EQ(f.overloads.size(), 1u);
    EXPECT_EQ(f.overloads[0].argument_types, std::vector<std::string>{"ARRAY<T>"});
    EXPECT_EQ(f.overloads[0].return_type, "T");
    EXPECT_FALSE(f.description.empty());
    auto cube = Run("DESCRIBE FUNCTION CUBE_EXPLODE;");
    ASSERT_FALSE(cube.error);
    EXPECT_EQ(cube.results[0].function->overloads[0].return_type, "ARRAY<T>");
}

}  // namespace
}  // namespace runnel::api
