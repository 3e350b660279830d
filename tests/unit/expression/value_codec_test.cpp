// The self-describing Value codec (engine/common/value_codec.h): round trips of every tag,
// nesting, compactness, and rejection of truncated or corrupt input.
#include "engine/common/value_codec.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace runnel {
namespace {

std::string Encode(const Value& v) {
    std::string out;
    AppendValue(v, out);
    return out;
}

Value Decode(const std::string& bytes) {
    std::string_view in = bytes;
    Value v;
    EXPECT_TRUE(ReadValue(in, v));
    EXPECT_TRUE(in.empty());
    return v;
}

void ExpectRoundTrip(const Value& v) {
    Value back = Decode(Encode(v));
    EXPECT_EQ(back.tag(), v.tag()) << v.DebugString();
    EXPECT_EQ(back, v) << v.DebugString() << " -> " << back.DebugString();
}

TEST(ValueCodecTest, Scalars) {
    ExpectRoundTrip(Value());
    ExpectRoundTrip(Value::Bool(true));
    ExpectRoundTrip(Value::Bool(false));
    for (int64_t i : {int64_t{0}, int64_t{1}, int64_t{-1}, int64_t{63}, int64_t{-64}, int64_t{64},
                      int64_t{300}, int64_t{-2147483648LL}, std::numeric_limits<int64_t>::max(),
                      std::numeric_limits<int64_t>::min()}) {
        ExpectRoundTrip(Value::Int(i));
    }
    for (double d : {0.0, -0.0, 1.5, -2.25e300, std::numeric_limits<double>::denorm_min(),
                     std::numeric_limits<double>::infinity()}) {
        ExpectRoundTrip(Value::Double(d));
    }
    Value nan = Decode(Encode(Value::Double(std::nan(""))));
    EXPECT_TRUE(std::isnan(nan.AsDouble()));
    EXPECT_TRUE(std::signbit(Decode(Encode(Value::Double(-0.0))).AsDouble()));
}

TEST(ValueCodecTest, Decimals) {
    __int128 max38 = 1;
    for (int i = 0; i < 38; ++i) max38 *= 10;
    max38 -= 1;
    for (__int128 d : {__int128{0}, __int128{12345}, __int128{-12345}, max38, -max38,
                       static_cast<__int128>(~(static_cast<unsigned __int128>(1) << 127)),
                       static_cast<__int128>(static_cast<unsigned __int128>(1) << 127)}) {
        ExpectRoundTrip(Value::Decimal(d));
    }
}

TEST(ValueCodecTest, StringsAndBytes) {
    ExpectRoundTrip(Value::String(""));
    ExpectRoundTrip(Value::String("hello"));
    ExpectRoundTrip(Value::String(std::string("a\0b\xff", 4)));
    ExpectRoundTrip(Value::String(std::string(100000, 'x')));
}

TEST(ValueCodecTest, ListsAndMapsNest) {
    Value inner = Value::List({Value::Int(1), Value(), Value::String("s")});
    Value map = Value::Map({{Value::String("k1"), inner},
                            {Value::String("k2"), Value::Map({})},
                            {Value(), Value::Decimal(-5)}});
    Value v = Value::List({map, Value::List({}), Value::Double(2.5), Value::Bool(true), inner});
    ExpectRoundTrip(v);
    ExpectRoundTrip(Value::List({}));
    ExpectRoundTrip(Value::Map({}));
    // Map entry order is kept.
    Value back = Decode(Encode(map));
    EXPECT_EQ(back.AsMap()[0].first, Value::String("k1"));
    EXPECT_TRUE(back.AsMap()[2].first.is_null());
}

TEST(ValueCodecTest, Compact) {
    EXPECT_EQ(Encode(Value()).size(), 1u);
    EXPECT_EQ(Encode(Value::Bool(true)).size(), 1u);
    EXPECT_EQ(Encode(Value::Int(5)).size(), 2u);
    EXPECT_EQ(Encode(Value::Int(-64)).size(), 2u);
    EXPECT_EQ(Encode(Value::Int(std::numeric_limits<int64_t>::min())).size(), 11u);
    EXPECT_EQ(Encode(Value::Double(1.0)).size(), 9u);
    EXPECT_EQ(Encode(Value::Decimal(123)).size(), 3u);
    EXPECT_EQ(Encode(Value::String("abc")).size(), 5u);
}

TEST(ValueCodecTest, SequenceOfValues) {
    std::vector<Value> row = {Value::Int(7), Value::String("x"), Value(),
                              Value::List({Value::Int(1)})};
    std::string bytes;
    AppendValues(row.data(), row.size(), bytes);
    AppendValue(Value::Int(99), bytes);  // what follows stays unread
    std::string_view in = bytes;
    std::vector<Value> back = {Value::String("old"), Value::String("old2")};
    ASSERT_TRUE(ReadValues(in, back));
    EXPECT_EQ(back, row);
    Value tail;
    ASSERT_TRUE(ReadValue(in, tail));
    EXPECT_EQ(tail, Value::Int(99));
    EXPECT_TRUE(in.empty());

    std::string empty;
    AppendValues(nullptr, 0, empty);
    in = empty;
    ASSERT_TRUE(ReadValues(in, back));
    EXPECT_TRUE(back.empty());
}

TEST(ValueCodecTest, ReusesStringSlot) {
    Value slot = Value::String(std::string(64, 'z'));
    std::string bytes = Encode(Value::String("short"));
    std::string_view in = bytes;
    ASSERT_TRUE(ReadValue(in, slot));
    EXPECT_EQ(slot.AsString(), "short");
}

TEST(ValueCodecTest, TruncatedInputFails) {
    Value v = Value::List({Value::Map({{Value::String("key"), Value::Double(1.5)}}),
                           Value::Int(1000000), Value::Decimal(-123456789), Value::Bool(false)});
    std::string bytes = Encode(v);
    for (size_t n = 0; n < bytes.size(); ++n) {
        std::string_view in(bytes.data(), n);
        Value out;
        EXPECT_FALSE(ReadValue(in, out)) << "prefix of " << n << " bytes";
    }
    std::string seq;
    AppendValues(&v, 1, seq);
    for (size_t n = 0; n < seq.size(); ++n) {
        std::string_view in(seq.data(), n);
        std::vector<Value> out;
        EXPECT_FALSE(ReadValues(in, out)) << "prefix of " << n << " bytes";
    }
}

TEST(ValueCodecTest, CorruptInputFails) {
    auto fails = [](std::string bytes) {
        std::string_view in = bytes;
        Value out;
        return !ReadValue(in, out);
    };
    EXPECT_TRUE(fails(std::string(1, '\x09')));                     // unknown tag
    EXPECT_TRUE(fails(std::string(1, '\xff')));                     // unknown tag
    EXPECT_TRUE(fails("\x03" + std::string(11, '\xff')));           // varint too long
    EXPECT_TRUE(fails("\x03" + std::string(9, '\xff') + "\x02"));   // beyond 64 bits
    EXPECT_TRUE(fails("\x05" + std::string(18, '\xff') + "\x04"));  // beyond 128 bits
    EXPECT_TRUE(
        fails(std::string("\x06\x05"
                          "abc",
                          5)));  // string longer than input
    // A list claiming far more elements than bytes left is refused before allocating.
    EXPECT_TRUE(fails(std::string("\x07\xff\xff\xff\xff\x0f\x00", 7)));
    EXPECT_TRUE(fails(std::string("\x08\x02\x00\x00\x00", 5)));  // map: 2 entries, 3 values
    // Nesting deeper than kMaxValueDepth.
    std::string deep;
    for (int i = 0; i <= kMaxValueDepth; ++i) deep += std::string("\x07\x01", 2);
    deep += std::string(1, '\x00');
    EXPECT_TRUE(fails(deep));
    std::string ok;
    for (int i = 0; i < kMaxValueDepth; ++i) ok += std::string("\x07\x01", 2);
    ok += std::string(1, '\x00');
    EXPECT_FALSE(fails(ok));
}

}  // namespace
}  // namespace runnel
