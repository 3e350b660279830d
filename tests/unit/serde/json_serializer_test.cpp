#include <gtest/gtest.h>

#include <cmath>

#include "engine/serde/json_format.h"
#include "engine/serde/json_writer.h"
#include "serde_test_util.h"

namespace runnel::serde {
namespace {

using namespace testing;  // NOLINT

std::string Json(const Value& v, const SqlType& type) {
    std::string out;
    AppendJsonValue(v, type, out);
    return out;
}

std::string JsonString(std::string_view s) {
    std::string out;
    AppendJsonString(s, out);
    return out;
}

TEST(JsonWriterTest, EscapesLikeJackson) {
    EXPECT_EQ(JsonString("plain"), "\"plain\"");
    EXPECT_EQ(JsonString("a\"b\\c"), R"("a\"b\\c")");
    EXPECT_EQ(JsonString("\b\t\n\f\r"), R"("\b\t\n\f\r")");
    EXPECT_EQ(JsonString(std::string("\x00\x01\x1f", 3)), R"("\u0000\u0001\u001F")");
    EXPECT_EQ(JsonString("\x7f/"), "\"\x7f/\"");  // DEL and '/' are not escaped
    EXPECT_EQ(JsonString("caf\xc3\xa9 \xf0\x9f\x98\x80"), "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"");
    EXPECT_EQ(JsonString(""), "\"\"");
}

TEST(JsonWriterTest, AppendsAndGrows) {
    std::string out = "x=";
    AppendJsonValue(I(1), SqlType::Int(), out);
    EXPECT_EQ(out, "x=1");
    std::string big(5000, 'a');
    big[100] = '\n';
    big[4999] = '"';
    out.clear();
    AppendJsonValue(Str(big), SqlType::String(), out);
    ASSERT_EQ(out.size(), 5000u + 2 + 2);
    EXPECT_EQ(out.substr(0, 3), "\"aa");
    EXPECT_EQ(out.substr(out.size() - 4), "a\\\"\"");
    ValueList many;
    for (int i = 0; i < 2000; ++i) many.push_back(I(i));
    out.clear();
    AppendJsonValue(Value::List(many), SqlType::Array(SqlType::Int()), out);
    EXPECT_EQ(out.substr(0, 8), "[0,1,2,3");
    EXPECT_EQ(out.substr(out.size() - 6), ",1999]");
}

TEST(JsonWriterTest, Scalars) {
    EXPECT_EQ(Json(Null(), SqlType::Int()), "null");
    EXPECT_EQ(Json(B(true), SqlType::Boolean()), "true");
    EXPECT_EQ(Json(B(false), SqlType::Boolean()), "false");
    EXPECT_EQ(Json(I(-42), SqlType::Int()), "-42");
    EXPECT_EQ(Json(I(INT64_MIN), SqlType::Bigint()), "-9223372036854775808");
    EXPECT_EQ(Json(D(100), SqlType::Double()), "100.0");
    EXPECT_EQ(Json(D(1e7), SqlType::Double()), "1.0E7");
    EXPECT_EQ(Json(D(0.1 + 0.2), SqlType::Double()), "0.30000000000000004");
    EXPECT_EQ(Json(D(NAN), SqlType::Double()), "\"NaN\"");
    EXPECT_EQ(Json(D(-INFINITY), SqlType::Double()), "\"-Infinity\"");
    EXPECT_EQ(Json(Dec(1230), SqlType::Decimal(4, 2)), "12.30");
    EXPECT_EQ(Json(Dec(-5), SqlType::Decimal(3, 3)), "-0.005");
    EXPECT_EQ(Json(Dec(7), SqlType::Decimal(2, 0)), "7");
    EXPECT_EQ(Json(Str("hi\n"), SqlType::String()), R"("hi\n")");
    EXPECT_EQ(Json(Str("foobar"), SqlType::Bytes()), R"("Zm9vYmFy")");
    EXPECT_EQ(Json(I(19000), SqlType::Date()), "19000");
    EXPECT_EQ(Json(I(3600000), SqlType::Time()), "3600000");
    EXPECT_EQ(Json(I(1700000000123), SqlType::Timestamp()), "1700000000123");
}

TEST(JsonWriterTest, Nested) {
    SqlType t = SqlType::Struct(
        {{"A", SqlType::Array(SqlType::Decimal(3, 1))},
         {"m", SqlType::Map(SqlType::String(), SqlType::Double())},
         {"S", SqlType::Struct({{"X", SqlType::Int()}})}});
    Value v = List({List({Dec(15), Null(), Dec(-1)}),
                    Map({{Str("k\"1"), D(1)}, {Str("b"), Null()}}), List({I(5)})});
    EXPECT_EQ(Json(v, t), R"({"A":[1.5,null,-0.1],"m":{"k\"1":1.0,"b":null},"S":{"X":5}})");
    // A struct value shorter than its type writes nulls for the missing fields.
    EXPECT_EQ(Json(List({}), SqlType::Struct({{"X", SqlType::Int()}})), R"({"X":null})");
    EXPECT_EQ(Json(List({}), SqlType::Array(SqlType::Int())), "[]");
    EXPECT_EQ(Json(Map({}), SqlType::Map(SqlType::String(), SqlType::Int())), "{}");
}

TEST(JsonWriterTest, MismatchedStorageStillWritesValidJson) {
    EXPECT_EQ(Json(I(3), SqlType::Double()), "3.0");
    EXPECT_EQ(Json(Str("x"), SqlType::Int()), "\"x\"");
    EXPECT_EQ(Json(Map({{I(1), Str("a")}}), SqlType::Map(SqlType::Int(), SqlType::String())),
              R"({"1":"a"})");
}

class JsonSerializerTest : public ::testing::Test {
protected:
    JsonSerializerTest()
        : t_(MakeSchema({Key("K", SqlType::Int()), Val("ID", SqlType::Bigint()),
                         Val("name", SqlType::String()), Val("PRICE", SqlType::Decimal(5, 2))})) {}

    TestSchema t_;
};

TEST_F(JsonSerializerTest, WritesObjectInSchemaOrderWithSchemaNames) {
    auto s = MustSerializer(Format("JSON"), t_.value, false);
    Row row = t_.NewRow();
    row.values = {I(9), I(1), Str("a\"b"), Dec(1250)};
    std::string out = "stale";
    bool is_null = true;
    ASSERT_TRUE(s->Serialize(row, out, &is_null).ok());
    EXPECT_FALSE(is_null);
    EXPECT_EQ(out, R"({"ID":1,"name":"a\"b","PRICE":12.50})");
    row.values = {Null(), Null(), Null(), Null()};
    ASSERT_TRUE(s->Serialize(row, out, &is_null).ok());
    EXPECT_FALSE(is_null);
    EXPECT_EQ(out, R"({"ID":null,"name":null,"PRICE":null})");
}

TEST_F(JsonSerializerTest, KeySideSingleColumnIsBare) {
    auto s = MustSerializer(Format("JSON"), t_.key, true);
    Row row = t_.NewRow();
    row.values[0] = I(9);
    std::string out;
    bool is_null = true;
    ASSERT_TRUE(s->Serialize(row, out, &is_null).ok());
    EXPECT_FALSE(is_null);
    EXPECT_EQ(out, "9");
    row.values[0] = Null();
    ASSERT_TRUE(s->Serialize(row, out, &is_null).ok());
    EXPECT_TRUE(is_null);
    EXPECT_EQ(out, "");
}

TEST(JsonSerializerSingleTest, ValueWrappingFollowsTheFlag) {
    auto t = MakeSchema({Val("V", SqlType::String())});
    Row row = t.NewRow();
    row.values[0] = Str("x");
    std::string out;
    bool is_null = false;
    auto wrapped = MustSerializer(Format("JSON"), t.value, false);
    ASSERT_TRUE(wrapped->Serialize(row, out, &is_null).ok());
    EXPECT_EQ(out, R"({"V":"x"})");
    FormatSpec f = Format("JSON");
    f.wrap_single_value = false;
    auto bare = MustSerializer(f, t.value, false);
    ASSERT_TRUE(bare->Serialize(row, out, &is_null).ok());
    EXPECT_EQ(out, R"("x")");
}

TEST(JsonSerializerSingleTest, MultiColumnKeyIsObject) {
    auto t = MakeSchema({Key("A", SqlType::Int()), Key("B", SqlType::String())});
    Row row = t.NewRow();
    row.values = {I(1), Str("b")};
    std::string out;
    bool is_null = true;
    auto s = MustSerializer(Format("JSON"), t.key, true);
    ASSERT_TRUE(s->Serialize(row, out, &is_null).ok());
    EXPECT_EQ(out, R"({"A":1,"B":"b"})");
}

TEST(JsonSerializerSingleTest, EmptyLayoutIsNullRecord) {
    auto t = MakeSchema({Val("V", SqlType::String())});
    Row row = t.NewRow();
    std::string out;
    bool is_null = false;
    auto s = MustSerializer(Format("JSON"), t.key, true);
    ASSERT_TRUE(s->Serialize(row, out, &is_null).ok());
    EXPECT_TRUE(is_null);
}

TEST(JsonRoundTripTest, EveryTypeSurvivesWriteThenRead) {
    SqlType inner =
        SqlType::Struct({{"X", SqlType::Int()}, {"Y", SqlType::Array(SqlType::String())}});
    auto t = MakeSchema({Val("B", SqlType::Boolean()), Val("I", SqlType::Int()),
                         Val("L", SqlType::Bigint()), Val("D", SqlType::Double()),
                         Val("DEC", SqlType::Decimal(10, 3)), Val("S", SqlType::String()),
                         Val("BY", SqlType::Bytes()), Val("DT", SqlType::Date()),
                         Val("TM", SqlType::Time()), Val("TS", SqlType::Timestamp()),
                         Val("A", SqlType::Array(SqlType::Double())),
                         Val("M", SqlType::Map(SqlType::String(), inner)), Val("ST", inner)});
    Row row = t.NewRow();
    row.values = {B(true),
                  I(-5),
                  I(1LL << 40),
                  D(-0.001),
                  Dec(-1234567),
                  Str("tab\there \xe2\x82\xac \"q\" \x01"),
                  Str(std::string("\x00\x10\x83", 3)),
                  I(19723),
                  I(86399999),
                  I(-1000),
                  List({D(1.5), Null(), D(NAN)}),
                  Map({{Str("k"), List({I(1), List({Str("a"), Null()})})}, {Str("n"), Null()}}),
                  List({Null(), List({})})};
    auto s = MustSerializer(Format("JSON"), t.value, false);
    auto d = MustDeserializer(Format("JSON"), t.value, false);
    std::string out;
    bool is_null = false;
    ASSERT_TRUE(s->Serialize(row, out, &is_null).ok());
    Row back = t.NewRow();
    ASSERT_TRUE(Decode(*d, out, back).ok()) << out;
    for (size_t i = 0; i < row.values.size(); ++i) {
        if (i == 10) continue;  // NaN != NaN; checked below
        EXPECT_EQ(back.values[i], row.values[i]) << "column " << i << " in " << out;
    }
    const ValueList& arr = back.values[10].AsList();
    ASSERT_EQ(arr.size(), 3u);
    EXPECT_EQ(arr[0], D(1.5));
    EXPECT_TRUE(std::isnan(arr[2].AsDouble()));
}

}  // namespace
}  // namespace runnel::serde
