// CAST corner cases: numbers (Java narrowing, HALF_UP into DECIMAL), text forms of every type,
// DATE/TIME/TIMESTAMP text, complex casts and JSON text into ARRAY / MAP / STRUCT.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/expression/cast.h"
#include "engine/expression/temporal_text.h"

namespace runnel::expression {
namespace {

std::optional<Value> Cast(const Value& v, const SqlType& from, const SqlType& to) {
    Value out;
    if (!CastValue(v, from, to, out)) return std::nullopt;
    return out;
}

std::string AsText(const Value& v, const SqlType& from) {
    auto r = Cast(v, from, SqlType::String());
    return r ? std::string(r->AsString()) : "<fail>";
}

TEST(CastTest, NumbersNarrowLikeJava) {
    EXPECT_EQ(Cast(Value::Int(2147483648LL), SqlType::Bigint(), SqlType::Int())->AsInt(), -2147483648LL);
    EXPECT_EQ(Cast(Value::Double(1.2), SqlType::Double(), SqlType::Int())->AsInt(), 1);
    EXPECT_EQ(Cast(Value::Double(-1.9), SqlType::Double(), SqlType::Bigint())->AsInt(), -1);
    EXPECT_EQ(Cast(Value::Double(1e300), SqlType::Double(), SqlType::Int())->AsInt(), 2147483647);
    EXPECT_EQ(Cast(Value::Decimal(-1099), SqlType::Decimal(4, 2), SqlType::Int())->AsInt(), -10);
    EXPECT_DOUBLE_EQ(Cast(Value::Decimal(1001), SqlType::Decimal(4, 2), SqlType::Double())->AsDouble(), 10.01);
}

TEST(CastTest, IntoDecimalRoundsHalfUpAndOverflowsToFailure) {
    SqlType d21 = SqlType::Decimal(2, 1);
    EXPECT_EQ(Cast(Value::Double(0.99), SqlType::Double(), d21)->AsDecimal(), 10);
    EXPECT_EQ(Cast(Value::Double(0.05), SqlType::Double(), d21)->AsDecimal(), 1);
    EXPECT_EQ(Cast(Value::String("0.99"), SqlType::String(), d21)->AsDecimal(), 10);
    EXPECT_EQ(Cast(Value::String(" -1.25 "), SqlType::String(), SqlType::Decimal(3, 1))->AsDecimal(), -13);
    EXPECT_EQ(Cast(Value::Int(-1), SqlType::Int(), d21)->AsDecimal(), -10);
    EXPECT_FALSE(Cast(Value::Int(10), SqlType::Int(), d21));
    EXPECT_FALSE(Cast(Value::String("abc"), SqlType::String(), d21));
    EXPECT_FALSE(Cast(Value::Double(std::nan("")), SqlType::Double(), d21));
    EXPECT_EQ(Cast(Value::Decimal(1012), SqlType::Decimal(4, 2), SqlType::Decimal(5, 3))->AsDecimal(), 10120);
}

TEST(CastTest, StringsParseWithJavaRules) {
    EXPECT_EQ(Cast(Value::String(" 42 "), SqlType::String(), SqlType::Int())->AsInt(), 42);
    EXPECT_FALSE(Cast(Value::String("2147483648"), SqlType::String(), SqlType::Int()));
    EXPECT_FALSE(Cast(Value::String("1.5"), SqlType::String(), SqlType::Bigint()));
    EXPECT_DOUBLE_EQ(Cast(Value::String("1e3"), SqlType::String(), SqlType::Double())->AsDouble(), 1000.0);
    EXPECT_TRUE(Cast(Value::String("Yes"), SqlType::String(), SqlType::Boolean())->AsBool());
    EXPECT_FALSE(Cast(Value::String("maybe"), SqlType::String(), SqlType::Boolean()));
}

TEST(CastTest, TextOfPrimitives) {
    EXPECT_EQ(AsText(Value::Double(10.0), SqlType::Double()), "10.0");
    EXPECT_EQ(AsText(Value::Double(1e7), SqlType::Double()), "1.0E7");
    EXPECT_EQ(AsText(Value::Decimal(1), SqlType::Decimal(4, 2)), "0.01");
    EXPECT_EQ(AsText(Value::Bool(true), SqlType::Boolean()), "true");
    EXPECT_EQ(AsText(Value::Int(10), SqlType::Timestamp()), "1970-01-01T00:00:00.010");
    EXPECT_EQ(AsText(Value::Int(-1), SqlType::Date()), "1969-12-31");
    EXPECT_EQ(AsText(Value::Int(5000), SqlType::Time()), "00:00:05");
    EXPECT_EQ(AsText(Value::Int(5001), SqlType::Time()), "00:00:05.001");
}

TEST(CastTest, TextOfComplexValuesIsJavaToString) {
    SqlType arr = SqlType::Array(SqlType::Int());
    EXPECT_EQ(AsText(Value::List({Value::Int(1), Value(), Value::Int(3)}), arr), "[1, null, 3]");
    SqlType map = SqlType::Map(SqlType::String(), SqlType::Int());
    EXPECT_EQ(AsText(Value::Map({{Value::String("this"), Value::Int(1)}}), map), "{this=1}");
    SqlType st = SqlType::Struct({{"F0", SqlType::Int()}, {"f1", SqlType::Int()}, {"G", SqlType::Int()}});
    EXPECT_EQ(AsText(Value::List({Value::Int(1), Value::Int(3), Value()}), st), "Struct{F0=1,f1=3}");
}

TEST(CastTest, TemporalTextParsesPartialIsoForms) {
    int64_t v;
    ASSERT_TRUE(ParseTimestampText("2022-04-28T21:44:47.943", &v));
    EXPECT_EQ(v, 1651182287943);
    ASSERT_TRUE(ParseTimestampText("2022-04-28T21:44:47.943Z", &v));
    EXPECT_EQ(v, 1651182287943);
    ASSERT_TRUE(ParseTimestampText("2022-04-28T23:44:47.943+02:00", &v));
    EXPECT_EQ(v, 1651182287943);
    ASSERT_TRUE(ParseTimestampText("1970-01-01T00:00:01", &v));
    EXPECT_EQ(v, 1000);
    ASSERT_TRUE(ParseTimestampText("2020", &v));
    EXPECT_EQ(v, 1577836800000);
    ASSERT_TRUE(ParseTimestampText("2020-01-01T10", &v));
    EXPECT_EQ(v, 1577872800000);
    EXPECT_FALSE(ParseTimestampText("foo", &v));
    EXPECT_FALSE(ParseTimestampText("2020-13-01", &v));
    EXPECT_FALSE(ParseTimestampText("2021-02-29", &v));
    ASSERT_TRUE(ParseDateText("1970-01", &v));
    EXPECT_EQ(v, 0);
    ASSERT_TRUE(ParseDateText("1969-12-31", &v));
    EXPECT_EQ(v, -1);
    ASSERT_TRUE(ParseTimeText("00:01", &v));
    EXPECT_EQ(v, 60000);
    EXPECT_FALSE(ParseTimeText("24:00", &v));
    std::string s;
    AppendTimestampText(-1, s);
    EXPECT_EQ(s, "1969-12-31T23:59:59.999");
}

TEST(CastTest, TemporalConversions) {
    EXPECT_EQ(Cast(Value::Int(-2000), SqlType::Timestamp(), SqlType::Date())->AsInt(), -1);
    EXPECT_EQ(Cast(Value::Int(-2000), SqlType::Timestamp(), SqlType::Time())->AsInt(), 86398000);
    EXPECT_EQ(Cast(Value::Int(2), SqlType::Date(), SqlType::Timestamp())->AsInt(), 2 * kMillisPerDay);
    EXPECT_FALSE(CanCast(SqlType::Time(), SqlType::Timestamp()));
    EXPECT_FALSE(CanCast(SqlType::Bytes(), SqlType::String()));
}

TEST(CastTest, ComplexCastsElementWiseAndByFieldName) {
    SqlType from = SqlType::Struct({{"F0", SqlType::Bigint()}, {"F1", SqlType::String()}});
    SqlType to = SqlType::Struct({{"F0", SqlType::String()}, {"F3", SqlType::String()}});
    ASSERT_TRUE(CanCast(from, to));
    auto r = Cast(Value::List({Value::Int(1), Value::String("x")}), from, to);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->AsList()[0].AsString(), "1");
    EXPECT_TRUE(r->AsList()[1].is_null());
    SqlType nested = SqlType::Map(SqlType::String(), SqlType::Map(SqlType::String(), SqlType::String()));
    SqlType nested_int = SqlType::Map(SqlType::String(), SqlType::Map(SqlType::String(), SqlType::Int()));
    Value inner = Value::Map({{Value::String("k2"), Value::String("10")}});
    auto m = Cast(Value::Map({{Value::String("k1"), inner}}), nested, nested_int);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->AsMap()[0].second.AsMap()[0].second.AsInt(), 10);
}

TEST(CastTest, JsonTextIntoComplexTypes) {
    SqlType lines = SqlType::Array(SqlType::Struct({{"SKU", SqlType::String()}, {"QTY", SqlType::Int()}}));
    ASSERT_TRUE(CanCast(SqlType::String(), lines));
    auto r = Cast(Value::String(R"([{"sku":"a","qty":2},{"SKU":"b"}])"), SqlType::String(), lines);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->AsList().size(), 2u);
    EXPECT_EQ(r->AsList()[0].AsList()[0].AsString(), "a");
    EXPECT_EQ(r->AsList()[0].AsList()[1].AsInt(), 2);
    EXPECT_TRUE(r->AsList()[1].AsList()[1].is_null());
    EXPECT_FALSE(Cast(Value::String("[1,"), SqlType::String(), lines));
    EXPECT_FALSE(Cast(Value::String(R"({"a":1})"), SqlType::String(), lines));
    auto m = Cast(Value::String(R"({"a":"1","b":2})"), SqlType::String(),
                  SqlType::Map(SqlType::String(), SqlType::Int()));
    ASSERT_TRUE(m);
    EXPECT_EQ(m->AsMap()[0].second.AsInt(), 1);
}

}  // namespace
}  // namespace runnel::expression
