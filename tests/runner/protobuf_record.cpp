#include "tests/runner/protobuf_record.h"

#include "engine/serde/json_format.h"
#include "engine/serde/serde.h"

namespace runnel::runner {

namespace {

// The side as an engine schema, layout and format (is_key is not needed: `wrapped` says).
struct EngineSide {
    LogicalSchema schema;
    serde::SideLayout layout;
    serde::FormatSpec format;
    SqlType type;  // STRUCT of the columns when wrapped, else the only column's type
};

// Fills `e` in place: its layout points at its own schema.
void FillEngineSide(const RecordSide& side, EngineSide& e) {
    e.schema = LogicalSchema(side.columns);
    e.layout.schema = &e.schema;
    for (size_t i = 0; i < e.schema.size(); ++i) e.layout.columns.push_back(i);
    e.format.name = side.format;
    e.format.properties = side.properties;
    e.format.wrap_single_value = side.wrapped;
    if (side.wrapped || side.columns.size() != 1) {
        std::vector<StructField> fields;
        for (const Column& c : side.columns) fields.push_back({c.name, c.type});
        e.type = SqlType::Struct(std::move(fields));
    } else {
        e.type = side.columns[0].type;
    }
}

}  // namespace

Result<std::optional<std::string>> EncodeProtobufRecord(const JsonValue& value,
                                                        const RecordSide& side) {
    if (value.is_null()) return std::optional<std::string>();
    EngineSide e;
    FillEngineSide(side, e);
    ASSIGN_OR_RETURN(auto serializer, serde::MakeSerializer(e.format, e.layout, false));
    ASSIGN_OR_RETURN(Value v, serde::ParseJsonValue(value.Dump(), e.type));
    Row row;
    row.Resize(e.schema.size());
    if (e.type.kind() == TypeKind::kStruct && (side.wrapped || side.columns.size() != 1)) {
        const ValueList& items = v.AsList();
        for (size_t i = 0; i < items.size() && i < row.values.size(); ++i) {
            row.values[i] = items[i];
        }
    } else if (!row.values.empty()) {
        row.values[0] = v;
    }
    std::string out;
    bool is_null = false;
    RETURN_IF_ERROR(serializer->Serialize(row, out, &is_null));
    if (is_null) return std::optional<std::string>();
    return std::optional<std::string>(std::move(out));
}

Result<JsonValue> DecodeProtobufRecord(const std::string& bytes, const RecordSide& side) {
    EngineSide e;
    FillEngineSide(side, e);
    ASSIGN_OR_RETURN(auto deserializer, serde::MakeDeserializer(e.format, e.layout, false));
    Row row;
    row.Resize(e.schema.size());
    RETURN_IF_ERROR(deserializer->Deserialize(bytes.data(), bytes.size(), row));
    std::string json;
    if (e.type.kind() == TypeKind::kStruct && (side.wrapped || side.columns.size() != 1)) {
        serde::AppendJsonValue(Value::List(row.values), e.type, json);
    } else if (!row.values.empty()) {
        serde::AppendJsonValue(row.values[0], e.type, json);
    } else {
        json = "null";
    }
    return ParseJson(json);
}

}  // namespace runnel::runner
