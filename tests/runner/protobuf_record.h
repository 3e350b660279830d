// PROTOBUF_NOSR record bytes for the test runner. Unlike the text formats, protobuf bytes are
// not written by hand here: a record given as JSON is read into SQL values with the side's
// column types (the JSON format's coercions, field names matched ignoring case) and serialized
// by the engine's PROTOBUF_NOSR serde with the schema derived from those columns; actual bytes
// are deserialized the same way and printed as JSON for comparison. The wire format itself is
// pinned by tests/unit/serde/protobuf_*_test.cpp against hand-computed bytes.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "engine/common/status.h"
#include "tests/runner/json_value.h"
#include "tests/runner/record_codec.h"

namespace runnel::runner {

// The bytes of a key or value given as JSON; nullopt when it encodes to a null record.
Result<std::optional<std::string>> EncodeProtobufRecord(const JsonValue& value,
                                                        const RecordSide& side);

// The JSON an actual key or value stands for: an object of the columns when the side is
// wrapped, else the only column's value.
Result<JsonValue> DecodeProtobufRecord(const std::string& bytes, const RecordSide& side);

}  // namespace runnel::runner
