// DECIMAL result types and arithmetic (ksqlDB's rules, HALF_UP, overflow).
#include <gtest/gtest.h>

#include "engine/expression/decimal_math.h"
#include "engine/serde/decimal_text.h"

namespace runnel::expression {
namespace {

std::string Text(__int128 v, int scale) { return serde::DecimalToString(v, scale); }

TEST(DecimalMathTest, ResultTypes) {
    SqlType a = SqlType::Decimal(4, 2), b = SqlType::Decimal(4, 2);
    EXPECT_EQ(DecimalResultType(ArithOp::kAdd, a, b), SqlType::Decimal(5, 2));
    EXPECT_EQ(DecimalResultType(ArithOp::kSub, a, SqlType::Decimal(5, 3)), SqlType::Decimal(6, 3));
    EXPECT_EQ(DecimalResultType(ArithOp::kMul, a, b), SqlType::Decimal(9, 4));
    EXPECT_EQ(DecimalResultType(ArithOp::kDiv, a, b), SqlType::Decimal(11, 7));
    EXPECT_EQ(DecimalResultType(ArithOp::kMod, a, b), SqlType::Decimal(4, 2));
    // Capped at 38 digits.
    SqlType big = SqlType::Decimal(38, 10);
    EXPECT_EQ(DecimalResultType(ArithOp::kMul, big, big).precision(), 38);
    EXPECT_EQ(DecimalForIntegral(TypeKind::kInt), SqlType::Decimal(10, 0));
    EXPECT_EQ(DecimalForIntegral(TypeKind::kBigint), SqlType::Decimal(19, 0));
}

TEST(DecimalMathTest, AddSubtractAlignScales) {
    __int128 r;
    ASSERT_TRUE(DecimalArith(ArithOp::kAdd, 1001, 2, 51, 1, 5, 2, &r));  // 10.01 + 5.1
    EXPECT_EQ(Text(r, 2), "15.11");
    ASSERT_TRUE(DecimalArith(ArithOp::kSub, 101, 1, 51, 1, 4, 1, &r));  // 10.1 - 5.1
    EXPECT_EQ(Text(r, 1), "5.0");
}

TEST(DecimalMathTest, MultiplyIsExact) {
    __int128 r;
    ASSERT_TRUE(DecimalArith(ArithOp::kMul, 1010, 2, -200, 2, 9, 4, &r));  // 10.10 * -2.00
    EXPECT_EQ(Text(r, 4), "-20.2000");
}

TEST(DecimalMathTest, DivideRoundsHalfUp) {
    __int128 r;
    ASSERT_TRUE(DecimalArith(ArithOp::kDiv, 1010, 2, 200, 2, 11, 7, &r));  // 10.10 / 2.00
    EXPECT_EQ(Text(r, 7), "5.0500000");
    ASSERT_TRUE(DecimalArith(ArithOp::kDiv, 2, 0, 3, 0, 10, 6, &r));  // 2 / 3
    EXPECT_EQ(Text(r, 6), "0.666667");
    ASSERT_TRUE(DecimalArith(ArithOp::kDiv, -2, 0, 3, 0, 10, 6, &r));
    EXPECT_EQ(Text(r, 6), "-0.666667");
    ASSERT_TRUE(DecimalArith(ArithOp::kDiv, 1, 0, 8, 0, 10, 2, &r));  // 0.125 -> 0.13
    EXPECT_EQ(Text(r, 2), "0.13");
    EXPECT_FALSE(DecimalArith(ArithOp::kDiv, 1010, 2, 0, 2, 11, 7, &r));  // by zero
}

TEST(DecimalMathTest, ModuloFollowsTheDividendSign) {
    __int128 r;
    ASSERT_TRUE(DecimalArith(ArithOp::kMod, 101, 1, -20, 1, 3, 1, &r));  // 10.1 % -2.0
    EXPECT_EQ(Text(r, 1), "0.1");
    ASSERT_TRUE(DecimalArith(ArithOp::kMod, -101, 1, 20, 1, 3, 1, &r));
    EXPECT_EQ(Text(r, 1), "-0.1");
    EXPECT_FALSE(DecimalArith(ArithOp::kMod, 101, 1, 0, 1, 3, 1, &r));
}

TEST(DecimalMathTest, OverflowIsReported) {
    __int128 r;
    EXPECT_FALSE(DecimalArith(ArithOp::kAdd, 9999, 2, 1, 2, 4, 2, &r));  // 99.99 + 0.01 in (4,2)
    __int128 max38 = Pow10(38) - 1;
    EXPECT_FALSE(DecimalArith(ArithOp::kMul, max38, 0, max38, 0, 38, 0, &r));
    EXPECT_FALSE(RescaleDecimal(10, 0, 1, 2, &r));  // 10 -> DECIMAL(2,1)
    ASSERT_TRUE(RescaleDecimal(99, 2, 1, 2, &r));   // 0.99 -> 1.0
    EXPECT_EQ(r, 10);
    ASSERT_TRUE(RescaleDecimal(-95, 2, 1, 2, &r));  // -0.95 -> -1.0 (half away from zero)
    EXPECT_EQ(r, -10);
}

TEST(DecimalMathTest, CompareAcrossScales) {
    EXPECT_EQ(CompareDecimals(1001, 2, 10012, 3), -1);
    EXPECT_EQ(CompareDecimals(1010, 2, 101, 1), 0);
    EXPECT_EQ(CompareDecimals(-1, 0, -5, 1), -1);
}

}  // namespace
}  // namespace runnel::expression
