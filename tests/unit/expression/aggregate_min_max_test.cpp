// MIN and MAX over every ordered type.
#include <gtest/gtest.h>

#include "tests/unit/expression/aggregate_test_util.h"

namespace runnel::expression {
namespace {

using namespace testing;

TEST(AggregateMinMaxTest, IntsSkipNulls) {
    Group mx(MustBind("MAX", Call({SqlType::Int()})));
    EXPECT_EQ(mx.Result(), N());
    mx.Add({N()});
    EXPECT_EQ(mx.Result(), N());
    mx.Add({I(-2147483647)}).Add({I(5)}).Add({N()});
    EXPECT_EQ(mx.Result(), I(5));
    mx.Add({I(2000)}).Add({I(100)});
    EXPECT_EQ(mx.Result(), I(2000));

    Group mn(MustBind("min", Call({SqlType::Int()})));
    mn.Add({I(5)}).Add({I(-2147483647)}).Add({I(100)});
    EXPECT_EQ(mn.Result(), I(-2147483647));
}

TEST(AggregateMinMaxTest, ReturnTypeIsArgumentType) {
    for (auto t : {SqlType::Int(), SqlType::Bigint(), SqlType::Double(), SqlType::Decimal(4, 2),
                   SqlType::String(), SqlType::Bytes(), SqlType::Date(), SqlType::Time(),
                   SqlType::Timestamp()}) {
        auto b = MustBind("MAX", Call({t}));
        EXPECT_EQ(b.return_type, t);
        EXPECT_EQ(b.column_param_types, std::vector<SqlType>{t});
    }
    EXPECT_EQ(BindError("MIN", Call({SqlType::Boolean()})),
              "Function 'MIN' does not accept parameters (BOOLEAN).");
}

TEST(AggregateMinMaxTest, OtherTypes) {
    Group d(MustBind("MIN", Call({SqlType::Double()})));
    d.Add({D(1.7976931348623157e+308)}).Add({D(5.1)}).Add({D(-1.7976931348623157e+308)});
    EXPECT_EQ(d.Result(), D(-1.7976931348623157e+308));

    Group dec(MustBind("MAX", Call({SqlType::Decimal(4, 2)})));
    dec.Add({Value::Decimal(-1012)}).Add({Value::Decimal(0)}).Add({Value::Decimal(510)});
    EXPECT_EQ(dec.Result(), Value::Decimal(510));

    Group s(MustBind("MAX", Call({SqlType::String()})));
    s.Add({S("B")}).Add({S("A")}).Add({N()});
    EXPECT_EQ(s.Result(), S("B"));
    s.Add({S("F")}).Add({S("D")});
    EXPECT_EQ(s.Result(), S("F"));

    Group bytes(MustBind("MIN", Call({SqlType::Bytes()})));
    bytes.Add({S("B")}).Add({S("A")}).Add({S("C")});
    EXPECT_EQ(bytes.Result(), S("A"));

    Group ts(MustBind("MIN", Call({SqlType::Timestamp()})));
    ts.Add({I(-100)}).Add({I(5)}).Add({I(-2147483647)});
    EXPECT_EQ(ts.Result(), I(-2147483647));
}

TEST(AggregateMinMaxTest, MergeSessions) {
    auto b = MustBind("MAX", Call({SqlType::Bigint()}));
    Group a(b), c(b), empty(b), m(b);
    a.Add({I(3)});
    c.Add({I(7)});
    m.Merge(a).Merge(empty).Merge(c);
    EXPECT_EQ(m.Result(), I(7));
}

}  // namespace
}  // namespace runnel::expression
