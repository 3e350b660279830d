// DECIMAL arithmetic with ksqlDB's result types: exact 128-bit unscaled values, HALF_UP
// rounding where a result has fewer fraction digits than the exact value (division, casts),
// and overflow reported to the caller (who yields null). Pure functions; thread-safe.
#pragma once

#include <cstdint>

#include "engine/common/sql_type.h"
#include "engine/expression/typed_expr.h"

namespace runnel::expression {

inline constexpr int kMaxDecimalDigits = 38;

// 10^n for 0 <= n <= 38.
__int128 Pow10(int n);

// The DECIMAL type ksqlDB gives `a op b` (precision capped at 38):
//   + - : scale max(s1, s2), precision max(p1 - s1, p2 - s2) + scale + 1
//   *   : scale s1 + s2, precision p1 + p2 + 1
//   /   : scale max(6, s1 + p2 + 1), precision p1 - s1 + s2 + scale
//   %   : scale max(s1, s2), precision min(p1 - s1, p2 - s2) + scale
SqlType DecimalResultType(ArithOp op, const SqlType& a, const SqlType& b);

// The DECIMAL an integral type widens to: INT -> DECIMAL(10, 0), BIGINT -> DECIMAL(19, 0).
SqlType DecimalForIntegral(TypeKind kind);

// a (scale sa) op b (scale sb) into a value of DECIMAL(precision, scale). False on overflow of
// the precision or division by zero.
[[nodiscard]] bool DecimalArith(ArithOp op, __int128 a, int sa, __int128 b, int sb, int precision,
                                int scale, __int128* out);

// Rescales `v` from scale `from` to `to`, rounding HALF_UP; false when the result does not fit
// `precision` digits.
[[nodiscard]] bool RescaleDecimal(__int128 v, int from, int to, int precision, __int128* out);

// Whether |v| < 10^precision.
bool FitsPrecision(__int128 v, int precision);

// Three-way comparison of two decimals of possibly different scales.
int CompareDecimals(__int128 a, int sa, __int128 b, int sb);

}  // namespace runnel::expression
