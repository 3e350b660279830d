#include "engine/serde/connect_envelope.h"

namespace runnel::serde {

namespace {

std::string_view TrimRight(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' ||
                          s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

}  // namespace

bool RawValueText(od::value& value, JsonDecoder& decoder, std::string_view* out) {
    od::json_type jt;
    if (auto e = value.type().get(jt)) return decoder.Json(e);
    if (jt == od::json_type::object) {
        od::object object;
        if (auto e = value.get_object().get(object)) return decoder.Json(e);
        if (auto e = object.raw_json().get(*out)) return decoder.Json(e);
        return true;
    }
    if (jt == od::json_type::array) {
        od::array array;
        if (auto e = value.get_array().get(array)) return decoder.Json(e);
        if (auto e = array.raw_json().get(*out)) return decoder.Json(e);
        return true;
    }
    *out = TrimRight(value.raw_json_token());
    return true;
}

bool ReadConnectEnvelope(od::document& doc, JsonDecoder& decoder, ConnectEnvelope* out) {
    *out = ConnectEnvelope{};
    od::json_type jt;
    if (auto e = doc.type().get(jt)) return decoder.Json(e);
    if (jt != od::json_type::object) return true;
    od::object object;
    if (auto e = doc.get_object().get(object)) return decoder.Json(e);
    bool has_schema = false, has_payload = false;
    int fields = 0;
    for (auto field : object) {
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) return decoder.Json(e);
        ++fields;
        bool is_schema = key == "schema";
        bool is_payload = key == "payload";
        if (!is_schema && !is_payload) {
            if (fields == 1) return true;  // not an envelope: stop at the first key
            continue;
        }
        auto value = field.value();
        if (value.error()) return decoder.Json(value.error());
        std::string_view text;
        if (!RawValueText(value.value_unsafe(), decoder, &text)) return false;
        if (is_schema) {
            has_schema = true;
            out->schema = text;
        } else {
            has_payload = true;
            out->payload = text;
        }
    }
    out->wrapped = fields == 2 && has_schema && has_payload;
    return true;
}

}  // namespace runnel::serde
