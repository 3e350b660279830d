// STDDEV_SAMP (ksqlDB's sample variance), STDDEV_SAMPLE and CORRELATION.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/expression/aggregate_test_util.h"

namespace runnel::expression {
namespace {

using namespace testing;

TEST(AggregateStatsTest, StddevSampleAndSamp) {
    auto sample = MustBind("STDDEV_SAMPLE", Call({SqlType::Int()}));
    auto samp = MustBind("STDDEV_SAMP", Call({SqlType::Int()}));
    EXPECT_EQ(sample.return_type, SqlType::Double());
    Group a(sample), b(samp);
    EXPECT_EQ(a.Result(), D(0.0));
    a.Add({I(1)});
    EXPECT_EQ(a.Result(), D(0.0));
    for (int v : {2, 3, 4}) {
        a.Add({I(v)});
        b.Add({I(v - 1)});
    }
    b.Add({I(4)}).Add({N()});
    EXPECT_DOUBLE_EQ(a.Result().AsDouble(), std::sqrt(5.0 / 3.0));
    EXPECT_DOUBLE_EQ(b.Result().AsDouble(), 5.0 / 3.0);  // variance, as ksqlDB's STDDEV_SAMP
}

TEST(AggregateStatsTest, Undo) {
    Group g(MustBind("STDDEV_SAMPLE", Call({SqlType::Bigint()})));
    for (int v : {1, 2, 3, 4}) g.Add({I(v)});
    g.Undo({I(4)}).Undo({N()});
    EXPECT_DOUBLE_EQ(g.Result().AsDouble(), 1.0);  // {1, 2, 3}
    g.Undo({I(3)}).Undo({I(2)});
    EXPECT_EQ(g.Result(), D(0.0));
}

TEST(AggregateStatsTest, MergeUsesIntegerMeansInStddevSamp) {
    auto sample = MustBind("STDDEV_SAMPLE", Call({SqlType::Int()}));
    auto samp = MustBind("STDDEV_SAMP", Call({SqlType::Int()}));
    auto run = [](const BoundAggregate& b) {
        Group x(b), y(b), m(b);
        x.Add({I(1)}).Add({I(2)});
        y.Add({I(4)}).Add({I(6)});
        m.Merge(x).Merge(y);
        return m.Result().AsDouble();
    };
    EXPECT_DOUBLE_EQ(run(sample), std::sqrt(14.75 / 3));
    EXPECT_DOUBLE_EQ(run(samp), 18.5 / 3);  // means 1 and 5 by integer division

    auto doubles = MustBind("STDDEV_SAMP", Call({SqlType::Double()}));
    Group x(doubles), y(doubles), m(doubles);
    x.Add({D(1)}).Add({D(2)});
    y.Add({D(4)}).Add({D(6)});
    m.Merge(x).Merge(y);
    EXPECT_DOUBLE_EQ(m.Result().AsDouble(), 14.75 / 3);
}

TEST(AggregateStatsTest, Doubles) {
    Group g(MustBind("STDDEV_SAMPLE", Call({SqlType::Double()})));
    for (double v : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) g.Add({D(v)});
    EXPECT_NEAR(g.Result().AsDouble(), std::sqrt(32.0 / 7.0), 1e-12);
    EXPECT_EQ(BindError("STDDEV_SAMP", Call({SqlType::String()})),
              "Function 'STDDEV_SAMP' does not accept parameters (STRING).");
}

TEST(AggregateStatsTest, Correlation) {
    auto b = MustBind("CORRELATION", Call({SqlType::Double(), SqlType::Int()}));
    EXPECT_EQ(b.column_param_types, (std::vector<SqlType>{SqlType::Double(), SqlType::Double()}));
    Group g(b);
    EXPECT_TRUE(std::isnan(g.Result().AsDouble()));
    g.Add({D(1), D(2)}).Add({D(2), D(4)}).Add({D(3), D(6)}).Add({N(), D(1)}).Add({D(1), N()});
    EXPECT_DOUBLE_EQ(g.Result().AsDouble(), 1.0);
    g.Add({D(4), D(-100)});
    EXPECT_LT(g.Result().AsDouble(), 0.0);
    g.Undo({D(4), D(-100)});
    EXPECT_NEAR(g.Result().AsDouble(), 1.0, 1e-12);

    Group x(b), y(b), m(b);
    x.Add({D(1), D(3)}).Add({D(2), D(2)});
    y.Add({D(3), D(1)});
    m.Merge(x).Merge(y);
    EXPECT_DOUBLE_EQ(m.Result().AsDouble(), -1.0);
    EXPECT_EQ(BindError("CORRELATION", Call({SqlType::Double()})),
              "Function 'CORRELATION' does not accept parameters (DOUBLE).");
}

}  // namespace
}  // namespace runnel::expression
