// The format registry: ValidateFormat / MakeDeserializer / MakeSerializer dispatch on the
// format name to JSON, KAFKA, DELIMITED, NONE, PROTOBUF_NOSR and DEBEZIUM_JSON (alias DEBEZIUM:
// its key side is JSON, and writing it writes JSON); schema-registry formats are not there yet.
#include <fmt/format.h>

#include "engine/serde/debezium_format.h"
#include "engine/serde/delimited_format.h"
#include "engine/serde/json_format.h"
#include "engine/serde/kafka_format.h"
#include "engine/serde/none_format.h"
#include "engine/serde/protobuf_format.h"
#include "engine/serde/serde.h"

namespace runnel::serde {

namespace {

enum class FormatKind { kJson, kKafka, kDelimited, kNone, kDebezium, kProtobufNoSr };

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
    if (name == "DEBEZIUM_JSON" || name == "DEBEZIUM") return FormatKind::kDebezium;
    if (name == "AVRO" || name == "PROTOBUF" || name == "JSON_SR") {
        return Status::NotImplemented(fmt::format(
            "format {} needs a schema registry, which Runnel does not support yet", name));
    }
    if (name == "PROTOBUF_NOSR") return FormatKind::kProtobufNoSr;
    return Status::Invalid(fmt::format("Unknown format: {}", format.name));
}

}  // namespace

Result<std::string> CanonicalFormatName(std::string_view name) {
    FormatSpec spec;
    spec.name = std::string(name);
    auto kind = KindOf(spec);
    if (!kind.ok() && kind.status().code() != StatusCode::kNotImplemented) return kind.status();
    if (kind.ok() && kind.value() == FormatKind::kDebezium) return std::string("DEBEZIUM_JSON");
    return UpperAscii(name);
}

FormatSpec InheritedSinkFormat(const FormatSpec& format) {
    FormatSpec out = format;
    auto kind = KindOf(format);
    if (kind.ok() && kind.value() == FormatKind::kDebezium) out.name = "JSON";
    // As in ksqlDB, a protobuf nullable representation is not inherited by a query's sink.
    out.properties.erase(kProtobufNullableProperty);
    return out;
}

Status ValidateFormat(const FormatSpec& format, const SideLayout& layout, bool is_key) {
    ASSIGN_OR_RETURN(FormatKind kind, KindOf(format));
    switch (kind) {
        case FormatKind::kJson: return ValidateJsonFormat(format, layout, is_key);
        case FormatKind::kKafka: return ValidateKafkaFormat(format, layout, is_key);
        case FormatKind::kDelimited: return ValidateDelimitedFormat(format, layout, is_key);
        case FormatKind::kNone: return ValidateNoneFormat(layout);
        case FormatKind::kDebezium:
            if (is_key) return ValidateJsonFormat(format, layout, is_key);
            return ValidateDebeziumFormat(format, layout);
        case FormatKind::kProtobufNoSr: return ValidateProtobufNoSrFormat(format, layout, is_key);
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
        case FormatKind::kDebezium:
            if (is_key) return MakeJsonDeserializer(format, layout, is_key);
            return MakeDebeziumDeserializer(format, layout);
        case FormatKind::kProtobufNoSr:
            return MakeProtobufNoSrDeserializer(format, layout, is_key);
    }
    return Status::Internal("unhandled format");
}

Result<std::unique_ptr<Serializer>> MakeSerializer(const FormatSpec& format,
                                                   const SideLayout& layout, bool is_key) {
    ASSIGN_OR_RETURN(FormatKind kind, KindOf(format));
    if (kind == FormatKind::kDebezium) {
        // A query over a Debezium source writes plain JSON rows (and tombstones for deletes).
        RETURN_IF_ERROR(ValidateJsonFormat(format, layout, is_key));
        return MakeJsonSerializer(format, layout, is_key);
    }
    RETURN_IF_ERROR(ValidateFormat(format, layout, is_key));
    switch (kind) {
        case FormatKind::kJson: return MakeJsonSerializer(format, layout, is_key);
        case FormatKind::kKafka: return MakeKafkaSerializer(layout);
        case FormatKind::kDelimited: {
            ASSIGN_OR_RETURN(char delimiter, DelimitedDelimiter(format, is_key));
            return MakeDelimitedSerializer(layout, delimiter, is_key);
        }
        case FormatKind::kNone: return MakeNoneSerializer();
        case FormatKind::kDebezium: break;
        case FormatKind::kProtobufNoSr: return MakeProtobufNoSrSerializer(format, layout, is_key);
    }
    return Status::Internal("unhandled format");
}

}  // namespace runnel::serde
