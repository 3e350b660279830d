// AggregateRegistry: lookup, errors, and the metadata SHOW/DESCRIBE FUNCTION read.
#include <gtest/gtest.h>

#include "tests/unit/expression/aggregate_test_util.h"

namespace runnel::expression {
namespace {

using namespace testing;

TEST(AggregateRegistryTest, CaseInsensitiveLookup) {
    const auto& r = AggregateRegistry::Builtins();
    EXPECT_TRUE(r.Has("count"));
    EXPECT_TRUE(r.Has("Collect_List"));
    EXPECT_FALSE(r.Has("UCASE"));
    auto b = r.Bind("sum", Call({SqlType::Int()}));
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b.value().return_type, SqlType::Int());
}

TEST(AggregateRegistryTest, UnknownFunction) {
    auto b = AggregateRegistry::Builtins().Bind("nope", Call({SqlType::Int()}));
    ASSERT_FALSE(b.ok());
    EXPECT_EQ(b.status().code(), StatusCode::kNotFound);
    EXPECT_EQ(b.status().message(), "Can't find any functions with the name 'NOPE'");
}

TEST(AggregateRegistryTest, EveryKsqlAggregateIsThere) {
    const auto& r = AggregateRegistry::Builtins();
    for (const char* name :
         {"AVG", "ATTR", "COLLECT_LIST", "COLLECT_SET", "CORRELATION", "COUNT", "COUNT_DISTINCT",
          "EARLIEST_BY_OFFSET", "HISTOGRAM", "LATEST_BY_OFFSET", "MAX", "MIN", "STDDEV_SAMP",
          "STDDEV_SAMPLE", "SUM", "SUM_LIST", "TOPK", "TOPKDISTINCT"}) {
        ASSERT_TRUE(r.Has(name)) << name;
        const auto& fn = r.all().at(name);
        EXPECT_EQ(fn.name, name);
        EXPECT_FALSE(fn.description.empty()) << name;
        EXPECT_FALSE(fn.signatures.empty()) << name;
    }
}

TEST(AggregateRegistryTest, WrongArgumentTypes) {
    EXPECT_EQ(BindError("SUM", Call({SqlType::String()})),
              "Function 'SUM' does not accept parameters (STRING).");
    EXPECT_EQ(BindError("sum", Call({SqlType::Int(), SqlType::Int()})),
              "Function 'SUM' does not accept parameters (INTEGER, INTEGER).");
    EXPECT_EQ(BindError("MAX", Call({SqlType::Array(SqlType::Int())})),
              "Function 'MAX' does not accept parameters (ARRAY<INTEGER>).");
    EXPECT_EQ(BindError("HISTOGRAM", Call({SqlType::Int()})),
              "Function 'HISTOGRAM' does not accept parameters (INTEGER).");
}

TEST(AggregateRegistryTest, UndoWhereKsqlSupportsTables) {
    auto can_undo = [](std::string_view name, AggregateCall call) {
        return MustBind(name, call).aggregator->can_undo();
    };
    SqlType i = SqlType::Int();
    EXPECT_TRUE(can_undo("COUNT", Call({})));
    EXPECT_TRUE(can_undo("COUNT", Call({i})));
    EXPECT_TRUE(can_undo("SUM", Call({i})));
    EXPECT_TRUE(can_undo("SUM_LIST", Call({SqlType::Array(i)})));
    EXPECT_TRUE(can_undo("AVG", Call({i})));
    EXPECT_TRUE(can_undo("COLLECT_LIST", Call({i})));
    EXPECT_TRUE(can_undo("HISTOGRAM", Call({SqlType::String()})));
    EXPECT_TRUE(can_undo("STDDEV_SAMP", Call({i})));
    EXPECT_TRUE(can_undo("STDDEV_SAMPLE", Call({i})));
    EXPECT_TRUE(can_undo("CORRELATION", Call({SqlType::Double(), SqlType::Double()})));
    EXPECT_TRUE(can_undo("ATTR", Call({i})));
    EXPECT_FALSE(can_undo("COLLECT_SET", Call({i})));
    EXPECT_FALSE(can_undo("COUNT_DISTINCT", Call({i})));
    EXPECT_FALSE(can_undo("MIN", Call({i})));
    EXPECT_FALSE(can_undo("MAX", Call({i})));
    EXPECT_FALSE(can_undo("TOPK", Call({i}, {{i, I(2)}})));
    EXPECT_FALSE(can_undo("TOPKDISTINCT", Call({i}, {{i, I(2)}})));
    EXPECT_FALSE(can_undo("EARLIEST_BY_OFFSET", Call({i})));
    EXPECT_FALSE(can_undo("LATEST_BY_OFFSET", Call({i})));
}

TEST(AggregateRegistryTest, IntermediateTypes) {
    SqlType i = SqlType::Int();
    EXPECT_EQ(MustBind("COUNT", Call({})).intermediate_type, SqlType::Bigint());
    EXPECT_EQ(MustBind("AVG", Call({i})).intermediate_type.kind(), TypeKind::kStruct);
    EXPECT_EQ(MustBind("COLLECT_LIST", Call({i})).intermediate_type, SqlType::Array(i));
    EXPECT_EQ(MustBind("LATEST_BY_OFFSET", Call({i})).intermediate_type.kind(), TypeKind::kStruct);
    EXPECT_EQ(MustBind("SUM", Call({SqlType::Decimal(4, 1)})).intermediate_type,
              SqlType::Decimal(4, 1));
}

}  // namespace
}  // namespace runnel::expression
