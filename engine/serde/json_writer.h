// The hand-written JSON writer shared by the JSON serializer, push-query rendering and the
// KAFKA/DELIMITED paths: appends to a caller-owned (reused) string, no DOM. Strings are escaped
// as Jackson does ('"', '\\', \b \t \n \f \r, other control characters as \u00XX, non-ASCII
// UTF-8 bytes passed through); doubles as Java's Double.toString (NaN and the infinities as
// JSON strings, as Jackson writes them); DECIMAL as a plain number with the column's scale;
// BYTES as base64 strings; DATE/TIME/TIMESTAMP as integers; STRUCT as an object with its field
// names; MAP as an object (a non-STRING key is written as its text).
// AppendJsonValue itself is declared in serde.h. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "engine/common/sql_type.h"
#include "engine/common/value.h"
#include "engine/serde/buffer_writer.h"

namespace runnel::serde {

// Appends `s` as a quoted, escaped JSON string.
void AppendJsonString(std::string_view s, std::string& out);

// The same through a BufferWriter (for writers that emit several values per record).
void WriteJsonString(std::string_view s, BufferWriter& w);
void WriteJsonValue(const Value& v, const SqlType& type, BufferWriter& w);

}  // namespace runnel::serde
