// Helpers for the protobuf unit tests: bytes from and to spaced hex ("0a 02 68 69").
// Not thread-safe (test-only helpers).
#pragma once

#include <string>
#include <string_view>

#include "serde_test_util.h"

namespace runnel::serde::testing {

// "0a 02 68 69" -> the four bytes; spaces are ignored.
inline std::string Hex(std::string_view hex) {
    auto nibble = [](char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return c - 'A' + 10;
    };
    std::string out;
    int high = -1;
    for (char c : hex) {
        if (c == ' ') continue;
        if (high < 0) {
            high = nibble(c);
        } else {
            out.push_back(static_cast<char>(high * 16 + nibble(c)));
            high = -1;
        }
    }
    return out;
}

// The bytes as lower-case hex pairs separated by spaces.
inline std::string ToHex(std::string_view bytes) {
    static const char* kDigits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        if (!out.empty()) out.push_back(' ');
        out.push_back(kDigits[c >> 4]);
        out.push_back(kDigits[c & 15]);
    }
    return out;
}

}  // namespace runnel::serde::testing
