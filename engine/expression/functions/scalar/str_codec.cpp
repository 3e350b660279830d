#include "engine/expression/functions/scalar/str_codec.h"

#include "engine/expression/functions/scalar/str_text.h"
#include "engine/serde/base64.h"

namespace runnel::expression::str {

namespace {

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int Base64Value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
        if (x != y) return false;
    }
    return true;
}

}  // namespace

bool ParseEncoding(std::string_view name, Encoding* out) {
    if (EqualsIgnoreCase(name, "hex")) {
        *out = Encoding::kHex;
    } else if (EqualsIgnoreCase(name, "utf8")) {
        *out = Encoding::kUtf8;
    } else if (EqualsIgnoreCase(name, "ascii")) {
        *out = Encoding::kAscii;
    } else if (EqualsIgnoreCase(name, "base64")) {
        *out = Encoding::kBase64;
    } else {
        return false;
    }
    return true;
}

void AppendDecodedUtf8(std::string_view bytes, std::string& out) {
    for (size_t i = 0; i < bytes.size();) {
        size_t start = i;
        char32_t cp = NextCodePoint(bytes, i);
        if (cp == kInvalidUtf8) {
            AppendUtf8(kReplacementChar, out);
        } else {
            out.append(bytes.substr(start, i - start));
        }
    }
}

void AppendDecodedAscii(std::string_view bytes, std::string& out) {
    for (unsigned char c : bytes) {
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else {
            AppendUtf8(kReplacementChar, out);
        }
    }
}

void AppendAsciiBytes(std::string_view text, std::string& out) {
    for (size_t i = 0; i < text.size();) {
        char32_t cp = NextCodePoint(text, i);
        out.push_back(cp < 0x80 ? static_cast<char>(cp) : '?');
    }
}

void AppendHex(std::string_view bytes, bool upper_case, std::string& out) {
    const char* digits = upper_case ? "0123456789ABCDEF" : "0123456789abcdef";
    for (unsigned char c : bytes) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
}

bool DecodeHex(std::string_view text, std::string& out) {
    if (text.size() % 2 != 0) return false;
    for (size_t i = 0; i < text.size(); i += 2) {
        int hi = HexValue(text[i]), lo = HexValue(text[i + 1]);
        if (hi < 0 || lo < 0) return false;
        out.push_back(static_cast<char>((hi << 4) | lo));
    }
    return true;
}

bool DecodeBase64Lenient(std::string_view text, std::string& out) {
    uint32_t acc = 0;
    int bits = 0;
    int group = 0;  // sextets in the current 4-character group
    for (char c : text) {
        if (c == '=') break;
        int v = Base64Value(c);
        if (v < 0) continue;
        acc = (acc << 6) | static_cast<uint32_t>(v);
        bits += 6;
        group = (group + 1) % 4;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    return group != 1;
}

void AppendBase64Mime(std::string_view bytes, std::string& out) {
    std::string plain;
    serde::AppendBase64(bytes, plain);
    for (size_t i = 0; i < plain.size(); i += 76) {
        if (i > 0) out.append("\r\n");
        out.append(plain, i, 76);
    }
}

}  // namespace runnel::expression::str
