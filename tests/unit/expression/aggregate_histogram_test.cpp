// HISTOGRAM: counts per string, undo on tables, merge, the 1000-entry cap.
#include <gtest/gtest.h>

#include "tests/unit/expression/aggregate_test_util.h"

namespace runnel::expression {
namespace {

using namespace testing;

int64_t CountOf(const Value& map, std::string_view key) {
    for (const auto& [k, v] : map.AsMap()) {
        if (!k.is_null() && k.AsString() == key) return v.AsInt();
    }
    return 0;
}

TEST(AggregateHistogramTest, CountsStrings) {
    auto b = MustBind("HISTOGRAM", Call({SqlType::String()}));
    EXPECT_EQ(b.return_type, SqlType::Map(SqlType::String(), SqlType::Bigint()));
    Group g(b);
    g.Add({S("baz")}).Add({S("baz")}).Add({S("foo")}).Add({N()});
    Value r = g.Result();
    EXPECT_EQ(r.AsMap().size(), 2u);
    EXPECT_EQ(CountOf(r, "baz"), 2);
    EXPECT_EQ(CountOf(r, "foo"), 1);
}

TEST(AggregateHistogramTest, TableUndoDropsZeroCounts) {
    Group g(MustBind("HISTOGRAM", Call({SqlType::String()})));
    g.Add({S("alice")}).Add({S("bob")});
    g.Undo({S("bob")});
    EXPECT_EQ(g.Result(), Value::Map({{S("alice"), I(1)}}));
    g.Undo({S("nobody")});
    EXPECT_EQ(g.Result(), Value::Map({{S("alice"), I(1)}}));
}

TEST(AggregateHistogramTest, CapsDistinctStrings) {
    Group g(MustBind("HISTOGRAM", Call({SqlType::String()})));
    for (int i = 0; i < 1005; ++i) g.Add({S("k" + std::to_string(i))});
    g.Add({S("k0")}).Add({S("k1004")});
    Value r = g.Result();
    EXPECT_EQ(r.AsMap().size(), 1000u);
    EXPECT_EQ(CountOf(r, "k0"), 2);
    EXPECT_EQ(CountOf(r, "k1004"), 0);
}

TEST(AggregateHistogramTest, Merge) {
    auto b = MustBind("HISTOGRAM", Call({SqlType::String()}));
    Group a(b), c(b), m(b);
    a.Add({S("x")}).Add({S("y")});
    c.Add({S("y")}).Add({S("z")});
    m.Merge(a).Merge(c);
    Value r = m.Result();
    EXPECT_EQ(CountOf(r, "x"), 1);
    EXPECT_EQ(CountOf(r, "y"), 2);
    EXPECT_EQ(CountOf(r, "z"), 1);
}

}  // namespace
}  // namespace runnel::expression
