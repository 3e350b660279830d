// SUM and SUM_LIST: Java wrap-around for INT and BIGINT, DECIMAL overflow, undo and merge.
#include <gtest/gtest.h>

#include "tests/unit/expression/aggregate_test_util.h"

namespace runnel::expression {
namespace {

using namespace testing;

TEST(AggregateSumTest, ResultTypes) {
    EXPECT_EQ(MustBind("SUM", Call({SqlType::Int()})).return_type, SqlType::Int());
    EXPECT_EQ(MustBind("SUM", Call({SqlType::Bigint()})).return_type, SqlType::Bigint());
    EXPECT_EQ(MustBind("SUM", Call({SqlType::Double()})).return_type, SqlType::Double());
    auto d = MustBind("SUM", Call({SqlType::Decimal(4, 1)}));
    EXPECT_EQ(d.return_type, SqlType::Decimal(4, 1));
    EXPECT_EQ(d.column_param_types, std::vector<SqlType>{SqlType::Decimal(4, 1)});
}

TEST(AggregateSumTest, IntWrapsLikeJava) {
    Group g(MustBind("SUM", Call({SqlType::Int()})));
    EXPECT_EQ(g.Result(), I(0));
    g.Add({I(0)}).Add({I(100)}).Add({N()});
    EXPECT_EQ(g.Result(), I(100));
    g.Add({I(2147483647)});
    EXPECT_EQ(g.Result(), I(-2147483549));
    g.Undo({I(2147483647)});
    EXPECT_EQ(g.Result(), I(100));
}

TEST(AggregateSumTest, BigintWrapsLikeJava) {
    Group g(MustBind("SUM", Call({SqlType::Bigint()})));
    g.Add({I(2147483648LL)}).Add({I(100)});
    EXPECT_EQ(g.Result(), I(2147483748LL));
    g.Add({I(INT64_MAX)});
    EXPECT_EQ(g.Result(), I(INT64_MIN + 2147483747LL));
}

TEST(AggregateSumTest, Doubles) {
    Group g(MustBind("SUM", Call({SqlType::Double()})));
    g.Add({D(500.9)}).Add({D(300.8)});
    EXPECT_EQ(g.Result(), D(500.9 + 300.8));
    EXPECT_EQ(g.Result().AsDouble(), 801.7);
}

TEST(AggregateSumTest, ConstantArgument) {
    // SUM(2): INT; the literal arrives on each row.
    auto b = MustBind("SUM", Call({}, {{SqlType::Int(), I(2)}}));
    EXPECT_EQ(b.return_type, SqlType::Int());
    Group g(b);
    g.Add({I(2)}).Add({I(2)}).Add({I(2)});
    EXPECT_EQ(g.Result(), I(6));
}

TEST(AggregateSumTest, DecimalKeepsTypeAndReportsOverflow) {
    Group g(MustBind("SUM", Call({SqlType::Decimal(4, 1)})));
    EXPECT_TRUE(g.TryAdd({Value::Decimal(5009)}).ok());  // 500.9
    EXPECT_TRUE(g.TryAdd({Value::Decimal(3008)}).ok());  // 300.8
    EXPECT_EQ(g.Result(), Value::Decimal(8017));
    Status s = g.TryAdd({Value::Decimal(4008)});  // 1202.5 needs DECIMAL(5, 1)
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.message(),
              "Numeric field overflow: A field with precision 4 and scale 1 must round to an "
              "absolute value less than 10^3. Got 1203");
    EXPECT_EQ(g.Result(), Value::Decimal(8017));  // unchanged
    g.Add({Value::Decimal(4008)});                // Add ignores it too
    EXPECT_EQ(g.Result(), Value::Decimal(8017));
    g.Add({Value::Decimal(-8017)});
    EXPECT_EQ(g.Result(), Value::Decimal(0));
    EXPECT_TRUE(g.TryAdd({N()}).ok());
}

TEST(AggregateSumTest, DecimalUndoAndMerge) {
    auto b = MustBind("SUM", Call({SqlType::Decimal(6, 2)}));
    Group a(b), c(b), m(b);
    a.Add({Value::Decimal(540)}).Add({Value::Decimal(10010)});
    a.Undo({Value::Decimal(540)});
    EXPECT_EQ(a.Result(), Value::Decimal(10010));
    c.Add({Value::Decimal(-10)});
    m.Merge(a).Merge(c);
    EXPECT_EQ(m.Result(), Value::Decimal(10000));
}

TEST(AggregateSumTest, DecimalOverflowMessageForNegatives) {
    Group g(MustBind("SUM", Call({SqlType::Decimal(3, 1)})));
    EXPECT_TRUE(g.TryAdd({Value::Decimal(-509)}).ok());
    Status s = g.TryAdd({Value::Decimal(-508)});
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.message(),
              "Numeric field overflow: A field with precision 3 and scale 1 must round to an "
              "absolute value less than 10^2. Got -102");
}

TEST(AggregateSumTest, IntegersWidenOnlyWhenNeeded) {
    // No exact DECIMAL overload for INT: ksqlDB's implicit widening picks BIGINT.
    auto b = MustBind("SUM", Call({SqlType::Int()}));
    EXPECT_EQ(b.column_param_types, std::vector<SqlType>{SqlType::Int()});
    EXPECT_EQ(BindError("SUM", Call({SqlType::Boolean()})),
              "Function 'SUM' does not accept parameters (BOOLEAN).");
}

TEST(AggregateSumTest, SumListAddsElements) {
    auto b = MustBind("SUM_LIST", Call({SqlType::Array(SqlType::Double())}));
    EXPECT_EQ(b.return_type, SqlType::Double());
    Group g(b);
    g.Add({L({D(1), D(1)})}).Add({L({D(2), D(2)})}).Add({L({D(922337203685.0), D(1)})});
    EXPECT_EQ(g.Result(), D(922337203692.0));
    g.Add({L({D(1), D(1), N()})}).Add({N()});
    EXPECT_EQ(g.Result(), D(922337203694.0));
    g.Undo({L({D(1), D(1)})});
    EXPECT_EQ(g.Result(), D(922337203692.0));

    Group ints(MustBind("SUM_LIST", Call({SqlType::Array(SqlType::Int())})));
    ints.Add({L({I(2147483647), I(1)})});
    EXPECT_EQ(ints.Result(), I(-2147483648LL));
    EXPECT_EQ(BindError("SUM_LIST", Call({SqlType::Array(SqlType::String())})),
              "Function 'SUM_LIST' does not accept parameters (ARRAY<STRING>).");
}

}  // namespace
}  // namespace runnel::expression
