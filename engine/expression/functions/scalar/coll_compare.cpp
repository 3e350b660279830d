#include "engine/expression/functions/scalar/coll_compare.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>

namespace runnel::expression::builtin {

namespace {

// Decodes the UTF-8 code point starting at s[i] (lenient: a malformed byte stands for itself).
uint32_t DecodeAt(std::string_view s, size_t i) {
    auto b = static_cast<unsigned char>(s[i]);
    auto cont = [&](size_t k) -> uint32_t {
        return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) & 0x3Fu : 0u;
    };
    if (b < 0x80) return b;
    if (b >= 0xF0) return ((b & 0x07u) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
    if (b >= 0xE0) return ((b & 0x0Fu) << 12) | (cont(1) << 6) | cont(2);
    if (b >= 0xC0) return ((b & 0x1Fu) << 6) | cont(1);
    return b;
}

// A key whose order is the order of the code point's first UTF-16 unit: supplementary code
// points (surrogates D800..DFFF) sort between U+D7FF and U+E000.
uint32_t Utf16OrderKey(uint32_t cp) {
    if (cp < 0xD800) return cp;
    if (cp >= 0x10000) return cp;  // 0x10000..0x10FFFF: above the BMP below E000
    return cp + 0x200000;          // U+E000..U+FFFF sort after all surrogates
}

int Sign(int64_t v) { return v < 0 ? -1 : (v > 0 ? 1 : 0); }

uint64_t DoubleBitsForEquals(double d) {
    if (std::isnan(d)) return 0x7ff8000000000000ull;
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof bits);
    return bits;
}

size_t Mix(size_t h, size_t v) { return h * 31u + v; }

}  // namespace

int CompareJavaStrings(std::string_view a, std::string_view b) {
    size_t n = a.size() < b.size() ? a.size() : b.size();
    size_t i = 0;
    while (i < n && a[i] == b[i]) ++i;
    if (i == n) return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
    // Back up to the first byte of the code point that differs (continuation bytes 10xxxxxx).
    while (i > 0 && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80) --i;
    uint32_t ka = Utf16OrderKey(DecodeAt(a, i)), kb = Utf16OrderKey(DecodeAt(b, i));
    if (ka != kb) return ka < kb ? -1 : 1;
    return a.compare(b) < 0 ? -1 : 1;
}

int CompareScalar(const Value& a, const Value& b, TextOrder order) {
    switch (a.tag()) {
        case Value::Tag::kBool:
            return a.AsBool() == b.AsBool() ? 0 : (a.AsBool() ? 1 : -1);
        case Value::Tag::kInt:
            return a.AsInt() < b.AsInt() ? -1 : (a.AsInt() > b.AsInt() ? 1 : 0);
        case Value::Tag::kDouble: {
            double x = a.AsDouble(), y = b.AsDouble();
            if (x < y) return -1;
            if (x > y) return 1;
            // Equal or NaN involved: Double.compare orders by the bits' sign-magnitude value.
            int64_t bx = static_cast<int64_t>(DoubleBitsForEquals(x));
            int64_t by = static_cast<int64_t>(DoubleBitsForEquals(y));
            return Sign(bx < by ? -1 : (bx > by ? 1 : 0));
        }
        case Value::Tag::kDecimal:
            return a.AsDecimal() < b.AsDecimal() ? -1 : (a.AsDecimal() > b.AsDecimal() ? 1 : 0);
        case Value::Tag::kString: {
            std::string_view x = a.AsString(), y = b.AsString();
            if (order == TextOrder::kString) return CompareJavaStrings(x, y);
            size_t n = x.size() < y.size() ? x.size() : y.size();
            for (size_t i = 0; i < n; ++i) {
                auto cx = static_cast<signed char>(x[i]), cy = static_cast<signed char>(y[i]);
                if (cx != cy) return cx < cy ? -1 : 1;
            }
            return x.size() == y.size() ? 0 : (x.size() < y.size() ? -1 : 1);
        }
        default:
            return 0;
    }
}

bool JavaEquals(const Value& a, const Value& b) {
    if (a.tag() != b.tag()) return false;
    switch (a.tag()) {
        case Value::Tag::kNull:
            return true;
        case Value::Tag::kBool:
            return a.AsBool() == b.AsBool();
        case Value::Tag::kInt:
            return a.AsInt() == b.AsInt();
        case Value::Tag::kDouble:
            return DoubleBitsForEquals(a.AsDouble()) == DoubleBitsForEquals(b.AsDouble());
        case Value::Tag::kDecimal:
            return a.AsDecimal() == b.AsDecimal();
        case Value::Tag::kString:
            return a.AsString() == b.AsString();
        case Value::Tag::kList: {
            const auto& x = a.AsList();
            const auto& y = b.AsList();
            if (x.size() != y.size()) return false;
            for (size_t i = 0; i < x.size(); ++i) {
                if (!JavaEquals(x[i], y[i])) return false;
            }
            return true;
        }
        case Value::Tag::kMap: {
            const auto& x = a.AsMap();
            const auto& y = b.AsMap();
            if (x.size() != y.size()) return false;
            for (const auto& [k, v] : x) {
                bool found = false;
                for (const auto& [k2, v2] : y) {
                    if (JavaEquals(k, k2)) {
                        found = JavaEquals(v, v2);
                        break;
                    }
                }
                if (!found) return false;
            }
            return true;
        }
    }
    return false;
}

size_t JavaHash(const Value& v) {
    switch (v.tag()) {
        case Value::Tag::kNull:
            return 0;
        case Value::Tag::kBool:
            return v.AsBool() ? 1231 : 1237;
        case Value::Tag::kInt:
            return std::hash<int64_t>()(v.AsInt());
        case Value::Tag::kDouble:
            return std::hash<uint64_t>()(DoubleBitsForEquals(v.AsDouble()));
        case Value::Tag::kDecimal: {
            auto u = static_cast<unsigned __int128>(v.AsDecimal());
            return Mix(std::hash<uint64_t>()(static_cast<uint64_t>(u)),
                       std::hash<uint64_t>()(static_cast<uint64_t>(u >> 64)));
        }
        case Value::Tag::kString:
            return std::hash<std::string_view>()(v.AsString());
        case Value::Tag::kList: {
            size_t h = 1;
            for (const auto& e : v.AsList()) h = Mix(h, JavaHash(e));
            return h;
        }
        case Value::Tag::kMap: {
            size_t h = 0;  // a sum: independent of entry order
            for (const auto& [k, e] : v.AsMap())
                h += JavaHash(k) ^ (JavaHash(e) * 0x9e3779b97f4a7c15ull);
            return h;
        }
    }
    return 0;
}

}  // namespace runnel::expression::builtin
