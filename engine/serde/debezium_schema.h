// The Connect schema of a Debezium change event ({"schema": ..., "payload": ...}, written by
// JsonConverter with schemas.enable=true), reduced to what decoding needs: for each row column,
// how Debezium encoded its value (the logical type name, and a DECIMAL's scale). Parsed once per
// distinct schema text (the deserializer caches it), so the DOM parser here is off the hot path.
// Not thread-safe: one instance per deserializer.
#pragma once

#include <simdjson.h>

#include <string_view>
#include <vector>

#include "engine/common/status.h"
#include "engine/serde/field_matcher.h"

namespace runnel::serde {

enum class DebeziumEncoding : uint8_t {
    kUnknown,  // no schema: decided by the column's type and the JSON value (see debezium_format.h)
    kPlain,    // the schema names no logical type: the JSON format's rules
    kDecimalBytes,          // org.apache.kafka.connect.data.Decimal: base64 two's complement
    kVariableScaleDecimal,  // io.debezium.data.VariableScaleDecimal: {"scale": s, "value": b64}
    kEpochDays,             // io.debezium.time.Date, org.apache.kafka.connect.data.Date
    kMillis,                // io.debezium.time.Timestamp/Time, Connect Timestamp/Time
    kMicros,                // io.debezium.time.MicroTimestamp/MicroTime
    kNanos,                 // io.debezium.time.NanoTimestamp/NanoTime
    kIsoText,               // io.debezium.time.ZonedTimestamp/ZonedTime: ISO-8601 with offset
};

struct ColumnEncoding {
    DebeziumEncoding encoding = DebeziumEncoding::kUnknown;
    int scale = -1;  // kDecimalBytes: the schema's parameters.scale; -1 when not given
};

// The encoding a Connect logical type name stands for (kPlain for other names and "").
DebeziumEncoding EncodingOfLogicalType(std::string_view name);

class DebeziumSchemaReader {
public:
    // Fills out[i] for each name of `columns` from the envelope schema text: the fields of the
    // row struct (the envelope's `after` field, else `before`), matched to the column names
    // exactly, else ignoring case. Columns the schema does not describe, and every column when
    // the schema has no row struct, are kUnknown. Errors only for malformed JSON.
    Status Read(std::string_view schema_json, FieldMatcher& columns,
                std::vector<ColumnEncoding>& out);

private:
    simdjson::dom::parser parser_;
};

}  // namespace runnel::serde
