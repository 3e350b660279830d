// byte_codec.h: order-preserving integers, varints, ByteWriter/ByteReader, PrefixSuccessor.

#include "engine/state/byte_codec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <vector>

namespace runnel::state {
namespace {

TEST(ByteCodecTest, OrderedInt64SortsLikeNumbers) {
    const std::vector<int64_t> values = {
        std::numeric_limits<int64_t>::min(), -1000000, -2, -1, 0, 1, 255, 256, 1700000000000,
        std::numeric_limits<int64_t>::max()};
    std::vector<std::string> encoded;
    for (int64_t v : values) {
        std::string s;
        AppendOrderedInt64(s, v);
        ASSERT_EQ(s.size(), 8u);
        EXPECT_EQ(DecodeOrderedInt64(s.data()), v);
        encoded.push_back(s);
    }
    EXPECT_TRUE(std::is_sorted(encoded.begin(), encoded.end()));
}

TEST(ByteCodecTest, BigEndianMatchesJavaLongLayout) {
    std::string s;
    AppendBigEndian64(s, 0x0102030405060708ULL);
    AppendBigEndian32(s, 0x0a0b0c0dU);
    EXPECT_EQ(s, std::string("\x01\x02\x03\x04\x05\x06\x07\x08\x0a\x0b\x0c\x0d", 12));
    EXPECT_EQ(DecodeBigEndian64(s.data()), 0x0102030405060708ULL);
    EXPECT_EQ(DecodeBigEndian32(s.data() + 8), 0x0a0b0c0dU);
}

TEST(ByteCodecTest, VarintRoundTripsAndRejectsTruncation) {
    for (uint64_t v : {uint64_t{0}, uint64_t{1}, uint64_t{127}, uint64_t{128}, uint64_t{300},
                       uint64_t{1} << 35, std::numeric_limits<uint64_t>::max()}) {
        std::string s;
        AppendVarint(s, v);
        EXPECT_EQ(s.size(), VarintLength(v));
        std::string_view in = s;
        uint64_t out = 0;
        ASSERT_TRUE(ConsumeVarint(in, &out));
        EXPECT_EQ(out, v);
        EXPECT_TRUE(in.empty());
        if (s.size() > 1) {
            std::string_view cut(s.data(), s.size() - 1);
            EXPECT_FALSE(ConsumeVarint(cut, &out));
            EXPECT_EQ(cut.size(), s.size() - 1) << "input untouched on failure";
        }
    }
}

TEST(ByteCodecTest, WriterAndReaderRoundTrip) {
    std::string buf;
    ByteWriter w(buf);
    w.PutByte(7);
    w.PutBool(true);
    w.PutVarint(1234567);
    w.PutSigned(-42);
    w.PutFixed64(0xdeadbeefcafeULL);
    w.PutDouble(-0.125);
    const __int128 big = -(static_cast<__int128>(1) << 100) + 17;
    w.PutInt128(big);
    w.PutBytes(std::string("a\0b", 3));
    w.PutBytes("");

    ByteReader r(buf);
    uint8_t byte;
    bool flag;
    uint64_t u;
    int64_t i;
    uint64_t f;
    double d;
    __int128 dec;
    std::string_view s1, s2;
    ASSERT_TRUE(r.GetByte(&byte));
    ASSERT_TRUE(r.GetBool(&flag));
    ASSERT_TRUE(r.GetVarint(&u));
    ASSERT_TRUE(r.GetSigned(&i));
    ASSERT_TRUE(r.GetFixed64(&f));
    ASSERT_TRUE(r.GetDouble(&d));
    ASSERT_TRUE(r.GetInt128(&dec));
    ASSERT_TRUE(r.GetBytes(&s1));
    ASSERT_TRUE(r.GetBytes(&s2));
    EXPECT_TRUE(r.empty());
    EXPECT_EQ(byte, 7);
    EXPECT_TRUE(flag);
    EXPECT_EQ(u, 1234567u);
    EXPECT_EQ(i, -42);
    EXPECT_EQ(f, 0xdeadbeefcafeULL);
    EXPECT_EQ(d, -0.125);
    EXPECT_TRUE(dec == big);
    EXPECT_EQ(s1, std::string_view("a\0b", 3));
    EXPECT_EQ(s2, "");
    EXPECT_FALSE(r.GetByte(&byte)) << "reading past the end fails";
}

TEST(ByteCodecTest, ReaderRejectsTruncatedFields) {
    std::string buf;
    ByteWriter w(buf);
    w.PutBytes("hello");
    ByteReader short_bytes(std::string_view(buf).substr(0, 3));
    std::string_view v;
    EXPECT_FALSE(short_bytes.GetBytes(&v));
    EXPECT_EQ(short_bytes.remaining(), 3u);
    ByteReader short_fixed(std::string_view("1234567"));
    uint64_t f;
    EXPECT_FALSE(short_fixed.GetFixed64(&f));
    double d;
    EXPECT_FALSE(short_fixed.GetDouble(&d));
}

TEST(ByteCodecTest, PrefixSuccessor) {
    EXPECT_EQ(PrefixSuccessor("abc"), "abd");
    EXPECT_EQ(PrefixSuccessor(std::string("a\xff\xff", 3)), "b");
    EXPECT_EQ(PrefixSuccessor(std::string("\xff\xff", 2)), "");
    EXPECT_EQ(PrefixSuccessor(""), "");
}

}  // namespace
}  // namespace runnel::state
