// ATTR: one distinct value or null, with table undo and session merge.
#include <gtest/gtest.h>

#include "tests/unit/expression/aggregate_test_util.h"

namespace runnel::expression {
namespace {

using namespace testing;

TEST(AggregateAttrTest, SingleValueOrNull) {
    auto b = MustBind("ATTR", Call({SqlType::String()}));
    EXPECT_EQ(b.return_type, SqlType::String());
    Group g(b);
    EXPECT_EQ(g.Result(), N());
    g.Add({S("s")}).Add({S("s")});
    EXPECT_EQ(g.Result(), S("s"));
    g.Add({S("t")});
    EXPECT_EQ(g.Result(), N());

    Group nulls(b);
    nulls.Add({S("1")}).Add({N()});  // null is a second value
    EXPECT_EQ(nulls.Result(), N());
}

TEST(AggregateAttrTest, ComplexValues) {
    SqlType t = SqlType::Struct({{"A", SqlType::String()}, {"B", SqlType::Int()}});
    Group g(MustBind("ATTR", Call({t})));
    Value v = L({S("a"), I(1)});
    g.Add({v}).Add({v});
    EXPECT_EQ(g.Result(), v);
}

TEST(AggregateAttrTest, TableTombstones) {
    Group g(MustBind("ATTR", Call({SqlType::String()})));
    g.Add({S("1")}).Add({S("1")});
    g.Undo({S("1")});
    EXPECT_EQ(g.Result(), S("1"));
    g.Undo({S("1")});
    EXPECT_EQ(g.Result(), N());
    g.Add({S("2")}).Add({S("3")});
    EXPECT_EQ(g.Result(), N());
    g.Undo({S("3")});
    EXPECT_EQ(g.Result(), S("2"));
    g.Undo({S("9")});  // never seen: nothing changes
    EXPECT_EQ(g.Result(), S("2"));
}

TEST(AggregateAttrTest, Merge) {
    auto b = MustBind("ATTR", Call({SqlType::Int()}));
    Group x(b), y(b), m(b), z(b);
    x.Add({I(1)});
    y.Add({I(1)});
    m.Merge(x).Merge(y);
    EXPECT_EQ(m.Result(), I(1));
    z.Add({I(2)});
    m.Merge(z);
    EXPECT_EQ(m.Result(), N());
}

}  // namespace
}  // namespace runnel::expression
