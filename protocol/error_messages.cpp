#include "protocol/error_messages.h"

namespace runnel::protocol {

OrderedJson GenericError(int error_code, std::string_view message) {
    OrderedJson out;
    out["@type"] = "generic_error";
    out["error_code"] = error_code;
    out["message"] = std::string(message);
    return out;
}

OrderedJson StatementError(int error_code, std::string_view message,
                           std::string_view statement_text, OrderedJson entities) {
    OrderedJson out;
    out["@type"] = "statement_error";
    out["error_code"] = error_code;
    out["message"] = std::string(message);
    out["statementText"] = std::string(statement_text);
    out["entities"] = entities.is_array() ? std::move(entities) : OrderedJson::array();
    return out;
}

}  // namespace runnel::protocol
