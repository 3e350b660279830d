// The PROTOBUF_NOSR format (KEY_FORMAT / VALUE_FORMAT 'PROTOBUF_NOSR'): protobuf without a
// schema registry. The record is the bare serialized message (no magic byte, schema id or
// message indexes); its schema is derived from the SQL columns (protobuf_codec.h).
//
// Shape: a side with several columns, or one value column with wrap_single_value (the default),
// is a message with one field per column, numbered from 1 in column order. A single key column,
// or one value column with wrap_single_value=false, is unwrapped: a STRUCT column is its own
// message; a scalar column is its google.protobuf wrapper message (the value as field 1);
// DECIMAL / DATE / TIME / TIMESTAMP are their well-known messages; ARRAY and MAP cannot be
// unwrapped. A null unwrapped value is a null record; a null record reads as all-null columns.
//
// Format property (from KEY_/VALUE_PROTOBUF_NULLABLE_REPRESENTATION): "nullableRepresentation"
// = "optional" | "wrapper"; absent means plain proto3 fields (see protobuf_codec.h).
// Deserializers and serializers are not thread-safe (one per task); the functions here are.
#pragma once

#include <memory>

#include "engine/serde/protobuf_codec.h"
#include "engine/serde/serde.h"

namespace runnel::serde {

// The FormatSpec property holding the nullable representation, and its values.
inline constexpr const char* kProtobufNullableProperty = "nullableRepresentation";
inline constexpr const char* kProtobufNullableOptional = "optional";
inline constexpr const char* kProtobufNullableWrapper = "wrapper";

// The representation a format spec asks for; Invalid for an unknown property value.
Result<ProtobufNullable> ProtobufNullableOf(const FormatSpec& format);

// Whether the side is a message of its columns rather than its only column unwrapped.
bool ProtobufSideIsWrapped(const FormatSpec& format, const SideLayout& layout, bool is_key);

Status ValidateProtobufNoSrFormat(const FormatSpec& format, const SideLayout& layout, bool is_key);

// Call ValidateProtobufNoSrFormat first.
std::unique_ptr<Deserializer> MakeProtobufNoSrDeserializer(const FormatSpec& format,
                                                           const SideLayout& layout, bool is_key);
std::unique_ptr<Serializer> MakeProtobufNoSrSerializer(const FormatSpec& format,
                                                       const SideLayout& layout, bool is_key);

}  // namespace runnel::serde
