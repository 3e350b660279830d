#include "engine/serde/protobuf_format.h"

#include <fmt/format.h>

#include "engine/serde/format_support.h"
#include "engine/serde/protobuf_wire.h"

namespace runnel::serde {

namespace {

std::string Lower(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
}

ProtobufNullable NullableOrDefault(const FormatSpec& format) {
    auto n = ProtobufNullableOf(format);
    return n.ok() ? n.value() : ProtobufNullable::kDefault;
}

class ProtobufNoSrSerializer final : public Serializer {
public:
    ProtobufNoSrSerializer(const FormatSpec& format, const SideLayout& layout, bool is_key)
        : columns_(layout.columns),
          width_(RequiredWidth(layout.columns)),
          wrapped_(ProtobufSideIsWrapped(format, layout, is_key)),
          nullable_(NullableOrDefault(format)) {
        for (size_t c : columns_) types_.push_back(layout.schema->column(c).type);
    }

    Status Serialize(const Row& row, std::string& out, bool* is_null) override {
        out.clear();
        *is_null = false;
        RETURN_IF_ERROR(CheckRowWidth(row, width_));
        if (columns_.empty()) {
            *is_null = true;
            return Status::Ok();
        }
        if (wrapped_) {
            for (size_t i = 0; i < columns_.size(); ++i) {
                RETURN_IF_ERROR(EncodeProtobufField(static_cast<uint32_t>(i + 1),
                                                    row.values[columns_[i]], types_[i], nullable_,
                                                    out));
            }
            return Status::Ok();
        }
        const Value& v = row.values[columns_[0]];
        if (v.is_null()) {
            *is_null = true;
            return Status::Ok();
        }
        if (IsProtobufScalar(types_[0].kind())) {
            // google.protobuf.*Value: plain proto3, so a default value is an empty message.
            return EncodeProtobufScalar(1, v, types_[0].kind(), true, out);
        }
        return EncodeProtobufMessage(v, types_[0], nullable_, out);
    }

private:
    std::vector<size_t> columns_;
    size_t width_;
    bool wrapped_;
    ProtobufNullable nullable_;
    std::vector<SqlType> types_;
};

class ProtobufNoSrDeserializer final : public Deserializer {
public:
    ProtobufNoSrDeserializer(const FormatSpec& format, const SideLayout& layout, bool is_key)
        : columns_(layout.columns),
          width_(RequiredWidth(layout.columns)),
          wrapped_(ProtobufSideIsWrapped(format, layout, is_key)),
          nullable_(NullableOrDefault(format)) {
        for (size_t c : columns_) types_.push_back(layout.schema->column(c).type);
    }

    Status Deserialize(const char* data, size_t size, Row& row) override {
        RETURN_IF_ERROR(CheckRowWidth(row, width_));
        if (data == nullptr) {
            SetColumnsNull(columns_, row);
            return Status::Ok();
        }
        if (columns_.empty()) return Status::Ok();
        std::string_view body(data, size);
        Status st;
        if (wrapped_) {
            st = DecodeProtobufMessage(
                body, types_, nullable_,
                ProtobufSlots{row.values.data(), columns_.data(), columns_.size()});
        } else if (IsProtobufScalar(types_[0].kind())) {
            // The wrapper message: field 1, its default when absent.
            st = DecodeProtobufMessage(body, types_, ProtobufNullable::kDefault,
                                       ProtobufSlots{row.values.data(), columns_.data(), 1});
        } else {
            st = DecodeProtobufValue(body, types_[0], nullable_, row.values[columns_[0]]);
        }
        if (!st.ok()) {
            return Status::Invalid("Failed to deserialize PROTOBUF_NOSR data: " + st.message());
        }
        return Status::Ok();
    }

private:
    std::vector<size_t> columns_;
    size_t width_;
    bool wrapped_;
    ProtobufNullable nullable_;
    std::vector<SqlType> types_;
};

}  // namespace

Result<ProtobufNullable> ProtobufNullableOf(const FormatSpec& format) {
    auto it = format.properties.find(kProtobufNullableProperty);
    if (it == format.properties.end()) return ProtobufNullable::kDefault;
    std::string v = Lower(it->second);
    if (v == kProtobufNullableOptional) return ProtobufNullable::kOptional;
    if (v == kProtobufNullableWrapper) return ProtobufNullable::kWrapper;
    return Status::Invalid(fmt::format(
        "Invalid nullable representation '{}' for format {}: expected OPTIONAL or WRAPPER",
        it->second, format.name));
}

bool ProtobufSideIsWrapped(const FormatSpec& format, const SideLayout& layout, bool is_key) {
    if (layout.columns.size() != 1) return true;
    return !is_key && format.wrap_single_value;
}

Status ValidateProtobufNoSrFormat(const FormatSpec& format, const SideLayout& layout, bool is_key) {
    if (!is_key && !format.wrap_single_value && layout.columns.size() > 1) {
        return Status::Invalid(
            "'WRAP_SINGLE_VALUE' is only valid for single-field value schemas. Got: " +
            DescribeColumns(layout));
    }
    RETURN_IF_ERROR(ProtobufNullableOf(format).status());
    for (size_t c : layout.columns) {
        if (layout.schema == nullptr || c >= layout.schema->size()) {
            return Status::Internal("format layout refers to a column outside the schema");
        }
        const SqlType& type = layout.schema->column(c).type;
        RETURN_IF_ERROR(CheckTypeResolved(type));
        RETURN_IF_ERROR(CheckProtobufType(type));
    }
    if (!ProtobufSideIsWrapped(format, layout, is_key)) {
        const SqlType& type = layout.schema->column(layout.columns[0]).type;
        if (type.kind() == TypeKind::kArray || type.kind() == TypeKind::kMap) {
            return Status::Invalid(fmt::format(
                "The PROTOBUF_NOSR format cannot write a single unwrapped {} {}: a protobuf "
                "message must be at the top level (Unsupported root schema of type {})",
                is_key ? "key of type" : "value of type", type.ToString(),
                type.kind() == TypeKind::kArray ? "ARRAY" : "MAP"));
        }
    }
    return Status::Ok();
}

std::unique_ptr<Deserializer> MakeProtobufNoSrDeserializer(const FormatSpec& format,
                                                           const SideLayout& layout, bool is_key) {
    return std::make_unique<ProtobufNoSrDeserializer>(format, layout, is_key);
}

std::unique_ptr<Serializer> MakeProtobufNoSrSerializer(const FormatSpec& format,
                                                       const SideLayout& layout, bool is_key) {
    return std::make_unique<ProtobufNoSrSerializer>(format, layout, is_key);
}

}  // namespace runnel::serde
