// EARLIEST_BY_OFFSET and LATEST_BY_OFFSET: the four forms, null handling, session merges.
#include <gtest/gtest.h>

#include "tests/unit/expression/aggregate_test_util.h"

namespace runnel::expression {
namespace {

using namespace testing;

const SqlType kInt = SqlType::Int();
const SqlType kBool = SqlType::Boolean();

AggregateCall Form(std::vector<std::pair<SqlType, Value>> literals) {
    return Call({kInt}, std::move(literals));
}

TEST(AggregateOffsetTest, Binding) {
    auto single = MustBind("EARLIEST_BY_OFFSET", Form({}));
    EXPECT_EQ(single.return_type, kInt);
    EXPECT_EQ(single.column_param_types, std::vector<SqlType>{kInt});
    EXPECT_EQ(MustBind("LATEST_BY_OFFSET", Form({{kBool, Value::Bool(false)}})).return_type, kInt);
    auto n = MustBind("LATEST_BY_OFFSET", Form({{kInt, I(2)}}));
    EXPECT_EQ(n.return_type, SqlType::Array(kInt));
    EXPECT_EQ(n.column_param_types, std::vector<SqlType>{kInt});
    EXPECT_EQ(MustBind("EARLIEST_BY_OFFSET", Form({{kInt, I(2)}, {kBool, Value::Bool(true)}}))
                  .return_type,
              SqlType::Array(kInt));
    SqlType complex = SqlType::Array(SqlType::Map(SqlType::String(), SqlType::Double()));
    EXPECT_EQ(MustBind("EARLIEST_BY_OFFSET", Call({complex})).return_type, complex);
}

TEST(AggregateOffsetTest, BindingErrors) {
    AggregateCall call = Call({kInt, kInt});
    call.arg_sql = {"F0", "F0"};
    EXPECT_EQ(BindError("EARLIEST_BY_OFFSET", call),
              "Parameter 2 passed to function EARLIEST_BY_OFFSET must be a literal constant, but "
              "was expression: 'F0'");
    EXPECT_EQ(BindError("LATEST_BY_OFFSET", Form({{SqlType::String(), S("x")}})),
              "Function 'LATEST_BY_OFFSET' does not accept parameters (INTEGER, STRING).");
    EXPECT_EQ(BindError("LATEST_BY_OFFSET", Form({{kInt, I(0)}})),
              "earliestN must be 1 or greater");
    EXPECT_EQ(BindError("LATEST_BY_OFFSET", Form({{kBool, Value::Bool(true)}, {kInt, I(1)}})),
              "Function 'LATEST_BY_OFFSET' does not accept parameters (INTEGER, BOOLEAN, "
              "INTEGER).");
    EXPECT_EQ(BindError("LATEST_BY_OFFSET", Call({})),
              "Function 'LATEST_BY_OFFSET' does not accept parameters ().");
}

TEST(AggregateOffsetTest, EarliestSingle) {
    Group ignoring(MustBind("EARLIEST_BY_OFFSET", Form({})));
    ignoring.Add({N()});
    EXPECT_EQ(ignoring.Result(), N());
    ignoring.Add({I(13)}).Add({I(14)});
    EXPECT_EQ(ignoring.Result(), I(13));

    Group keeping(MustBind("EARLIEST_BY_OFFSET", Form({{kBool, Value::Bool(false)}})));
    keeping.Add({N()}).Add({I(13)});
    EXPECT_EQ(keeping.Result(), N());
}

TEST(AggregateOffsetTest, LatestSingle) {
    Group ignoring(MustBind("LATEST_BY_OFFSET", Form({})));
    ignoring.Add({I(12)}).Add({N()});
    EXPECT_EQ(ignoring.Result(), I(12));
    ignoring.Add({I(13)});
    EXPECT_EQ(ignoring.Result(), I(13));

    Group keeping(MustBind("LATEST_BY_OFFSET", Form({{kBool, Value::Bool(false)}})));
    keeping.Add({I(12)}).Add({N()});
    EXPECT_EQ(keeping.Result(), N());
}

TEST(AggregateOffsetTest, EarliestN) {
    Group ignoring(MustBind("EARLIEST_BY_OFFSET", Form({{kInt, I(2)}})));
    ignoring.Add({N()});
    EXPECT_EQ(ignoring.Result(), L({}));
    ignoring.Add({I(12)}).Add({N()}).Add({I(13)}).Add({I(14)});
    EXPECT_EQ(ignoring.Result(), L({I(12), I(13)}));

    Group keeping(
        MustBind("EARLIEST_BY_OFFSET", Form({{kInt, I(2)}, {kBool, Value::Bool(false)}})));
    keeping.Add({I(12)}).Add({N()}).Add({I(13)});
    EXPECT_EQ(keeping.Result(), L({I(12), N()}));
}

TEST(AggregateOffsetTest, LatestN) {
    Group g(MustBind("LATEST_BY_OFFSET", Form({{kInt, I(2)}})));
    g.Add({I(1)});
    EXPECT_EQ(g.Result(), L({I(1)}));
    g.Add({I(2)}).Add({N()}).Add({I(3)});
    EXPECT_EQ(g.Result(), L({I(2), I(3)}));

    Group keeping(MustBind("LATEST_BY_OFFSET", Form({{kInt, I(3)}, {kBool, Value::Bool(false)}})));
    keeping.Add({I(1)}).Add({N()}).Add({I(2)}).Add({N()});
    EXPECT_EQ(keeping.Result(), L({N(), I(2), N()}));
}

// Session merges fold each session into a fresh accumulator, oldest session first, then add
// the record that joined them (as Kafka Streams does).
TEST(AggregateOffsetTest, MergeSessionsEarliest) {
    auto b = MustBind("EARLIEST_BY_OFFSET", Form({}));
    Group s1(b), s2(b), merged(b);
    s1.Add({I(1)});
    s2.Add({I(3)});
    merged.Merge(s2).Merge(s1).Add({I(2)});  // order of the folds does not matter
    EXPECT_EQ(merged.Result(), I(1));

    auto keep = MustBind("EARLIEST_BY_OFFSET", Form({{kBool, Value::Bool(false)}}));
    Group k1(keep), k2(keep), km(keep);
    k1.Add({N()});
    k2.Add({I(1)});
    km.Merge(k1).Merge(k2).Add({N()});
    EXPECT_EQ(km.Result(), N());

    auto ignore = MustBind("EARLIEST_BY_OFFSET", Form({{kBool, Value::Bool(true)}}));
    Group i1(ignore), i2(ignore), im(ignore);
    i1.Add({N()});
    i2.Add({I(1)});
    im.Merge(i1).Merge(i2).Add({N()});
    EXPECT_EQ(im.Result(), I(1));
}

TEST(AggregateOffsetTest, MergeSessionsN) {
    auto keep = MustBind("EARLIEST_BY_OFFSET", Form({{kInt, I(2)}, {kBool, Value::Bool(false)}}));
    Group a(keep), b(keep), m(keep);
    a.Add({N()});
    b.Add({I(1)});
    m.Merge(a).Merge(b).Add({N()});
    EXPECT_EQ(m.Result(), L({N(), I(1)}));

    auto latest = MustBind("LATEST_BY_OFFSET", Form({{kInt, I(2)}}));
    Group x(latest), y(latest), z(latest);
    x.Add({I(1)}).Add({I(2)});
    y.Add({I(3)});
    x.Add({I(4)});  // x now holds 2, 4; y's 3 arrived between them
    z.Merge(y).Merge(x);
    EXPECT_EQ(z.Result(), L({I(3), I(4)}));
}

TEST(AggregateOffsetTest, MergeLatestSingle) {
    auto b = MustBind("LATEST_BY_OFFSET", Form({}));
    Group s1(b), s2(b), m(b);
    s1.Add({I(1)});
    s2.Add({I(2)});
    s1.Add({I(3)});
    m.Merge(s1).Merge(s2);
    EXPECT_EQ(m.Result(), I(3));
}

}  // namespace
}  // namespace runnel::expression
