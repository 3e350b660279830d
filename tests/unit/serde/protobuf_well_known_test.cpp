// The well-known messages of PROTOBUF_NOSR: confluent.type.Decimal (Java BigInteger bytes),
// google.type.Date, google.type.TimeOfDay and google.protobuf.Timestamp.
#include "engine/serde/protobuf_well_known.h"

#include <gtest/gtest.h>

#include "protobuf_test_util.h"

namespace runnel::serde {
namespace {

using testing::Hex;
using testing::ToHex;

std::string DecimalHex(__int128 unscaled, int scale) {
    std::string out;
    AppendProtobufDecimal(unscaled, scale, out);
    return ToHex(out);
}

TEST(ProtobufWellKnownTest, DecimalBytesAreMinimalTwosComplement) {
    // value, precision (digits), scale (left out when 0).
    EXPECT_EQ(DecimalHex(0, 0), "0a 01 00 10 01");
    EXPECT_EQ(DecimalHex(127, 0), "0a 01 7f 10 03");
    EXPECT_EQ(DecimalHex(128, 0), "0a 02 00 80 10 03");
    EXPECT_EQ(DecimalHex(-1, 2), "0a 01 ff 10 01 18 02");
    EXPECT_EQ(DecimalHex(-128, 0), "0a 01 80 10 03");
    EXPECT_EQ(DecimalHex(-129, 0), "0a 02 ff 7f 10 03");
    EXPECT_EQ(DecimalHex(65535, 0), "0a 03 00 ff ff 10 05");
}

TEST(ProtobufWellKnownTest, DecimalRoundTripsAt38Digits) {
    __int128 big = 1;
    for (int i = 0; i < 38; ++i) big *= 10;
    big -= 1;  // 38 nines
    for (__int128 v : {big, -big, static_cast<__int128>(10123451234512345)}) {
        std::string out;
        AppendProtobufDecimal(v, 19, out);
        auto back = ReadProtobufDecimal(out, SqlType::Decimal(38, 19));
        ASSERT_TRUE(back.ok()) << back.status().ToString();
        EXPECT_TRUE(back.value() == v);
    }
}

TEST(ProtobufWellKnownTest, DecimalFitsTheColumn) {
    // 1.5 (15, scale 1) into DECIMAL(4, 3) -> 1500.
    auto r = ReadProtobufDecimal(Hex("0a 01 0f 10 02 18 01"), SqlType::Decimal(4, 3));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_TRUE(r.value() == 1500);
    // 12E+2 (12, scale -2) into DECIMAL(5, 0) -> 1200.
    auto e = ReadProtobufDecimal(Hex("0a 01 0c 10 02 18 fe ff ff ff ff ff ff ff ff 01"),
                                 SqlType::Decimal(5, 0));
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    EXPECT_TRUE(e.value() == 1200);
    // Too many integer digits.
    auto wide = ReadProtobufDecimal(Hex("0a 02 27 10 10 04"), SqlType::Decimal(3, 0));  // 10000
    EXPECT_FALSE(wide.ok());
    // No value bytes reads as zero.
    auto zero = ReadProtobufDecimal("", SqlType::Decimal(3, 1));
    ASSERT_TRUE(zero.ok());
    EXPECT_TRUE(zero.value() == 0);
    // 17 bytes: only sign extension may exceed 16.
    auto ext = ReadProtobufDecimal(Hex("0a 11 ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff"),
                                   SqlType::Decimal(3, 0));
    ASSERT_TRUE(ext.ok()) << ext.status().ToString();
    EXPECT_TRUE(ext.value() == -1);
    EXPECT_FALSE(
        ReadProtobufDecimal(Hex("0a 11 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
                            SqlType::Decimal(38, 0))
            .ok());
}

TEST(ProtobufWellKnownTest, Dates) {
    auto hex = [](int64_t days) {
        std::string out;
        EXPECT_TRUE(AppendProtobufDate(days, out).ok());
        return ToHex(out);
    };
    EXPECT_EQ(hex(0), "08 b2 0f 10 01 18 01");      // 1970-01-01
    EXPECT_EQ(hex(10), "08 b2 0f 10 01 18 0b");     // 1970-01-11
    EXPECT_EQ(hex(-10), "08 b1 0f 10 0c 18 16");    // 1969-12-22
    EXPECT_EQ(hex(11016), "08 d0 0f 10 02 18 1d");  // 2000-02-29
    for (int64_t days :
         {int64_t{0}, int64_t{-10}, int64_t{11016}, int64_t{-719162}, int64_t{2932896}}) {
        std::string out;
        ASSERT_TRUE(AppendProtobufDate(days, out).ok());
        auto back = ReadProtobufDate(out);
        ASSERT_TRUE(back.ok()) << back.status().ToString();
        EXPECT_EQ(back.value(), days);
    }
    EXPECT_FALSE(ReadProtobufDate(Hex("08 b2 0f 10 02 18 1e")).ok());  // 1970-02-30
    EXPECT_FALSE(ReadProtobufDate("").ok());                           // month 0
}

TEST(ProtobufWellKnownTest, Times) {
    std::string out;
    ASSERT_TRUE(AppendProtobufTime(3723004, out).ok());  // 01:02:03.004
    EXPECT_EQ(ToHex(out), "08 01 10 02 18 03 20 80 92 f4 01");
    EXPECT_EQ(ReadProtobufTime(out).value(), 3723004);
    out.clear();
    ASSERT_TRUE(AppendProtobufTime(86399999, out).ok());
    EXPECT_EQ(ReadProtobufTime(out).value(), 86399999);
    out.clear();
    EXPECT_FALSE(AppendProtobufTime(-1, out).ok());
    EXPECT_FALSE(AppendProtobufTime(86400001, out).ok());
    EXPECT_FALSE(ReadProtobufTime(Hex("08 18")).ok());  // hour 24
    // Nanos below a millisecond are dropped.
    EXPECT_EQ(ReadProtobufTime(Hex("20 e7 07")).value(), 0);  // 999 ns
}

TEST(ProtobufWellKnownTest, Timestamps) {
    std::string out;
    ASSERT_TRUE(AppendProtobufTimestamp(1500, out).ok());
    EXPECT_EQ(ToHex(out), "08 01 10 80 ca b5 ee 01");  // 1 s + 500,000,000 ns
    EXPECT_EQ(ReadProtobufTimestamp(out).value(), 1500);
    for (int64_t ms : {int64_t{0}, int64_t{-1}, int64_t{-1001}, int64_t{1600000000123}}) {
        out.clear();
        ASSERT_TRUE(AppendProtobufTimestamp(ms, out).ok());
        EXPECT_EQ(ReadProtobufTimestamp(out).value(), ms);
    }
    out.clear();
    EXPECT_FALSE(AppendProtobufTimestamp(253402300800000, out).ok());    // year 10000
    EXPECT_FALSE(ReadProtobufTimestamp(Hex("10 ff ff ff ff 0f")).ok());  // nanos -1
}

}  // namespace
}  // namespace runnel::serde
