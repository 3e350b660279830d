// ksqlDB's error bodies: {"@type":"generic_error","error_code":...,"message":...} and
// {"@type":"statement_error",...,"statementText":...,"entities":[...]}, with ksqlDB's error codes.
// Stateless functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "protocol/json_text.h"

namespace runnel::protocol {

inline constexpr int kErrorBadRequest = 40000;
inline constexpr int kErrorBadStatement = 40001;
inline constexpr int kErrorQueryEndpoint = 40002;
inline constexpr int kErrorNotFound = 40400;
inline constexpr int kErrorMethodNotAllowed = 40500;
inline constexpr int kErrorPayloadTooLarge = 41300;
inline constexpr int kErrorServer = 50000;
inline constexpr int kErrorServiceUnavailable = 50300;

OrderedJson GenericError(int error_code, std::string_view message);

// `entities` are the results of the statements that ran before the failing one.
OrderedJson StatementError(int error_code, std::string_view message,
                           std::string_view statement_text,
                           OrderedJson entities = OrderedJson::array());

}  // namespace runnel::protocol
