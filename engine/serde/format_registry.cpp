// The format registry: ValidateFormat / MakeDeserializer / MakeSerializer dispatch on the
// format name to JSON, KAFKA, DELIMITED and NONE; schema-registry formats are not there yet.
#include <fmt/format.h>

#include "engine/serde/delimited_format.h"
#include "engine/serde/json_format.h"
#include "engine/serde/kafka_format.h"
#include "engine/serde/none_format.h"
#include "engine/serde/serde.h"

namespace runnel::serde {

namespace {

enum class FormatKind { kJson, kKafka, kDelimited, kNone };

std::string UpperAscii(std::string_view s) {
    std::string u(s);
    for (char& c : u) {
        if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    }
    return u;
}

Result<FormatKind> KindOf(const FormatSpec& format) {
    std::string name = UpperAscii(format.name);
    if (name == "JSON") return FormatKind::kJson;
    if (name == "KAFKA") return FormatKind::kKafka;
    if (name == "DELIMITED") return FormatKind::kDelimited;
    if (name == "NONE") return FormatKind::kNone;
    if (name == "AVRO" || name == "PROTOBUF" || name == "JSON_SR") {
        return Status::NotImplemented(fmt::format(
            "format {} needs a schema registry, which Runnel does not support yet", name));
    }
    if (name == "PROTOBUF_NOSR") {
        return Status::NotImplemented("format PROTOBUF_NOSR is not supported by Runnel yet");
    }
    return Status::Invalid(fmt::format("Unknown format: {}", format.name));
}

}  // namespace

Status ValidateFormat(const FormatSpec& format, const SideLayout& layout, bool is_key) {
    ASSIGN_OR_RETURN(FormatKind kind, KindOf(format));
    switch (kind) {
        case FormatKind::kJson: return ValidateJsonFormat(format, layout, is_key);
        case FormatKind::kKafka: return ValidateKafkaFormat(format, layout, is_key);
        case FormatKind::kDelimited: return ValidateDelimitedFormat(format, layout, is_key);
        case FormatKind::kNone: return ValidateNoneFormat(layout);
    }
    return Status::Internal("unhandled format");
}

Result<std::unique_ptr<Deserializer>> MakeDeserializer(const FormatSpec& format,
                                                       const SideLayout& layout, bool is_key) {
    RETURN_IF_ERROR(ValidateFormat(format, layout, is_key));
    ASSIGN_OR_RETURN(FormatKind kind, KindOf(format));
    switch (kind) {
        case FormatKind::kJson: return MakeJsonDeserializer(format, layout, is_key);
        case FormatKind::kKafka: return MakeKafkaDeserializer(layout);
        case FormatKind::kDelimited: {
            ASSIGN_OR_RETURN(char delimiter, DelimitedDelimiter(format, is_key));
            return MakeDelimitedDeserializer(layout, delimiter);
        }
        case FormatKind::kNone: return MakeNoneDeserializer();
    }
    return Status::Internal("unhandled format");
}

Result<std::unique_ptr<Serializer>> MakeSerializer(const FormatSpec& format,
                                                   const SideLayout& layout, bool is_key) {
    RETURN_IF_ERROR(ValidateFormat(format, layout, is_key));
    ASSIGN_OR_RETURN(FormatKind kind, KindOf(format));
    switch (kind) {
        case FormatKind::kJson: return MakeJsonSerializer(format, layout, is_key);
        case FormatKind::kKafka: return MakeKafkaSerializer(layout);
        case FormatKind::kDelimited: {
            ASSIGN_OR_RETURN(char delimiter, DelimitedDelimiter(format, is_key));
            return MakeDelimitedSerializer(layout, delimiter);
        }
        case FormatKind::kNone: return MakeNoneSerializer();
    }
    return Status::Internal("unhandled format");
}

}  // namespace runnel::serde
