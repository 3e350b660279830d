// COLLECT_LIST and COLLECT_SET: nulls, complex values, limits, undo, merge.
#include <gtest/gtest.h>

#include "tests/unit/expression/aggregate_test_util.h"

namespace runnel::expression {
namespace {

using namespace testing;

AggregateCall WithLimit(SqlType t, const char* key, const char* limit) {
    AggregateCall c = Call({t});
    c.config[key] = limit;
    return c;
}

TEST(AggregateCollectTest, ListKeepsOrderAndNulls) {
    auto b = MustBind("COLLECT_LIST", Call({SqlType::String()}));
    EXPECT_EQ(b.return_type, SqlType::Array(SqlType::String()));
    Group g(b);
    EXPECT_EQ(g.Result(), L({}));
    g.Add({S("baz")}).Add({S("baz")}).Add({S("foo")}).Add({N()});
    EXPECT_EQ(g.Result(), L({S("baz"), S("baz"), S("foo"), N()}));
}

TEST(AggregateCollectTest, ListOfComplexValues) {
    SqlType t = SqlType::Map(SqlType::String(), SqlType::Bigint());
    Group g(MustBind("COLLECT_LIST", Call({t})));
    Value m1 = Value::Map({{S("Record0"), I(1)}});
    Value m2 = Value::Map({{S("Record1"), I(100)}});
    g.Add({m1}).Add({m2}).Add({m1});
    EXPECT_EQ(g.Result(), L({m1, m2, m1}));
}

TEST(AggregateCollectTest, ListUndoRemovesLastEqualEntry) {
    Group g(MustBind("COLLECT_LIST", Call({SqlType::Int()})));
    g.Add({I(1)}).Add({I(2)}).Add({I(1)}).Add({N()});
    g.Undo({I(1)});
    EXPECT_EQ(g.Result(), L({I(1), I(2), N()}));
    g.Undo({N()}).Undo({I(7)});  // a value never collected changes nothing
    EXPECT_EQ(g.Result(), L({I(1), I(2)}));
    g.Undo({I(1)}).Add({I(100)});
    EXPECT_EQ(g.Result(), L({I(2), I(100)}));
}

TEST(AggregateCollectTest, Limits) {
    Group g(MustBind("COLLECT_LIST",
                     WithLimit(SqlType::Int(), "ksql.functions.collect_list.limit", "1")));
    g.Add({I(0)}).Add({I(100)});
    EXPECT_EQ(g.Result(), L({I(0)}));
    Group s(MustBind("COLLECT_SET",
                     WithLimit(SqlType::Int(), "ksql.functions.collect_set.limit", "2")));
    s.Add({I(0)}).Add({I(0)}).Add({I(1)}).Add({I(2)});
    EXPECT_EQ(s.Result(), L({I(0), I(1)}));
    // The other function's setting does not apply; negative means unlimited.
    Group other(MustBind("COLLECT_SET",
                         WithLimit(SqlType::Int(), "ksql.functions.collect_list.limit", "1")));
    other.Add({I(0)}).Add({I(1)});
    EXPECT_EQ(other.Result(), L({I(0), I(1)}));
    Group unlimited(MustBind("COLLECT_LIST",
                             WithLimit(SqlType::Int(), "ksql.functions.collect_list.limit", "-1")));
    for (int i = 0; i < 1500; ++i) unlimited.Add({I(i)});
    EXPECT_EQ(unlimited.Result().AsList().size(), 1500u);
}

TEST(AggregateCollectTest, SetIsDistinctByJavaEquality) {
    SqlType t = SqlType::Map(SqlType::String(), SqlType::Bigint());
    Group g(MustBind("COLLECT_SET", Call({t})));
    g.Add({Value::Map({{S("Record0"), I(100)}, {S("Record2"), I(2)}})});
    g.Add({Value::Map({{S("Record2"), I(2)}, {S("Record0"), I(100)}})});
    EXPECT_EQ(g.Result().AsList().size(), 1u);

    Group d(MustBind("COLLECT_SET", Call({SqlType::Decimal(4, 1)})));
    d.Add({Value::Decimal(5009)})
        .Add({Value::Decimal(3008)})
        .Add({N()})
        .Add({Value::Decimal(3008)});
    d.Add({N()});
    EXPECT_EQ(d.Result(), L({Value::Decimal(5009), Value::Decimal(3008), N()}));
}

TEST(AggregateCollectTest, MergeKeepsFirstWindowFirstAndHonoursLimit) {
    auto b = MustBind("COLLECT_LIST",
                      WithLimit(SqlType::Int(), "ksql.functions.collect_list.limit", "3"));
    Group a(b), c(b), m(b);
    a.Add({I(1)}).Add({I(2)});
    c.Add({I(3)}).Add({I(4)});
    m.Merge(a).Merge(c);
    EXPECT_EQ(m.Result(), L({I(1), I(2), I(3)}));

    auto s = MustBind("COLLECT_SET", Call({SqlType::Int()}));
    Group x(s), y(s), z(s);
    x.Add({I(1)}).Add({I(2)});
    y.Add({I(2)}).Add({I(3)});
    z.Merge(x).Merge(y);
    EXPECT_EQ(z.Result(), L({I(1), I(2), I(3)}));
}

}  // namespace
}  // namespace runnel::expression
