// Formats: turn the key or value bytes of a record into row slots, and row slots into bytes.
// A (de)serializer is built once per query task for one side (key or value) of a schema and
// reused for every record: no per-record allocation beyond what the row's strings need.
// Not thread-safe: one instance per task.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/row.h"
#include "engine/common/schema.h"
#include "engine/common/status.h"

namespace runnel::serde {

// A format name with its properties, e.g. {"DELIMITED", {{"delimiter", "|"}}}.
struct FormatSpec {
    std::string name;  // upper-case: JSON, DELIMITED, KAFKA, NONE, DEBEZIUM_JSON, ...
    std::map<std::string, std::string> properties;
    // Value side with exactly one column: false writes/reads the bare value, not an object.
    bool wrap_single_value = true;
};

// The columns one side of a record carries: indices into the row (and schema).
struct SideLayout {
    const LogicalSchema* schema = nullptr;
    std::vector<size_t> columns;
};

class Deserializer {
public:
    virtual ~Deserializer() = default;
    // Decodes `size` bytes into row.values at the layout's column indices (the row is already
    // sized to the schema). A null record (data == nullptr) sets every column null.
    // An error means the record is malformed: the caller sends it to the processing log.
    virtual Status Deserialize(const char* data, size_t size, Row& row) = 0;
};

class Serializer {
public:
    virtual ~Serializer() = default;
    // Encodes the layout's columns of `row` into `out` (cleared first). Sets *is_null when the
    // side encodes to a null record (e.g. NONE, or all-null key for a keyless stream).
    virtual Status Serialize(const Row& row, std::string& out, bool* is_null) = 0;
};

// The canonical upper-case name of a format name given in a WITH clause, resolving aliases
// ("json" -> "JSON", "Debezium" -> "DEBEZIUM_JSON"); Invalid ("Unknown format: X") for names
// that are no format. Formats Runnel knows but cannot run yet (AVRO, ...) are returned too:
// ValidateFormat reports them as NotImplemented.
Result<std::string> CanonicalFormatName(std::string_view name);

// The format a sink writes when it inherits `format` from its source: the same, except
// DEBEZIUM_JSON (and its alias), which Runnel reads but does not write: its sinks write JSON;
// and without a protobuf nullable representation, which ksqlDB does not inherit either.
// Use it when a query's sink takes its source's format, so the catalog describes the sink topic
// as what it holds (a query over that sink then reads JSON rows, not Debezium envelopes).
FormatSpec InheritedSinkFormat(const FormatSpec& format);

// Checks that a format can carry these columns (e.g. KAFKA carries one primitive column).
Status ValidateFormat(const FormatSpec& format, const SideLayout& layout, bool is_key);

Result<std::unique_ptr<Deserializer>> MakeDeserializer(const FormatSpec& format,
                                                       const SideLayout& layout, bool is_key);
Result<std::unique_ptr<Serializer>> MakeSerializer(const FormatSpec& format,
                                                   const SideLayout& layout, bool is_key);

// Java's Double.toString() formatting (as Jackson writes doubles): "1.0", "0.001", "1.0E7",
// "1.234E-5", "NaN", "Infinity". Appends to out.
void AppendJavaDouble(double d, std::string& out);

// Writes one value as JSON for the given SQL type (used by push query results too).
void AppendJsonValue(const Value& v, const SqlType& type, std::string& out);

}  // namespace runnel::serde
