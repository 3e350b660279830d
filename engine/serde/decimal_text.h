// DECIMAL values as text: exact parsing of decimal literals ("12.30", "-1.5E3") into an unscaled
// 128-bit integer at a column's precision and scale, and plain printing with exactly the
// column's scale. Never goes through double. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/common/status.h"

namespace runnel::serde {

// The largest precision a DECIMAL can have (ksqlDB's limit; 10^38 fits in __int128).
inline constexpr int kMaxDecimalPrecision = 38;

enum class DecimalRounding : uint8_t {
    // ksqlDB's deserializers: digits beyond the scale must be zeros, else an error
    // ("Cannot fit decimal '1.234' into DECIMAL(4, 2) without rounding. (Requires 4,3)").
    kExact,
    // Round half away from zero (Java's RoundingMode.HALF_UP), e.g. for CAST.
    kHalfUp,
};

// Parses a Java BigDecimal literal: optional sign, digits with an optional point (at least one
// digit), optional exponent (e/E, optional sign, digits). No whitespace. Returns the unscaled
// value at `scale`. Errors (Status::Invalid): malformed text; a value whose absolute value is
// not below 10^(precision - scale) ("Numeric field overflow: ..."); digits lost at kExact.
Result<__int128> ParseDecimalText(std::string_view text, int precision, int scale,
                                  DecimalRounding rounding = DecimalRounding::kExact);

// Appends `unscaled` / 10^scale in plain notation with exactly `scale` fraction digits:
// (1230, 2) -> "12.30", (-5, 3) -> "-0.005", (42, 0) -> "42".
void AppendDecimalText(__int128 unscaled, int scale, std::string& out);

// Convenience for non-hot paths and tests.
std::string DecimalToString(__int128 unscaled, int scale);

}  // namespace runnel::serde
