// AVG: DOUBLE results as ksqlDB's (sum / count), wrap-around sums, undo and merge.
#include <gtest/gtest.h>

#include "tests/unit/expression/aggregate_test_util.h"

namespace runnel::expression {
namespace {

using namespace testing;

TEST(AggregateAverageTest, Ints) {
    auto b = MustBind("AVG", Call({SqlType::Int()}));
    EXPECT_EQ(b.return_type, SqlType::Double());
    Group g(b);
    EXPECT_EQ(g.Result(), D(0.0));
    g.Add({I(1)});
    EXPECT_EQ(g.Result(), D(1.0));
    g.Add({I(2)});
    EXPECT_EQ(g.Result(), D(1.5));
    g.Add({I(2)});
    EXPECT_EQ(g.Result(), D(1.6666666666666667));
    g.Add({N()});
    EXPECT_EQ(g.Result(), D(1.6666666666666667));
}

TEST(AggregateAverageTest, LongsWrapLikeJava) {
    Group g(MustBind("AVG", Call({SqlType::Bigint()})));
    g.Add({I(-1)}).Add({I(INT64_MAX)});
    EXPECT_EQ(g.Result(), D(4.611686018427388e+18));
    g.Add({I(1)});
    EXPECT_EQ(g.Result(), D(3.0744573456182584e+18));
    g.Add({I(1)});  // the sum wraps to INT64_MIN
    EXPECT_EQ(g.Result(), D(-2.305843009213694e+18));
}

TEST(AggregateAverageTest, Doubles) {
    Group g(MustBind("AVG", Call({SqlType::Double()})));
    g.Add({D(2.3)}).Add({D(-200000.6)});
    EXPECT_EQ(g.Result(), D(-99999.15000000001));
    g.Add({D(0.0)});
    EXPECT_EQ(g.Result(), D(-66666.1));
}

TEST(AggregateAverageTest, TableUndo) {
    Group g(MustBind("AVG", Call({SqlType::Int()})));
    g.Add({I(1)}).Add({I(2)});
    EXPECT_EQ(g.Result(), D(1.5));
    g.Undo({I(1)}).Add({N()});
    EXPECT_EQ(g.Result(), D(2.0));
    g.Undo({N()}).Add({I(4)});
    EXPECT_EQ(g.Result(), D(3.0));
    g.Undo({I(2)}).Undo({I(4)});
    EXPECT_EQ(g.Result(), D(0.0));
}

TEST(AggregateAverageTest, MergeAndDecimalAsDouble) {
    auto b = MustBind("AVG", Call({SqlType::Decimal(4, 2)}));
    EXPECT_EQ(b.column_param_types, std::vector<SqlType>{SqlType::Double()});
    Group a(b), c(b), m(b);
    a.Add({D(1.0)}).Add({D(2.0)});
    c.Add({D(6.0)});
    m.Merge(a).Merge(c);
    EXPECT_EQ(m.Result(), D(3.0));
    EXPECT_EQ(BindError("AVG", Call({SqlType::String()})),
              "Function 'AVG' does not accept parameters (STRING).");
}

}  // namespace
}  // namespace runnel::expression
