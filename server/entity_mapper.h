// Maps engine results (api::StatementResult, api::ExecuteError, ServerInfo, HealthInfo) to the
// REST entities of protocol/ and their JSON. Stateless functions; thread-safe.
#pragma once

#include <optional>

#include "engine/api/engine.h"
#include "protocol/json_text.h"

namespace runnel::server {

// The /ksql entity for one statement, or nullopt for kNoEntity (SET, DEFINE, INSERT VALUES).
std::optional<protocol::OrderedJson> StatementResultToJson(const api::StatementResult& result);

// The JSON array of entities for the statements that succeeded.
protocol::OrderedJson ResultsToJson(const std::vector<api::StatementResult>& results);

// {"@type":"statement_error",...} with the entities of the statements run before the failure.
protocol::OrderedJson ExecuteErrorToJson(const api::ExecuteError& error,
                                         protocol::OrderedJson entities);

// The HTTP status and ksqlDB error code for a failed StartPushQuery.
api::ExecuteError StatusToExecuteError(const Status& status, std::string_view statement_text);

protocol::OrderedJson ServerInfoToJson(const api::ServerInfo& info);
protocol::OrderedJson HealthToJson(const api::HealthInfo& health);

}  // namespace runnel::server
