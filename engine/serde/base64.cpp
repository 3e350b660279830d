#include "engine/serde/base64.h"

#include <array>
#include <cstdint>

namespace runnel::serde {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int8_t, 256> MakeDecodeTable() {
    std::array<int8_t, 256> t{};
    for (auto& v : t) v = -1;
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = int8_t(i);
    return t;
}

constexpr std::array<int8_t, 256> kDecode = MakeDecodeTable();

}  // namespace

void AppendBase64(std::string_view bytes, std::string& out) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    size_t n = bytes.size();
    size_t i = 0;
    size_t base = out.size();
    out.resize(base + (n + 2) / 3 * 4);
    char* w = out.data() + base;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t(p[i]) << 16) | (uint32_t(p[i + 1]) << 8) | p[i + 2];
        *w++ = kAlphabet[(v >> 18) & 63];
        *w++ = kAlphabet[(v >> 12) & 63];
        *w++ = kAlphabet[(v >> 6) & 63];
        *w++ = kAlphabet[v & 63];
    }
    if (n - i == 1) {
        uint32_t v = uint32_t(p[i]) << 16;
        *w++ = kAlphabet[(v >> 18) & 63];
        *w++ = kAlphabet[(v >> 12) & 63];
        *w++ = '=';
        *w++ = '=';
    } else if (n - i == 2) {
        uint32_t v = (uint32_t(p[i]) << 16) | (uint32_t(p[i + 1]) << 8);
        *w++ = kAlphabet[(v >> 18) & 63];
        *w++ = kAlphabet[(v >> 12) & 63];
        *w++ = kAlphabet[(v >> 6) & 63];
        *w++ = '=';
    }
}

bool DecodeBase64(std::string_view text, std::string& out) {
    out.clear();
    size_t n = text.size();
    size_t pad = 0;
    if (n > 0 && text[n - 1] == '=') {
        ++pad;
        if (n > 1 && text[n - 2] == '=') ++pad;
        if (n % 4 != 0) return false;  // padded input comes in whole quads
    }
    size_t data_len = n - pad;
    if (data_len % 4 == 1) return false;  // one leftover char carries under a byte
    out.reserve(data_len * 3 / 4);
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < data_len; ++i) {
        int8_t v = kDecode[static_cast<unsigned char>(text[i])];
        if (v < 0) return false;
        acc = (acc << 6) | uint32_t(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(char((acc >> bits) & 0xFF));
        }
    }
    return true;
}

}  // namespace runnel::serde
