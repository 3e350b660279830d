// Reads a primitive SQL value from text, as ksqlDB coerces a JSON string into a non-string
// column and as DELIMITED reads its fields: INT/BIGINT via Java's parseInt/parseLong, DOUBLE via
// Double.parseDouble, DECIMAL exactly at the column's precision/scale, BOOLEAN "true"/"false"
// (any case), BYTES from base64, DATE/TIME/TIMESTAMP as integers (days / millis of day /
// millis since epoch), STRING as is. Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "engine/common/sql_type.h"
#include "engine/common/status.h"
#include "engine/common/value.h"

namespace runnel::serde {

// Sets `out` from `text`. Errors are Status::Invalid, e.g.
// "Can't coerce string to type. targetType: INTEGER". ARRAY/MAP/STRUCT are not text types.
Status ParseTextAs(std::string_view text, const SqlType& type, Value& out);

}  // namespace runnel::serde
