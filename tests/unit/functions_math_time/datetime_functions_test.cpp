// Date/time functions, the Java pattern engine and the TZif time zones.
#include <gtest/gtest.h>

#include "engine/expression/functions/scalar/time_pattern.h"
#include "engine/expression/functions/scalar/time_zone.h"
#include "tests/unit/functions_math_time/call_helper.h"

namespace runnel::expression::testing {
namespace {

using builtin::FindTimeZone;
using builtin::PosixRule;

Arg Date(int64_t days) { return Typed(SqlType::Date(), Value::Int(days)); }
Arg Time(int64_t millis) { return Typed(SqlType::Time(), Value::Int(millis)); }
Arg Ts(int64_t millis) { return Typed(SqlType::Timestamp(), Value::Int(millis)); }

std::string Str(const Value& v) { return v.is_null() ? "<null>" : std::string(v.AsString()); }
int64_t Int(const Value& v) { return v.is_null() ? INT64_MIN : v.AsInt(); }

TEST(TimeZones, RegionOffsetsFollowDaylightSaving) {
    auto la = FindTimeZone("America/Los_Angeles");
    ASSERT_TRUE(la.ok()) << la.status().message();
    EXPECT_EQ(la.value()->OffsetAt(0), -8 * 3600);
    EXPECT_EQ(la.value()->OffsetAt(1589234313), -7 * 3600);  // 2020-05-11
    EXPECT_EQ(la.value()->OffsetAt(4102444800 + 180 * 86400),
              -7 * 3600);                                    // 2100-06-30: footer rule
    EXPECT_EQ(la.value()->OffsetAt(4102444800), -8 * 3600);  // 2100-01-01
    EXPECT_EQ(la.value()->OffsetAt(-3000000000), -(7 * 3600 + 52 * 60 + 58));  // LMT, 1874
    auto sydney = FindTimeZone("Australia/Sydney");
    ASSERT_TRUE(sydney.ok());
    EXPECT_EQ(sydney.value()->OffsetAt(4102444800), 11 * 3600);  // southern summer
    EXPECT_FALSE(FindTimeZone("Mars/Olympus_Mons").ok());
    EXPECT_FALSE(FindTimeZone("../etc/passwd").ok());
    EXPECT_FALSE(FindTimeZone("zone.tab").ok());
}

TEST(TimeZones, OffsetsAndShortIds) {
    EXPECT_EQ(FindTimeZone("+0200").value()->OffsetAt(0), 7200);
    EXPECT_EQ(FindTimeZone("+0200").value()->id(), "+02:00");
    EXPECT_EQ(FindTimeZone("-05:30").value()->OffsetAt(0), -19800);
    EXPECT_EQ(FindTimeZone("Z").value()->OffsetAt(0), 0);
    EXPECT_EQ(FindTimeZone("UTC+1").value()->id(), "UTC+01:00");
    EXPECT_EQ(FindTimeZone("GMT-08:00").value()->OffsetAt(0), -8 * 3600);
    EXPECT_FALSE(FindTimeZone("+25:00").ok());
    EXPECT_EQ(FindTimeZone("PST").value()->id(), "America/Los_Angeles");
    EXPECT_EQ(FindTimeZone("EST").value()->OffsetAt(1589234313), -5 * 3600);  // tzdb's fixed EST
}

TEST(TimeZones, LocalTimesInGapsAndOverlaps) {
    const auto* ny = FindTimeZone("America/New_York").value();
    // 2021-03-14 02:30 does not exist: moved forward to 03:30 EDT = 07:30Z.
    const int64_t gap_local = (18700LL * 86400) + 2 * 3600 + 1800;
    EXPECT_EQ(ny->LocalToUtc(gap_local), gap_local + 5 * 3600);
    // 2021-11-07 01:30 happens twice: the earlier (EDT, -4) wins.
    const int64_t overlap_local = (18938LL * 86400) + 3600 + 1800;
    EXPECT_EQ(ny->LocalToUtc(overlap_local), overlap_local + 4 * 3600);
}

TEST(TimeZones, PosixRules) {
    PosixRule r;
    ASSERT_TRUE(builtin::ParsePosixRule("NZST-12NZDT,M9.5.0,M4.1.0/3", &r));
    EXPECT_EQ(r.standard.utc_offset, 12 * 3600);
    EXPECT_EQ(r.daylight.utc_offset, 13 * 3600);
    EXPECT_EQ(r.end.time, 3 * 3600);
    ASSERT_TRUE(builtin::ParsePosixRule("<+0330>-3:30", &r));  // resets the previous rule
    EXPECT_EQ(r.standard.utc_offset, 3 * 3600 + 1800);
    EXPECT_FALSE(r.has_dst);
    EXPECT_FALSE(builtin::ParsePosixRule("X", &r));
}

TEST(DateTimePatterns, CompileErrors) {
    EXPECT_FALSE(builtin::DateTimePattern::Compile("yyyy-MM-dd'T").ok());
    EXPECT_FALSE(builtin::DateTimePattern::Compile("HHH").ok());
    EXPECT_FALSE(builtin::DateTimePattern::Compile("yyyy#").ok());
    EXPECT_FALSE(builtin::DateTimePattern::Compile("bb").ok());
    EXPECT_TRUE(builtin::DateTimePattern::Compile("yyyy-MM-dd''HH").ok());
}

TEST(DateTimeFunctions, FormatDate) {
    EXPECT_EQ(Str(Eval("FORMAT_DATE", {Date(17662), S("yyyy-MM-dd")})), "2018-05-11");
    EXPECT_EQ(Str(Eval("FORMAT_DATE", {Date(18993), S("dd-MMM-yyyy")})), "01-Jan-2022");
    EXPECT_EQ(Str(Eval("FORMAT_DATE", {Date(-1), S("dd-MM-yyyy'Sophia'")})), "31-12-1969Sophia");
    EXPECT_EQ(Str(Eval("FORMAT_DATE", {Date(18993), S("EEEE, MMMM d, yy G D Q QQQ")})),
              "Saturday, January 1, 22 AD 1 1 Q1");
    EXPECT_EQ(Str(Eval("DATETOSTRING", {I(18027), S("dd/MM/yyyy")})), "11/05/2019");
    EXPECT_TRUE(Eval("FORMAT_DATE", {Date(0), S("yyyy HH")}).is_null());     // no hour in a DATE
    EXPECT_EQ(Str(Eval("FORMAT_DATE", {Date(0), S("yyyy[ HH]")})), "1970");  // optional section
    EXPECT_TRUE(Eval("FORMAT_DATE", {Date(0), S("yyyy'")}).is_null());       // bad pattern
    // Week fields (en_US: weeks start on Sunday, week 1 holds January 1).
    EXPECT_EQ(Str(Eval("FORMAT_DATE", {Date(18992), S("YYYY-ww e")})), "2022-01 6");  // 2021-12-31
}

TEST(DateTimeFunctions, FormatTime) {
    EXPECT_EQ(Str(Eval("FORMAT_TIME", {Time(65000), S("HH_mm_ss_SSS")})), "00_01_05_000");
    EXPECT_EQ(Str(Eval("FORMAT_TIME", {Time(1234567), S("HHmmss'AAAAA'")})), "002034AAAAA");
    EXPECT_EQ(Str(Eval("FORMAT_TIME", {Time(46800000), S("hh:mm a, K k")})), "01:00 PM, 1 13");
    EXPECT_TRUE(Eval("FORMAT_TIME", {Time(0), S("yyyy")}).is_null());
}

TEST(DateTimeFunctions, FormatTimestamp) {
    EXPECT_EQ(Str(Eval("FORMAT_TIMESTAMP", {Ts(1526075913000), S("yyyy-MM-dd'T'HH:mm:ss.SSSX")})),
              "2018-05-11T21:58:33.000Z");
    EXPECT_EQ(
        Str(Eval("FORMAT_TIMESTAMP", {Ts(1526075913123), S("yyyy-MM-dd HH:mm:ss.SSS z VV xxx"),
                                      S("America/Los_Angeles")})),
        "2018-05-11 14:58:33.123 PDT America/Los_Angeles -07:00");
    EXPECT_EQ(Str(Eval("FORMAT_TIMESTAMP", {Ts(0), S("zzzz O Z XX"), S("America/New_York")})),
              "Eastern Standard Time GMT-5 -0500 -0500");
    EXPECT_EQ(Str(Eval("FORMAT_TIMESTAMP", {Ts(0), S("z x"), S("UTC")})), "UTC +00");
    EXPECT_EQ(Str(Eval("TIMESTAMPTOSTRING", {L(-1), S("yyyy-MM-dd HH:mm:ss.SSS")})),
              "1969-12-31 23:59:59.999");
    EXPECT_EQ(Str(Eval("TIMESTAMPTOSTRING", {L(1589234313000), S("HH:mm"), S("+0530")})), "03:28");
    EXPECT_TRUE(Eval("FORMAT_TIMESTAMP", {Ts(0), S("HH"), S("Nowhere/Land")}).is_null());
}

TEST(DateTimeFunctions, ParseDate) {
    EXPECT_EQ(Int(Eval("PARSE_DATE", {S("2018-05-11Lit"), S("yyyy-MM-dd'Lit'")})), 17662);
    EXPECT_EQ(Int(Eval("PARSE_DATE", {S("11/05/2019"), S("dd/MM/yyyy")})), 18027);
    EXPECT_EQ(Int(Eval("PARSE_DATE", {S("01-JAN-2022"), S("dd-MMM-yyyy")})), 18993);
    EXPECT_EQ(Int(Eval("PARSE_DATE", {S("JAN-2022"), S("MMM-yyyy")})), 18993);
    EXPECT_EQ(Int(Eval("STRINGTODATE", {S("20180511"), S("yyyyMMdd")})), 17662);  // adjacent values
    EXPECT_EQ(Int(Eval("PARSE_DATE", {S("2019-02-31"), S("yyyy-MM-dd")})), 17955);  // SMART: Feb 28
    EXPECT_EQ(Int(Eval("PARSE_DATE", {S("2022-001"), S("yyyy-DDD")})), 18993);
    EXPECT_TRUE(Eval("STRINGTODATE", {S("foo"), S("yyyyMMdd")}).is_null());
    EXPECT_TRUE(Eval("PARSE_DATE", {S("2022-13-01"), S("yyyy-MM-dd")}).is_null());
    // Text after the pattern is ignored by PARSE_DATE (as in ksqlDB), not by the others.
    EXPECT_EQ(Int(Eval("PARSE_DATE", {S("2003-12-24-01-01"), S("yyyy-MM-dd")})), 12410);
    EXPECT_TRUE(Eval("PARSE_TIMESTAMP", {S("2003-12-24 extra"), S("yyyy-MM-dd")}).is_null());
    EXPECT_TRUE(Eval("PARSE_TIME", {S("10:00 extra"), S("HH:mm")}).is_null());
    EXPECT_TRUE(Eval("PARSE_DATE", {S("Monday 2022-01-01"), S("EEEE yyyy-MM-dd")}).is_null());
    EXPECT_EQ(Int(Eval("PARSE_DATE", {S("Saturday 2022-01-01"), S("EEEE yyyy-MM-dd")})), 18993);
    EXPECT_EQ(Call("STRINGTODATE", {S("a"), S("b")}).type, SqlType::Int());
    EXPECT_EQ(Call("PARSE_DATE", {S("a"), S("b")}).type, SqlType::Date());
}

TEST(DateTimeFunctions, ParseTime) {
    EXPECT_EQ(Int(Eval("PARSE_TIME", {S("00:01:05Lit"), S("HH:mm:ss'Lit'")})), 65000);
    EXPECT_EQ(Int(Eval("PARSE_TIME", {S("11/05/19"), S("HH/mm/ss")})), 39919000);
    EXPECT_EQ(Int(Eval("PARSE_TIME", {S("01:00:00 PM"), S("hh:mm:ss a")})), 46800000);
    EXPECT_EQ(Int(Eval("PARSE_TIME", {S("12:00:00 Am"), S("hh:mm:ss a")})), 0);
    EXPECT_EQ(Int(Eval("PARSE_TIME", {S("13:25:01.5"), S("HH:mm:ss.S")})), 48301500);
    EXPECT_TRUE(Eval("PARSE_TIME", {S("25:00"), S("HH:mm")}).is_null());
    EXPECT_TRUE(Eval("PARSE_TIME", {S("01:00"), S("hh:mm")}).is_null());  // no AM/PM
}

TEST(DateTimeFunctions, ParseTimestamp) {
    const char* iso = "yyyy-MM-dd'T'HH:mm:ssX";
    EXPECT_EQ(Int(Eval("STRINGTOTIMESTAMP", {S("2018-05-11T21:58:33Z"), S(iso)})), 1526075913000);
    EXPECT_EQ(Int(Eval("STRINGTOTIMESTAMP", {S("2020-05-11T21:58:33z"), S(iso)})), 1589234313000);
    EXPECT_EQ(Int(Eval("STRINGTOTIMESTAMP",
                       {S("2019-08-27T13:31:09.2+0000"), S("yyyy-MM-dd'T'HH:mm:ss.SX")})),
              1566912669200);
    EXPECT_EQ(Int(Eval("PARSE_TIMESTAMP", {S("2018-05-11T21:58:33"), S("yyyy-MM-dd'T'HH:mm:ss")})),
              1526075913000);
    // A zone name parses to its region, whose rules apply (PST in May is daylight time).
    EXPECT_EQ(Int(Eval("PARSE_TIMESTAMP",
                       {S("2018-05-11T21:58:33 PST"), S("yyyy-MM-dd'T'HH:mm:ss zzz")})),
              1526101113000);
    EXPECT_EQ(Int(Eval("PARSE_TIMESTAMP", {S("2018-05-11 21:58:33"), S("yyyy-MM-dd HH:mm:ss"),
                                           S("America/Los_Angeles")})),
              1526101113000);
    EXPECT_EQ(Int(Eval("PARSE_TIMESTAMP",
                       {S("2018-05-11 21:58 Europe/Paris"), S("yyyy-MM-dd HH:mm VV")})),
              1526068680000);
    EXPECT_EQ(
        Int(Eval("PARSE_TIMESTAMP", {S("2018-05-11 21:58 +05:30"), S("yyyy-MM-dd HH:mm xxx")})),
        1526056080000);
    EXPECT_EQ(Int(Eval("PARSE_TIMESTAMP", {S("2018-05-11 21:58 GMT+2"), S("yyyy-MM-dd HH:mm O")})),
              1526068680000);
    EXPECT_EQ(Int(Eval("PARSE_TIMESTAMP", {S("10:15"), S("HH:mm")})), 36900000);  // 1970-01-01
    EXPECT_TRUE(Eval("PARSE_TIMESTAMP", {S("not a timestamp"), S(iso)}).is_null());
    EXPECT_TRUE(
        Eval("PARSE_TIMESTAMP", {S("2018-05-11 21:58"), S("yyyy-MM-dd HH:mm"), S("Bad/Zone")})
            .is_null());
}

TEST(DateTimeFunctions, ConversionsAndNow) {
    EXPECT_EQ(Int(Eval("CONVERT_TZ", {Ts(100), S("+0200"), S("+0500")})), 10800100);
    EXPECT_EQ(Int(Eval("CONVERT_TZ",
                       {Ts(1589234313000), S("America/Los_Angeles"), S("America/New_York")})),
              1589245113000);
    EXPECT_EQ(Int(Eval("CONVERT_TZ", {Ts(100), S("America/Los_Angeles"), S("America/New_York")})),
              10800100);
    EXPECT_TRUE(Eval("CONVERT_TZ", {Ts(100), S("Nope"), S("UTC")}).is_null());
    EXPECT_EQ(Int(Eval("FROM_DAYS", {I(-10)})), -10);
    EXPECT_EQ(Call("FROM_DAYS", {I(-10)}).type, SqlType::Date());
    EXPECT_EQ(Call("FROM_UNIXTIME", {L(5)}).type, SqlType::Timestamp());
    EXPECT_EQ(Int(Eval("UNIX_DATE", {Date(100)})), 100);
    EXPECT_EQ(Int(Eval("UNIX_TIMESTAMP", {Ts(1589234313000)})), 1589234313000);
    EXPECT_GT(Int(Eval("UNIX_DATE", {})), 19000);
    EXPECT_GT(Int(Eval("UNIX_TIMESTAMP", {})), 1600000000000);
}

TEST(DateTimeFunctions, IntervalArithmetic) {
    EXPECT_EQ(Int(Eval("DATEADD", {S("DAYS"), I(10), Date(10)})), 20);
    EXPECT_EQ(Int(Eval("DATEADD", {S("HOURS"), I(49), Date(10)})), 12);  // whole days only
    EXPECT_EQ(Int(Eval("DATESUB", {S("DAYS"), I(10), Date(5)})), -5);
    EXPECT_EQ(Int(Eval("DATEADD", {S("MILLISECONDS"), I(5), Date(5)})), 5);
    EXPECT_EQ(Int(Eval("TIMEADD", {S("MILLISECONDS"), I(10), Time(86399995)})), 5);
    EXPECT_EQ(Int(Eval("TIMESUB", {S("MILLISECONDS"), I(10), Time(5)})), 86399995);
    EXPECT_EQ(Int(Eval("TIMEADD", {S("hour"), I(25), Time(0)})), 3600000);
    EXPECT_EQ(Int(Eval("TIMESTAMPADD", {S("SECONDS"), I(-5), Ts(10000)})), 5000);
    EXPECT_EQ(Int(Eval("TIMESTAMPSUB", {S("MINUTES"), L(1), Ts(60000)})), 0);
    EXPECT_TRUE(Eval("TIMESTAMPADD", {S("FORTNIGHTS"), I(1), Ts(0)}).is_null());
    EXPECT_TRUE(Eval("TIMESTAMPADD", {S("DAYS"), Null(SqlType::Int()), Ts(0)}).is_null());
    auto bad = Call("DATEADD", {Date(1), I(5), Date(1)});
    EXPECT_FALSE(bad.resolved);
    EXPECT_NE(bad.error.find("does not accept parameters (DATE, INTEGER, DATE)"), std::string::npos)
        << bad.error;
}

}  // namespace
}  // namespace runnel::expression::testing
