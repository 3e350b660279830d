// The DELIMITED format: one line of character-separated fields in column order, as ksqlDB
// reads and writes it with Apache Commons CSV (CSVFormat.DEFAULT with the chosen delimiter).
//
// Delimiter: FormatSpec property "delimiter" (key matched case-insensitively): one character,
// or TAB / SPACE; default ','.
// Reading: a field starting with '"' is quoted ('""' inside is a quote; whitespace may follow
// the closing quote); otherwise it runs to the next delimiter or line end. Only the first line
// counts (leading empty lines are skipped); an empty record is one empty field. An empty field
// is null for every type, STRING included. The field count must equal the column count
// ("Unexpected field count, csvFields:3 schemaFields:2"). Values parse as in text_coercion.h.
// Writing: null is an empty field; DOUBLE as Java's Double.toString, DECIMAL in plain notation
// with the column's scale, BYTES as base64, DATE/TIME/TIMESTAMP as integers. A field is quoted
// (quotes doubled) as Commons CSV's minimal quote mode does: when it contains the delimiter, a
// quote, CR or LF; starts with a character <= '#'; ends with a character <= ' '; or is an
// empty string in the first position. No line terminator is written.
// ARRAY, MAP and STRUCT columns are rejected. Deserializers and serializers are not
// thread-safe (one per task); the functions here are.
#pragma once

#include <memory>

#include "engine/serde/serde.h"

namespace runnel::serde {

Status ValidateDelimitedFormat(const FormatSpec& format, const SideLayout& layout, bool is_key);

// The delimiter character from the format's properties.
Result<char> DelimitedDelimiter(const FormatSpec& format, bool is_key);

// Call ValidateDelimitedFormat first.
std::unique_ptr<Deserializer> MakeDelimitedDeserializer(const SideLayout& layout, char delimiter);
// is_key: a key whose columns are all null serializes as a null key.
std::unique_ptr<Serializer> MakeDelimitedSerializer(const SideLayout& layout, char delimiter, bool is_key = false);

}  // namespace runnel::serde
