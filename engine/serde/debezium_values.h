// Reads one column of a Debezium row image with Debezium's encodings (see debezium_format.h):
// DECIMAL from base64 two's-complement bytes, VariableScaleDecimal objects, numbers and decimal
// text; DATE / TIME / TIMESTAMP from epoch days, millis, micros, nanos and ISO-8601 text. Other
// types, and values these rules do not claim, go through the JSON format's coercions.
// Holds scratch buffers: not thread-safe, one instance per deserializer.
#pragma once

#include <string>

#include "engine/serde/debezium_schema.h"
#include "engine/serde/json_decoder.h"

namespace runnel::serde {

// Whether a DECIMAL column's string, without a schema, is read as base64 bytes (Debezium's
// default decimal.handling.mode=precise) rather than as decimal text (mode string): it has no
// '.', no leading '-', and is padded base64 (length a multiple of 4, base64 alphabet).
bool LooksLikeBase64Decimal(std::string_view s);

class DebeziumValueReader {
public:
    // Reads `value` for a column of plan.type encoded as `encoding` into `out`; false with the
    // error in `decoder`.
    bool Read(od::value& value, ReadPlan& plan, const ColumnEncoding& encoding,
              JsonDecoder& decoder, Value& out);

private:
    bool ReadDecimal(od::value& value, od::json_type jt, const SqlType& type,
                     const ColumnEncoding& encoding, JsonDecoder& decoder, Value& out);
    bool DecimalFromBase64(std::string_view text, int source_scale, const SqlType& type,
                           JsonDecoder& decoder, Value& out);
    bool ReadVariableScale(od::value& value, const SqlType& type, JsonDecoder& decoder,
                           Value& out);
    bool ReadTemporal(od::value& value, od::json_type jt, const SqlType& type,
                      DebeziumEncoding encoding, JsonDecoder& decoder, Value& out);
    bool FromEpochNumber(int64_t v, const SqlType& type, DebeziumEncoding encoding,
                         JsonDecoder& decoder, Value& out);

    std::string bytes_;    // decoded base64
    std::string text_;     // decimal text while rescaling
    std::string encoded_;  // a VariableScaleDecimal's base64 value
};

}  // namespace runnel::serde
