// Validation of a statement's WITH (...) properties: known names, types of values, formats and
// their defaults (ksql.persistence.default.format.*). Stateless; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "engine/common/status.h"
#include "engine/parser/ast.h"
#include "engine/serde/serde.h"

namespace runnel::analyzer {

struct WithProperties {
    std::optional<std::string> kafka_topic;
    std::optional<std::string> key_format;
    std::optional<std::string> value_format;
    std::optional<int32_t> partitions;
    std::optional<int32_t> replicas;
    std::optional<std::string> timestamp;
    std::optional<std::string> timestamp_format;
    std::optional<std::string> value_delimiter;
    std::optional<std::string> key_delimiter;
    std::optional<bool> wrap_single_value;
    // KEY_/VALUE_PROTOBUF_NULLABLE_REPRESENTATION, upper-case: OPTIONAL or WRAPPER.
    std::optional<std::string> key_protobuf_nullable;
    std::optional<std::string> value_protobuf_nullable;
    // Windowed sources: WINDOW_TYPE (upper-case TUMBLING, HOPPING or SESSION) and WINDOW_SIZE.
    std::optional<std::string> window_type;
    std::optional<int64_t> window_size_ms;
};

// "30 seconds", "1 MINUTE", "500 ms" -> milliseconds; Invalid otherwise.
Result<int64_t> ParseDurationText(const std::string& text);

// `allowed` lists the property names valid for the statement kind.
Result<WithProperties> ParseWithProperties(const parser::Properties& props);

// Builds the format specs for a side; `fallback` is the inherited or default format name.
Result<serde::FormatSpec> MakeFormat(const std::optional<std::string>& name,
                                     const std::optional<std::string>& delimiter,
                                     const std::string& fallback);

// Sets a side's protobuf nullable representation (KEY_/VALUE_PROTOBUF_NULLABLE_REPRESENTATION)
// on its format; only the protobuf formats take one. Nothing to do when not given.
Status ApplyProtobufNullable(const std::optional<std::string>& representation, bool is_key,
                             serde::FormatSpec& format);

// ksql.persistence.wrap.single.values (default true): whether a single value column is written
// and read as a JSON object when WITH (WRAP_SINGLE_VALUE=...) does not say.
bool DefaultWrapSingleValue(const std::map<std::string, std::string>& config);

// Reads a config value from request properties first, then server properties.
std::optional<std::string> ConfigValue(const std::map<std::string, std::string>& config,
                                       const std::string& key);

}  // namespace runnel::analyzer
