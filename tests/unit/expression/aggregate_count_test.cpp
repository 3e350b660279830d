// COUNT and COUNT_DISTINCT.
#include <gtest/gtest.h>

#include "tests/unit/expression/aggregate_test_util.h"

namespace runnel::expression {
namespace {

using namespace testing;

TEST(AggregateCountTest, CountStarCountsRows) {
    auto b = MustBind("COUNT", Call({}));
    EXPECT_EQ(b.return_type, SqlType::Bigint());
    EXPECT_TRUE(b.column_param_types.empty());
    Group g(b);
    EXPECT_EQ(g.Result(), I(0));
    g.Add({}).Add({});
    EXPECT_EQ(g.Result(), I(2));
    g.Undo({}).Undo({});
    EXPECT_EQ(g.Result(), I(0));  // counts back to zero on tables
}

TEST(AggregateCountTest, CountColumnSkipsNulls) {
    auto b = MustBind("count", Call({SqlType::String()}));
    EXPECT_EQ(b.column_param_types, std::vector<SqlType>{SqlType::String()});
    Group g(b);
    g.Add({S("a")}).Add({N()}).Add({S("b")});
    EXPECT_EQ(g.Result(), I(2));
    g.Undo({N()});
    EXPECT_EQ(g.Result(), I(2));
    g.Undo({S("a")});
    EXPECT_EQ(g.Result(), I(1));
}

TEST(AggregateCountTest, CountLiteralCountsEveryRow) {
    // COUNT(1): the literal is the column argument, passed on every row.
    AggregateCall call = Call({}, {{SqlType::Int(), I(1)}});
    auto b = MustBind("COUNT", call);
    ASSERT_EQ(b.column_param_types.size(), 1u);
    Group g(b);
    g.Add({I(1)}).Add({I(1)});
    EXPECT_EQ(g.Result(), I(2));
}

TEST(AggregateCountTest, MergeAddsSessions) {
    auto b = MustBind("COUNT", Call({}));
    Group a(b), c(b), merged(b);
    a.Add({}).Add({});
    c.Add({});
    merged.Merge(a).Merge(c);
    EXPECT_EQ(merged.Result(), I(3));
}

TEST(AggregateCountTest, CountDistinctIsExactForSmallGroups) {
    auto b = MustBind("COUNT_DISTINCT", Call({SqlType::String()}));
    EXPECT_EQ(b.return_type, SqlType::Bigint());
    EXPECT_FALSE(b.aggregator->can_undo());
    Group g(b);
    EXPECT_EQ(g.Result(), I(0));
    g.Add({S("a")}).Add({S("b")}).Add({S("a")}).Add({N()});
    EXPECT_EQ(g.Result(), I(2));
    for (int i = 0; i < 100; ++i) g.Add({S("v" + std::to_string(i % 50))});
    EXPECT_EQ(g.Result(), I(52));
}

TEST(AggregateCountTest, CountDistinctEstimatesLargeGroups) {
    auto b = MustBind("COUNT_DISTINCT", Call({SqlType::Bigint()}));
    Value acc = b.aggregator->Init();
    for (int64_t i = 0; i < 200000; ++i) {
        Value v = I(i * 7919);
        const Value* p = &v;
        b.aggregator->Add(Args(&p, 1), acc);
        const Value* again = &v;  // duplicates change nothing
        if (i % 3 == 0) b.aggregator->Add(Args(&again, 1), acc);
    }
    Value out;
    b.aggregator->Result(acc, out);
    EXPECT_NEAR(static_cast<double>(out.AsInt()), 200000.0, 200000.0 * 0.03);
    // The dense form survives the codec.
    RoundTrip(acc);
}

TEST(AggregateCountTest, CountDistinctMergesSketches) {
    auto b = MustBind("COUNT_DISTINCT", Call({SqlType::Int()}));
    Group a(b), c(b), merged(b);
    for (int i = 0; i < 30; ++i) a.Add({I(i)});
    for (int i = 20; i < 60; ++i) c.Add({I(i)});
    merged.Merge(a).Merge(c);
    EXPECT_EQ(merged.Result(), I(60));

    // A sparse sketch merged with a dense one.
    Group big(b);
    for (int i = 0; i < 20000; ++i) big.Add({I(1000000 + i)});
    Group all(b);
    all.Merge(a).Merge(big);
    EXPECT_NEAR(static_cast<double>(all.Result().AsInt()), 20030.0, 20030.0 * 0.03);
}

TEST(AggregateCountTest, Errors) {
    EXPECT_EQ(BindError("COUNT", Call({SqlType::Int(), SqlType::Int()})),
              "Function 'COUNT' does not accept parameters (INTEGER, INTEGER).");
    EXPECT_EQ(BindError("COUNT_DISTINCT", Call({})),
              "Function 'COUNT_DISTINCT' does not accept parameters ().");
}

}  // namespace
}  // namespace runnel::expression
