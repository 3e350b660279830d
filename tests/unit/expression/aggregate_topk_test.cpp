// TOPK and TOPKDISTINCT.
#include <gtest/gtest.h>

#include "tests/unit/expression/aggregate_test_util.h"

namespace runnel::expression {
namespace {

using namespace testing;

AggregateCall TopCall(SqlType t, int64_t k) { return Call({t}, {{SqlType::Int(), I(k)}}); }

TEST(AggregateTopkTest, TopkKeepsDuplicates) {
    auto b = MustBind("TOPK", TopCall(SqlType::Double(), 2));
    EXPECT_EQ(b.return_type, SqlType::Array(SqlType::Double()));
    EXPECT_EQ(b.column_param_types, std::vector<SqlType>{SqlType::Double()});
    Group g(b);
    g.Add({D(0)});
    EXPECT_EQ(g.Result(), L({D(0)}));
    g.Add({D(100)});
    EXPECT_EQ(g.Result(), L({D(100), D(0)}));
    g.Add({D(10)}).Add({N()});
    EXPECT_EQ(g.Result(), L({D(100), D(10)}));
    g.Add({D(100)});
    EXPECT_EQ(g.Result(), L({D(100), D(100)}));
}

TEST(AggregateTopkTest, TopkDistinct) {
    Group g(MustBind("TOPKDISTINCT", TopCall(SqlType::Int(), 3)));
    g.Add({I(0)}).Add({I(100)}).Add({I(99)});
    EXPECT_EQ(g.Result(), L({I(100), I(99), I(0)}));
    g.Add({I(7)}).Add({I(100)});
    EXPECT_EQ(g.Result(), L({I(100), I(99), I(7)}));

    Group s(MustBind("TOPKDISTINCT", TopCall(SqlType::String(), 3)));
    s.Add({S("a")}).Add({S("b")}).Add({S("c")}).Add({S("b")}).Add({S("d")});
    EXPECT_EQ(s.Result(), L({S("d"), S("c"), S("b")}));

    Group d(MustBind("TOPKDISTINCT", TopCall(SqlType::Decimal(2, 1), 3)));
    for (int v : {98, 89, 78, 65, 99}) d.Add({Value::Decimal(v)});
    EXPECT_EQ(d.Result(), L({Value::Decimal(99), Value::Decimal(98), Value::Decimal(89)}));
}

TEST(AggregateTopkTest, Merge) {
    auto b = MustBind("TOPK", TopCall(SqlType::Int(), 3));
    Group x(b), y(b), m(b);
    x.Add({I(5)}).Add({I(1)});
    y.Add({I(5)}).Add({I(3)});
    m.Merge(x).Merge(y);
    EXPECT_EQ(m.Result(), L({I(5), I(5), I(3)}));

    auto db = MustBind("TOPKDISTINCT", TopCall(SqlType::Int(), 3));
    Group p(db), q(db), r(db);
    p.Add({I(5)}).Add({I(1)});
    q.Add({I(5)}).Add({I(3)});
    r.Merge(p).Merge(q);
    EXPECT_EQ(r.Result(), L({I(5), I(3), I(1)}));
}

TEST(AggregateTopkTest, BindingErrors) {
    AggregateCall not_literal = Call({SqlType::Int(), SqlType::Int()});
    not_literal.arg_sql = {"V", "K"};
    EXPECT_EQ(BindError("TOPK", not_literal),
              "Parameter 2 passed to function TOPK must be a literal constant, but was "
              "expression: 'K'");
    EXPECT_EQ(BindError("TOPK", Call({SqlType::Boolean()}, {{SqlType::Int(), I(2)}})),
              "Function 'TOPK' does not accept parameters (BOOLEAN, INTEGER).");
    EXPECT_EQ(BindError("TOPK", Call({SqlType::Int()})),
              "Function 'TOPK' does not accept parameters (INTEGER).");
    EXPECT_EQ(BindError("TOPK", TopCall(SqlType::Int(), 0)),
              "Function 'TOPK' needs k to be 1 or greater.");
}

}  // namespace
}  // namespace runnel::expression
