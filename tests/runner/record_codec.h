// Record bytes for the test runner, independent of the engine's serde: how a topic's keys and
// values are laid out (from the catalog source that uses the topic), encoding the records a test
// produces, and decoding the records the engine wrote into JSON values for comparison.
// Encodings: JSON text verbatim; DELIMITED raw text; KAFKA big-endian INT (4 bytes), BIGINT
// (8), DOUBLE (8, IEEE 754), STRING (UTF-8), BYTES (raw); NONE null; PROTOBUF_NOSR through the
// engine's serde (protobuf_record.h); windowed keys carry Kafka Streams' suffix (time: 8-byte
// start; session: 8-byte end then 8-byte start).
// Pure functions; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/catalog/catalog.h"
#include "engine/common/schema.h"
#include "engine/common/status.h"
#include "tests/runner/json_value.h"
#include "tests/runner/sql_scan.h"
#include "tests/runner/test_case.h"

namespace runnel::runner {

// One side (key or value) of a topic's records.
struct RecordSide {
    std::string format;  // upper-case; empty when no source uses the topic
    std::vector<Column> columns;
    // JSON: an object of the columns, else the bare value of the only one; PROTOBUF_NOSR: a
    // message of the columns, else the only one unwrapped.
    bool wrapped = false;
    std::map<std::string, std::string> properties;  // the format's properties
};

struct TopicLayout {
    std::string source;  // the catalog source it came from; empty when none
    RecordSide key;
    RecordSide value;
    std::optional<WindowInfo> window;  // the source's key is windowed
};

// kInput prefers a source declared with columns; kOutput prefers a query's sink.
enum class LayoutRole { kInput, kOutput };
TopicLayout LayoutForTopic(const catalog::Catalog* catalog, const std::string& topic,
                           LayoutRole role);

// Bytes of an input key or value; nullopt for null.
Result<std::optional<std::string>> EncodeField(const FieldSpec& spec, const RecordSide& side,
                                               bool is_key);

// Appends the window suffix Kafka Streams writes after a windowed key.
std::string AppendWindow(const std::string& key, const WindowSpec& window);

// An actual key split into the inner key and its window, given how the source is windowed
// (a time window's end is start + size when the size is known, else left 0).
struct SplitKey {
    std::optional<std::string> key;
    std::optional<WindowSpec> window;
    std::string error;
};
SplitKey SplitWindowedKey(const std::optional<std::string>& bytes, const WindowInfo& window);

// The JSON value an actual key or value stands for (null bytes -> JSON null).
Result<JsonValue> DecodeField(const std::optional<std::string>& bytes, const RecordSide& side);

// The JSON value an expected key or value stands for, in the side's format.
Result<JsonValue> ExpectedField(const FieldSpec& spec, const RecordSide& side, bool is_key);

// The type to compare a side with: the columns as a STRUCT when wrapped, the only column's type
// when bare; nullopt when unknown or for DELIMITED (compared as text).
std::optional<SqlType> SideType(const RecordSide& side);

}  // namespace runnel::runner
