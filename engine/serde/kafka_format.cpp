#include "engine/serde/kafka_format.h"

#include <fmt/format.h>

#include <bit>
#include <cstring>

#include "engine/serde/format_support.h"

namespace runnel::serde {

namespace {

uint64_t ReadBigEndian(const char* p, size_t n) {
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

void AppendBigEndian(uint64_t v, size_t n, std::string& out) {
    char buf[8];
    for (size_t i = 0; i < n; ++i) buf[i] = char((v >> (8 * (n - 1 - i))) & 0xFF);
    out.append(buf, n);
}

Status WrongSize(const char* deserializer, size_t expected) {
    return Status::Invalid(
        fmt::format("Size of data received by {} is not {}", deserializer, expected));
}

class KafkaDeserializer final : public Deserializer {
public:
    explicit KafkaDeserializer(const SideLayout& layout) : columns_(layout.columns) {
        if (!columns_.empty()) kind_ = layout.schema->column(columns_[0]).type.kind();
    }

    Status Deserialize(const char* data, size_t size, Row& row) override {
        if (columns_.empty()) return Status::Ok();
        RETURN_IF_ERROR(CheckRowWidth(row, columns_[0] + 1));
        Value& out = row.values[columns_[0]];
        if (data == nullptr) {
            out.SetNull();
            return Status::Ok();
        }
        switch (kind_) {
            case TypeKind::kInt:
                if (size != 4) return WrongSize("IntegerDeserializer", 4);
                out.SetInt(static_cast<int32_t>(static_cast<uint32_t>(ReadBigEndian(data, 4))));
                return Status::Ok();
            case TypeKind::kBigint:
                if (size != 8) return WrongSize("LongDeserializer", 8);
                out.SetInt(static_cast<int64_t>(ReadBigEndian(data, 8)));
                return Status::Ok();
            case TypeKind::kDouble:
                if (size != 8) return WrongSize("DoubleDeserializer", 8);
                out.SetDouble(std::bit_cast<double>(ReadBigEndian(data, 8)));
                return Status::Ok();
            case TypeKind::kString:
            case TypeKind::kBytes:
                out.MutableString().assign(data, size);
                return Status::Ok();
            default:
                return Status::Internal("KAFKA format used with an unsupported type");
        }
    }

private:
    std::vector<size_t> columns_;
    TypeKind kind_ = TypeKind::kNull;
};

class KafkaSerializer final : public Serializer {
public:
    explicit KafkaSerializer(const SideLayout& layout) : columns_(layout.columns) {
        if (!columns_.empty()) kind_ = layout.schema->column(columns_[0]).type.kind();
    }

    Status Serialize(const Row& row, std::string& out, bool* is_null) override {
        out.clear();
        *is_null = false;
        if (columns_.empty()) {
            *is_null = true;
            return Status::Ok();
        }
        RETURN_IF_ERROR(CheckRowWidth(row, columns_[0] + 1));
        const Value& v = row.values[columns_[0]];
        if (v.is_null()) {
            *is_null = true;
            return Status::Ok();
        }
        switch (kind_) {
            case TypeKind::kInt:
                if (v.tag() != Value::Tag::kInt) break;
                AppendBigEndian(static_cast<uint32_t>(static_cast<int32_t>(v.AsInt())), 4, out);
                return Status::Ok();
            case TypeKind::kBigint:
                if (v.tag() != Value::Tag::kInt) break;
                AppendBigEndian(static_cast<uint64_t>(v.AsInt()), 8, out);
                return Status::Ok();
            case TypeKind::kDouble:
                if (v.tag() != Value::Tag::kDouble) break;
                AppendBigEndian(std::bit_cast<uint64_t>(v.AsDouble()), 8, out);
                return Status::Ok();
            case TypeKind::kString:
            case TypeKind::kBytes:
                if (v.tag() != Value::Tag::kString) break;
                out.assign(v.AsString());
                return Status::Ok();
            default:
                break;
        }
        return Status::Internal("KAFKA serializer got a value that does not match its column type");
    }

private:
    std::vector<size_t> columns_;
    TypeKind kind_ = TypeKind::kNull;
};

bool KafkaSupports(TypeKind kind) {
    return kind == TypeKind::kInt || kind == TypeKind::kBigint || kind == TypeKind::kDouble ||
           kind == TypeKind::kString || kind == TypeKind::kBytes;
}

}  // namespace

Status ValidateKafkaFormat(const FormatSpec& format, const SideLayout& layout, bool is_key) {
    if (layout.columns.size() > 1) {
        return Status::Invalid("The 'KAFKA' format only supports a single field. Got: " +
                               DescribeColumns(layout));
    }
    if (layout.columns.empty()) return Status::Ok();
    size_t c = layout.columns[0];
    if (layout.schema == nullptr || c >= layout.schema->size()) {
        return Status::Internal("format layout refers to a column outside the schema");
    }
    const SqlType& type = layout.schema->column(c).type;
    if (!KafkaSupports(type.kind())) {
        return Status::Invalid(
            fmt::format("The 'KAFKA' format does not support type '{}'", type.RestTypeName()));
    }
    return Status::Ok();
}

std::unique_ptr<Deserializer> MakeKafkaDeserializer(const SideLayout& layout) {
    return std::make_unique<KafkaDeserializer>(layout);
}

std::unique_ptr<Serializer> MakeKafkaSerializer(const SideLayout& layout) {
    return std::make_unique<KafkaSerializer>(layout);
}

}  // namespace runnel::serde
