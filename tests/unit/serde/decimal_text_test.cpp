#include "engine/serde/decimal_text.h"

#include <gtest/gtest.h>

namespace runnel::serde {
namespace {

__int128 Parse(std::string_view text, int p, int s,
               DecimalRounding r = DecimalRounding::kExact) {
    auto res = ParseDecimalText(text, p, s, r);
    EXPECT_TRUE(res.ok()) << text << ": " << res.status().ToString();
    return res.ok() ? res.value() : -999;
}

std::string Error(std::string_view text, int p, int s,
                  DecimalRounding r = DecimalRounding::kExact) {
    auto res = ParseDecimalText(text, p, s, r);
    EXPECT_FALSE(res.ok()) << text;
    return res.ok() ? "" : res.status().message();
}

TEST(DecimalTextTest, ParsesExactly) {
    EXPECT_EQ(Parse("12.3", 4, 2), 1230);
    EXPECT_EQ(Parse("12.30", 4, 2), 1230);
    EXPECT_EQ(Parse("12.300000", 4, 2), 1230);  // trailing zeros are not lost digits
    EXPECT_EQ(Parse("-0.05", 4, 2), -5);
    EXPECT_EQ(Parse("+7", 4, 2), 700);
    EXPECT_EQ(Parse("0", 4, 2), 0);
    EXPECT_EQ(Parse("-0.000", 4, 2), 0);
    EXPECT_EQ(Parse(".5", 2, 1), 5);
    EXPECT_EQ(Parse("5.", 2, 1), 50);
    EXPECT_EQ(Parse("1.5E1", 3, 1), 150);
    EXPECT_EQ(Parse("1234e-2", 4, 2), 1234);
    EXPECT_EQ(Parse("1E+2", 5, 0), 100);
    EXPECT_EQ(Parse("00012.5", 3, 1), 125);
    EXPECT_EQ(Parse("0.0000000000000000000000000000000000000000001E43", 1, 0), 1);
}

TEST(DecimalTextTest, ThirtyEightDigits) {
    __int128 max = 0;
    for (int i = 0; i < 38; ++i) max = max * 10 + 9;
    EXPECT_EQ(Parse("99999999999999999999999999999999999999", 38, 0), max);
    EXPECT_EQ(Parse("-9999999999999999999999999999999999999.9", 38, 1), -max);
    EXPECT_EQ(DecimalToString(max, 0), "99999999999999999999999999999999999999");
    EXPECT_EQ(DecimalToString(-max, 38), "-0.99999999999999999999999999999999999999");
}

TEST(DecimalTextTest, OverflowMatchesKsqlMessage) {
    EXPECT_EQ(Error("123.4", 4, 2),
              "Numeric field overflow: A field with precision 4 and scale 2 must round to an "
              "absolute value less than 10^2. Got 123.4");
    EXPECT_FALSE(ParseDecimalText("100", 4, 2).ok());
    EXPECT_TRUE(ParseDecimalText("99.99", 4, 2).ok());
    EXPECT_FALSE(ParseDecimalText("1e400", 38, 0).ok());
    EXPECT_FALSE(ParseDecimalText("1", 2, 2).ok());
    EXPECT_EQ(Parse("0.99", 2, 2), 99);
}

TEST(DecimalTextTest, ExactModeRefusesRounding) {
    EXPECT_EQ(Error("1.234", 4, 2),
              "Cannot fit decimal '1.234' into DECIMAL(4, 2) without rounding. (Requires 4,3)");
    EXPECT_FALSE(ParseDecimalText("1e-400", 38, 10).ok());
}

TEST(DecimalTextTest, HalfUpRounding) {
    constexpr auto kHalfUp = DecimalRounding::kHalfUp;
    EXPECT_EQ(Parse("1.234", 4, 2, kHalfUp), 123);
    EXPECT_EQ(Parse("1.235", 4, 2, kHalfUp), 124);
    EXPECT_EQ(Parse("-1.235", 4, 2, kHalfUp), -124);
    EXPECT_EQ(Parse("0.004", 4, 2, kHalfUp), 0);
    EXPECT_EQ(Parse("0.005", 4, 2, kHalfUp), 1);
    EXPECT_EQ(Parse("1e-400", 4, 2, kHalfUp), 0);
    EXPECT_FALSE(ParseDecimalText("99.995", 4, 2, kHalfUp).ok());  // rounds to 100.00
}

TEST(DecimalTextTest, RejectsMalformed) {
    for (const char* bad : {"", "-", ".", "1.2.3", "1e", "1e+", "abc", " 1", "1 ", "0x10", "1,5",
                            "--1", "NaN", "Infinity"}) {
        EXPECT_FALSE(ParseDecimalText(bad, 10, 2).ok()) << bad;
    }
}

TEST(DecimalTextTest, RejectsBadPrecision) {
    EXPECT_FALSE(ParseDecimalText("1", 0, 0).ok());
    EXPECT_FALSE(ParseDecimalText("1", 39, 0).ok());
    EXPECT_FALSE(ParseDecimalText("1", 4, 5).ok());
}

TEST(DecimalTextTest, PrintsWithScale) {
    EXPECT_EQ(DecimalToString(1230, 2), "12.30");
    EXPECT_EQ(DecimalToString(-5, 3), "-0.005");
    EXPECT_EQ(DecimalToString(5, 1), "0.5");
    EXPECT_EQ(DecimalToString(0, 2), "0.00");
    EXPECT_EQ(DecimalToString(0, 0), "0");
    EXPECT_EQ(DecimalToString(42, 0), "42");
    EXPECT_EQ(DecimalToString(-100, 2), "-1.00");
    std::string s = "v=";
    AppendDecimalText(7, 2, s);
    EXPECT_EQ(s, "v=0.07");
}

}  // namespace
}  // namespace runnel::serde
