// librdkafka error code -> Status mapping.

#include "engine/kafka/rdkafka/rdkafka_status.h"

#include "fmt/format.h"

namespace runnel::kafka {

StatusCode StatusCodeOf(rd_kafka_resp_err_t err) {
    switch (err) {
        case RD_KAFKA_RESP_ERR_NO_ERROR:
            return StatusCode::kOk;
        case RD_KAFKA_RESP_ERR__TRANSPORT:
        case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
        case RD_KAFKA_RESP_ERR__TIMED_OUT:
        case RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE:
        case RD_KAFKA_RESP_ERR__MSG_TIMED_OUT:
        case RD_KAFKA_RESP_ERR__RESOLVE:
        case RD_KAFKA_RESP_ERR__WAIT_COORD:
        case RD_KAFKA_RESP_ERR__QUEUE_FULL:
        case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
        case RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION:
        case RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE:
        case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
        case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
        case RD_KAFKA_RESP_ERR_NOT_COORDINATOR:
        case RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE:
        case RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS:
        case RD_KAFKA_RESP_ERR_NOT_CONTROLLER:
        case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS:
        case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND:
            return StatusCode::kUnavailable;
        case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
        case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
        case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
        case RD_KAFKA_RESP_ERR__UNKNOWN_GROUP:
            return StatusCode::kNotFound;
        case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS:
            return StatusCode::kAlreadyExists;
        case RD_KAFKA_RESP_ERR__INVALID_ARG:
        case RD_KAFKA_RESP_ERR__INVALID_TYPE:
        case RD_KAFKA_RESP_ERR_INVALID_PARTITIONS:
        case RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR:
        case RD_KAFKA_RESP_ERR_INVALID_REPLICA_ASSIGNMENT:
        case RD_KAFKA_RESP_ERR_INVALID_CONFIG:
        case RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION:
        case RD_KAFKA_RESP_ERR_INVALID_REQUEST:
        case RD_KAFKA_RESP_ERR_POLICY_VIOLATION:
        case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
        case RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE:
            return StatusCode::kInvalidArgument;
        case RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED:
        case RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE:
        case RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION:
            return StatusCode::kNotImplemented;
        default:
            return StatusCode::kIoError;
    }
}

Status StatusFromError(rd_kafka_resp_err_t err, std::string_view what, std::string_view detail) {
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return Status::Ok();
    const std::string_view text = detail.empty() ? std::string_view(rd_kafka_err2str(err)) : detail;
    return Status(StatusCodeOf(err),
                  fmt::format("{}: {} ({})", what, text, rd_kafka_err2name(err)));
}

Status StatusFromError(rd_kafka_error_t* error, std::string_view what) {
    if (error == nullptr) return Status::Ok();
    Status s = StatusFromError(rd_kafka_error_code(error), what, rd_kafka_error_string(error));
    rd_kafka_error_destroy(error);
    return s;
}

}  // namespace runnel::kafka
