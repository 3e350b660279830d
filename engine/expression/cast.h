// CAST and implicit conversion between SQL types, with ksqlDB's rules (Java semantics for
// numeric narrowing and number formatting, HALF_UP rounding into DECIMAL, ISO text for
// DATE/TIME/TIMESTAMP, element-wise casts of ARRAY/MAP and by-name casts of STRUCT).
// Runnel's extension: a STRING holding a JSON document casts to ARRAY, MAP or STRUCT by parsing
// it (serde's JSON coercions); a malformed document gives null. Thread-safe (pure functions).
#pragma once

#include "engine/common/sql_type.h"
#include "engine/common/value.h"

namespace runnel::expression {

// Converts a non-null value. Returns false when the value cannot be converted (e.g. 'abc' to INT,
// an overflowing DECIMAL); the caller then yields null.
bool CastValue(const Value& in, const SqlType& from, const SqlType& to, Value& out);

// Whether CAST(from AS to) is allowed at all (checked at plan time).
bool CanCast(const SqlType& from, const SqlType& to);

}  // namespace runnel::expression
