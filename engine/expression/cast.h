// CAST and implicit conversion between SQL types, with ksqlDB's rules (Java semantics for
// numeric narrowing and number formatting). Thread-safe (pure functions).
#pragma once

#include "engine/common/sql_type.h"
#include "engine/common/value.h"

namespace runnel::expression {

// Converts a non-null value. Returns false when the value cannot be converted (e.g. 'abc' to INT);
// the caller then yields null.
bool CastValue(const Value& in, const SqlType& from, const SqlType& to, Value& out);

// Whether CAST(from AS to) is allowed at all (checked at plan time).
bool CanCast(const SqlType& from, const SqlType& to);

}  // namespace runnel::expression
