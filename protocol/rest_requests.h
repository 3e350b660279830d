// Request bodies of the REST API as ksqlDB clients send them: KsqlRequest (POST /ksql and
// POST /query) and QueryStreamRequest (POST /query-stream), with their JSON parsing and writing.
// Plain value types; thread-safe to copy between threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace runnel::protocol {

using PropertyMap = std::map<std::string, std::string>;

// {"ksql": "...", "streamsProperties": {...}, "sessionVariables": {...},
//  "commandSequenceNumber": n}. "sql" is accepted for "ksql" and "properties" for
// "streamsProperties", as ksqlDB's examples use both spellings.
struct KsqlRequest {
    std::string ksql;
    PropertyMap streams_properties;
    PropertyMap session_variables;
    std::optional<int64_t> command_sequence_number;
};

// {"sql": "...", "properties": {...}, "sessionVariables": {...}}.
struct QueryStreamRequest {
    std::string sql;
    PropertyMap properties;
    PropertyMap session_variables;
};

// Parses a request body. On failure returns nullopt and sets *error to a message for the client.
// Property values that are not strings (numbers, booleans) are kept as their JSON text.
std::optional<KsqlRequest> ParseKsqlRequest(std::string_view body, std::string* error);
std::optional<QueryStreamRequest> ParseQueryStreamRequest(std::string_view body,
                                                          std::string* error);

std::string ToJsonText(const KsqlRequest& request);
std::string ToJsonText(const QueryStreamRequest& request);

}  // namespace runnel::protocol
