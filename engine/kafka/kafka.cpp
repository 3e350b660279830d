// DefaultPartition: the Java client's partitioner for keyed records.

#include "engine/kafka/kafka.h"

#include "engine/kafka/murmur2.h"

namespace runnel::kafka {

int32_t Murmur2(const char* data, size_t size) {
    // Java does the arithmetic on signed ints with wrap-around; unsigned arithmetic gives the same
    // bits without undefined behaviour. ">>>" is a logical shift, i.e. an unsigned shift here.
    constexpr uint32_t kSeed = 0x9747b28cU;
    constexpr uint32_t kM = 0x5bd1e995U;
    constexpr int kR = 24;
    const auto* bytes = reinterpret_cast<const unsigned char*>(data);
    const uint32_t length = static_cast<uint32_t>(size);
    uint32_t h = kSeed ^ length;
    const size_t blocks = size / 4;
    for (size_t i = 0; i < blocks; ++i) {
        const unsigned char* p = bytes + i * 4;
        uint32_t k = static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
                     (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
        k *= kM;
        k ^= k >> kR;
        k *= kM;
        h *= kM;
        h ^= k;
    }
    const unsigned char* tail = bytes + blocks * 4;
    switch (size % 4) {
        case 3:
            h ^= static_cast<uint32_t>(tail[2]) << 16;
            [[fallthrough]];
        case 2:
            h ^= static_cast<uint32_t>(tail[1]) << 8;
            [[fallthrough]];
        case 1:
            h ^= static_cast<uint32_t>(tail[0]);
            h *= kM;
            break;
        default:
            break;
    }
    h ^= h >> 13;
    h *= kM;
    h ^= h >> 15;
    return static_cast<int32_t>(h);
}

int32_t DefaultPartition(const char* key, size_t key_size, int32_t partitions) {
    if (partitions <= 0) return 0;
    const uint32_t positive = static_cast<uint32_t>(Murmur2(key, key_size)) & 0x7fffffffU;
    return static_cast<int32_t>(positive % static_cast<uint32_t>(partitions));
}

}  // namespace runnel::kafka
