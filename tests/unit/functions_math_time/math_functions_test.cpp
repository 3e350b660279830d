// Math and geo functions: overload resolution, Java numeric semantics, null handling.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tests/unit/functions_math_time/call_helper.h"

namespace runnel::expression::testing {
namespace {

double Dbl(const Value& v) { return v.AsDouble(); }

TEST(MathFunctions, ElementaryFunctionsWidenIntegersToDouble) {
    EXPECT_DOUBLE_EQ(Dbl(Eval("EXP", {I(-1)})), 0.36787944117144233);
    EXPECT_EQ(Dbl(Eval("EXP", {L(2)})), 7.38905609893065);
    EXPECT_TRUE(std::isnan(Dbl(Eval("LN", {I(-1)}))));
    EXPECT_EQ(Dbl(Eval("LN", {D(0)})), -std::numeric_limits<double>::infinity());
    EXPECT_EQ(Dbl(Eval("SQRT", {L(2)})), 1.4142135623730951);
    EXPECT_EQ(Dbl(Eval("CBRT", {I(-8)})), -2.0);
    EXPECT_EQ(Dbl(Eval("CBRT", {L(3)})), 1.4422495703074083);
    EXPECT_EQ(Dbl(Eval("POWER", {I(15), I(13)})), 1946195068359375.0);
    EXPECT_EQ(Dbl(Eval("POWER", {I(15), I(-1)})), 0.06666666666666667);
    EXPECT_EQ(Dbl(Eval("PI", {})), 3.141592653589793);
    EXPECT_EQ(Eval("EXP", {Null(SqlType::Int())}).is_null(), true);
    auto r = Call("EXP", {I(1)});
    EXPECT_EQ(r.type, SqlType::Double());
}

TEST(MathFunctions, LogDocumentedSpecialCases) {
    EXPECT_EQ(Dbl(Eval("LOG", {I(13)})), 2.5649493574615367);  // Math.log, whatever the docs say
    EXPECT_EQ(Dbl(Eval("LOG", {D(15), D(13)})), 0.9471572411831843);
    EXPECT_EQ(Dbl(Eval("LOG", {I(15), I(1)})), 0.0);
    EXPECT_EQ(Dbl(Eval("LOG", {I(15), I(0)})), -std::numeric_limits<double>::infinity());
    EXPECT_TRUE(std::isnan(Dbl(Eval("LOG", {I(15), I(-13)}))));
    EXPECT_TRUE(std::isnan(Dbl(Eval("LOG", {I(-15), I(13)}))));
    EXPECT_TRUE(std::isnan(Dbl(Eval("LOG", {I(0), I(13)}))));
    EXPECT_TRUE(std::isnan(Dbl(Eval("LOG", {I(1), I(13)}))));
}

TEST(MathFunctions, TrigonometryAndConversions) {
    EXPECT_NEAR(Dbl(Eval("ACOS", {D(-0.43)})), 2.0152891037307, 1e-12);
    EXPECT_TRUE(std::isnan(Dbl(Eval("ASIN", {I(2)}))));
    EXPECT_NEAR(Dbl(Eval("ATAN2", {I(-2), I(-3)})), -2.5535900500422, 1e-12);
    EXPECT_EQ(Dbl(Eval("COT", {I(0)})), std::numeric_limits<double>::infinity());
    EXPECT_NEAR(Dbl(Eval("COT", {I(7)})), 1.1475154224051, 1e-12);
    EXPECT_NEAR(Dbl(Eval("SINH", {D(9.1)})), 4477.64629590835, 1e-9);
    EXPECT_NEAR(Dbl(Eval("DEGREES", {D(1.2345)})), 70.7316398089, 1e-10);
    EXPECT_NEAR(Dbl(Eval("RADIANS", {I(114)})), 1.9896753472735, 1e-12);
}

TEST(MathFunctions, AbsKeepsTheArgumentType) {
    EXPECT_EQ(Eval("ABS", {I(-1)}).AsInt(), 1);
    EXPECT_EQ(Eval("ABS", {I(-2147483648)}).AsInt(), -2147483648);  // Java int wraps
    EXPECT_EQ(Eval("ABS", {L(-2)}).AsInt(), 2);
    EXPECT_EQ(Dbl(Eval("ABS", {D(-3.1)})), 3.1);
    auto r = Call("ABS", {Dec(-32, 2, 1)});
    ASSERT_TRUE(r.resolved) << r.error;
    EXPECT_EQ(r.type, SqlType::Decimal(2, 1));
    EXPECT_EQ(r.value.AsDecimal(), 32);
}

TEST(MathFunctions, CeilAndFloorOfDecimalsKeepTheScale) {
    auto f = Call("FLOOR", {Dec(-11, 2, 1)});
    ASSERT_TRUE(f.resolved) << f.error;
    EXPECT_EQ(f.type, SqlType::Decimal(2, 1));
    EXPECT_EQ(f.value.AsDecimal(), -20);
    EXPECT_EQ(Eval("CEIL", {Dec(-11, 2, 1)}).AsDecimal(), -10);
    EXPECT_EQ(Eval("CEIL", {Dec(11, 2, 1)}).AsDecimal(), 20);
    EXPECT_EQ(Eval("FLOOR", {Dec(17, 2, 1)}).AsDecimal(), 10);
    EXPECT_EQ(Dbl(Eval("FLOOR", {D(-1.1)})), -2.0);
    EXPECT_EQ(Dbl(Eval("CEIL", {D(1.1)})), 2.0);
    EXPECT_EQ(Call("CEIL", {I(3)}).type, SqlType::Int());
    EXPECT_EQ(Call("FLOOR", {L(3)}).type, SqlType::Bigint());
}

TEST(MathFunctions, RoundDoubleHalvesGoTowardPositiveInfinity) {
    EXPECT_EQ(Call("ROUND", {D(1.5)}).type, SqlType::Bigint());
    EXPECT_EQ(Eval("ROUND", {D(1.5)}).AsInt(), 2);
    EXPECT_EQ(Eval("ROUND", {D(-1.5)}).AsInt(), -1);
    EXPECT_EQ(Eval("ROUND", {D(-1.7)}).AsInt(), -2);
    EXPECT_EQ(Eval("ROUND", {D(0.49999999999999994)}).AsInt(), 0);  // Math.round since Java 7
    EXPECT_EQ(Eval("ROUND", {D(2.5)}).AsInt(), 3);
    EXPECT_EQ(Eval("ROUND", {D(-2.5)}).AsInt(), -2);
    EXPECT_EQ(Eval("ROUND", {D(-0.5)}).AsInt(), 0);
    EXPECT_EQ(Eval("ROUND", {D(4503599627370497.0)}).AsInt(), 4503599627370497);
    EXPECT_EQ(Eval("ROUND", {D(12345.678)}).AsInt(), 12346);
    EXPECT_EQ(Eval("ROUND", {D(std::nan(""))}).AsInt(), 0);
    EXPECT_EQ(Eval("ROUND", {D(1e300)}).AsInt(), std::numeric_limits<int64_t>::max());

    EXPECT_EQ(Call("ROUND", {D(1.5), I(0)}).type, SqlType::Double());
    EXPECT_EQ(Dbl(Eval("ROUND", {D(-1.5), I(0)})), -1.0);
    EXPECT_EQ(Dbl(Eval("ROUND", {D(1.5), I(0)})), 2.0);
    EXPECT_EQ(Dbl(Eval("ROUND", {D(1.234567), I(2)})), 1.23);
    EXPECT_EQ(Dbl(Eval("ROUND", {D(12345.678), I(2)})), 12345.68);
    EXPECT_EQ(Dbl(Eval("ROUND", {D(-12345.678), I(-1)})), -12350.0);
    EXPECT_EQ(Dbl(Eval("ROUND", {D(111), I(-2)})), 100.0);
    EXPECT_EQ(Dbl(Eval("ROUND", {D(1.2), I(-1)})), 0.0);
    EXPECT_FALSE(std::signbit(Dbl(Eval("ROUND", {D(-1.1), I(-1)}))));  // BigDecimal has no -0
    // Rounds the shortest decimal text of the double, as BigDecimal.valueOf does.
    EXPECT_EQ(Dbl(Eval("ROUND", {D(1.005), I(2)})), 1.01);
    EXPECT_EQ(Dbl(Eval("ROUND", {D(1.2345678987654322e16), I(-2)})), 1.23456789876543e16);
    EXPECT_TRUE(Eval("ROUND", {D(std::nan("")), I(2)}).is_null());
    EXPECT_EQ(Dbl(Eval("ROUND", {D(123.0), I(-2147483647 - 1)})), 0.0);
    EXPECT_EQ(Dbl(Eval("ROUND", {D(123.25), I(2147483647)})), 123.25);
    EXPECT_EQ(Eval("ROUND", {Dec(15, 2, 1), I(-2147483647 - 1)}).AsDecimal(), 0);
    EXPECT_EQ(Eval("ROUND", {I(7)}).AsInt(), 7);
    EXPECT_EQ(Call("ROUND", {I(7)}).type, SqlType::Int());
}

TEST(MathFunctions, RoundDecimal) {
    // DECIMAL(33, 16): 12345678987654321.2345678987654321
    const __int128 v =
        static_cast<__int128>(123456789876543212ll) * 1000000000000000ll + 345678987654321ll;
    auto r0 = Call("ROUND", {Dec(v, 33, 16)});
    ASSERT_TRUE(r0.resolved) << r0.error;
    EXPECT_EQ(r0.type, SqlType::Decimal(17, 0));
    EXPECT_EQ(r0.value.AsDecimal(), static_cast<__int128>(12345678987654321ll));
    auto r2 = Call("ROUND", {Dec(v, 33, 16), I(2)});
    EXPECT_EQ(r2.type, SqlType::Decimal(33, 16));
    EXPECT_EQ(r2.value.AsDecimal(),
              static_cast<__int128>(1234567898765432123ll) * 100000000000000ll);
    auto rm1 = Call("ROUND", {Dec(v, 33, 16), I(-1)});
    EXPECT_EQ(rm1.value.AsDecimal(),
              static_cast<__int128>(1234567898765432ll) * 10 * 10000000000000000ll);
    // Ties toward positive infinity.
    EXPECT_EQ(Eval("ROUND", {Dec(-15, 2, 1)}).AsDecimal(), -1);
    EXPECT_EQ(Eval("ROUND", {Dec(15, 2, 1)}).AsDecimal(), 2);
    EXPECT_EQ(Eval("ROUND", {Dec(-16, 2, 1)}).AsDecimal(), -2);
}

TEST(MathFunctions, Trunc) {
    EXPECT_EQ(Eval("TRUNC", {D(1.7)}).AsInt(), 1);
    EXPECT_EQ(Eval("TRUNC", {D(-1.7)}).AsInt(), -1);
    EXPECT_EQ(Dbl(Eval("TRUNC", {D(12345.678), I(2)})), 12345.67);
    EXPECT_EQ(Dbl(Eval("TRUNC", {D(-12345.678), I(-1)})), -12340.0);
    EXPECT_EQ(Dbl(Eval("TRUNC", {D(1.234567), I(10)})), 1.234567);
    auto d = Call("TRUNC", {Dec(-123456780000ll, 12, 7)});
    EXPECT_EQ(d.type, SqlType::Decimal(5, 0));
    EXPECT_EQ(d.value.AsDecimal(), -12345);
    EXPECT_EQ(Eval("TRUNC", {Dec(-123456780000ll, 12, 7), I(1)}).AsDecimal(), -123456000000ll);
    EXPECT_EQ(Eval("TRUNC", {L(2147483648ll)}).AsInt(), 2147483648ll);
}

TEST(MathFunctions, Sign) {
    EXPECT_EQ(Eval("SIGN", {I(-1)}).AsInt(), -1);
    EXPECT_EQ(Eval("SIGN", {L(0)}).AsInt(), 0);
    EXPECT_EQ(Eval("SIGN", {D(3.0)}).AsInt(), 1);
    EXPECT_EQ(Call("SIGN", {D(3.0)}).type, SqlType::Int());
}

TEST(MathFunctions, RandomIsInUnitInterval) {
    for (int k = 0; k < 100; ++k) {
        double v = Dbl(Eval("RANDOM", {}));
        EXPECT_GE(v, 0.0);
        EXPECT_LT(v, 1.0);
    }
}

TEST(MathFunctions, GreatestAndLeastTypes) {
    auto r = Call("LEAST", {I(2147483647), I(-2147483648), Null(SqlType::Int()),
                            Null(SqlType::Null()), I(5)});
    ASSERT_TRUE(r.resolved) << r.error;
    EXPECT_EQ(r.type, SqlType::Int());
    EXPECT_EQ(r.value.AsInt(), -2147483648);
    EXPECT_EQ(Eval("GREATEST", {L(1), L(9), Null(SqlType::Bigint())}).AsInt(), 9);
    // Mixing INT and BIGINT is ambiguous in ksqlDB; a DOUBLE makes everything DOUBLE.
    EXPECT_FALSE(Call("LEAST", {I(1), L(2)}).resolved);
    EXPECT_FALSE(Call("LEAST", {I(1), L(2), Dec(1, 50, 30)}).resolved);
    auto d = Call("LEAST", {I(1), L(-1000000000000ll), Dec(-9999999999ll, 30, 5), D(0.5),
                            Null(SqlType::Null())});
    ASSERT_TRUE(d.resolved) << d.error;
    EXPECT_EQ(d.type, SqlType::Double());
    EXPECT_EQ(d.value.AsDouble(), -1e12);
    // Decimals widen to a common type.
    auto w = Call("LEAST", {Dec(123456789, 9, 2), Dec(123456, 7, 6)});
    ASSERT_TRUE(w.resolved) << w.error;
    EXPECT_EQ(w.type, SqlType::Decimal(13, 6));
    EXPECT_EQ(w.value.AsDecimal(), 123456);
    EXPECT_FALSE(Call("LEAST", {Null(SqlType::Null()), Null(SqlType::Null())}).resolved);
    EXPECT_FALSE(Call("LEAST", {}).resolved);
    EXPECT_FALSE(Call("LEAST", {S("a"), I(1)}).resolved);
    EXPECT_EQ(
        Eval("LEAST", {S("apple"), S("banana"), S("aardvark"), Null(SqlType::String())}).AsString(),
        "aardvark");
    EXPECT_EQ(Eval("GREATEST", {S("!"), S("Zebra"), S("aardvark")}).AsString(), "aardvark");
    EXPECT_TRUE(Eval("GREATEST", {Null(SqlType::String()), Null(SqlType::String())}).is_null());
    // Temporal types take string arguments (converted like CAST).
    auto t = Call("LEAST", {Typed(SqlType::Date(), Value::Int(19071)), S("2022-06-14")});
    ASSERT_TRUE(t.resolved) << t.error;
    EXPECT_EQ(t.type, SqlType::Date());
    EXPECT_EQ(t.value.AsInt(), 19071);
    // BYTES compare as Java's ByteBuffer: signed bytes.
    auto b = Call("GREATEST", {Typed(SqlType::Bytes(), Value::String("\x7f")),
                               Typed(SqlType::Bytes(), Value::String("\x80"))});
    ASSERT_TRUE(b.resolved) << b.error;
    EXPECT_EQ(b.value.AsString(), "\x7f");
}

TEST(MathFunctions, GenerateSeries) {
    EXPECT_EQ(Eval("GENERATE_SERIES", {I(1), I(3)}),
              Arr({Value::Int(1), Value::Int(2), Value::Int(3)}));
    EXPECT_EQ(Eval("GENERATE_SERIES", {I(3), I(1)}),
              Arr({Value::Int(3), Value::Int(2), Value::Int(1)}));
    EXPECT_EQ(Eval("GENERATE_SERIES", {I(0), I(9), I(4)}),
              Arr({Value::Int(0), Value::Int(4), Value::Int(8)}));
    EXPECT_TRUE(Eval("GENERATE_SERIES", {I(0), I(9), I(0)}).is_null());
    EXPECT_TRUE(Eval("GENERATE_SERIES", {I(0), I(9), I(-1)}).is_null());
    EXPECT_EQ(Call("GENERATE_SERIES", {I(1), L(3)}).type, SqlType::Array(SqlType::Bigint()));
}

TEST(GeoFunctions, GreatCircleDistance) {
    EXPECT_NEAR(Dbl(Eval("GEO_DISTANCE", {D(37.4439), D(-122.1663), D(51.5257), D(-0.1122)})),
                8634.659796579544, 1e-9);
    EXPECT_NEAR(
        Dbl(Eval("GEO_DISTANCE", {D(37.4439), D(-122.1663), D(51.5257), D(-0.1122), S("MI")})),
        5365.659729188262, 1e-9);
    EXPECT_NEAR(Dbl(Eval("GEO_DISTANCE", {D(51.5257), D(-0.1122), D(-33.9323), D(18.4197),
                                          Null(SqlType::String())})),
                9673.40421197142, 1e-9);
    EXPECT_NEAR(Dbl(Eval("GEO_DISTANCE",
                         {D(39.18660374), D(-76.73262144), D(39.18660374), D(-76.73222145)})),
                0.03447366811448324, 1e-15);
    EXPECT_TRUE(Eval("GEO_DISTANCE", {D(1), D(1), D(1), D(1), S("parsecs")}).is_null());
    EXPECT_TRUE(Eval("GEO_DISTANCE", {D(91), D(1), D(1), D(1)}).is_null());
    EXPECT_TRUE(
        Eval("GEO_DISTANCE", {Null(SqlType::Double()), D(1), D(1), D(1), S("KM")}).is_null());
}

}  // namespace
}  // namespace runnel::expression::testing
