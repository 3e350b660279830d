#include "engine/analyzer/with_properties.h"

#include <cctype>
#include <charconv>

#include "engine/serde/protobuf_format.h"

namespace runnel::analyzer {

namespace {

std::string Upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

Result<int32_t> IntProperty(const std::string& name, const parser::PropertyValue& v) {
    int32_t out = 0;
    auto [p, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), out);
    if (ec != std::errc() || p != v.text.data() + v.text.size()) {
        return Status::Invalid("Invalid value for property " + name + ": '" + v.text +
                               "' is not an integer");
    }
    return out;
}


}  // namespace

bool DefaultWrapSingleValue(const std::map<std::string, std::string>& config) {
    auto v = ConfigValue(config, "ksql.persistence.wrap.single.values");
    if (!v) return true;
    std::string s = *v;
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s != "false";
}

std::optional<std::string> ConfigValue(const std::map<std::string, std::string>& config,
                                       const std::string& key) {
    auto it = config.find(key);
    if (it != config.end()) return it->second;
    return std::nullopt;
}

Result<WithProperties> ParseWithProperties(const parser::Properties& props) {
    WithProperties w;
    std::string unknown;
    for (const auto& [raw_name, value] : props) {
        std::string name = Upper(raw_name);
        if (name == "KAFKA_TOPIC") {
            w.kafka_topic = value.text;
        } else if (name == "VALUE_FORMAT") {
            w.value_format = Upper(value.text);
        } else if (name == "KEY_FORMAT") {
            w.key_format = Upper(value.text);
        } else if (name == "FORMAT") {
            if (props.count("KEY_FORMAT") || props.count("VALUE_FORMAT")) {
                return Status::Invalid(
                    "Cannot supply both 'FORMAT' and 'KEY_FORMAT' or 'VALUE_FORMAT' properties. "
                    "Please use 'FORMAT' alone or 'KEY_FORMAT' and 'VALUE_FORMAT'.");
            }
            w.key_format = Upper(value.text);
            w.value_format = Upper(value.text);
        } else if (name == "PARTITIONS") {
            ASSIGN_OR_RETURN(w.partitions, IntProperty(name, value));
            if (*w.partitions <= 0) return Status::Invalid("PARTITIONS must be positive");
        } else if (name == "REPLICAS") {
            ASSIGN_OR_RETURN(w.replicas, IntProperty(name, value));
        } else if (name == "TIMESTAMP") {
            w.timestamp = Upper(value.text);
        } else if (name == "TIMESTAMP_FORMAT") {
            w.timestamp_format = value.text;
        } else if (name == "VALUE_DELIMITER") {
            w.value_delimiter = value.text;
        } else if (name == "KEY_DELIMITER") {
            w.key_delimiter = value.text;
        } else if (name == "WRAP_SINGLE_VALUE") {
            std::string v = Upper(value.text);
            if (v != "TRUE" && v != "FALSE") {
                return Status::Invalid("Invalid value for WRAP_SINGLE_VALUE: " + value.text);
            }
            w.wrap_single_value = v == "TRUE";
        } else if (name == "KEY_PROTOBUF_NULLABLE_REPRESENTATION" ||
                   name == "VALUE_PROTOBUF_NULLABLE_REPRESENTATION") {
            std::string v = Upper(value.text);
            if (v != "OPTIONAL" && v != "WRAPPER") {
                return Status::Invalid("Invalid value " + value.text + " for property " + name +
                                       ": String must be one of: WRAPPER, OPTIONAL");
            }
            (name[0] == 'K' ? w.key_protobuf_nullable : w.value_protobuf_nullable) = v;
        } else if (name == "WINDOW_TYPE") {
            std::string v = Upper(value.text);
            if (v != "TUMBLING" && v != "HOPPING" && v != "SESSION") {
                return Status::Invalid("Invalid value " + value.text + " for property WINDOW_TYPE: String must be "
                                       "one of: SESSION, HOPPING, TUMBLING");
            }
            w.window_type = v;
        } else if (name == "WINDOW_SIZE") {
            ASSIGN_OR_RETURN(auto ms, ParseDurationText(value.text));
            w.window_size_ms = ms;
        } else if (name == "RETENTION" || name == "KEY_SCHEMA_ID" || name == "VALUE_SCHEMA_ID" ||
                   name == "KEY_SCHEMA_FULL_NAME" || name == "VALUE_SCHEMA_FULL_NAME" ||
                   name == "VALUE_AVRO_SCHEMA_FULL_NAME") {
            return Status::NotImplemented("The WITH property " + name + " is not supported yet");
        } else {
            unknown += (unknown.empty() ? "" : ", ") + name;
        }
    }
    if (!unknown.empty()) {
        return Status::Invalid("Invalid config variable(s) in the WITH clause: " + unknown);
    }
    return w;
}

Status ApplyProtobufNullable(const std::optional<std::string>& representation, bool is_key,
                             serde::FormatSpec& format) {
    if (!representation) return Status::Ok();
    if (format.name != "PROTOBUF" && format.name != "PROTOBUF_NOSR") {
        return Status::Invalid(std::string("Property ") + (is_key ? "KEY" : "VALUE") +
                               "_PROTOBUF_NULLABLE_REPRESENTATION can only be enabled with "
                               "protobuf format");
    }
    format.properties[serde::kProtobufNullableProperty] =
        *representation == "WRAPPER" ? serde::kProtobufNullableWrapper
                                     : serde::kProtobufNullableOptional;
    return Status::Ok();
}

Result<int64_t> ParseDurationText(const std::string& text) {
    std::string t = Upper(text);
    size_t i = 0;
    while (i < t.size() && t[i] == ' ') ++i;
    size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    if (i == start) return Status::Invalid("Invalid duration: '" + text + "'");
    int64_t n = std::stoll(t.substr(start, i - start));
    while (i < t.size() && t[i] == ' ') ++i;
    std::string unit = t.substr(i);
    while (!unit.empty() && unit.back() == ' ') unit.pop_back();
    if (!unit.empty() && unit.back() == 'S' && unit != "MS") unit.pop_back();
    static const std::pair<const char*, int64_t> kUnits[] = {
        {"MILLISECOND", 1}, {"MS", 1}, {"SECOND", 1000}, {"MINUTE", 60000}, {"HOUR", 3600000}, {"DAY", 86400000}};
    for (const auto& [name, factor] : kUnits) {
        if (unit == name) return n * factor;
    }
    return Status::Invalid("Invalid duration: '" + text + "'. Expected '<number> <time unit>', e.g. '30 SECONDS'");
}

Result<serde::FormatSpec> MakeFormat(const std::optional<std::string>& name,
                                     const std::optional<std::string>& delimiter,
                                     const std::string& fallback) {
    serde::FormatSpec spec;
    ASSIGN_OR_RETURN(spec.name, serde::CanonicalFormatName(name ? *name : fallback));
    if (delimiter) {
        if (spec.name != "DELIMITED") {
            return Status::Invalid("Delimiter only supported with DELIMITED format");
        }
        // A space or tab must be spelt SPACE / TAB; anything else is one character.
        const bool blank = delimiter->find_first_not_of(" \t") == std::string::npos;
        if (delimiter->empty() || blank) {
            return Status::Invalid(
                "Configuration VALUE_DELIMITER is invalid: Delimiter cannot be empty, if you meant "
                "to have a tab or space for delimiter, please use the special values 'TAB' or "
                "'SPACE'\nExample valid value: ';'");
        }
        if (delimiter->size() > 1 && *delimiter != "TAB" && *delimiter != "SPACE") {
            return Status::Invalid("Configuration VALUE_DELIMITER is invalid: Invalid delimiter value: '" +
                                   *delimiter + "'. Delimiter must be a single character or TAB,SPACE\n"
                                   "Example valid value: ';'");
        }
        spec.properties["delimiter"] = *delimiter;
    }
    return spec;
}

}  // namespace runnel::analyzer
