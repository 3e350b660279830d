// The KAFKA format: one primitive column written as Kafka's own serializers write it.
// INT: 4-byte big-endian two's complement; BIGINT: 8-byte big-endian; DOUBLE: 8-byte
// big-endian IEEE 754; STRING: the UTF-8 bytes; BYTES: the raw bytes. A null value is a null
// record. A side with no columns (a keyless stream's key) reads nothing and writes null.
// Deserializers and serializers are not thread-safe (one per task); the functions here are.
#pragma once

#include <memory>

#include "engine/serde/serde.h"

namespace runnel::serde {

// At most one column, of type INT, BIGINT, DOUBLE, STRING or BYTES.
Status ValidateKafkaFormat(const FormatSpec& format, const SideLayout& layout, bool is_key);

// Call ValidateKafkaFormat first.
std::unique_ptr<Deserializer> MakeKafkaDeserializer(const SideLayout& layout);
std::unique_ptr<Serializer> MakeKafkaSerializer(const SideLayout& layout);

}  // namespace runnel::serde
