// Deep comparison of an expected JSON value with an actual one, following the QTT rules: object
// fields by exact name, then upper-cased (the same number of fields; a field the actual object
// lacks reads as null, as in ksqlDB's comparator); arrays in order; integers exactly; DOUBLE within
// 1e-6 (or 1e-12 relative, for large magnitudes); DECIMAL exactly, including the scale when the
// expectation is written as a string ("12.30" is not 12.3; a JSON number is compared at the
// actual value's scale, as ksqlDB's own expectations require); strings and booleans exactly.
// The SQL type, when known, steers number comparison and struct/map field lookup.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/common/sql_type.h"
#include "tests/runner/json_value.h"

namespace runnel::runner {

// nullopt when they match; else where and how they differ ("at .A[1]: expected 2, got 3").
std::optional<std::string> MatchJson(const JsonValue& expected, const JsonValue& actual,
                                     const SqlType* type);

// Decimal lexemes ("12.30", "-1.5E3", "7") compared as numbers; with_scale also requires the
// same scale (Java's BigDecimal.equals). False when either is not a number.
bool DecimalTextEquals(std::string_view a, std::string_view b, bool with_scale);

// Doubles within the tolerance above (NaN equals NaN).
bool DoublesClose(double a, double b);

}  // namespace runnel::runner
