#include <gtest/gtest.h>

#include "serde_test_util.h"

namespace runnel::serde {
namespace {

using namespace testing;  // NOLINT

TEST(FormatRegistryTest, NoneCarriesNothing) {
    auto t = MakeSchema({Val("V", SqlType::Int())});
    ASSERT_TRUE(ValidateFormat(Format("NONE"), t.key, true).ok());
    auto d = MustDeserializer(Format("NONE"), t.key, true);
    auto s = MustSerializer(Format("NONE"), t.key, true);
    Row row = t.NewRow();
    row.values[0] = I(1);
    ASSERT_TRUE(Decode(*d, "whatever", row).ok());
    EXPECT_EQ(row.values[0], I(1));
    std::string out = "stale";
    bool is_null = false;
    ASSERT_TRUE(s->Serialize(row, out, &is_null).ok());
    EXPECT_TRUE(is_null);
    EXPECT_EQ(out, "");
}

TEST(FormatRegistryTest, NoneRejectsColumns) {
    auto t = MakeSchema({Key("K", SqlType::Int()), Val("V", SqlType::Int())});
    Status st = ValidateFormat(Format("NONE"), t.key, true);
    EXPECT_EQ(st.message(),
              "The 'NONE' format can only be used when no columns are defined. Got: [`K` "
              "INTEGER]");
    EXPECT_FALSE(MakeSerializer(Format("NONE"), t.key, true).ok());
}

TEST(FormatRegistryTest, SchemaRegistryFormatsAreNotImplemented) {
    auto t = MakeSchema({Val("V", SqlType::Int())});
    for (const char* name : {"AVRO", "PROTOBUF", "JSON_SR"}) {
        Status st = ValidateFormat(Format(name), t.value, false);
        EXPECT_EQ(st.code(), StatusCode::kNotImplemented) << name;
        EXPECT_EQ(st.message(), std::string("format ") + name +
                                    " needs a schema registry, which Runnel does not support yet");
        auto d = MakeDeserializer(Format(name), t.value, false);
        EXPECT_EQ(d.status().code(), StatusCode::kNotImplemented);
        auto s = MakeSerializer(Format(name), t.value, false);
        EXPECT_EQ(s.status().code(), StatusCode::kNotImplemented);
    }
    // PROTOBUF_NOSR needs none (protobuf_format_test.cpp).
    EXPECT_TRUE(ValidateFormat(Format("PROTOBUF_NOSR"), t.value, false).ok());
}

TEST(FormatRegistryTest, UnknownFormat) {
    auto t = MakeSchema({Val("V", SqlType::Int())});
    Status st = ValidateFormat(Format("XML"), t.value, false);
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(st.message(), "Unknown format: XML");
}

TEST(FormatRegistryTest, NamesAreCaseInsensitive) {
    auto t = MakeSchema({Val("V", SqlType::Int())});
    EXPECT_TRUE(ValidateFormat(Format("json"), t.value, false).ok());
    EXPECT_TRUE(MakeDeserializer(Format("Kafka"), t.value, false).ok());
}

TEST(FormatRegistryTest, JsonValidation) {
    auto t = MakeSchema({Val("A", SqlType::Int()), Val("B", SqlType::Int())});
    FormatSpec f = Format("JSON");
    f.wrap_single_value = false;
    EXPECT_EQ(ValidateFormat(f, t.value, false).message(),
              "'WRAP_SINGLE_VALUE' is only valid for single-field value schemas. Got: [`A` "
              "INTEGER, `B` INTEGER]");
    auto named = MakeSchema({Val("A", SqlType::Array(SqlType::Named("ADDRESS")))});
    EXPECT_EQ(ValidateFormat(Format("JSON"), named.value, false).message(),
              "unresolved custom type: ADDRESS");
    auto bad_decimal = MakeSchema({Val("A", SqlType::Decimal(40, 2))});
    EXPECT_FALSE(ValidateFormat(Format("JSON"), bad_decimal.value, false).ok());
    auto all = MakeSchema({Val("A", SqlType::Struct({{"X", SqlType::Map(SqlType::String(),
                                                                          SqlType::Bytes())}}))});
    EXPECT_TRUE(ValidateFormat(Format("JSON"), all.value, false).ok());
}

}  // namespace
}  // namespace runnel::serde
