// Helpers to write JSON text safely: compact dumps that never throw (invalid UTF-8 is replaced,
// not an exception) and quoting of a single string for splicing into hand-built JSON text.
// Stateless functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace runnel::protocol {

using OrderedJson = nlohmann::ordered_json;

// Compact JSON text, ksqlDB style (no spaces). Invalid UTF-8 becomes U+FFFD.
std::string DumpJson(const OrderedJson& value);
std::string DumpJson(const nlohmann::json& value);

// `"text"` with JSON escapes.
std::string JsonQuote(std::string_view text);

}  // namespace runnel::protocol
