// Text-to-number and text-to-boolean parsing with Java's rules (Integer.parseInt,
// Long.parseLong, Double.parseDouble, "true"/"false"), used where a format carries numbers as
// text: JSON strings in numeric columns, DELIMITED fields. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace runnel::serde {

// Optional '+' or '-', then one or more ASCII digits; no whitespace. False on overflow.
[[nodiscard]] bool ParseJavaLong(std::string_view text, int64_t* out);

// Like ParseJavaLong, and also checks the 32-bit range.
[[nodiscard]] bool ParseJavaInt(std::string_view text, int64_t* out);

// Java's Double.parseDouble without hexadecimal literals: surrounding whitespace (<= ' ') is
// ignored; optional sign; "NaN", "Infinity"; decimal digits with optional point and exponent;
// an optional trailing f/F/d/D. Out-of-range values become +-Infinity or +-0.0 as in Java.
[[nodiscard]] bool ParseJavaDouble(std::string_view text, double* out);

// "true" or "false", ASCII case-insensitive.
[[nodiscard]] bool ParseBooleanText(std::string_view text, bool* out);

// True when `text` is exactly one JSON number token (RFC 8259 grammar).
[[nodiscard]] bool IsJsonNumber(std::string_view text);

}  // namespace runnel::serde
