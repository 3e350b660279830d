// Values as the text ksqlDB's CAST(x AS STRING) gives: numbers as Java prints them, DECIMAL in
// plain notation with its scale, DATE/TIME/TIMESTAMP in ISO form (temporal_text.h), and complex
// values as Java's toString: ARRAY "[1, 2]", MAP "{k=v, k2=v2}", STRUCT "Struct{A=1,B=x}" (null
// fields left out). Pure functions; thread-safe.
#pragma once

#include <string>

#include "engine/common/sql_type.h"
#include "engine/common/value.h"

namespace runnel::expression {

// Appends the text of a non-null value of `type`.
void AppendValueText(const Value& v, const SqlType& type, std::string& out);

}  // namespace runnel::expression
