// PROTOBUF_NOSR values on the wire: the message schema derived from SQL types, as ksqlDB's
// Connect -> Protobuf conversion derives it, and the encoding / decoding of values with it.
//
// The derived schema (proto3): a message has one field per column (or STRUCT field), numbered
// from 1 in declaration order. INT -> int32, BIGINT -> int64, DOUBLE -> double, BOOLEAN -> bool,
// STRING -> string, BYTES -> bytes, STRUCT -> a nested message, ARRAY<T> -> repeated T (packed
// for numbers and booleans), MAP<STRING, V> -> repeated entry messages {key = 1; value = 2},
// DECIMAL / DATE / TIME / TIMESTAMP -> the messages of protobuf_well_known.h.
//
// Every SQL value is nullable; the nullable representation decides how a null is told apart:
//   kDefault   plain proto3 fields: a scalar holding its default (0, false, "", empty bytes) is
//              not written, and an absent scalar reads as that default, so null scalars come
//              back as defaults; absent messages (STRUCT, DECIMAL, ...) read as null.
//   kOptional  proto3 `optional` scalars: written whenever not null (defaults too); absent
//              reads as null.
//   kWrapper   scalars become google.protobuf.{Int32,Int64,Double,Bool,String,Bytes}Value
//              messages (the value as field 1), array elements and map keys/values included;
//              absent reads as null.
// In every representation an absent or empty ARRAY / MAP reads as an empty one (repeated
// fields have no presence), an array element cannot be null, and a map entry without a value
// reads as the value type's default (null for messages).
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/sql_type.h"
#include "engine/common/status.h"
#include "engine/common/value.h"

namespace runnel::serde {

enum class ProtobufNullable : uint8_t { kDefault, kOptional, kWrapper };

// Invalid when the type cannot be carried: MAP keys other than STRING, ARRAY of ARRAY or MAP.
Status CheckProtobufType(const SqlType& type);

// Appends field `number` holding `value` of `type`: nothing for null (or an empty ARRAY/MAP, or
// a kDefault scalar at its default), one field, or the occurrences of a repeated field.
Status EncodeProtobufField(uint32_t number, const Value& value, const SqlType& type,
                           ProtobufNullable nullable, std::string& out);

// Appends the body of the message that a STRUCT / DECIMAL / DATE / TIME / TIMESTAMP value is
// written as (no tag, no length).
Status EncodeProtobufMessage(const Value& value, const SqlType& type, ProtobufNullable nullable,
                             std::string& out);

// The value slots a message decodes into: slot i holds field i + 1. `index` maps a slot to the
// position in `base` (nullptr: the identity), so a row's columns and a STRUCT's list both fit.
struct ProtobufSlots {
    Value* base = nullptr;
    const size_t* index = nullptr;
    size_t count = 0;
    Value& operator[](size_t i) const { return base[index ? index[i] : i]; }
};

// Decodes a message whose field i + 1 has types[i] into the slots, after setting each slot to
// what an absent field reads as.
Status DecodeProtobufMessage(std::string_view body, const std::vector<SqlType>& types,
                             ProtobufNullable nullable, const ProtobufSlots& slots);

// Decodes the message a STRUCT / DECIMAL / DATE / TIME / TIMESTAMP value is written as.
Status DecodeProtobufValue(std::string_view body, const SqlType& type, ProtobufNullable nullable,
                           Value& out);

// Scalar kinds (INT, BIGINT, DOUBLE, BOOLEAN, STRING, BYTES): written as a protobuf scalar.
bool IsProtobufScalar(TypeKind kind);

// Appends a scalar as field `number`, leaving it out when it holds the default and
// `skip_default` is set (proto3 implicit presence).
Status EncodeProtobufScalar(uint32_t number, const Value& value, TypeKind kind, bool skip_default,
                            std::string& out);

}  // namespace runnel::serde
