#include "engine/serde/protobuf_wire.h"

#include <fmt/format.h>

namespace runnel::serde {

namespace {

constexpr int kMaxGroupDepth = 64;

Status Truncated(const char* what) {
    return Status::Invalid(fmt::format("malformed protobuf: truncated {}", what));
}

}  // namespace

void AppendVarint(uint64_t v, std::string& out) {
    char buf[10];
    size_t n = 0;
    while (v >= 0x80) {
        buf[n++] = static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    buf[n++] = static_cast<char>(v);
    out.append(buf, n);
}

size_t VarintSize(uint64_t v) {
    size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        ++n;
    }
    return n;
}

void AppendTag(uint32_t field, WireType type, std::string& out) {
    AppendVarint((static_cast<uint64_t>(field) << 3) | static_cast<uint64_t>(type), out);
}

void AppendFixed32(uint32_t v, std::string& out) {
    char buf[4];
    for (int i = 0; i < 4; ++i) buf[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
    out.append(buf, 4);
}

void AppendFixed64(uint64_t v, std::string& out) {
    char buf[8];
    for (int i = 0; i < 8; ++i) buf[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
    out.append(buf, 8);
}

size_t BeginLengthDelimited(uint32_t field, std::string& out) {
    AppendTag(field, WireType::kLengthDelimited, out);
    out.push_back('\0');
    return out.size() - 1;
}

void EndLengthDelimited(size_t mark, std::string& out) {
    uint64_t length = out.size() - mark - 1;
    size_t width = VarintSize(length);
    if (width > 1) out.insert(mark + 1, width - 1, '\0');
    for (size_t i = 0; i < width; ++i) {
        uint8_t byte = length & 0x7F;
        length >>= 7;
        if (i + 1 < width) byte |= 0x80;
        out[mark + i] = static_cast<char>(byte);
    }
}

void AppendLengthDelimited(uint32_t field, std::string_view bytes, std::string& out) {
    AppendTag(field, WireType::kLengthDelimited, out);
    AppendVarint(bytes.size(), out);
    out.append(bytes.data(), bytes.size());
}

Status ProtoReader::ReadVarint(uint64_t& out) {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (p_ >= end_) return Truncated("varint");
        uint8_t byte = static_cast<uint8_t>(*p_++);
        v |= static_cast<uint64_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) {
            out = v;
            return Status::Ok();
        }
    }
    return Status::Invalid("malformed protobuf: varint longer than 10 bytes");
}

Status ProtoReader::ReadFixed64(uint64_t& out) {
    if (end_ - p_ < 8) return Truncated("fixed64");
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(p_[i])) << (8 * i);
    p_ += 8;
    out = v;
    return Status::Ok();
}

Status ProtoReader::ReadFixed32(uint32_t& out) {
    if (end_ - p_ < 4) return Truncated("fixed32");
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(p_[i])) << (8 * i);
    p_ += 4;
    out = v;
    return Status::Ok();
}

Status ProtoReader::SkipGroup(uint32_t field, int depth) {
    if (depth > kMaxGroupDepth)
        return Status::Invalid("malformed protobuf: groups nested too deep");
    while (true) {
        if (p_ >= end_) return Truncated("group");
        uint64_t tag = 0;
        RETURN_IF_ERROR(ReadVarint(tag));
        uint32_t number = static_cast<uint32_t>(tag >> 3);
        uint64_t scratch = 0;
        switch (static_cast<WireType>(tag & 7)) {
            case WireType::kVarint:
                RETURN_IF_ERROR(ReadVarint(scratch));
                break;
            case WireType::kFixed64:
                RETURN_IF_ERROR(ReadFixed64(scratch));
                break;
            case WireType::kFixed32: {
                uint32_t v = 0;
                RETURN_IF_ERROR(ReadFixed32(v));
                break;
            }
            case WireType::kLengthDelimited:
                RETURN_IF_ERROR(ReadVarint(scratch));
                if (scratch > static_cast<uint64_t>(end_ - p_)) return Truncated("field");
                p_ += scratch;
                break;
            case WireType::kStartGroup:
                RETURN_IF_ERROR(SkipGroup(number, depth + 1));
                break;
            case WireType::kEndGroup:
                if (number != field) {
                    return Status::Invalid("malformed protobuf: mismatched end of group");
                }
                return Status::Ok();
            default:
                return Status::Invalid(
                    fmt::format("malformed protobuf: invalid wire type {}", tag & 7));
        }
    }
}

Status ProtoReader::Next(WireField& out) {
    while (true) {
        out.field = 0;
        if (done()) return Status::Ok();
        uint64_t tag = 0;
        RETURN_IF_ERROR(ReadVarint(tag));
        uint64_t number = tag >> 3;
        if (number == 0 || number > kMaxFieldNumber) {
            return Status::Invalid(
                fmt::format("malformed protobuf: invalid field number {}", number));
        }
        out.field = static_cast<uint32_t>(number);
        out.type = static_cast<WireType>(tag & 7);
        out.number = 0;
        out.bytes = {};
        switch (out.type) {
            case WireType::kVarint:
                return ReadVarint(out.number);
            case WireType::kFixed64:
                return ReadFixed64(out.number);
            case WireType::kFixed32: {
                uint32_t v = 0;
                RETURN_IF_ERROR(ReadFixed32(v));
                out.number = v;
                return Status::Ok();
            }
            case WireType::kLengthDelimited: {
                uint64_t length = 0;
                RETURN_IF_ERROR(ReadVarint(length));
                if (length > static_cast<uint64_t>(end_ - p_)) return Truncated("field");
                out.bytes = std::string_view(p_, length);
                p_ += length;
                return Status::Ok();
            }
            case WireType::kStartGroup:
                RETURN_IF_ERROR(SkipGroup(out.field, 1));
                continue;
            case WireType::kEndGroup:
                return Status::Invalid("malformed protobuf: end of group outside a group");
            default:
                return Status::Invalid(
                    fmt::format("malformed protobuf: invalid wire type {}", tag & 7));
        }
    }
}

}  // namespace runnel::serde
