// The DEBEZIUM_JSON value format (alias DEBEZIUM): reads the change events a Debezium source
// connector writes through Kafka Connect's JsonConverter, with or without the
// {"schema": ..., "payload": ...} wrapper (schemas.enable).
//
// Rows: op 'c' (create), 'r' (snapshot read) and 'u' (update) give the `after` image as the row
// (Row::change = kInsert); 'd' gives the `before` image with Row::change = kDelete (a table
// turns it into a tombstone for the key, a stream into a row). A Kafka tombstone (null value),
// an empty value and a wrapper whose payload is null give kDelete with every value column null.
// Errors (for the processing log): a value that is not an object, a missing or unknown op,
// 't' (truncate) and 'm' (message) events, 'c'/'r'/'u' without `after`, 'd' without `before`.
//
// Columns match the image's fields as the JSON format matches an object's keys (exact, else
// ignoring ASCII case; missing fields are null) with the JSON coercions, plus Debezium's
// encodings for DECIMAL, DATE, TIME and TIMESTAMP columns:
//   with the wrapper, by the field's Connect logical type:
//     org.apache.kafka.connect.data.Decimal (decimal.handling.mode=precise): base64 big-endian
//       two's-complement unscaled bytes at the schema's parameters.scale, rescaled exactly to
//       the column's scale; io.debezium.data.VariableScaleDecimal {"scale","value"} likewise;
//     io.debezium.time.Date / Connect Date: epoch days;
//     io.debezium.time.Timestamp, Time / Connect Timestamp, Time: millis;
//     io.debezium.time.MicroTimestamp, MicroTime: micros; NanoTimestamp, NanoTime: nanos
//       (both truncated toward negative infinity to millis);
//     io.debezium.time.ZonedTimestamp, ZonedTime: ISO-8601 text with an offset, to UTC;
//   without the wrapper, by the column's type and the JSON value:
//     DECIMAL: a number (mode double) rounded half up to the scale; a string is decimal text
//       (mode string) when it has a '.' or a leading '-', else padded base64 is read as
//       precise-mode bytes at the column's scale (so "1234" is bytes, "12.34" text); an object
//       is a VariableScaleDecimal;
//     DATE: a number is epoch days; TIME: a number is micros (Debezium's default MicroTime);
//     TIMESTAMP: a number is millis when |n| < 1e14 (until year 5138), micros when < 1e17,
//       else nanos;
//     strings: an integer string means what the number would; otherwise ISO-8601
//       (yyyy-MM-dd, HH:mm[:ss[.f]], yyyy-MM-ddTHH:mm[:ss[.f]] with an optional offset; UTC
//       without one).
// A DATE, TIME or TIMESTAMP column converts between the units (a Date into a TIMESTAMP column is
// midnight UTC; a Timestamp into a DATE column is its UTC day). Other types use the JSON rules.
//
// Metadata columns (the names Debezium's ExtractNewRecordState SMT gives them), filled when the
// value schema declares them, spelled `__op` (quoted) or __OP (unquoted):
//   __op STRING (c, r, u, d), __ts_ms BIGINT|TIMESTAMP (payload.ts_ms),
//   __source_ts_ms BIGINT|TIMESTAMP (source.ts_ms), __db, __table, __schema STRING (source.db,
//   source.table, source.schema), __lsn BIGINT (source.lsn), __deleted BOOLEAN (op is 'd').
// They are never read from the image.
//
// Keys: Debezium writes keys as plain JSON objects; the registry reads a DEBEZIUM_JSON key side
// (FORMAT='DEBEZIUM_JSON') as JSON. Writing: a sink inherits its source's format, and writing
// DEBEZIUM_JSON writes plain JSON rows (and tombstones for deletes): the registry hands out the
// JSON serializer. WRAP_SINGLE_VALUE does not apply to reading the envelope.
// Deserializers are not thread-safe (one per task); the functions here are.
#pragma once

#include <memory>
#include <string_view>

#include "engine/serde/serde.h"

namespace runnel::serde {

enum class DebeziumMetadata : uint8_t {
    kNone,
    kOp,
    kTsMs,
    kSourceTsMs,
    kDb,
    kTable,
    kSchema,
    kLsn,
    kDeleted,
};

// The metadata a column name stands for: "__op" or "__OP" -> kOp, ...; kNone for other names
// (including mixed case such as "__Op").
DebeziumMetadata DebeziumMetadataOf(std::string_view column_name);

// Value side only. Checks column types, including the metadata columns' types.
Status ValidateDebeziumFormat(const FormatSpec& format, const SideLayout& layout);

// Call ValidateDebeziumFormat first.
std::unique_ptr<Deserializer> MakeDebeziumDeserializer(const FormatSpec& format,
                                                       const SideLayout& layout);

}  // namespace runnel::serde
