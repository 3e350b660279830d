#include "protocol/rest_requests.h"

#include "protocol/json_text.h"

namespace runnel::protocol {

namespace {

using Json = nlohmann::json;

std::optional<Json> ParseObject(std::string_view body, std::string* error) {
    Json doc = Json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
        *error = "Invalid JSON in request body";
        return std::nullopt;
    }
    if (!doc.is_object()) {
        *error = "Request body must be a JSON object";
        return std::nullopt;
    }
    return doc;
}

// Reads an optional {"name": value} object into a string map.
bool ReadPropertyMap(const Json& doc, const char* key, PropertyMap* out, std::string* error) {
    auto it = doc.find(key);
    if (it == doc.end() || it->is_null()) return true;
    if (!it->is_object()) {
        *error = std::string("\"") + key + "\" must be a JSON object";
        return false;
    }
    for (const auto& [name, value] : it->items()) {
        if (value.is_string()) {
            (*out)[name] = value.get<std::string>();
        } else if (value.is_null()) {
            (*out)[name] = "";
        } else {
            (*out)[name] = DumpJson(value);
        }
    }
    return true;
}

// Reads the first present string field among `keys`.
bool ReadStatementText(const Json& doc, std::initializer_list<const char*> keys, std::string* out,
                       std::string* error) {
    for (const char* key : keys) {
        auto it = doc.find(key);
        if (it == doc.end() || it->is_null()) continue;
        if (!it->is_string()) {
            *error = std::string("\"") + key + "\" must be a string";
            return false;
        }
        *out = it->get<std::string>();
        return true;
    }
    *error = std::string("\"") + *keys.begin() + "\" field must be populated";
    return false;
}

Json MapToJson(const PropertyMap& map) {
    Json out = Json::object();
    for (const auto& [k, v] : map) out[k] = v;
    return out;
}

}  // namespace

std::optional<KsqlRequest> ParseKsqlRequest(std::string_view body, std::string* error) {
    std::optional<Json> doc = ParseObject(body, error);
    if (!doc) return std::nullopt;
    KsqlRequest request;
    if (!ReadStatementText(*doc, {"ksql", "sql"}, &request.ksql, error)) return std::nullopt;
    if (!ReadPropertyMap(*doc, "streamsProperties", &request.streams_properties, error) ||
        !ReadPropertyMap(*doc, "properties", &request.streams_properties, error) ||
        !ReadPropertyMap(*doc, "sessionVariables", &request.session_variables, error)) {
        return std::nullopt;
    }
    auto seq = doc->find("commandSequenceNumber");
    if (seq != doc->end() && !seq->is_null()) {
        if (!seq->is_number_integer()) {
            *error = "\"commandSequenceNumber\" must be an integer";
            return std::nullopt;
        }
        request.command_sequence_number = seq->get<int64_t>();
    }
    return request;
}

std::optional<QueryStreamRequest> ParseQueryStreamRequest(std::string_view body,
                                                          std::string* error) {
    std::optional<Json> doc = ParseObject(body, error);
    if (!doc) return std::nullopt;
    QueryStreamRequest request;
    if (!ReadStatementText(*doc, {"sql", "ksql"}, &request.sql, error)) return std::nullopt;
    if (!ReadPropertyMap(*doc, "properties", &request.properties, error) ||
        !ReadPropertyMap(*doc, "streamsProperties", &request.properties, error) ||
        !ReadPropertyMap(*doc, "sessionVariables", &request.session_variables, error)) {
        return std::nullopt;
    }
    return request;
}

std::string ToJsonText(const KsqlRequest& request) {
    nlohmann::ordered_json doc;
    doc["ksql"] = request.ksql;
    doc["streamsProperties"] = MapToJson(request.streams_properties);
    if (!request.session_variables.empty()) {
        doc["sessionVariables"] = MapToJson(request.session_variables);
    }
    if (request.command_sequence_number) {
        doc["commandSequenceNumber"] = *request.command_sequence_number;
    }
    return DumpJson(doc);
}

std::string ToJsonText(const QueryStreamRequest& request) {
    nlohmann::ordered_json doc;
    doc["sql"] = request.sql;
    doc["properties"] = MapToJson(request.properties);
    if (!request.session_variables.empty()) {
        doc["sessionVariables"] = MapToJson(request.session_variables);
    }
    return DumpJson(doc);
}

}  // namespace runnel::protocol
