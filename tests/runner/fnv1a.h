// FNV-1a 64-bit hashing, used to name conformance cases in the committed baseline without
// copying their (third-party) text. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace runnel::runner {

constexpr uint64_t Fnv1a64(std::string_view s) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : s) {
        h ^= static_cast<uint8_t>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

// 16 lower-case hex digits.
inline std::string Fnv1a64Hex(std::string_view s) {
    char buf[17];
    std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(Fnv1a64(s)));
    return buf;
}

}  // namespace runnel::runner
