// PROTOBUF_NOSR encoding of values (see protobuf_codec.h), and the type check shared with the
// decoder.
#include <fmt/format.h>

#include <bit>

#include "engine/serde/protobuf_codec.h"
#include "engine/serde/protobuf_well_known.h"
#include "engine/serde/protobuf_wire.h"

namespace runnel::serde {

namespace {

Status Mismatch(const SqlType& type, const Value& value) {
    return Status::Internal(fmt::format("PROTOBUF_NOSR serializer got {} for a {} value",
                                        value.DebugString(), type.ToString()));
}

bool IsPackable(TypeKind kind) {
    return kind == TypeKind::kInt || kind == TypeKind::kBigint || kind == TypeKind::kDouble ||
           kind == TypeKind::kBoolean;
}

// The packed payload of one number / boolean (no tag).
Status AppendPackedElement(const Value& v, const SqlType& type, std::string& out) {
    switch (type.kind()) {
        case TypeKind::kInt:
            if (v.tag() != Value::Tag::kInt) return Mismatch(type, v);
            AppendInt32(static_cast<int32_t>(v.AsInt()), out);
            return Status::Ok();
        case TypeKind::kBigint:
            if (v.tag() != Value::Tag::kInt) return Mismatch(type, v);
            AppendInt64(v.AsInt(), out);
            return Status::Ok();
        case TypeKind::kDouble:
            if (v.tag() != Value::Tag::kDouble) return Mismatch(type, v);
            AppendFixed64(std::bit_cast<uint64_t>(v.AsDouble()), out);
            return Status::Ok();
        case TypeKind::kBoolean:
            if (v.tag() != Value::Tag::kBool) return Mismatch(type, v);
            AppendVarint(v.AsBool() ? 1 : 0, out);
            return Status::Ok();
        default:
            return Status::Internal("not a packable type: " + type.ToString());
    }
}

Status NullElement(const SqlType& element) {
    return Status::Invalid(fmt::format(
        "PROTOBUF_NOSR cannot serialize a null element of an ARRAY<{}>: protobuf repeated "
        "fields have no nulls",
        element.ToString()));
}

// One element of a repeated field written as its own occurrence (strings, bytes, messages,
// wrapped scalars).
Status AppendElement(uint32_t number, const Value& v, const SqlType& type,
                     ProtobufNullable nullable, std::string& out) {
    if (IsProtobufScalar(type.kind())) {
        if (nullable == ProtobufNullable::kWrapper) {
            size_t mark = BeginLengthDelimited(number, out);
            RETURN_IF_ERROR(EncodeProtobufScalar(1, v, type.kind(), true, out));
            EndLengthDelimited(mark, out);
            return Status::Ok();
        }
        // Strings and bytes: every element is written, empty ones too.
        return EncodeProtobufScalar(number, v, type.kind(), false, out);
    }
    size_t mark = BeginLengthDelimited(number, out);
    RETURN_IF_ERROR(EncodeProtobufMessage(v, type, nullable, out));
    EndLengthDelimited(mark, out);
    return Status::Ok();
}

Status EncodeArray(uint32_t number, const Value& value, const SqlType& type,
                   ProtobufNullable nullable, std::string& out) {
    if (value.tag() != Value::Tag::kList) return Mismatch(type, value);
    const ValueList& items = value.AsList();
    if (items.empty()) return Status::Ok();
    const SqlType& element = type.element();
    if (IsPackable(element.kind()) && nullable != ProtobufNullable::kWrapper) {
        size_t mark = BeginLengthDelimited(number, out);
        for (const Value& v : items) {
            if (v.is_null()) return NullElement(element);
            RETURN_IF_ERROR(AppendPackedElement(v, element, out));
        }
        EndLengthDelimited(mark, out);
        return Status::Ok();
    }
    for (const Value& v : items) {
        if (v.is_null()) return NullElement(element);
        RETURN_IF_ERROR(AppendElement(number, v, element, nullable, out));
    }
    return Status::Ok();
}

Status EncodeMap(uint32_t number, const Value& value, const SqlType& type,
                 ProtobufNullable nullable, std::string& out) {
    if (value.tag() != Value::Tag::kMap) return Mismatch(type, value);
    for (const auto& [k, v] : value.AsMap()) {
        size_t mark = BeginLengthDelimited(number, out);
        RETURN_IF_ERROR(EncodeProtobufField(1, k, type.map_key(), nullable, out));
        RETURN_IF_ERROR(EncodeProtobufField(2, v, type.map_value(), nullable, out));
        EndLengthDelimited(mark, out);
    }
    return Status::Ok();
}

}  // namespace

bool IsProtobufScalar(TypeKind kind) {
    return IsPackable(kind) || kind == TypeKind::kString || kind == TypeKind::kBytes;
}

Status CheckProtobufType(const SqlType& type) {
    switch (type.kind()) {
        case TypeKind::kArray: {
            TypeKind element = type.element().kind();
            if (element == TypeKind::kArray || element == TypeKind::kMap) {
                return Status::Invalid(fmt::format(
                    "The PROTOBUF_NOSR format does not support {}: protobuf cannot nest repeated "
                    "fields in repeated fields",
                    type.ToString()));
            }
            return CheckProtobufType(type.element());
        }
        case TypeKind::kMap:
            if (type.map_key().kind() != TypeKind::kString) {
                return Status::Invalid(
                    "PROTOBUF format only supports MAP types with STRING keys. See "
                    "https://github.com/confluentinc/ksql/issues/6177.");
            }
            return CheckProtobufType(type.map_value());
        case TypeKind::kStruct:
            for (const StructField& f : type.fields()) RETURN_IF_ERROR(CheckProtobufType(f.type));
            return Status::Ok();
        default:
            return Status::Ok();
    }
}

Status EncodeProtobufScalar(uint32_t number, const Value& v, TypeKind kind, bool skip_default,
                            std::string& out) {
    switch (kind) {
        case TypeKind::kInt:
        case TypeKind::kBigint:
            if (v.tag() != Value::Tag::kInt) return Mismatch(SqlType(kind), v);
            if (skip_default && v.AsInt() == 0) return Status::Ok();
            AppendTag(number, WireType::kVarint, out);
            if (kind == TypeKind::kInt) {
                AppendInt32(static_cast<int32_t>(v.AsInt()), out);
            } else {
                AppendInt64(v.AsInt(), out);
            }
            return Status::Ok();
        case TypeKind::kDouble: {
            if (v.tag() != Value::Tag::kDouble) return Mismatch(SqlType(kind), v);
            uint64_t bits = std::bit_cast<uint64_t>(v.AsDouble());
            // Only +0.0 is the default: -0.0 has a bit set and is written.
            if (skip_default && bits == 0) return Status::Ok();
            AppendTag(number, WireType::kFixed64, out);
            AppendFixed64(bits, out);
            return Status::Ok();
        }
        case TypeKind::kBoolean:
            if (v.tag() != Value::Tag::kBool) return Mismatch(SqlType(kind), v);
            if (skip_default && !v.AsBool()) return Status::Ok();
            AppendTag(number, WireType::kVarint, out);
            AppendVarint(v.AsBool() ? 1 : 0, out);
            return Status::Ok();
        case TypeKind::kString:
        case TypeKind::kBytes:
            if (v.tag() != Value::Tag::kString) return Mismatch(SqlType(kind), v);
            if (skip_default && v.AsString().empty()) return Status::Ok();
            AppendLengthDelimited(number, v.AsString(), out);
            return Status::Ok();
        default:
            return Status::Internal("not a protobuf scalar: " + SqlType(kind).ToString());
    }
}

Status EncodeProtobufField(uint32_t number, const Value& value, const SqlType& type,
                           ProtobufNullable nullable, std::string& out) {
    if (value.is_null()) return Status::Ok();
    TypeKind kind = type.kind();
    if (IsProtobufScalar(kind)) {
        switch (nullable) {
            case ProtobufNullable::kDefault:
                return EncodeProtobufScalar(number, value, kind, true, out);
            case ProtobufNullable::kOptional:
                return EncodeProtobufScalar(number, value, kind, false, out);
            case ProtobufNullable::kWrapper: {
                size_t mark = BeginLengthDelimited(number, out);
                RETURN_IF_ERROR(EncodeProtobufScalar(1, value, kind, true, out));
                EndLengthDelimited(mark, out);
                return Status::Ok();
            }
        }
    }
    if (kind == TypeKind::kArray) return EncodeArray(number, value, type, nullable, out);
    if (kind == TypeKind::kMap) return EncodeMap(number, value, type, nullable, out);
    size_t mark = BeginLengthDelimited(number, out);
    RETURN_IF_ERROR(EncodeProtobufMessage(value, type, nullable, out));
    EndLengthDelimited(mark, out);
    return Status::Ok();
}

Status EncodeProtobufMessage(const Value& value, const SqlType& type, ProtobufNullable nullable,
                             std::string& out) {
    switch (type.kind()) {
        case TypeKind::kStruct: {
            if (value.tag() != Value::Tag::kList) return Mismatch(type, value);
            const ValueList& items = value.AsList();
            const auto& fields = type.fields();
            for (size_t i = 0; i < fields.size() && i < items.size(); ++i) {
                RETURN_IF_ERROR(EncodeProtobufField(static_cast<uint32_t>(i + 1), items[i],
                                                    fields[i].type, nullable, out));
            }
            return Status::Ok();
        }
        case TypeKind::kDecimal:
            if (value.tag() != Value::Tag::kDecimal) return Mismatch(type, value);
            AppendProtobufDecimal(value.AsDecimal(), type.scale(), out);
            return Status::Ok();
        case TypeKind::kDate:
            if (value.tag() != Value::Tag::kInt) return Mismatch(type, value);
            return AppendProtobufDate(value.AsInt(), out);
        case TypeKind::kTime:
            if (value.tag() != Value::Tag::kInt) return Mismatch(type, value);
            return AppendProtobufTime(value.AsInt(), out);
        case TypeKind::kTimestamp:
            if (value.tag() != Value::Tag::kInt) return Mismatch(type, value);
            return AppendProtobufTimestamp(value.AsInt(), out);
        default:
            return Status::Internal("not a protobuf message type: " + type.ToString());
    }
}

}  // namespace runnel::serde
