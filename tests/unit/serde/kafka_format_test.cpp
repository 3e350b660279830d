#include <gtest/gtest.h>

#include <cmath>

#include "serde_test_util.h"

namespace runnel::serde {
namespace {

using namespace testing;  // NOLINT

std::string Bytes(std::initializer_list<int> bytes) {
    std::string s;
    for (int b : bytes) s.push_back(char(b));
    return s;
}

struct KafkaSide {
    explicit KafkaSide(SqlType type, bool is_key = true)
        : t(MakeSchema({is_key ? Key("K", type) : Val("V", type)})),
          layout(is_key ? t.key : t.value),
          d(MustDeserializer(Format("KAFKA"), layout, is_key)),
          s(MustSerializer(Format("KAFKA"), layout, is_key)) {}

    Value Read(std::string_view bytes) {
        Row row = t.NewRow();
        Status st = Decode(*d, bytes, row);
        EXPECT_TRUE(st.ok()) << st.ToString();
        return row.values[0];
    }
    std::string Write(const Value& v, bool* is_null = nullptr) {
        Row row = t.NewRow();
        row.values[0] = v;
        std::string out;
        bool null_flag = false;
        Status st = s->Serialize(row, out, &null_flag);
        EXPECT_TRUE(st.ok()) << st.ToString();
        if (is_null) *is_null = null_flag;
        return out;
    }

    TestSchema t;
    SideLayout layout;
    std::unique_ptr<Deserializer> d;
    std::unique_ptr<Serializer> s;
};

TEST(KafkaFormatTest, IntIsFourBytesBigEndian) {
    KafkaSide k(SqlType::Int());
    EXPECT_EQ(k.Write(I(1)), Bytes({0, 0, 0, 1}));
    EXPECT_EQ(k.Write(I(-2)), Bytes({0xff, 0xff, 0xff, 0xfe}));
    EXPECT_EQ(k.Write(I(0x12345678)), Bytes({0x12, 0x34, 0x56, 0x78}));
    EXPECT_EQ(k.Read(Bytes({0x80, 0, 0, 0})), I(INT32_MIN));
    EXPECT_EQ(k.Read(Bytes({0x7f, 0xff, 0xff, 0xff})), I(INT32_MAX));
    EXPECT_EQ(k.Read(Bytes({0xff, 0xff, 0xff, 0xfe})), I(-2));
}

TEST(KafkaFormatTest, BigintIsEightBytesBigEndian) {
    KafkaSide k(SqlType::Bigint());
    EXPECT_EQ(k.Write(I(1)), Bytes({0, 0, 0, 0, 0, 0, 0, 1}));
    EXPECT_EQ(k.Write(I(-1)), Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));
    EXPECT_EQ(k.Read(Bytes({0x80, 0, 0, 0, 0, 0, 0, 0})), I(INT64_MIN));
    EXPECT_EQ(k.Read(Bytes({0, 0, 0x01, 0x8b, 0xcf, 0xe5, 0x68, 0x00})), I(1700000000000));
}

TEST(KafkaFormatTest, DoubleIsIeee754BigEndian) {
    KafkaSide k(SqlType::Double());
    EXPECT_EQ(k.Write(D(1.0)), Bytes({0x3f, 0xf0, 0, 0, 0, 0, 0, 0}));
    EXPECT_EQ(k.Write(D(-2.5)), Bytes({0xc0, 0x04, 0, 0, 0, 0, 0, 0}));
    EXPECT_EQ(k.Read(Bytes({0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18})),
              D(3.141592653589793));
    EXPECT_TRUE(std::isnan(k.Read(k.Write(D(NAN))).AsDouble()));
}

TEST(KafkaFormatTest, StringAndBytesAreRaw) {
    KafkaSide s(SqlType::String(), false);
    EXPECT_EQ(s.Write(Str("h\xc3\xa9llo")), "h\xc3\xa9llo");
    EXPECT_EQ(s.Read("abc"), Str("abc"));
    EXPECT_EQ(s.Read(""), Str(""));
    KafkaSide b(SqlType::Bytes());
    std::string raw("\x00\x01\xff", 3);
    EXPECT_EQ(b.Write(Str(raw)), raw);
    EXPECT_EQ(b.Read(raw), Str(raw));
}

TEST(KafkaFormatTest, NullsBothWays) {
    KafkaSide k(SqlType::Int());
    bool is_null = false;
    EXPECT_EQ(k.Write(Null(), &is_null), "");
    EXPECT_TRUE(is_null);
    Row row = k.t.NewRow();
    row.values[0] = I(5);
    ASSERT_TRUE(k.d->Deserialize(nullptr, 0, row).ok());
    EXPECT_EQ(row.values[0], Null());
}

TEST(KafkaFormatTest, WrongSizeIsAnError) {
    KafkaSide i(SqlType::Int());
    Row row = i.t.NewRow();
    EXPECT_EQ(Decode(*i.d, "abc", row).message(),
              "Size of data received by IntegerDeserializer is not 4");
    EXPECT_EQ(Decode(*i.d, "", row).message(),
              "Size of data received by IntegerDeserializer is not 4");
    KafkaSide l(SqlType::Bigint());
    EXPECT_EQ(Decode(*l.d, "abcd", row).message(),
              "Size of data received by LongDeserializer is not 8");
    KafkaSide d(SqlType::Double());
    EXPECT_EQ(Decode(*d.d, "abcd", row).message(),
              "Size of data received by DoubleDeserializer is not 8");
}

TEST(KafkaFormatTest, ValidationMessages) {
    auto t = MakeSchema({Val("A", SqlType::Int()), Val("B", SqlType::String())});
    Status st = ValidateFormat(Format("KAFKA"), t.value, false);
    EXPECT_EQ(st.message(),
              "The 'KAFKA' format only supports a single field. Got: [`A` INTEGER, `B` STRING]");
    for (const SqlType& type :
         {SqlType::Boolean(), SqlType::Decimal(4, 2), SqlType::Date(), SqlType::Timestamp(),
          SqlType::Array(SqlType::Int()), SqlType::Map(SqlType::String(), SqlType::Int()),
          SqlType::Struct({{"X", SqlType::Int()}})}) {
        auto one = MakeSchema({Key("K", type)});
        Status s = ValidateFormat(Format("KAFKA"), one.key, true);
        EXPECT_EQ(s.message(),
                  "The 'KAFKA' format does not support type '" + type.RestTypeName() + "'");
        EXPECT_FALSE(MakeDeserializer(Format("KAFKA"), one.key, true).ok());
    }
    auto b = MakeSchema({Key("K", SqlType::Boolean())});
    EXPECT_EQ(ValidateFormat(Format("KAFKA"), b.key, true).message(),
              "The 'KAFKA' format does not support type 'BOOLEAN'");
}

TEST(KafkaFormatTest, EmptyLayoutIsAKeylessStream) {
    auto t = MakeSchema({Val("V", SqlType::String())});
    ASSERT_TRUE(ValidateFormat(Format("KAFKA"), t.key, true).ok());
    auto d = MustDeserializer(Format("KAFKA"), t.key, true);
    auto s = MustSerializer(Format("KAFKA"), t.key, true);
    Row row = t.NewRow();
    row.values[0] = Str("v");
    ASSERT_TRUE(Decode(*d, "ignored", row).ok());
    EXPECT_EQ(row.values[0], Str("v"));
    std::string out;
    bool is_null = false;
    ASSERT_TRUE(s->Serialize(row, out, &is_null).ok());
    EXPECT_TRUE(is_null);
}

}  // namespace
}  // namespace runnel::serde
