// Byte encodings used by the state layer, and the compact encoding helper operators use to
// serialise aggregate state into store values.
//
// - Ordered int64 (AppendOrderedInt64): 8 bytes big-endian with the sign bit flipped, so that
//   memcmp order equals numeric order, negatives included. Used inside store keys.
// - Plain big-endian int64/int32: Kafka Streams' encoding of window and session timestamps in
//   changelog keys.
// - Varint (LEB128, 1-10 bytes) and zig-zag for signed values.
// - ByteWriter / ByteReader: append/consume a sequence of fields with no framing of their own;
//   the operator decides the field order (and should start with a version byte of its own).
//   Fixed-width fields (PutFixed64, PutDouble, PutInt128) cost no branches; varints are compact
//   for small counts. Strings go length-prefixed (varint length + bytes). Every Get* checks the
//   remaining length and returns false on truncated input instead of reading past the end.
//
// Example (an AVG state of sum and count):
//     std::string buf;                        // reused across records
//     ByteWriter w(buf);  w.PutByte(1);  w.PutDouble(sum);  w.PutVarint(count);
//     ...
//     ByteReader r(value);  uint8_t version;  double sum;  uint64_t count;
//     if (!r.GetByte(&version) || !r.GetDouble(&sum) || !r.GetVarint(&count)) { corrupt }
//
// Thread-safe: free functions are pure; a ByteWriter/ByteReader object belongs to one thread.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace runnel::state {

// ---------------------------------------------------------------- fixed width --

inline void AppendBigEndian64(std::string& out, uint64_t v) {
    char b[8];
    for (int i = 7; i >= 0; --i) {
        b[i] = static_cast<char>(v & 0xff);
        v >>= 8;
    }
    out.append(b, 8);
}

inline uint64_t DecodeBigEndian64(const char* p) {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
    return v;
}

inline void AppendBigEndian32(std::string& out, uint32_t v) {
    const char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
    out.append(b, 4);
}

inline uint32_t DecodeBigEndian32(const char* p) {
    return (static_cast<uint32_t>(static_cast<uint8_t>(p[0])) << 24) |
           (static_cast<uint32_t>(static_cast<uint8_t>(p[1])) << 16) |
           (static_cast<uint32_t>(static_cast<uint8_t>(p[2])) << 8) |
           static_cast<uint32_t>(static_cast<uint8_t>(p[3]));
}

// Order-preserving: memcmp(Enc(a), Enc(b)) has the sign of a - b.
inline void AppendOrderedInt64(std::string& out, int64_t v) {
    AppendBigEndian64(out, static_cast<uint64_t>(v) ^ (uint64_t{1} << 63));
}

inline int64_t DecodeOrderedInt64(const char* p) {
    return static_cast<int64_t>(DecodeBigEndian64(p) ^ (uint64_t{1} << 63));
}

inline void AppendLittleEndian64(std::string& out, uint64_t v) {
    char b[8];
    for (int i = 0; i < 8; ++i) {
        b[i] = static_cast<char>(v & 0xff);
        v >>= 8;
    }
    out.append(b, 8);
}

inline uint64_t DecodeLittleEndian64(const char* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(p[i]);
    return v;
}

// ---------------------------------------------------------------- varint --

inline size_t VarintLength(uint64_t v) {
    size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        ++n;
    }
    return n;
}

inline void AppendVarint(std::string& out, uint64_t v) {
    char b[10];
    size_t n = 0;
    while (v >= 0x80) {
        b[n++] = static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    b[n++] = static_cast<char>(v);
    out.append(b, n);
}

// Consumes a varint from the front of `in`; false (and `in` unchanged) when truncated or longer
// than 10 bytes.
inline bool ConsumeVarint(std::string_view& in, uint64_t* v) {
    uint64_t result = 0;
    for (size_t i = 0; i < in.size() && i < 10; ++i) {
        const uint8_t byte = static_cast<uint8_t>(in[i]);
        result |= static_cast<uint64_t>(byte & 0x7f) << (7 * i);
        if ((byte & 0x80) == 0) {
            *v = result;
            in.remove_prefix(i + 1);
            return true;
        }
    }
    return false;
}

inline uint64_t ZigZag(int64_t v) {
    return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline int64_t UnZigZag(uint64_t v) {
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

// ---------------------------------------------------------------- writer / reader --

// Appends fields to a caller-owned string (not cleared: clear it yourself to reuse it).
class ByteWriter {
public:
    explicit ByteWriter(std::string& out) : out_(out) {}

    void PutByte(uint8_t v) { out_.push_back(static_cast<char>(v)); }
    void PutBool(bool v) { PutByte(v ? 1 : 0); }
    void PutVarint(uint64_t v) { AppendVarint(out_, v); }
    void PutSigned(int64_t v) { AppendVarint(out_, ZigZag(v)); }  // zig-zag varint
    void PutFixed64(uint64_t v) { AppendLittleEndian64(out_, v); }
    void PutDouble(double v) {
        uint64_t bits;
        std::memcpy(&bits, &v, 8);
        PutFixed64(bits);
    }
    void PutInt128(__int128 v) {  // DECIMAL unscaled values, 16 bytes
        const auto u = static_cast<unsigned __int128>(v);
        PutFixed64(static_cast<uint64_t>(u));
        PutFixed64(static_cast<uint64_t>(u >> 64));
    }
    void PutBytes(std::string_view v) {  // varint length + bytes
        PutVarint(v.size());
        out_.append(v.data(), v.size());
    }
    void PutRaw(std::string_view v) { out_.append(v.data(), v.size()); }  // no length

    std::string& buffer() { return out_; }

private:
    std::string& out_;
};

// Consumes fields from the front of a byte view. Views returned by GetBytes point into the
// input and live as long as it does.
class ByteReader {
public:
    explicit ByteReader(std::string_view in) : in_(in) {}

    bool GetByte(uint8_t* v) {
        if (in_.empty()) return false;
        *v = static_cast<uint8_t>(in_[0]);
        in_.remove_prefix(1);
        return true;
    }
    bool GetBool(bool* v) {
        uint8_t b;
        if (!GetByte(&b)) return false;
        *v = b != 0;
        return true;
    }
    bool GetVarint(uint64_t* v) { return ConsumeVarint(in_, v); }
    bool GetSigned(int64_t* v) {
        uint64_t u;
        if (!ConsumeVarint(in_, &u)) return false;
        *v = UnZigZag(u);
        return true;
    }
    bool GetFixed64(uint64_t* v) {
        if (in_.size() < 8) return false;
        *v = DecodeLittleEndian64(in_.data());
        in_.remove_prefix(8);
        return true;
    }
    bool GetDouble(double* v) {
        uint64_t bits;
        if (!GetFixed64(&bits)) return false;
        std::memcpy(v, &bits, 8);
        return true;
    }
    bool GetInt128(__int128* v) {
        uint64_t lo, hi;
        if (in_.size() < 16) return false;
        GetFixed64(&lo);
        GetFixed64(&hi);
        *v = static_cast<__int128>((static_cast<unsigned __int128>(hi) << 64) | lo);
        return true;
    }
    bool GetBytes(std::string_view* v) {
        std::string_view save = in_;
        uint64_t n;
        if (!ConsumeVarint(in_, &n) || n > in_.size()) {
            in_ = save;
            return false;
        }
        *v = in_.substr(0, n);
        in_.remove_prefix(n);
        return true;
    }
    bool GetRaw(size_t n, std::string_view* v) {
        if (n > in_.size()) return false;
        *v = in_.substr(0, n);
        in_.remove_prefix(n);
        return true;
    }

    bool empty() const { return in_.empty(); }
    size_t remaining() const { return in_.size(); }

private:
    std::string_view in_;
};

// The smallest byte string greater than every string that starts with `prefix` (increment the
// last byte that is not 0xff, drop what follows). Empty result: no such bound (all 0xff).
std::string PrefixSuccessor(std::string_view prefix);

}  // namespace runnel::state
