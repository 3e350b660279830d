// The JSON format (KEY_FORMAT / VALUE_FORMAT 'JSON'), ksqlDB-compatible.
//
// Shape: a side is a JSON object of its columns when it has several columns, or one value
// column with wrap_single_value (the default); otherwise (one key column, or one value column
// with wrap_single_value=false) the record is the bare JSON value of that column.
// Keys are also read as Debezium and Kafka Connect write them: a single key column that is not
// a STRUCT or MAP reads an object key ({"id": 1}) from the field named like the column (exact,
// else ignoring case) or else from the only field of a one-field object (except a STRING column,
// which keeps ksqlDB's rule of reading other objects as their JSON text); and a key that is
// exactly {"schema": ..., "payload": ...} (JsonConverter with schemas.enable) is read from its
// payload, unless a key column (or the single STRUCT key's field) is itself named schema or
// payload. Writing a single-column key stays the bare value.
//
// Reading (simdjson on-demand; no DOM, no per-record allocation besides the row's own strings
// and nested lists): object keys match column / STRUCT field names exactly first, else ASCII
// case-insensitively; missing fields are null, extra fields ignored. Coercions, as ksqlDB's JSON
// deserializer: INT/BIGINT take integers, numbers with a fraction (truncated toward zero, as
// Jackson's intValue()/longValue()) and integer strings ("123"); out-of-range values are errors
// (ksqlDB silently wraps; we refuse). DOUBLE takes any number and Java-parsable strings
// ("NaN", "1e3"). DECIMAL takes numbers and numeric strings, parsed exactly, which must fit the
// column without rounding. STRING takes strings, and writes numbers (their JSON text), booleans
// and objects/arrays (compact JSON text, Jackson-style escaping) as text. BOOLEAN takes
// true/false and the strings "true"/"false" (any case). BYTES takes base64 strings.
// DATE/TIME/TIMESTAMP take integers (days / millis of day / epoch millis) and integer strings.
// ARRAY/MAP/STRUCT take arrays/objects, recursively.
//
// Writing: a hand-written writer into the reused output string; see AppendJsonValue.
// Deserializers and serializers are not thread-safe (one per task); the functions here are.
#pragma once

#include <memory>
#include <string_view>

#include "engine/serde/serde.h"

namespace runnel::serde {

Status ValidateJsonFormat(const FormatSpec& format, const SideLayout& layout, bool is_key);

// Whether the side is written as a JSON object rather than as its only column's bare value.
bool JsonSideIsWrapped(const FormatSpec& format, const SideLayout& layout, bool is_key);

// Call ValidateJsonFormat first.
std::unique_ptr<Deserializer> MakeJsonDeserializer(const FormatSpec& format,
                                                   const SideLayout& layout, bool is_key);
std::unique_ptr<Serializer> MakeJsonSerializer(const FormatSpec& format, const SideLayout& layout,
                                               bool is_key);

// Reads one JSON document as a value of `type`, with the coercions above. For non-hot paths
// (tests, REST input): allocates a parser per call.
Result<Value> ParseJsonValue(std::string_view json, const SqlType& type);

}  // namespace runnel::serde
