// JSON keys as Debezium (through Kafka Connect's JsonConverter) writes them: a single key column
// read from an object's field, and the {"schema": ..., "payload": ...} wrapper.
#include <gtest/gtest.h>

#include "serde_test_util.h"

namespace runnel::serde {
namespace {

using namespace testing;  // NOLINT

class SingleKeyTest : public ::testing::Test {
protected:
    void Use(SqlType type, std::string name = "ID") {
        t_ = MakeSchema({Key(std::move(name), std::move(type)), Val("V", SqlType::String())});
        row_ = t_.NewRow();
        d_ = MustDeserializer(Format("JSON"), t_.key, true);
    }
    Value Read(std::string_view json) {
        Status st = Decode(*d_, json, row_);
        EXPECT_TRUE(st.ok()) << json << ": " << st.ToString();
        return st.ok() ? row_.values[0] : Str("<error>");
    }
    std::string Error(std::string_view json) {
        Status st = Decode(*d_, json, row_);
        EXPECT_FALSE(st.ok()) << json << " read as " << row_.values[0].DebugString();
        return st.message();
    }

    TestSchema t_;
    Row row_;
    std::unique_ptr<Deserializer> d_;
};

TEST_F(SingleKeyTest, ObjectKeyReadsTheNamedField) {
    Use(SqlType::Int());
    EXPECT_EQ(Read("1"), I(1));                      // ksqlDB's bare key still works
    EXPECT_EQ(Read(R"({"id": 1001})"), I(1001));     // Debezium's key, ignoring case
    EXPECT_EQ(Read(R"({"ID": 1002})"), I(1002));
    EXPECT_EQ(Read(R"({"other": 5})"), I(5));        // the only field of a one-field object
    EXPECT_EQ(Read(R"({"a": 1, "Id": 2, "b": 3})"), I(2));
    EXPECT_EQ(Read(R"({"id": 1, "ID": 2, "iD": 3})"), I(2));  // the exact spelling wins
    EXPECT_EQ(Read(R"({"id": null})"), Null());
    EXPECT_EQ(Read(R"({"id": "7"})"), I(7));         // the JSON coercions apply
    EXPECT_EQ(Error(R"({"a": 1, "b": 2})"),
              "Can't convert type. sourceType: ObjectNode, requiredType: INTEGER");
    EXPECT_EQ(Error(R"({"id": "x"})"),
              "Can't coerce string to type. targetType: INTEGER, path: $.id");
    EXPECT_EQ(Error(R"({"id": true})"),
              "Can't convert type. sourceType: BooleanNode, requiredType: INTEGER, path: $.id");
    EXPECT_NE(Error(R"({"id": 1} 2)").find("Invalid JSON"), std::string::npos);
    EXPECT_NE(Error(R"({"id": 1)").find("Invalid JSON"), std::string::npos);
    EXPECT_EQ(Read(R"({"id": 3})"), I(3));  // still fine after errors
}

TEST_F(SingleKeyTest, EmptyObjectIsATypeError) {
    Use(SqlType::Bigint());
    EXPECT_EQ(Error("{}"), "Can't convert type. sourceType: ObjectNode, requiredType: BIGINT");
}

TEST_F(SingleKeyTest, StringKeyKeepsJsonTextUnlessTheFieldIsNamed) {
    Use(SqlType::String(), "CODE");
    EXPECT_EQ(Read(R"("abc")"), Str("abc"));
    EXPECT_EQ(Read(R"({"code": "abc"})"), Str("abc"));
    // ksqlDB reads any other object into a STRING as its JSON text.
    EXPECT_EQ(Read(R"({"other": "x"})"), Str(R"({"other":"x"})"));
    EXPECT_EQ(Read(R"({"a": 1, "b": [2]})"), Str(R"({"a":1,"b":[2]})"));
}

TEST_F(SingleKeyTest, OtherTypes) {
    Use(SqlType::Array(SqlType::Int()), "IDS");
    EXPECT_EQ(Read("[1, 2]"), List({I(1), I(2)}));
    EXPECT_EQ(Read(R"({"ids": [3]})"), List({I(3)}));
    Use(SqlType::Decimal(5, 2), "AMOUNT");
    EXPECT_EQ(Read(R"({"amount": 1.5})"), Dec(150));
    Use(SqlType::Map(SqlType::String(), SqlType::Int()), "M");
    // A MAP is an object itself: never a field of one.
    EXPECT_EQ(Read(R"({"m": 1})"), Map({{Str("m"), I(1)}}));
}

TEST_F(SingleKeyTest, StructKeyReadsTheObjectItself) {
    Use(SqlType::Struct({{"ID", SqlType::Int()}}), "K");
    EXPECT_EQ(Read(R"({"id": 4})"), List({I(4)}));
    EXPECT_EQ(Read(R"({"schema": {"type": "struct"}, "payload": {"id": 5}})"), List({I(5)}));
}

constexpr const char* kIntKeySchema =
    R"({"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"}],
        "optional":false,"name":"dbserver1.inventory.customers.Key"})";

TEST_F(SingleKeyTest, ConnectWrapper) {
    Use(SqlType::Int());
    EXPECT_EQ(Read(std::string(R"({"schema":)") + kIntKeySchema + R"(,"payload":{"id":1001}})"),
              I(1001));
    // Payload first, and a primitive payload.
    EXPECT_EQ(Read(R"({"payload": 7, "schema": {"type": "int32", "optional": false}})"), I(7));
    EXPECT_EQ(Read(R"({"schema": null, "payload": null})"), Null());
    // Not the wrapper: three fields, or one of the two only.
    EXPECT_EQ(Error(R"({"schema": {}, "payload": 1, "x": 2})"),
              "Can't convert type. sourceType: ObjectNode, requiredType: INTEGER");
    EXPECT_EQ(Read(R"({"payload": 8})"), I(8));  // a one-field object
    EXPECT_NE(Error(R"({"schema": {}, "payload": 1} x)").find("Invalid JSON"), std::string::npos);
    EXPECT_EQ(Error(R"({"schema": {}, "payload": "abc"})"),
              "Can't coerce string to type. targetType: INTEGER");
}

TEST(JsonMultiKeyTest, ObjectFieldsAndWrapper) {
    auto t = MakeSchema({Key("ORDER_ID", SqlType::Int()), Key("LINE", SqlType::Int()),
                         Val("V", SqlType::String())});
    Row row = t.NewRow();
    auto d = MustDeserializer(Format("JSON"), t.key, true);
    ASSERT_TRUE(Decode(*d, R"({"order_id": 1, "line": 2})", row).ok());
    EXPECT_EQ(row.values[0], I(1));
    EXPECT_EQ(row.values[1], I(2));
    ASSERT_TRUE(Decode(*d, R"({"schema": {"type": "struct", "fields": []},
                                "payload": {"line": 4, "order_id": 3}})",
                       row)
                    .ok());
    EXPECT_EQ(row.values[0], I(3));
    EXPECT_EQ(row.values[1], I(4));
}

TEST(JsonMultiKeyTest, ColumnsNamedLikeTheWrapperAreNotUnwrapped) {
    auto t = MakeSchema({Key("SCHEMA", SqlType::Int()), Key("PAYLOAD", SqlType::Int())});
    Row row = t.NewRow();
    auto d = MustDeserializer(Format("JSON"), t.key, true);
    ASSERT_TRUE(Decode(*d, R"({"schema": 1, "payload": 2})", row).ok());
    EXPECT_EQ(row.values[0], I(1));
    EXPECT_EQ(row.values[1], I(2));
}

TEST(JsonValueSideTest2, ValuesAreNotUnwrapped) {
    // The object-key and wrapper rules are for keys: an unwrapped single value column keeps
    // ksqlDB's rules.
    auto t = MakeSchema({Val("V", SqlType::Int())});
    FormatSpec f = Format("JSON");
    f.wrap_single_value = false;
    auto d = MustDeserializer(f, t.value, false);
    Row row = t.NewRow();
    EXPECT_FALSE(Decode(*d, R"({"v": 1})", row).ok());
    // A wrapped value side reads a field named schema... as a column only.
    auto w = MakeSchema({Val("PAYLOAD", SqlType::Int()), Val("X", SqlType::Int())});
    auto dw = MustDeserializer(Format("JSON"), w.value, false);
    Row row2 = w.NewRow();
    ASSERT_TRUE(Decode(*dw, R"({"schema": {}, "payload": 3})", row2).ok());
    EXPECT_EQ(row2.values[0], I(3));
    EXPECT_EQ(row2.values[1], Null());
}

}  // namespace
}  // namespace runnel::serde
