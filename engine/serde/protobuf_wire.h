// Protocol Buffers wire format, written from the public encoding spec (no libprotobuf): varints,
// zigzag, fixed 32/64-bit little-endian, tags, length-delimited fields, and a reader that walks a
// message's fields and skips the ones it does not know (groups included).
// Appending functions are pure; a ProtoReader is a cursor over caller-owned bytes (not
// thread-safe; cheap to copy).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/common/status.h"

namespace runnel::serde {

enum class WireType : uint8_t {
    kVarint = 0,
    kFixed64 = 1,
    kLengthDelimited = 2,
    kStartGroup = 3,
    kEndGroup = 4,
    kFixed32 = 5,
};

// Field numbers are 1 .. 2^29 - 1.
inline constexpr uint32_t kMaxFieldNumber = (1u << 29) - 1;

void AppendVarint(uint64_t v, std::string& out);
// The number of bytes AppendVarint writes for v (1..10).
size_t VarintSize(uint64_t v);
void AppendTag(uint32_t field, WireType type, std::string& out);
void AppendFixed32(uint32_t v, std::string& out);
void AppendFixed64(uint64_t v, std::string& out);

// int32 fields are sign-extended to 64 bits (negative values take 10 bytes).
inline void AppendInt32(int32_t v, std::string& out) {
    AppendVarint(static_cast<uint64_t>(static_cast<int64_t>(v)), out);
}
inline void AppendInt64(int64_t v, std::string& out) {
    AppendVarint(static_cast<uint64_t>(v), out);
}

// sint32 / sint64: zigzag maps 0, -1, 1, -2 ... to 0, 1, 2, 3 ...
inline constexpr uint32_t ZigZag32(int32_t v) {
    return (static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31);
}
inline constexpr uint64_t ZigZag64(int64_t v) {
    return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline constexpr int32_t UnZigZag32(uint32_t v) {
    return static_cast<int32_t>((v >> 1) ^ (~(v & 1) + 1));
}
inline constexpr int64_t UnZigZag64(uint64_t v) {
    return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
}

// A length-delimited field whose payload is written in place: Begin writes the tag and a
// one-byte length placeholder and returns its position; End fills in the length, moving the
// payload when the length needs more than one byte.
size_t BeginLengthDelimited(uint32_t field, std::string& out);
void EndLengthDelimited(size_t mark, std::string& out);

// Tag + length + bytes.
void AppendLengthDelimited(uint32_t field, std::string_view bytes, std::string& out);

// One field as read from the wire. For kLengthDelimited `bytes` is the payload; for the
// numeric wire types `number` holds the raw varint / fixed bits.
struct WireField {
    uint32_t field = 0;
    WireType type = WireType::kVarint;
    uint64_t number = 0;
    std::string_view bytes;
};

class ProtoReader {
public:
    explicit ProtoReader(std::string_view data)
        : p_(data.data()), end_(data.data() + data.size()) {}

    bool done() const { return p_ >= end_; }

    // Reads the next field; out.field is 0 at the end of the data. Groups (wire types 3/4) are
    // skipped whole, so a caller only sees varint, fixed and length-delimited fields. Errors on
    // truncated or malformed input.
    Status Next(WireField& out);

    // Reads one varint (for packed repeated payloads).
    Status ReadVarint(uint64_t& out);
    Status ReadFixed64(uint64_t& out);
    Status ReadFixed32(uint32_t& out);

private:
    Status SkipGroup(uint32_t field, int depth);

    const char* p_;
    const char* end_;
};

}  // namespace runnel::serde
