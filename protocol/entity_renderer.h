// Renders POST /ksql results for the CLI the way ksqlDB's CLI prints them: command status as a
// "Message" table, SHOW STREAMS / TABLES / QUERIES / TOPICS / PROPERTIES / FUNCTIONS as listing
// tables, DESCRIBE as "Name : S" plus a Field | Type table, errors as their message.
// Stateless functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace runnel::protocol {

// One entity of the /ksql response array. Unknown entity types print as indented JSON.
// `width` > 0 caps separator lines at the terminal width.
std::string RenderEntity(const nlohmann::json& entity, size_t width = 0);

// The message of an error body (statement_error / generic_error), or the body itself.
std::string ErrorMessageOf(const nlohmann::json& body);

// A whole /ksql response: `http_status` and the raw body. Sets *failed for error responses.
std::string RenderKsqlResponse(int http_status, const std::string& body, bool* failed,
                               size_t width = 0);

}  // namespace runnel::protocol
