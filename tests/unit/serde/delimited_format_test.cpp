#include <gtest/gtest.h>

#include "serde_test_util.h"

namespace runnel::serde {
namespace {

using namespace testing;  // NOLINT

class DelimitedTest : public ::testing::Test {
protected:
    DelimitedTest()
        : t_(MakeSchema({Key("K", SqlType::Int()), Val("ID", SqlType::Bigint()),
                         Val("NAME", SqlType::String()), Val("PRICE", SqlType::Double())})) {}

    void Use(FormatSpec f) {
        d_ = MustDeserializer(f, t_.value, false);
        s_ = MustSerializer(f, t_.value, false);
    }

    Status Read(std::string_view text) {
        row_ = t_.NewRow();
        return Decode(*d_, text, row_);
    }

    std::string Write(std::vector<Value> values) {
        Row row = t_.NewRow();
        for (size_t i = 0; i < values.size(); ++i) row.values[i + 1] = values[i];
        std::string out;
        bool is_null = true;
        Status st = s_->Serialize(row, out, &is_null);
        EXPECT_TRUE(st.ok()) << st.ToString();
        EXPECT_FALSE(is_null);
        return out;
    }

    TestSchema t_;
    Row row_;
    std::unique_ptr<Deserializer> d_;
    std::unique_ptr<Serializer> s_;
};

TEST_F(DelimitedTest, ReadsFieldsInOrder) {
    Use(Format("DELIMITED"));
    ASSERT_TRUE(Read("120,bob,49.5").ok());
    EXPECT_EQ(row_.values[1], I(120));
    EXPECT_EQ(row_.values[2], Str("bob"));
    EXPECT_EQ(row_.values[3], D(49.5));
    EXPECT_EQ(row_.values[0], Null());
}

TEST_F(DelimitedTest, EmptyFieldsAreNullForEveryType) {
    Use(Format("DELIMITED"));
    ASSERT_TRUE(Read(",,").ok());
    EXPECT_EQ(row_.values[1], Null());
    EXPECT_EQ(row_.values[2], Null());
    EXPECT_EQ(row_.values[3], Null());
    ASSERT_TRUE(Read("1,\"\",2").ok());
    EXPECT_EQ(row_.values[2], Null());
}

TEST_F(DelimitedTest, QuotedFields) {
    Use(Format("DELIMITED"));
    ASSERT_TRUE(Read(R"(1,"a,b ""q""",2)").ok());
    EXPECT_EQ(row_.values[2], Str(R"(a,b "q")"));
    ASSERT_TRUE(Read("1,\"line\nbreak\" ,2").ok());  // whitespace may follow a closing quote
    EXPECT_EQ(row_.values[2], Str("line\nbreak"));
    ASSERT_TRUE(Read("\"1\",x,\"2.5\"").ok());
    EXPECT_EQ(row_.values[1], I(1));
    EXPECT_EQ(row_.values[3], D(2.5));
    ASSERT_TRUE(Read("1, \"x\" ,2").ok());  // a quote after a space is literal text
    EXPECT_EQ(row_.values[2], Str(" \"x\" "));
    EXPECT_EQ(Read("1,\"open,2").message(), "EOF reached before encapsulated token finished");
    EXPECT_EQ(Read("1,\"a\"b,2").message(),
              "invalid char between encapsulated token and delimiter");
}

TEST_F(DelimitedTest, OnlyTheFirstLineCounts) {
    Use(Format("DELIMITED"));
    ASSERT_TRUE(Read("1,a,2\r\n3,b,4").ok());
    EXPECT_EQ(row_.values[1], I(1));
    EXPECT_EQ(row_.values[3], D(2));
    ASSERT_TRUE(Read("\n\n5,c,6\n").ok());
    EXPECT_EQ(row_.values[1], I(5));
}

TEST_F(DelimitedTest, FieldCountMustMatch) {
    Use(Format("DELIMITED"));
    EXPECT_EQ(Read("1,2").message(), "Unexpected field count, csvFields:2 schemaFields:3");
    EXPECT_EQ(Read("1,a,2,").message(), "Unexpected field count, csvFields:4 schemaFields:3");
    EXPECT_EQ(Read("").message(), "Unexpected field count, csvFields:1 schemaFields:3");
}

TEST_F(DelimitedTest, BadValuesNameTheColumn) {
    Use(Format("DELIMITED"));
    EXPECT_EQ(Read("x,a,1").message(),
              "Can't coerce string to type. targetType: BIGINT, column: ID");
    EXPECT_FALSE(Read("1,a,notdouble").ok());
    EXPECT_FALSE(Read("1.5,a,1").ok());
}

TEST_F(DelimitedTest, NullRecord) {
    Use(Format("DELIMITED"));
    ASSERT_TRUE(Read("1,a,2").ok());
    ASSERT_TRUE(d_->Deserialize(nullptr, 0, row_).ok());
    EXPECT_EQ(row_.values[1], Null());
}

TEST_F(DelimitedTest, WritesWithMinimalQuoting) {
    Use(Format("DELIMITED"));
    EXPECT_EQ(Write({I(1), Str("bob"), D(2.5)}), "1,bob,2.5");
    EXPECT_EQ(Write({I(1), Str("a,b"), D(100)}), "1,\"a,b\",100.0");
    EXPECT_EQ(Write({I(1), Str("say \"hi\""), D(1e7)}), "1,\"say \"\"hi\"\"\",1.0E7");
    EXPECT_EQ(Write({I(1), Str("two\nlines"), Null()}), "1,\"two\nlines\",");
    EXPECT_EQ(Write({Null(), Null(), Null()}), ",,");
    // A record's first field that does not start with [0-9A-Za-z] is quoted, as ksqlDB writes.
    EXPECT_EQ(Write({I(-1), Str("hello world"), D(-0.5)}), "\"-1\",hello world,-0.5");
    // Commons CSV also quotes a value starting with a character <= '#' or ending with one
    // <= ' ', and an empty string (not null) in first position.
    EXPECT_EQ(Write({I(1), Str(" lead"), Null()}), "1,\" lead\",");
    EXPECT_EQ(Write({I(1), Str("trail "), Null()}), "1,\"trail \",");
    EXPECT_EQ(Write({I(1), Str("#tag"), Null()}), "1,\"#tag\",");
    EXPECT_EQ(Write({I(1), Str("!"), Null()}), "1,\"!\",");
    EXPECT_EQ(Write({I(1), Str(""), Null()}), "1,,");
}

TEST_F(DelimitedTest, CustomDelimiters) {
    FormatSpec f = Format("DELIMITED");
    f.properties["delimiter"] = "|";
    Use(f);
    ASSERT_TRUE(Read("1|a,b|2").ok());
    EXPECT_EQ(row_.values[2], Str("a,b"));
    EXPECT_EQ(Write({I(1), Str("a|b"), D(1)}), "1|\"a|b\"|1.0");

    f.properties["delimiter"] = "TAB";
    Use(f);
    ASSERT_TRUE(Read("1\tx y\t2").ok());
    EXPECT_EQ(row_.values[2], Str("x y"));
    EXPECT_EQ(Write({I(1), Str("x"), D(2)}), "1\tx\t2.0");

    f.properties.clear();
    f.properties["DELIMITER"] = "space";
    Use(f);
    ASSERT_TRUE(Read("1 x 2").ok());
    EXPECT_EQ(row_.values[2], Str("x"));
    EXPECT_EQ(Write({I(1), Str("x y"), D(2)}), "1 \"x y\" 2.0");
}

TEST(DelimitedFormatTest, RejectsBadDelimiters) {
    auto t = MakeSchema({Val("A", SqlType::Int())});
    for (const char* bad : {"", "||", "\"", "\n"}) {
        FormatSpec f = Format("DELIMITED");
        f.properties["delimiter"] = bad;
        EXPECT_FALSE(ValidateFormat(f, t.value, false).ok()) << bad;
    }
    FormatSpec f = Format("DELIMITED");
    f.properties["delimiter"] = "||";
    EXPECT_EQ(ValidateFormat(f, t.value, false).message(),
              "Configuration VALUE_DELIMITER is invalid: Invalid delimiter value: '||'. "
              "Delimiter must be a single character or TAB or SPACE");
}

TEST(DelimitedFormatTest, RejectsNestedTypes) {
    for (const SqlType& type : {SqlType::Array(SqlType::Int()),
                                SqlType::Map(SqlType::String(), SqlType::Int()),
                                SqlType::Struct({{"X", SqlType::Int()}})}) {
        auto t = MakeSchema({Val("A", SqlType::Int()), Val("B", type)});
        EXPECT_EQ(ValidateFormat(Format("DELIMITED"), t.value, false).message(),
                  "The 'DELIMITED' format does not support type '" + type.RestTypeName() + "'");
    }
    auto t = MakeSchema({Val("A", SqlType::Array(SqlType::String()))});
    EXPECT_EQ(ValidateFormat(Format("DELIMITED"), t.value, false).message(),
              "The 'DELIMITED' format does not support type 'ARRAY'");
}

TEST(DelimitedFormatTest, AllPrimitiveTypesRoundTrip) {
    auto t = MakeSchema({Val("B", SqlType::Boolean()), Val("I", SqlType::Int()),
                         Val("L", SqlType::Bigint()), Val("D", SqlType::Double()),
                         Val("DEC", SqlType::Decimal(6, 3)), Val("S", SqlType::String()),
                         Val("BY", SqlType::Bytes()), Val("DT", SqlType::Date()),
                         Val("TM", SqlType::Time()), Val("TS", SqlType::Timestamp())});
    auto s = MustSerializer(Format("DELIMITED"), t.value, false);
    auto d = MustDeserializer(Format("DELIMITED"), t.value, false);
    Row row = t.NewRow();
    row.values = {B(false), I(-7),     I(1LL << 50), D(1.0E-5), Dec(-1500), Str("x,\"y\""),
                  Str("foo"), I(19000), I(1000),     I(-5)};
    std::string out;
    bool is_null = true;
    ASSERT_TRUE(s->Serialize(row, out, &is_null).ok());
    EXPECT_EQ(out, "false,-7,1125899906842624,1.0E-5,-1.500,\"x,\"\"y\"\"\",Zm9v,19000,1000,-5");
    Row back = t.NewRow();
    ASSERT_TRUE(Decode(*d, out, back).ok());
    for (size_t i = 0; i < row.values.size(); ++i) {
        EXPECT_EQ(back.values[i], row.values[i]) << "column " << i;
    }
}

TEST(DelimitedFormatTest, SingleColumnAndEmptyLayout) {
    auto t = MakeSchema({Key("K", SqlType::String()), Val("V", SqlType::Int())});
    auto d = MustDeserializer(Format("DELIMITED"), t.key, true);
    Row row = t.NewRow();
    ASSERT_TRUE(Decode(*d, "", row).ok());
    EXPECT_EQ(row.values[0], Null());
    ASSERT_TRUE(Decode(*d, "\"a,b\"", row).ok());
    EXPECT_EQ(row.values[0], Str("a,b"));
    EXPECT_FALSE(Decode(*d, "a,b", row).ok());

    auto keyless = MakeSchema({Val("V", SqlType::Int())});
    auto s = MustSerializer(Format("DELIMITED"), keyless.key, true);
    std::string out;
    bool is_null = false;
    Row r2 = keyless.NewRow();
    ASSERT_TRUE(s->Serialize(r2, out, &is_null).ok());
    EXPECT_TRUE(is_null);
}

}  // namespace
}  // namespace runnel::serde
