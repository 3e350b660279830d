#include "engine/common/value_codec.h"

#include <cstdint>
#include <cstring>
#include <memory>

namespace runnel {

namespace {

enum : uint8_t {
    kTagNull = 0,
    kTagFalse = 1,
    kTagTrue = 2,
    kTagInt = 3,
    kTagDouble = 4,
    kTagDecimal = 5,
    kTagString = 6,
    kTagList = 7,
    kTagMap = 8,
};

using u128 = unsigned __int128;

void PutVarint(uint64_t v, std::string& out) {
    char buf[10];
    size_t n = 0;
    while (v >= 0x80) {
        buf[n++] = static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    buf[n++] = static_cast<char>(v);
    out.append(buf, n);
}

void PutVarint128(u128 v, std::string& out) {
    char buf[19];
    size_t n = 0;
    while (v >= 0x80) {
        buf[n++] = static_cast<char>((static_cast<uint8_t>(v) & 0x7f) | 0x80);
        v >>= 7;
    }
    buf[n++] = static_cast<char>(static_cast<uint8_t>(v));
    out.append(buf, n);
}

bool GetVarint(std::string_view& in, uint64_t& v) {
    v = 0;
    for (int shift = 0, i = 0; i < 10; ++i, shift += 7) {
        if (in.empty()) return false;
        auto b = static_cast<uint8_t>(in.front());
        in.remove_prefix(1);
        if (i == 9 && b > 1) return false;  // more than 64 bits
        v |= static_cast<uint64_t>(b & 0x7f) << shift;
        if ((b & 0x80) == 0) return true;
    }
    return false;
}

bool GetVarint128(std::string_view& in, u128& v) {
    v = 0;
    for (int shift = 0, i = 0; i < 19; ++i, shift += 7) {
        if (in.empty()) return false;
        auto b = static_cast<uint8_t>(in.front());
        in.remove_prefix(1);
        if (i == 18 && b > 3) return false;  // more than 128 bits
        v |= static_cast<u128>(b & 0x7f) << shift;
        if ((b & 0x80) == 0) return true;
    }
    return false;
}

uint64_t ZigZag(int64_t v) {
    return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}

int64_t UnZigZag(uint64_t u) { return static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1)); }

u128 ZigZag128(__int128 v) { return (static_cast<u128>(v) << 1) ^ static_cast<u128>(v >> 127); }

__int128 UnZigZag128(u128 u) { return static_cast<__int128>((u >> 1) ^ (~(u & 1) + 1)); }

bool ReadAt(std::string_view& in, Value& out, int depth);

bool ReadCount(std::string_view& in, size_t per_item, size_t& count) {
    uint64_t n;
    if (!GetVarint(in, n)) return false;
    // Every encoded value takes at least one byte: a count beyond the input is corrupt, and
    // refusing it keeps a bad length from reserving gigabytes.
    if (n > in.size() / per_item) return false;
    count = static_cast<size_t>(n);
    return true;
}

bool ReadAt(std::string_view& in, Value& out, int depth) {
    if (in.empty()) return false;
    auto tag = static_cast<uint8_t>(in.front());
    in.remove_prefix(1);
    switch (tag) {
        case kTagNull:
            out.SetNull();
            return true;
        case kTagFalse:
            out.SetBool(false);
            return true;
        case kTagTrue:
            out.SetBool(true);
            return true;
        case kTagInt: {
            uint64_t u;
            if (!GetVarint(in, u)) return false;
            out.SetInt(UnZigZag(u));
            return true;
        }
        case kTagDouble: {
            if (in.size() < 8) return false;
            uint64_t bits = 0;
            for (int i = 7; i >= 0; --i) bits = (bits << 8) | static_cast<uint8_t>(in[i]);
            in.remove_prefix(8);
            double d;
            std::memcpy(&d, &bits, sizeof d);
            out.SetDouble(d);
            return true;
        }
        case kTagDecimal: {
            u128 u;
            if (!GetVarint128(in, u)) return false;
            out.SetDecimal(UnZigZag128(u));
            return true;
        }
        case kTagString: {
            uint64_t n;
            if (!GetVarint(in, n) || n > in.size()) return false;
            out.MutableString().assign(in.data(), static_cast<size_t>(n));
            in.remove_prefix(static_cast<size_t>(n));
            return true;
        }
        case kTagList: {
            if (depth >= kMaxValueDepth) return false;
            size_t n;
            if (!ReadCount(in, 1, n)) return false;
            auto list = std::make_shared<ValueList>(n);
            for (auto& item : *list) {
                if (!ReadAt(in, item, depth + 1)) return false;
            }
            out.SetList(std::move(list));
            return true;
        }
        case kTagMap: {
            if (depth >= kMaxValueDepth) return false;
            size_t n;
            if (!ReadCount(in, 2, n)) return false;
            auto map = std::make_shared<ValueMap>(n);
            for (auto& [k, v] : *map) {
                if (!ReadAt(in, k, depth + 1) || !ReadAt(in, v, depth + 1)) return false;
            }
            out.SetMap(std::move(map));
            return true;
        }
        default:
            return false;
    }
}

}  // namespace

void AppendValue(const Value& v, std::string& out) {
    switch (v.tag()) {
        case Value::Tag::kNull:
            out.push_back(static_cast<char>(kTagNull));
            return;
        case Value::Tag::kBool:
            out.push_back(static_cast<char>(v.AsBool() ? kTagTrue : kTagFalse));
            return;
        case Value::Tag::kInt:
            out.push_back(static_cast<char>(kTagInt));
            PutVarint(ZigZag(v.AsInt()), out);
            return;
        case Value::Tag::kDouble: {
            double d = v.AsDouble();
            uint64_t bits;
            std::memcpy(&bits, &d, sizeof bits);
            char buf[9];
            buf[0] = static_cast<char>(kTagDouble);
            for (int i = 0; i < 8; ++i) buf[1 + i] = static_cast<char>((bits >> (8 * i)) & 0xff);
            out.append(buf, 9);
            return;
        }
        case Value::Tag::kDecimal:
            out.push_back(static_cast<char>(kTagDecimal));
            PutVarint128(ZigZag128(v.AsDecimal()), out);
            return;
        case Value::Tag::kString: {
            auto s = v.AsString();
            out.push_back(static_cast<char>(kTagString));
            PutVarint(s.size(), out);
            out.append(s.data(), s.size());
            return;
        }
        case Value::Tag::kList: {
            const auto& l = v.AsList();
            out.push_back(static_cast<char>(kTagList));
            PutVarint(l.size(), out);
            for (const auto& item : l) AppendValue(item, out);
            return;
        }
        case Value::Tag::kMap: {
            const auto& m = v.AsMap();
            out.push_back(static_cast<char>(kTagMap));
            PutVarint(m.size(), out);
            for (const auto& [k, val] : m) {
                AppendValue(k, out);
                AppendValue(val, out);
            }
            return;
        }
    }
}

bool ReadValue(std::string_view& in, Value& out) { return ReadAt(in, out, 0); }

void AppendValues(const Value* v, size_t n, std::string& out) {
    PutVarint(n, out);
    for (size_t i = 0; i < n; ++i) AppendValue(v[i], out);
}

bool ReadValues(std::string_view& in, std::vector<Value>& out) {
    size_t n;
    if (!ReadCount(in, 1, n)) return false;
    out.resize(n);
    for (auto& v : out) {
        if (!ReadAt(in, v, 0)) return false;
    }
    return true;
}

}  // namespace runnel
