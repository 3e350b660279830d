// Java's Double.toString() into a caller buffer; AppendJavaDouble (serde.h) wraps it. See
// java_double.cpp for the exact rules. Pure function; thread-safe.
#pragma once

#include <cstddef>

namespace runnel::serde {

// The longest text FormatJavaDouble writes ("-2.2250738585072014E-308" is 24 chars).
inline constexpr size_t kMaxJavaDoubleChars = 32;

// Writes the text of `d` at `out` (at least kMaxJavaDoubleChars bytes); returns its length.
size_t FormatJavaDouble(double d, char* out);

}  // namespace runnel::serde
