// Ordering and equality of non-null values of one SQL type, as ksqlDB compares them: numbers
// and temporal values numerically, STRING and BYTES by bytes, BOOLEAN false < true; ARRAY, MAP
// and STRUCT only for equality (Java equals: element-wise, MAP ignoring entry order, null
// elements equal to null). Pure functions; thread-safe.
#pragma once

#include "engine/common/sql_type.h"
#include "engine/common/value.h"

namespace runnel::expression {

// -1, 0 or 1 for ordered (primitive) types of kind `kind`; DECIMAL operands share one scale.
int CompareValues(const Value& x, const Value& y, TypeKind kind);

// Equality for any type (nulls inside collections compare equal to null).
bool ValuesEqual(const Value& x, const Value& y, const SqlType& type);

}  // namespace runnel::expression
