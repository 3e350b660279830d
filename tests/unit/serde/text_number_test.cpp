#include "engine/serde/text_number.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine/serde/base64.h"
#include "engine/serde/text_coercion.h"

namespace runnel::serde {
namespace {

TEST(TextNumberTest, JavaLong) {
    int64_t v = 0;
    EXPECT_TRUE(ParseJavaLong("123", &v));
    EXPECT_EQ(v, 123);
    EXPECT_TRUE(ParseJavaLong("+5", &v));
    EXPECT_EQ(v, 5);
    EXPECT_TRUE(ParseJavaLong("-9223372036854775808", &v));
    EXPECT_EQ(v, std::numeric_limits<int64_t>::min());
    EXPECT_TRUE(ParseJavaLong("9223372036854775807", &v));
    EXPECT_EQ(v, std::numeric_limits<int64_t>::max());
    for (const char* bad : {"", "+", "-", "9223372036854775808", "-9223372036854775809", " 1",
                            "1 ", "1.0", "1e3", "0x1", "abc"}) {
        EXPECT_FALSE(ParseJavaLong(bad, &v)) << bad;
    }
}

TEST(TextNumberTest, JavaInt) {
    int64_t v = 0;
    EXPECT_TRUE(ParseJavaInt("-2147483648", &v));
    EXPECT_EQ(v, -2147483648LL);
    EXPECT_TRUE(ParseJavaInt("2147483647", &v));
    EXPECT_FALSE(ParseJavaInt("2147483648", &v));
    EXPECT_FALSE(ParseJavaInt("-2147483649", &v));
}

TEST(TextNumberTest, JavaDouble) {
    double d = 0;
    EXPECT_TRUE(ParseJavaDouble("1.5", &d));
    EXPECT_EQ(d, 1.5);
    EXPECT_TRUE(ParseJavaDouble(" -2e3 ", &d));
    EXPECT_EQ(d, -2000);
    EXPECT_TRUE(ParseJavaDouble("+.5", &d));
    EXPECT_EQ(d, 0.5);
    EXPECT_TRUE(ParseJavaDouble("7.", &d));
    EXPECT_EQ(d, 7);
    EXPECT_TRUE(ParseJavaDouble("1.5f", &d));
    EXPECT_EQ(d, 1.5);
    EXPECT_TRUE(ParseJavaDouble("NaN", &d));
    EXPECT_TRUE(std::isnan(d));
    EXPECT_TRUE(ParseJavaDouble("-Infinity", &d));
    EXPECT_EQ(d, -std::numeric_limits<double>::infinity());
    EXPECT_TRUE(ParseJavaDouble("1e400", &d));
    EXPECT_EQ(d, std::numeric_limits<double>::infinity());
    EXPECT_TRUE(ParseJavaDouble("-1e-400", &d));
    EXPECT_EQ(d, 0);
    EXPECT_TRUE(std::signbit(d));
    for (const char* bad : {"", "abc", "inf", "nan", "infinity", "1.5x", "--1", "1e", "0x1p3",
                            "e5", "."}) {
        EXPECT_FALSE(ParseJavaDouble(bad, &d)) << bad;
    }
}

TEST(TextNumberTest, Booleans) {
    bool b = false;
    EXPECT_TRUE(ParseBooleanText("true", &b));
    EXPECT_TRUE(b);
    EXPECT_TRUE(ParseBooleanText("FALSE", &b));
    EXPECT_FALSE(b);
    EXPECT_TRUE(ParseBooleanText("True", &b));
    EXPECT_TRUE(b);
    EXPECT_FALSE(ParseBooleanText("yes", &b));
    EXPECT_FALSE(ParseBooleanText("1", &b));
    EXPECT_FALSE(ParseBooleanText("", &b));
}

TEST(TextNumberTest, JsonNumberGrammar) {
    for (const char* ok : {"0", "-0", "1", "-12", "1.5", "1e5", "1E+5", "1.5e-7", "0.0"}) {
        EXPECT_TRUE(IsJsonNumber(ok)) << ok;
    }
    for (const char* bad : {"", "-", "01", "1.", ".5", "1e", "+1", "12abc", "0x1", "1.5.5",
                            "NaN"}) {
        EXPECT_FALSE(IsJsonNumber(bad)) << bad;
    }
}

TEST(Base64Test, EncodesLikeJava) {
    auto enc = [](std::string_view s) {
        std::string out;
        AppendBase64(s, out);
        return out;
    };
    EXPECT_EQ(enc(""), "");
    EXPECT_EQ(enc("f"), "Zg==");
    EXPECT_EQ(enc("fo"), "Zm8=");
    EXPECT_EQ(enc("foo"), "Zm9v");
    EXPECT_EQ(enc("foobar"), "Zm9vYmFy");
    EXPECT_EQ(enc(std::string("\x00\xff\xfe", 3)), "AP/+");
}

TEST(Base64Test, Decodes) {
    std::string out;
    EXPECT_TRUE(DecodeBase64("Zm9vYmFy", out));
    EXPECT_EQ(out, "foobar");
    EXPECT_TRUE(DecodeBase64("Zg==", out));
    EXPECT_EQ(out, "f");
    EXPECT_TRUE(DecodeBase64("Zg", out));  // padding optional
    EXPECT_EQ(out, "f");
    EXPECT_TRUE(DecodeBase64("AP/+", out));
    EXPECT_EQ(out, std::string("\x00\xff\xfe", 3));
    EXPECT_TRUE(DecodeBase64("", out));
    EXPECT_EQ(out, "");
    for (const char* bad : {"Z", "Zg=", "Z===", "Zm9v!", "Zm 9v", "=Zm9", "Zg==Zg=="}) {
        EXPECT_FALSE(DecodeBase64(bad, out)) << bad;
    }
}

TEST(TextCoercionTest, ParsesEachPrimitive) {
    Value v;
    ASSERT_TRUE(ParseTextAs("42", SqlType::Int(), v).ok());
    EXPECT_EQ(v, Value::Int(42));
    ASSERT_TRUE(ParseTextAs("-42", SqlType::Bigint(), v).ok());
    EXPECT_EQ(v, Value::Int(-42));
    ASSERT_TRUE(ParseTextAs("2.5", SqlType::Double(), v).ok());
    EXPECT_EQ(v, Value::Double(2.5));
    ASSERT_TRUE(ParseTextAs("TRUE", SqlType::Boolean(), v).ok());
    EXPECT_EQ(v, Value::Bool(true));
    ASSERT_TRUE(ParseTextAs("1.5", SqlType::Decimal(4, 2), v).ok());
    EXPECT_EQ(v, Value::Decimal(150));
    ASSERT_TRUE(ParseTextAs("Zm9v", SqlType::Bytes(), v).ok());
    EXPECT_EQ(v, Value::String("foo"));
    ASSERT_TRUE(ParseTextAs("19000", SqlType::Date(), v).ok());
    EXPECT_EQ(v, Value::Int(19000));
    ASSERT_TRUE(ParseTextAs("3600000", SqlType::Time(), v).ok());
    EXPECT_EQ(v, Value::Int(3600000));
    ASSERT_TRUE(ParseTextAs("1700000000000", SqlType::Timestamp(), v).ok());
    EXPECT_EQ(v, Value::Int(1700000000000));
    ASSERT_TRUE(ParseTextAs(" x ", SqlType::String(), v).ok());
    EXPECT_EQ(v, Value::String(" x "));
}

TEST(TextCoercionTest, Errors) {
    Value v;
    Status st = ParseTextAs("abc", SqlType::Int(), v);
    EXPECT_EQ(st.message(), "Can't coerce string to type. targetType: INTEGER");
    EXPECT_FALSE(ParseTextAs("3000000000", SqlType::Int(), v).ok());
    EXPECT_FALSE(ParseTextAs("1.5", SqlType::Bigint(), v).ok());
    EXPECT_FALSE(ParseTextAs("maybe", SqlType::Boolean(), v).ok());
    EXPECT_FALSE(ParseTextAs("!!", SqlType::Bytes(), v).ok());
    EXPECT_FALSE(ParseTextAs("[1]", SqlType::Array(SqlType::Int()), v).ok());
}

}  // namespace
}  // namespace runnel::serde
