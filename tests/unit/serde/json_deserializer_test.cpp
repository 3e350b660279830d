#include <gtest/gtest.h>

#include <cmath>

#include "engine/serde/json_format.h"
#include "serde_test_util.h"

namespace runnel::serde {
namespace {

using namespace testing;  // NOLINT

// Reads `json` as a value of `type` through ParseJsonValue (the same decoder as the
// deserializers).
Value Read(std::string_view json, const SqlType& type) {
    auto r = ParseJsonValue(json, type);
    EXPECT_TRUE(r.ok()) << json << ": " << r.status().ToString();
    return r.ok() ? r.value() : Value::String("<error>");
}

std::string ReadError(std::string_view json, const SqlType& type) {
    auto r = ParseJsonValue(json, type);
    EXPECT_FALSE(r.ok()) << json << " read as " << r.value().DebugString();
    return r.ok() ? "" : r.status().message();
}

class JsonValueSideTest : public ::testing::Test {
protected:
    JsonValueSideTest()
        : t_(MakeSchema({Key("K", SqlType::String()), Val("ID", SqlType::Bigint()),
                         Val("NAME", SqlType::String()), Val("PRICE", SqlType::Double())})),
          row_(t_.NewRow()) {
        d_ = MustDeserializer(Format("JSON"), t_.value, false);
    }

    Status Read(std::string_view json) { return Decode(*d_, json, row_); }

    TestSchema t_;
    Row row_;
    std::unique_ptr<Deserializer> d_;
};

TEST_F(JsonValueSideTest, ReadsObject) {
    ASSERT_TRUE(Read(R"({"ID": 7, "NAME": "bob", "PRICE": 1.5})").ok());
    EXPECT_EQ(row_.values[0], Null());  // the key column is not this side's
    EXPECT_EQ(row_.values[1], I(7));
    EXPECT_EQ(row_.values[2], Str("bob"));
    EXPECT_EQ(row_.values[3], D(1.5));
}

TEST_F(JsonValueSideTest, FieldNamesAreCaseInsensitive) {
    ASSERT_TRUE(Read(R"({"id": 1, "Name": "a", "pRiCe": 2})").ok());
    EXPECT_EQ(row_.values[1], I(1));
    EXPECT_EQ(row_.values[2], Str("a"));
    EXPECT_EQ(row_.values[3], D(2));
    // The same record again uses the cached spellings.
    ASSERT_TRUE(Read(R"({"id": 3, "Name": "b", "pRiCe": 4})").ok());
    EXPECT_EQ(row_.values[1], I(3));
    EXPECT_EQ(row_.values[2], Str("b"));
}

TEST_F(JsonValueSideTest, ExactMatchWinsOverCaseInsensitive) {
    ASSERT_TRUE(Read(R"({"name": "lower", "NAME": "exact", "Name": "again"})").ok());
    EXPECT_EQ(row_.values[2], Str("exact"));
    ASSERT_TRUE(Read(R"({"NAME": "exact", "name": "lower"})").ok());
    EXPECT_EQ(row_.values[2], Str("exact"));
}

TEST_F(JsonValueSideTest, EscapedAndLookalikeKeys) {
    // An escaped key is unescaped before matching; a longer key sharing a prefix is not a match.
    ASSERT_TRUE(Read(R"({"N\u0041ME": "escaped", "IDX": 5, "I": 6, "PRICE": 1})").ok());
    EXPECT_EQ(row_.values[2], Str("escaped"));
    EXPECT_EQ(row_.values[1], Null());
    ASSERT_TRUE(Read(R"({"ID": 1, "NAME": "a", "PRICE": 2})").ok());
    ASSERT_TRUE(Read(R"({"IDX": 1, "NAMEX": "a", "PRICEX": 2})").ok());
    EXPECT_EQ(row_.values[1], Null());
    EXPECT_EQ(row_.values[2], Null());
    EXPECT_EQ(row_.values[3], Null());
}

TEST(JsonDeserializerTest, ColumnNamesWithQuotesAndBackslashes) {
    auto t = MakeSchema({Val("A\"B", SqlType::Int()), Val("C\\D", SqlType::Int())});
    Row row = t.NewRow();
    auto d = MustDeserializer(Format("JSON"), t.value, false);
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(Decode(*d, R"({"a\"b": 1, "C\\D": 2})", row).ok());
        EXPECT_EQ(row.values[0], I(1));
        EXPECT_EQ(row.values[1], I(2));
    }
    auto s = MustSerializer(Format("JSON"), t.value, false);
    std::string out;
    bool is_null = false;
    ASSERT_TRUE(s->Serialize(row, out, &is_null).ok());
    EXPECT_EQ(out, R"({"A\"B":1,"C\\D":2})");
}

TEST_F(JsonValueSideTest, DuplicateKeysLastWins) {
    ASSERT_TRUE(Read(R"({"ID": 1, "ID": 2})").ok());
    EXPECT_EQ(row_.values[1], I(2));
}

TEST_F(JsonValueSideTest, MissingFieldsAreNullExtraIgnored) {
    ASSERT_TRUE(Read(R"({"ID": 1, "NAME": "x", "PRICE": 3})").ok());
    ASSERT_TRUE(Read(R"({"extra": {"deep": [1, 2, {"x": null}]}, "NAME": "only", "more": 5})")
                    .ok());
    EXPECT_EQ(row_.values[1], Null());
    EXPECT_EQ(row_.values[2], Str("only"));
    EXPECT_EQ(row_.values[3], Null());
    ASSERT_TRUE(Read("{}").ok());
    EXPECT_EQ(row_.values[2], Null());
}

TEST_F(JsonValueSideTest, JsonNullsAndNullRecords) {
    ASSERT_TRUE(Read(R"({"ID": null, "NAME": null, "PRICE": null})").ok());
    EXPECT_EQ(row_.values[1], Null());
    ASSERT_TRUE(Read(R"({"ID": 1})").ok());
    ASSERT_TRUE(d_->Deserialize(nullptr, 0, row_).ok());
    EXPECT_EQ(row_.values[1], Null());
    ASSERT_TRUE(Read(R"({"ID": 1})").ok());
    ASSERT_TRUE(Read("null").ok());
    EXPECT_EQ(row_.values[1], Null());
    ASSERT_TRUE(Read(R"({"ID": 1})").ok());
    ASSERT_TRUE(Read("").ok());
    EXPECT_EQ(row_.values[1], Null());
}

TEST_F(JsonValueSideTest, MalformedRecords) {
    for (const char* bad : {"{", "{\"ID\": }", "{\"ID\": 1,}", "{\"ID\": 1} x", "{\"ID\": 1}}",
                            "not json", "{'ID': 1}", "{\"ID\" 1}", "   "}) {
        Status st = Read(bad);
        EXPECT_FALSE(st.ok()) << bad;
        EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << bad;
    }
    EXPECT_EQ(Read("[1,2]").message(),
              "Can't convert type. sourceType: ArrayNode, requiredType: STRUCT<`ID` BIGINT, "
              "`NAME` STRING, `PRICE` DOUBLE>");
    EXPECT_FALSE(Read("5").ok());
    EXPECT_FALSE(Read("\"text\"").ok());
}

TEST_F(JsonValueSideTest, ErrorNamesTheColumn) {
    Status st = Read(R"({"ID": "abc"})");
    EXPECT_EQ(st.message(), "Can't coerce string to type. targetType: BIGINT, path: $.ID");
    st = Read(R"({"ID": {"a": 1}})");
    EXPECT_EQ(st.message(),
              "Can't convert type. sourceType: ObjectNode, requiredType: BIGINT, path: $.ID");
}

TEST_F(JsonValueSideTest, RecordsDoNotLeakIntoEachOther) {
    ASSERT_TRUE(Read(R"({"ID": 1, "NAME": "a long string that does not fit SSO", "PRICE": 1})")
                    .ok());
    ASSERT_TRUE(Read(R"({"NAME": "b"})").ok());
    EXPECT_EQ(row_.values[1], Null());
    EXPECT_EQ(row_.values[2], Str("b"));
    EXPECT_EQ(row_.values[3], Null());
}

TEST_F(JsonValueSideTest, LargeRecordGrowsTheBuffer) {
    std::string big = R"({"NAME": ")" + std::string(100000, 'x') + R"("})";
    ASSERT_TRUE(Read(big).ok());
    EXPECT_EQ(row_.values[2].AsString().size(), 100000u);
    ASSERT_TRUE(Read(R"({"NAME": "small"})").ok());
    EXPECT_EQ(row_.values[2], Str("small"));
}

TEST(JsonDeserializerTest, SingleValueWrappedByDefault) {
    auto t = MakeSchema({Val("V", SqlType::Int())});
    Row row = t.NewRow();
    auto d = MustDeserializer(Format("JSON"), t.value, false);
    ASSERT_TRUE(Decode(*d, R"({"V": 5})", row).ok());
    EXPECT_EQ(row.values[0], I(5));
    EXPECT_FALSE(Decode(*d, "5", row).ok());
}

TEST(JsonDeserializerTest, SingleValueUnwrapped) {
    auto t = MakeSchema({Val("V", SqlType::Int())});
    Row row = t.NewRow();
    FormatSpec f = Format("JSON");
    f.wrap_single_value = false;
    auto d = MustDeserializer(f, t.value, false);
    ASSERT_TRUE(Decode(*d, "5", row).ok());
    EXPECT_EQ(row.values[0], I(5));
    ASSERT_TRUE(Decode(*d, " 6 \n", row).ok());
    EXPECT_EQ(row.values[0], I(6));
    ASSERT_TRUE(Decode(*d, "null", row).ok());
    EXPECT_EQ(row.values[0], Null());
    EXPECT_FALSE(Decode(*d, R"({"V": 5})", row).ok());
    EXPECT_FALSE(Decode(*d, "5 6", row).ok());
    EXPECT_FALSE(Decode(*d, "5x", row).ok());
}

TEST(JsonDeserializerTest, UnwrappedStructAndTrailingContent) {
    auto t = MakeSchema(
        {Val("S", SqlType::Struct({{"A", SqlType::Int()}, {"B", SqlType::String()}}))});
    Row row = t.NewRow();
    FormatSpec f = Format("JSON");
    f.wrap_single_value = false;
    auto d = MustDeserializer(f, t.value, false);
    ASSERT_TRUE(Decode(*d, R"({"a": 1, "b": "x"})", row).ok());
    EXPECT_EQ(row.values[0], List({I(1), Str("x")}));
    EXPECT_FALSE(Decode(*d, R"({"a": 1}})", row).ok());
    EXPECT_FALSE(Decode(*d, R"("str" 1)", row).ok());
}

TEST(JsonDeserializerTest, KeySideSingleColumnIsBare) {
    auto t = MakeSchema({Key("K", SqlType::Int()), Val("V", SqlType::String())});
    Row row = t.NewRow();
    auto d = MustDeserializer(Format("JSON"), t.key, true);
    ASSERT_TRUE(Decode(*d, "1", row).ok());
    EXPECT_EQ(row.values[0], I(1));
    EXPECT_EQ(row.values[1], Null());

    auto ts = MakeSchema({Key("K", SqlType::String())});
    Row row2 = ts.NewRow();
    auto ds = MustDeserializer(Format("JSON"), ts.key, true);
    ASSERT_TRUE(Decode(*ds, R"("abc")", row2).ok());
    EXPECT_EQ(row2.values[0], Str("abc"));
}

TEST(JsonDeserializerTest, MultiColumnKeyIsObject) {
    auto t = MakeSchema({Key("K1", SqlType::Int()), Key("K2", SqlType::String()),
                         Val("V", SqlType::String())});
    Row row = t.NewRow();
    auto d = MustDeserializer(Format("JSON"), t.key, true);
    ASSERT_TRUE(Decode(*d, R"({"k2": "b", "K1": 1})", row).ok());
    EXPECT_EQ(row.values[0], I(1));
    EXPECT_EQ(row.values[1], Str("b"));
}

TEST(JsonDeserializerTest, EmptyLayoutReadsNothing) {
    auto t = MakeSchema({Val("V", SqlType::String())});
    Row row = t.NewRow();
    row.values[0] = Str("kept");
    auto d = MustDeserializer(Format("JSON"), t.key, true);
    ASSERT_TRUE(Decode(*d, "anything", row).ok());
    EXPECT_EQ(row.values[0], Str("kept"));
}

TEST(JsonDeserializerTest, RowTooNarrowIsInternalError) {
    auto t = MakeSchema({Val("A", SqlType::Int()), Val("B", SqlType::Int())});
    auto d = MustDeserializer(Format("JSON"), t.value, false);
    Row row;
    row.Resize(1);
    Status st = Decode(*d, R"({"A":1})", row);
    EXPECT_EQ(st.code(), StatusCode::kInternal);
}

// ---- coercions, one SQL type at a time (through ParseJsonValue) ----

TEST(JsonCoercionTest, Integers) {
    EXPECT_EQ(Read("42", SqlType::Int()), I(42));
    EXPECT_EQ(Read("-2147483648", SqlType::Int()), I(-2147483648LL));
    EXPECT_EQ(Read("\"123\"", SqlType::Int()), I(123));
    EXPECT_EQ(Read("\"-7\"", SqlType::Bigint()), I(-7));
    EXPECT_EQ(Read("9223372036854775807", SqlType::Bigint()), I(INT64_MAX));
    // A fraction truncates toward zero, as Jackson's intValue()/longValue().
    EXPECT_EQ(Read("1.9", SqlType::Int()), I(1));
    EXPECT_EQ(Read("-1.9", SqlType::Bigint()), I(-1));
    EXPECT_EQ(Read("1e3", SqlType::Int()), I(1000));
    EXPECT_EQ(ReadError("2147483648", SqlType::Int()),
              "Can't convert type. sourceType: LongNode, requiredType: INTEGER: 2147483648 is "
              "out of range");
    EXPECT_FALSE(ParseJsonValue("9223372036854775808", SqlType::Bigint()).ok());
    EXPECT_FALSE(ParseJsonValue("1e30", SqlType::Bigint()).ok());
    EXPECT_FALSE(ParseJsonValue("3e9", SqlType::Int()).ok());
    EXPECT_EQ(ReadError("\"1.5\"", SqlType::Int()),
              "Can't coerce string to type. targetType: INTEGER");
    EXPECT_FALSE(ParseJsonValue("\" 1\"", SqlType::Int()).ok());
    EXPECT_FALSE(ParseJsonValue("\"3000000000\"", SqlType::Int()).ok());
    EXPECT_EQ(ReadError("true", SqlType::Int()),
              "Can't convert type. sourceType: BooleanNode, requiredType: INTEGER");
    EXPECT_EQ(ReadError("[1]", SqlType::Bigint()),
              "Can't convert type. sourceType: ArrayNode, requiredType: BIGINT");
}

TEST(JsonCoercionTest, DateTimeTimestampAreIntegers) {
    EXPECT_EQ(Read("19000", SqlType::Date()), I(19000));
    EXPECT_EQ(Read("\"19000\"", SqlType::Date()), I(19000));
    EXPECT_EQ(Read("43200000", SqlType::Time()), I(43200000));
    EXPECT_EQ(Read("1700000000123", SqlType::Timestamp()), I(1700000000123));
    EXPECT_EQ(Read("\"1700000000123\"", SqlType::Timestamp()), I(1700000000123));
    EXPECT_FALSE(ParseJsonValue("\"2024-01-01\"", SqlType::Date()).ok());
}

TEST(JsonCoercionTest, Doubles) {
    EXPECT_EQ(Read("1.5", SqlType::Double()), D(1.5));
    EXPECT_EQ(Read("3", SqlType::Double()), D(3));
    EXPECT_EQ(Read("-2.5e-3", SqlType::Double()), D(-0.0025));
    EXPECT_EQ(Read("123456789012345678901234", SqlType::Double()), D(1.2345678901234568e23));
    EXPECT_EQ(Read("\"2.5\"", SqlType::Double()), D(2.5));
    EXPECT_TRUE(std::isnan(Read("\"NaN\"", SqlType::Double()).AsDouble()));
    EXPECT_EQ(Read("\"-Infinity\"", SqlType::Double()), D(-INFINITY));
    EXPECT_FALSE(ParseJsonValue("\"abc\"", SqlType::Double()).ok());
    EXPECT_FALSE(ParseJsonValue("false", SqlType::Double()).ok());
    EXPECT_FALSE(ParseJsonValue("NaN", SqlType::Double()).ok());  // not JSON
}

TEST(JsonCoercionTest, Booleans) {
    EXPECT_EQ(Read("true", SqlType::Boolean()), B(true));
    EXPECT_EQ(Read("false", SqlType::Boolean()), B(false));
    EXPECT_EQ(Read("\"TRUE\"", SqlType::Boolean()), B(true));
    EXPECT_EQ(Read("\"False\"", SqlType::Boolean()), B(false));
    EXPECT_FALSE(ParseJsonValue("\"yes\"", SqlType::Boolean()).ok());
    EXPECT_FALSE(ParseJsonValue("1", SqlType::Boolean()).ok());
    EXPECT_FALSE(ParseJsonValue("tru", SqlType::Boolean()).ok());
}

TEST(JsonCoercionTest, Decimals) {
    SqlType dec = SqlType::Decimal(4, 2);
    EXPECT_EQ(Read("12.3", dec), Dec(1230));
    EXPECT_EQ(Read("12.30", dec), Dec(1230));
    EXPECT_EQ(Read("-0.05", dec), Dec(-5));
    EXPECT_EQ(Read("7", dec), Dec(700));
    EXPECT_EQ(Read("\"12.34\"", dec), Dec(1234));
    EXPECT_EQ(Read("1.2e1", dec), Dec(1200));
    // Digits beyond double precision are kept exactly.
    EXPECT_EQ(Read("1234567890123456789.123456789", SqlType::Decimal(30, 9)),
              Dec(static_cast<__int128>(1234567890123456789LL) * 1000000000 + 123456789));
    EXPECT_EQ(ReadError("123.45", dec),
              "Numeric field overflow: A field with precision 4 and scale 2 must round to an "
              "absolute value less than 10^2. Got 123.45");
    EXPECT_EQ(ReadError("1.234", dec),
              "Cannot fit decimal '1.234' into DECIMAL(4, 2) without rounding. (Requires 4,3)");
    EXPECT_FALSE(ParseJsonValue("\"abc\"", dec).ok());
    EXPECT_FALSE(ParseJsonValue("true", dec).ok());
}

TEST(JsonCoercionTest, StringsTakeAnyScalarAndNestedJsonText) {
    SqlType s = SqlType::String();
    EXPECT_EQ(Read("\"plain\"", s), Str("plain"));
    EXPECT_EQ(Read(R"("esc\"aped\\ \u00e9 \n \/")", s), Str("esc\"aped\\ \xc3\xa9 \n /"));
    EXPECT_EQ(Read(R"("\ud83d\ude00")", s), Str("\xf0\x9f\x98\x80"));
    EXPECT_EQ(Read("12", s), Str("12"));
    EXPECT_EQ(Read("-1.50", s), Str("-1.50"));
    EXPECT_EQ(Read("1e5", s), Str("1e5"));
    EXPECT_EQ(Read("true", s), Str("true"));
    // Objects and arrays become their compact JSON text, strings re-escaped as Jackson does.
    EXPECT_EQ(Read(R"([1, 2 , "x"])", s), Str(R"([1,2,"x"])"));
    EXPECT_EQ(Read(R"( { "a" : [ {"b": null}, true ], "c\u0041": "\u00e9\t" } )", s),
              Str("{\"a\":[{\"b\":null},true],\"cA\":\"\xc3\xa9\\t\"}"));
    EXPECT_EQ(Read("[]", s), Str("[]"));
    EXPECT_EQ(Read("{}", s), Str("{}"));
    EXPECT_FALSE(ParseJsonValue("[1, 2x]", s).ok());
    EXPECT_FALSE(ParseJsonValue("[1, tru]", s).ok());
}

TEST(JsonCoercionTest, StringColumnInObjectHoldsJsonArray) {
    auto t = MakeSchema({Val("ID", SqlType::Int()), Val("TAGS", SqlType::String())});
    Row row = t.NewRow();
    auto d = MustDeserializer(Format("JSON"), t.value, false);
    ASSERT_TRUE(Decode(*d, R"({"id": 1, "tags": ["a", "b"]})", row).ok());
    EXPECT_EQ(row.values[1], Str(R"(["a","b"])"));
    ASSERT_TRUE(Decode(*d, R"({"id": 1, "tags": {"k": [1, {"z": 2.50}]}})", row).ok());
    EXPECT_EQ(row.values[1], Str(R"({"k":[1,{"z":2.50}]})"));
}

TEST(JsonCoercionTest, Bytes) {
    EXPECT_EQ(Read("\"Zm9vYmFy\"", SqlType::Bytes()), Str("foobar"));
    EXPECT_EQ(Read("\"AP/+\"", SqlType::Bytes()), Str(std::string("\x00\xff\xfe", 3)));
    EXPECT_FALSE(ParseJsonValue("\"not base64!\"", SqlType::Bytes()).ok());
    EXPECT_FALSE(ParseJsonValue("12", SqlType::Bytes()).ok());
}

TEST(JsonCoercionTest, Arrays) {
    SqlType a = SqlType::Array(SqlType::Int());
    EXPECT_EQ(Read("[1, 2, null, \"4\"]", a), List({I(1), I(2), Null(), I(4)}));
    EXPECT_EQ(Read("[]", a), List({}));
    EXPECT_EQ(Read("null", a), Null());
    EXPECT_EQ(ReadError("[1, \"x\"]", a),
              "Can't coerce string to type. targetType: INTEGER, path: $[1]");
    EXPECT_EQ(ReadError("{\"a\": 1}", a),
              "Can't convert type. sourceType: ObjectNode, requiredType: ARRAY<INTEGER>");
    SqlType nested = SqlType::Array(SqlType::Array(SqlType::String()));
    EXPECT_EQ(Read(R"([["a"], [], ["b", "c"]])", nested),
              List({List({Str("a")}), List({}), List({Str("b"), Str("c")})}));
}

TEST(JsonCoercionTest, Maps) {
    SqlType m = SqlType::Map(SqlType::String(), SqlType::Double());
    EXPECT_EQ(Read(R"({"b": 1, "a": 2.5, "c": null})", m),
              Map({{Str("b"), D(1)}, {Str("a"), D(2.5)}, {Str("c"), Null()}}));
    EXPECT_EQ(Read("{}", m), Map({}));
    // Keys are case-sensitive in maps; duplicates keep the last value.
    EXPECT_EQ(Read(R"({"k": 1, "K": 2, "k": 3})", m), Map({{Str("k"), D(3)}, {Str("K"), D(2)}}));
    EXPECT_EQ(ReadError(R"({"x": "bad"})", m),
              "Can't coerce string to type. targetType: DOUBLE, path: $.x");
    EXPECT_FALSE(ParseJsonValue("[1]", m).ok());
}

TEST(JsonCoercionTest, LargeMapWithDuplicates) {
    SqlType m = SqlType::Map(SqlType::String(), SqlType::Int());
    std::string json = "{";
    for (int i = 0; i < 40; ++i) {
        json += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    }
    json += "\"k3\": 100, \"k30\": 300}";
    Value v = Read(json, m);
    ASSERT_EQ(v.AsMap().size(), 40u);
    EXPECT_EQ(v.AsMap()[3].second, I(100));
    EXPECT_EQ(v.AsMap()[30].second, I(300));
}

TEST(JsonCoercionTest, Structs) {
    SqlType s = SqlType::Struct({{"NAME", SqlType::String()},
                                 {"ADDR", SqlType::Struct({{"CITY", SqlType::String()},
                                                           {"ZIP", SqlType::Int()}})},
                                 {"tags", SqlType::Array(SqlType::String())}});
    EXPECT_EQ(Read(R"({"name": "x", "addr": {"zip": "123", "City": "Oslo"}, "tags": ["t"]})", s),
              List({Str("x"), List({Str("Oslo"), I(123)}), List({Str("t")})}));
    EXPECT_EQ(Read(R"({"Extra": 1})", s), List({Null(), Null(), Null()}));
    // A lower-case (quoted) field name still matches another spelling case-insensitively.
    EXPECT_EQ(Read(R"({"TAGS": ["t"]})", s), List({Null(), Null(), List({Str("t")})}));
    EXPECT_EQ(ReadError(R"({"addr": {"zip": "abc"}})", s),
              "Can't coerce string to type. targetType: INTEGER, path: $.ADDR.ZIP");
    EXPECT_FALSE(ParseJsonValue("[1]", s).ok());
}

TEST(JsonCoercionTest, ArrayOfStructsReusesPlanPerElement) {
    SqlType s = SqlType::Array(SqlType::Struct({{"A", SqlType::Int()}, {"B", SqlType::Int()}}));
    EXPECT_EQ(Read(R"([{"a": 1, "b": 2}, {"B": 3}, {"A": 4}, {}])", s),
              List({List({I(1), I(2)}), List({Null(), I(3)}), List({I(4), Null()}),
                    List({Null(), Null()})}));
}

TEST(JsonCoercionTest, InvalidJson) {
    EXPECT_FALSE(ParseJsonValue("{", SqlType::String()).ok());
    EXPECT_FALSE(ParseJsonValue("\"unterminated", SqlType::String()).ok());
    EXPECT_FALSE(ParseJsonValue("\"bad \\x escape\"", SqlType::String()).ok());
    EXPECT_FALSE(ParseJsonValue("[1,,2]", SqlType::Array(SqlType::Int())).ok());
    EXPECT_FALSE(ParseJsonValue("nul", SqlType::Int()).ok());
    EXPECT_FALSE(ParseJsonValue("\"\xff\xfe\"", SqlType::String()).ok());  // invalid UTF-8
}

}  // namespace
}  // namespace runnel::serde
