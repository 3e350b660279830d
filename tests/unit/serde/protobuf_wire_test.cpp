// The protobuf wire primitives: varints, zigzag, fixed widths, length-delimited fields written
// in place, and the reader (unknown wire types, groups, truncation).
#include "engine/serde/protobuf_wire.h"

#include <gtest/gtest.h>

#include "protobuf_test_util.h"

namespace runnel::serde {
namespace {

using testing::Hex;
using testing::ToHex;

std::string Varint(uint64_t v) {
    std::string out;
    AppendVarint(v, out);
    return ToHex(out);
}

TEST(ProtobufWireTest, Varints) {
    EXPECT_EQ(Varint(0), "00");
    EXPECT_EQ(Varint(1), "01");
    EXPECT_EQ(Varint(127), "7f");
    EXPECT_EQ(Varint(128), "80 01");
    EXPECT_EQ(Varint(300), "ac 02");
    EXPECT_EQ(Varint(UINT64_MAX), "ff ff ff ff ff ff ff ff ff 01");
    EXPECT_EQ(VarintSize(0), 1u);
    EXPECT_EQ(VarintSize(127), 1u);
    EXPECT_EQ(VarintSize(128), 2u);
    EXPECT_EQ(VarintSize(UINT64_MAX), 10u);
}

TEST(ProtobufWireTest, NegativeInt32IsSignExtended) {
    std::string out;
    AppendInt32(-1, out);
    EXPECT_EQ(ToHex(out), "ff ff ff ff ff ff ff ff ff 01");
    out.clear();
    AppendInt64(-2, out);
    EXPECT_EQ(ToHex(out), "fe ff ff ff ff ff ff ff ff 01");
}

TEST(ProtobufWireTest, ZigZag) {
    EXPECT_EQ(ZigZag32(0), 0u);
    EXPECT_EQ(ZigZag32(-1), 1u);
    EXPECT_EQ(ZigZag32(1), 2u);
    EXPECT_EQ(ZigZag32(-2), 3u);
    EXPECT_EQ(ZigZag32(INT32_MAX), 0xFFFFFFFEu);
    EXPECT_EQ(ZigZag32(INT32_MIN), 0xFFFFFFFFu);
    EXPECT_EQ(ZigZag64(INT64_MIN), UINT64_MAX);
    for (int64_t v :
         {int64_t{0}, int64_t{-1}, int64_t{7}, int64_t{-123456789012}, INT64_MAX, INT64_MIN}) {
        EXPECT_EQ(UnZigZag64(ZigZag64(v)), v);
    }
    for (int32_t v : {0, -1, 1, 1000, -1000, INT32_MAX, INT32_MIN}) {
        EXPECT_EQ(UnZigZag32(ZigZag32(v)), v);
    }
}

TEST(ProtobufWireTest, TagsAndFixedWidths) {
    std::string out;
    AppendTag(1, WireType::kVarint, out);
    AppendTag(2, WireType::kLengthDelimited, out);
    AppendTag(16, WireType::kFixed64, out);
    EXPECT_EQ(ToHex(out), "08 12 81 01");
    out.clear();
    AppendFixed32(0x01020304, out);
    AppendFixed64(0x0102030405060708ULL, out);
    EXPECT_EQ(ToHex(out), "04 03 02 01 08 07 06 05 04 03 02 01");
}

TEST(ProtobufWireTest, LengthDelimitedInPlace) {
    std::string out;
    size_t mark = BeginLengthDelimited(3, out);
    out += "abc";
    EndLengthDelimited(mark, out);
    EXPECT_EQ(ToHex(out), "1a 03 61 62 63");

    // A payload of 300 bytes needs a two-byte length: the payload moves up by one.
    out = "x";
    mark = BeginLengthDelimited(1, out);
    out += std::string(300, 'z');
    EndLengthDelimited(mark, out);
    ASSERT_EQ(out.size(), 1u + 1 + 2 + 300);
    EXPECT_EQ(ToHex(out.substr(0, 4)), "78 0a ac 02");
    EXPECT_EQ(out.substr(4), std::string(300, 'z'));

    out.clear();
    mark = BeginLengthDelimited(1, out);
    EndLengthDelimited(mark, out);
    EXPECT_EQ(ToHex(out), "0a 00");
}

TEST(ProtobufWireTest, ReaderWalksFields) {
    // 1: varint 150, 2: "hi", 3: fixed64, 4: fixed32, then the end.
    std::string data = Hex("08 96 01 12 02 68 69 19 01 00 00 00 00 00 00 00 25 02 00 00 00");
    ProtoReader r(data);
    WireField f;
    ASSERT_TRUE(r.Next(f).ok());
    EXPECT_EQ(f.field, 1u);
    EXPECT_EQ(f.type, WireType::kVarint);
    EXPECT_EQ(f.number, 150u);
    ASSERT_TRUE(r.Next(f).ok());
    EXPECT_EQ(f.field, 2u);
    EXPECT_EQ(f.type, WireType::kLengthDelimited);
    EXPECT_EQ(f.bytes, "hi");
    ASSERT_TRUE(r.Next(f).ok());
    EXPECT_EQ(f.type, WireType::kFixed64);
    EXPECT_EQ(f.number, 1u);
    ASSERT_TRUE(r.Next(f).ok());
    EXPECT_EQ(f.type, WireType::kFixed32);
    EXPECT_EQ(f.number, 2u);
    ASSERT_TRUE(r.Next(f).ok());
    EXPECT_EQ(f.field, 0u);
    EXPECT_TRUE(r.done());
}

TEST(ProtobufWireTest, ReaderSkipsGroups) {
    // 5: start group { 1: varint 1, 6: start group { } end 6 } end 5, then 2: varint 7.
    std::string data = Hex("2b 08 01 33 34 2c 10 07");
    ProtoReader r(data);
    WireField f;
    ASSERT_TRUE(r.Next(f).ok());
    EXPECT_EQ(f.field, 2u);
    EXPECT_EQ(f.number, 7u);
    ASSERT_TRUE(r.Next(f).ok());
    EXPECT_EQ(f.field, 0u);

    // A trailing group ends the message cleanly.
    std::string trailing = Hex("08 01 2b 2c");
    ProtoReader t(trailing);
    ASSERT_TRUE(t.Next(f).ok());
    EXPECT_EQ(f.field, 1u);
    ASSERT_TRUE(t.Next(f).ok());
    EXPECT_EQ(f.field, 0u);
}

TEST(ProtobufWireTest, ReaderErrors) {
    WireField f;
    auto error = [&](std::string_view hex) {
        std::string data = Hex(hex);
        ProtoReader r(data);
        Status st = Status::Ok();
        while (st.ok()) {
            st = r.Next(f);
            if (st.ok() && f.field == 0) break;
        }
        return st.message();
    };
    EXPECT_EQ(error("08"), "malformed protobuf: truncated varint");
    EXPECT_EQ(error("08 80"), "malformed protobuf: truncated varint");
    EXPECT_EQ(error("12 05 61"), "malformed protobuf: truncated field");
    EXPECT_EQ(error("19 01 02"), "malformed protobuf: truncated fixed64");
    EXPECT_EQ(error("0d 01"), "malformed protobuf: truncated fixed32");
    EXPECT_EQ(error("0e"), "malformed protobuf: invalid wire type 6");
    EXPECT_EQ(error("00 01"), "malformed protobuf: invalid field number 0");
    EXPECT_EQ(error("2c"), "malformed protobuf: end of group outside a group");
    EXPECT_EQ(error("2b 08 01"), "malformed protobuf: truncated group");
    EXPECT_EQ(error("2b 34"), "malformed protobuf: mismatched end of group");
    EXPECT_EQ(error("08 ff ff ff ff ff ff ff ff ff ff 01"),
              "malformed protobuf: varint longer than 10 bytes");
    EXPECT_EQ(error(""), "");
}

}  // namespace
}  // namespace runnel::serde
