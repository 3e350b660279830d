// PROTOBUF_NOSR decoding of values (see protobuf_codec.h). Unknown fields and fields whose
// wire type does not fit their SQL type are skipped, as protobuf parsers treat them as unknown.
// A singular message field seen twice is merged (fields of the later occurrence win), as
// protobuf requires; a singular scalar seen twice keeps the last.
#include <fmt/format.h>

#include <bit>
#include <memory>

#include "engine/serde/protobuf_codec.h"
#include "engine/serde/protobuf_well_known.h"
#include "engine/serde/protobuf_wire.h"

namespace runnel::serde {

namespace {

// What an absent field reads as: the message's own fields follow the nullable representation;
// a map entry's key and value read as their type's default (protobuf's getter semantics).
enum class AbsentAs : uint8_t { kPresence, kDefault };

// The types of a message's fields: a row's columns or a STRUCT's fields (or a map entry).
struct FieldTypes {
    const SqlType* types = nullptr;
    const StructField* fields = nullptr;
    size_t count = 0;
    const SqlType& operator[](size_t i) const { return fields ? fields[i].type : types[i]; }
};

const std::shared_ptr<const ValueList>& EmptyList() {
    static const auto kEmpty = std::make_shared<const ValueList>();
    return kEmpty;
}

const std::shared_ptr<const ValueMap>& EmptyMap() {
    static const auto kEmpty = std::make_shared<const ValueMap>();
    return kEmpty;
}

void SetScalarDefault(TypeKind kind, Value& out) {
    switch (kind) {
        case TypeKind::kInt:
        case TypeKind::kBigint:
            out.SetInt(0);
            return;
        case TypeKind::kDouble:
            out.SetDouble(0.0);
            return;
        case TypeKind::kBoolean:
            out.SetBool(false);
            return;
        default:
            out.MutableString().clear();
            return;
    }
}

void SetAbsent(const SqlType& type, ProtobufNullable nullable, AbsentAs absent, Value& out) {
    TypeKind kind = type.kind();
    if (kind == TypeKind::kArray) {
        out.SetList(EmptyList());
    } else if (kind == TypeKind::kMap) {
        out.SetMap(EmptyMap());
    } else if (IsProtobufScalar(kind) &&
               (absent == AbsentAs::kDefault || nullable == ProtobufNullable::kDefault)) {
        SetScalarDefault(kind, out);
    } else {
        out.SetNull();
    }
}

bool ScalarWireType(TypeKind kind, WireType& out) {
    switch (kind) {
        case TypeKind::kInt:
        case TypeKind::kBigint:
        case TypeKind::kBoolean:
            out = WireType::kVarint;
            return true;
        case TypeKind::kDouble:
            out = WireType::kFixed64;
            return true;
        case TypeKind::kString:
        case TypeKind::kBytes:
            out = WireType::kLengthDelimited;
            return true;
        default:
            return false;
    }
}

// A scalar from a field whose wire type fits.
void SetScalar(TypeKind kind, const WireField& f, Value& out) {
    switch (kind) {
        case TypeKind::kInt:
            // int32: the low 32 bits of the varint (Java's (int) cast).
            out.SetInt(static_cast<int32_t>(static_cast<uint32_t>(f.number)));
            return;
        case TypeKind::kBigint:
            out.SetInt(static_cast<int64_t>(f.number));
            return;
        case TypeKind::kBoolean:
            out.SetBool(f.number != 0);
            return;
        case TypeKind::kDouble:
            out.SetDouble(std::bit_cast<double>(f.number));
            return;
        default:
            out.SetString(f.bytes);
            return;
    }
}

// google.protobuf.*Value: the scalar in field 1, the default when absent.
Status DecodeWrapper(std::string_view body, TypeKind kind, Value& out) {
    SetScalarDefault(kind, out);
    WireType expected = WireType::kVarint;
    ScalarWireType(kind, expected);
    ProtoReader r(body);
    WireField f;
    while (true) {
        RETURN_IF_ERROR(r.Next(f));
        if (f.field == 0) return Status::Ok();
        if (f.field == 1 && f.type == expected) SetScalar(kind, f, out);
    }
}

Status DecodeMessage(std::string_view body, const FieldTypes& types, ProtobufNullable nullable,
                     AbsentAs absent, const ProtobufSlots& slots);

// One element of a repeated field from a length-delimited occurrence (not packed numbers).
Status DecodeElement(std::string_view bytes, const SqlType& type, ProtobufNullable nullable,
                     Value& out) {
    TypeKind kind = type.kind();
    if (IsProtobufScalar(kind)) {
        if (nullable == ProtobufNullable::kWrapper) return DecodeWrapper(bytes, kind, out);
        out.SetString(bytes);
        return Status::Ok();
    }
    return DecodeProtobufValue(bytes, type, nullable, out);
}

// Appends the numbers of a packed payload.
Status DecodePacked(std::string_view payload, TypeKind kind, ValueList& items) {
    ProtoReader r(payload);
    WireField f;
    while (!r.done()) {
        if (kind == TypeKind::kDouble) {
            RETURN_IF_ERROR(r.ReadFixed64(f.number));
        } else {
            RETURN_IF_ERROR(r.ReadVarint(f.number));
        }
        SetScalar(kind, f, items.emplace_back());
    }
    return Status::Ok();
}

Status DecodeMapEntry(std::string_view body, const SqlType& type, ProtobufNullable nullable,
                      ValueMap& entries) {
    const SqlType parts[2] = {type.map_key(), type.map_value()};
    Value kv[2];
    FieldTypes types{parts, nullptr, 2};
    RETURN_IF_ERROR(
        DecodeMessage(body, types, nullable, AbsentAs::kDefault, ProtobufSlots{kv, nullptr, 2}));
    // A repeated key keeps its first place and takes the last value, as a protobuf map does.
    for (auto& [k, v] : entries) {
        if (k == kv[0]) {
            v = std::move(kv[1]);
            return Status::Ok();
        }
    }
    entries.emplace_back(std::move(kv[0]), std::move(kv[1]));
    return Status::Ok();
}

// Repeated fields collect their occurrences here (they may be interleaved with other fields)
// and are stored into their slots when the message ends.
struct Repeated {
    size_t slot = 0;
    std::shared_ptr<ValueList> list;
    std::shared_ptr<ValueMap> map;
};

Repeated& RepeatedFor(size_t slot, std::vector<Repeated>& repeated, bool is_map) {
    for (Repeated& r : repeated) {
        if (r.slot == slot) return r;
    }
    Repeated& r = repeated.emplace_back();
    r.slot = slot;
    if (is_map) {
        r.map = std::make_shared<ValueMap>();
    } else {
        r.list = std::make_shared<ValueList>();
    }
    return r;
}

Status DecodeField(const WireField& f, const SqlType& type, ProtobufNullable nullable,
                   size_t slot_index, Value& slot, std::vector<Repeated>& repeated) {
    TypeKind kind = type.kind();
    if (IsProtobufScalar(kind)) {
        if (nullable == ProtobufNullable::kWrapper) {
            if (f.type != WireType::kLengthDelimited) return Status::Ok();
            return DecodeWrapper(f.bytes, kind, slot);
        }
        WireType expected = WireType::kVarint;
        ScalarWireType(kind, expected);
        if (f.type == expected) SetScalar(kind, f, slot);
        return Status::Ok();
    }
    if (kind == TypeKind::kArray) {
        const SqlType& element = type.element();
        TypeKind ek = element.kind();
        ValueList& items = *RepeatedFor(slot_index, repeated, false).list;
        WireType expected = WireType::kLengthDelimited;
        bool scalar = IsProtobufScalar(ek) && nullable != ProtobufNullable::kWrapper;
        if (scalar) ScalarWireType(ek, expected);
        if (scalar && expected != WireType::kLengthDelimited) {
            // Numbers and booleans: packed (one length-delimited run) or one per occurrence.
            if (f.type == WireType::kLengthDelimited) return DecodePacked(f.bytes, ek, items);
            if (f.type == expected) SetScalar(ek, f, items.emplace_back());
            return Status::Ok();
        }
        if (f.type != WireType::kLengthDelimited) return Status::Ok();
        return DecodeElement(f.bytes, element, nullable, items.emplace_back());
    }
    if (f.type != WireType::kLengthDelimited) return Status::Ok();
    if (kind == TypeKind::kMap) {
        return DecodeMapEntry(f.bytes, type, nullable,
                              *RepeatedFor(slot_index, repeated, true).map);
    }
    if (kind == TypeKind::kStruct && slot.tag() == Value::Tag::kList) {
        // A second occurrence merges into the first.
        auto merged = std::make_shared<ValueList>(slot.AsList());
        const auto& fields = type.fields();
        merged->resize(fields.size());
        FieldTypes types{nullptr, fields.data(), fields.size()};
        ProtoReader r(f.bytes);
        std::vector<Repeated> inner;
        WireField g;
        while (true) {
            RETURN_IF_ERROR(r.Next(g));
            if (g.field == 0) break;
            if (g.field > types.count) continue;
            size_t i = g.field - 1;
            RETURN_IF_ERROR(DecodeField(g, types[i], nullable, i, (*merged)[i], inner));
        }
        for (Repeated& rep : inner) {
            // Repeated fields concatenate across occurrences.
            Value& target = (*merged)[rep.slot];
            if (rep.list) {
                auto joined = std::make_shared<ValueList>(target.AsList());
                for (Value& v : *rep.list) joined->push_back(std::move(v));
                target.SetList(std::move(joined));
            } else {
                auto joined = std::make_shared<ValueMap>(target.AsMap());
                for (auto& e : *rep.map) joined->push_back(std::move(e));
                target.SetMap(std::move(joined));
            }
        }
        slot.SetList(std::move(merged));
        return Status::Ok();
    }
    return DecodeProtobufValue(f.bytes, type, nullable, slot);
}

Status DecodeMessage(std::string_view body, const FieldTypes& types, ProtobufNullable nullable,
                     AbsentAs absent, const ProtobufSlots& slots) {
    for (size_t i = 0; i < types.count; ++i) SetAbsent(types[i], nullable, absent, slots[i]);
    std::vector<Repeated> repeated;
    ProtoReader r(body);
    WireField f;
    while (true) {
        RETURN_IF_ERROR(r.Next(f));
        if (f.field == 0) break;
        if (f.field > types.count) continue;
        size_t i = f.field - 1;
        RETURN_IF_ERROR(DecodeField(f, types[i], nullable, i, slots[i], repeated));
    }
    for (Repeated& rep : repeated) {
        if (rep.list) {
            slots[rep.slot].SetList(std::move(rep.list));
        } else {
            slots[rep.slot].SetMap(std::move(rep.map));
        }
    }
    return Status::Ok();
}

}  // namespace

Status DecodeProtobufMessage(std::string_view body, const std::vector<SqlType>& types,
                             ProtobufNullable nullable, const ProtobufSlots& slots) {
    if (slots.count != types.size()) {
        return Status::Internal("protobuf decoder: slot and type counts differ");
    }
    return DecodeMessage(body, FieldTypes{types.data(), nullptr, types.size()}, nullable,
                         AbsentAs::kPresence, slots);
}

Status DecodeProtobufValue(std::string_view body, const SqlType& type, ProtobufNullable nullable,
                           Value& out) {
    switch (type.kind()) {
        case TypeKind::kStruct: {
            const auto& fields = type.fields();
            auto items = std::make_shared<ValueList>(fields.size());
            RETURN_IF_ERROR(DecodeMessage(body, FieldTypes{nullptr, fields.data(), fields.size()},
                                          nullable, AbsentAs::kPresence,
                                          ProtobufSlots{items->data(), nullptr, items->size()}));
            out.SetList(std::move(items));
            return Status::Ok();
        }
        case TypeKind::kDecimal: {
            ASSIGN_OR_RETURN(__int128 unscaled, ReadProtobufDecimal(body, type));
            out.SetDecimal(unscaled);
            return Status::Ok();
        }
        case TypeKind::kDate: {
            ASSIGN_OR_RETURN(int64_t days, ReadProtobufDate(body));
            out.SetInt(days);
            return Status::Ok();
        }
        case TypeKind::kTime: {
            ASSIGN_OR_RETURN(int64_t ms, ReadProtobufTime(body));
            out.SetInt(ms);
            return Status::Ok();
        }
        case TypeKind::kTimestamp: {
            ASSIGN_OR_RETURN(int64_t ms, ReadProtobufTimestamp(body));
            out.SetInt(ms);
            return Status::Ok();
        }
        default:
            return Status::Internal("not a protobuf message type: " + type.ToString());
    }
}

}  // namespace runnel::serde
