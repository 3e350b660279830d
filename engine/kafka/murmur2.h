// Murmur2 hash exactly as the Java Kafka client computes it (Utils.murmur2, seed 0x9747b28c),
// returned as the signed 32-bit value Java sees. DefaultPartition (kafka.h) is built on it.
// Thread-safe: a pure function.
#pragma once

#include <cstddef>
#include <cstdint>

namespace runnel::kafka {

int32_t Murmur2(const char* data, size_t size);

}  // namespace runnel::kafka
