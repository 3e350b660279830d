#include "protocol/json_text.h"

namespace runnel::protocol {

std::string DumpJson(const OrderedJson& value) {
    return value.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace);
}

std::string DumpJson(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace);
}

std::string JsonQuote(std::string_view text) {
    return DumpJson(nlohmann::json(std::string(text)));
}

}  // namespace runnel::protocol
