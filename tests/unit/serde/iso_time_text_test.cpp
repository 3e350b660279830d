// ISO-8601 date, time and timestamp text (Debezium's ZonedTimestamp / ZonedTime and string
// temporal values).
#include <gtest/gtest.h>

#include "engine/serde/iso_time_text.h"

namespace runnel::serde {
namespace {

constexpr int64_t k20240301T101530 = 1709288130000;

TEST(IsoTimeTextTest, Timestamps) {
    int64_t v = 0;
    ASSERT_TRUE(ParseIsoTimestamp("2024-03-01T10:15:30Z", &v));
    EXPECT_EQ(v, k20240301T101530);
    ASSERT_TRUE(ParseIsoTimestamp("2024-03-01T10:15:30.123456789Z", &v));
    EXPECT_EQ(v, k20240301T101530 + 123);
    ASSERT_TRUE(ParseIsoTimestamp("2024-03-01 10:15:30", &v));
    EXPECT_EQ(v, k20240301T101530);
    ASSERT_TRUE(ParseIsoTimestamp("2024-03-01T10:15", &v));
    EXPECT_EQ(v, 1709288100000);
    ASSERT_TRUE(ParseIsoTimestamp("2024-03-01T15:45:30+05:30", &v));
    EXPECT_EQ(v, k20240301T101530);
    ASSERT_TRUE(ParseIsoTimestamp("2024-03-01T03:15:30-0700", &v));
    EXPECT_EQ(v, k20240301T101530);
    ASSERT_TRUE(ParseIsoTimestamp("2024-03-01T12:15:30+02", &v));
    EXPECT_EQ(v, k20240301T101530);
    ASSERT_TRUE(ParseIsoTimestamp("1969-12-31T23:59:59Z", &v));
    EXPECT_EQ(v, -1000);
    for (const char* bad : {"", "2024-03-01", "2024-03-01T", "2024-03-01T10", "2024-3-01T10:15",
                            "2024-03-01T10:15:30+", "2024-03-01T25:00", "2024-03-01T10:15:30 Z",
                            "2024-02-30T00:00", "2024-03-01T10:15:30.Z"}) {
        EXPECT_FALSE(ParseIsoTimestamp(bad, &v)) << bad;
    }
}

TEST(IsoTimeTextTest, DatesAndTimes) {
    int64_t v = 0;
    ASSERT_TRUE(ParseIsoDate("2024-03-01", &v));
    EXPECT_EQ(v, 19783);
    ASSERT_TRUE(ParseIsoDate("2024-02-29", &v));
    EXPECT_EQ(v, 19782);
    ASSERT_TRUE(ParseIsoDate("1970-01-01", &v));
    EXPECT_EQ(v, 0);
    EXPECT_FALSE(ParseIsoDate("2023-02-29", &v));
    EXPECT_FALSE(ParseIsoDate("2024-03-01T00:00", &v));
    ASSERT_TRUE(ParseIsoTime("10:15:30.123", &v));
    EXPECT_EQ(v, 36930123);
    ASSERT_TRUE(ParseIsoTime("10:15", &v));
    EXPECT_EQ(v, 36900000);
    ASSERT_TRUE(ParseIsoTime("01:00:00+02:00", &v));
    EXPECT_EQ(v, 23 * 3600000);
    ASSERT_TRUE(ParseIsoTime("23:30:00-01:00", &v));
    EXPECT_EQ(v, 30 * 60000);
    EXPECT_FALSE(ParseIsoTime("24:00", &v));
    EXPECT_FALSE(ParseIsoTime("10", &v));
}

}  // namespace
}  // namespace runnel::serde
