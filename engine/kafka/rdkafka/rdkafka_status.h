// Maps librdkafka error codes to Status: unreachable brokers and timeouts -> Unavailable, unknown
// topics -> NotFound, existing topics -> AlreadyExists, bad requests -> InvalidArgument, the
// rest -> IoError. Thread-safe: pure functions.
#pragma once

#include <librdkafka/rdkafka.h>

#include <string_view>

#include "engine/common/status.h"

namespace runnel::kafka {

StatusCode StatusCodeOf(rd_kafka_resp_err_t err);

// "<what>: <detail or librdkafka's description> (<error name>)". detail may be empty.
Status StatusFromError(rd_kafka_resp_err_t err, std::string_view what,
                       std::string_view detail = {});

// Takes ownership of `error` (may be null: Ok) and destroys it.
Status StatusFromError(rd_kafka_error_t* error, std::string_view what);

}  // namespace runnel::kafka
