// Date and time functions: UNIX_DATE, UNIX_TIMESTAMP, FROM_DAYS, FROM_UNIXTIME, FORMAT_DATE,
// PARSE_DATE, FORMAT_TIME, PARSE_TIME, FORMAT_TIMESTAMP, PARSE_TIMESTAMP, CONVERT_TZ, the
// deprecated DATETOSTRING, STRINGTODATE, TIMESTAMPTOSTRING, STRINGTOTIMESTAMP, and the interval
// arithmetic DATEADD, DATESUB, TIMEADD, TIMESUB, TIMESTAMPADD, TIMESTAMPSUB.
//
// Patterns are Java DateTimeFormatter patterns (time_pattern.h), compiled once per thread and
// pattern; zones are Java zone IDs (time_zone.h). Where ksqlDB would use the JVM's default
// zone (TIMESTAMPTOSTRING / STRINGTOTIMESTAMP without a zone), Runnel uses UTC. A bad pattern,
// unknown zone or unparsable text gives null, as ksqlDB's function errors do.
//
// The interval functions take the unit as their first argument, a STRING: the analyzer turns
// the bare unit word (DAYS, HOURS, MINUTES, SECONDS, MILLISECONDS, singular or plural) into a
// string literal.
#include <cctype>
#include <chrono>
#include <string>

#include "engine/expression/functions/scalar/coll_registration.h"
#include "engine/expression/functions/scalar/scalar_functions.h"
#include "engine/expression/functions/scalar/time_pattern.h"
#include "engine/expression/functions/scalar/time_zone.h"
#include "engine/expression/temporal_text.h"

namespace runnel::expression {

namespace {

using builtin::DateTimePattern;
using builtin::DateTimeValue;
using builtin::FindPatternCached;
using builtin::FindTimeZoneCached;
using builtin::Fixed;
using builtin::kCategoryDateTime;
using builtin::ParsedDateTime;
using builtin::TimeZone;

const char* const kPatternNote =
    " The pattern is a Java DateTimeFormatter pattern; quote literal text with single quotes "
    "and write '' for a quote.";

int64_t NowMillis() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The zone named by argument `i`, or UTC when the call has no such argument.
const TimeZone* ZoneArg(const Args& a, size_t i) {
    if (a.size() <= i) return builtin::UtcZone();
    return FindTimeZoneCached(a[i].AsString());
}

void Format(const Args& a, const DateTimeValue& v, Value& out) {
    const DateTimePattern* p = FindPatternCached(a[1].AsString());
    if (!p) {
        out.SetNull();
        return;
    }
    std::string& s = out.MutableString();
    s.clear();
    if (!builtin::FormatDateTime(*p, v, s)) out.SetNull();
}

bool Parse(const Args& a, ParsedDateTime* parsed, bool allow_trailing = false) {
    const DateTimePattern* p = FindPatternCached(a[1].AsString());
    return p && builtin::ParseDateTime(*p, a[0].AsString(), parsed, allow_trailing);
}

void FormatInstant(const Args& a, Value& out) {
    const TimeZone* zone = ZoneArg(a, 2);
    if (!zone) {
        out.SetNull();
        return;
    }
    Format(a, DateTimeValue::Instant(a[0].AsInt(), zone), out);
}

void ParseInstant(const Args& a, Value& out) {
    const TimeZone* zone = ZoneArg(a, 2);
    ParsedDateTime parsed;
    int64_t millis;
    if (zone && Parse(a, &parsed) && builtin::ResolveInstant(parsed, zone, &millis)) {
        out.SetInt(millis);
    } else {
        out.SetNull();
    }
}

// PARSE_DATE / STRINGTODATE ignore text after the end of the pattern, as ksqlDB does
// (PARSE_DATE('2003-12-24-01-01', 'yyyy-MM-dd') is 2003-12-24); the other parsers need all of it.
void ParseDate(const Args& a, Value& out) {
    ParsedDateTime parsed;
    int64_t day;
    if (Parse(a, &parsed, /*allow_trailing=*/true) && builtin::ResolveDate(parsed, &day)) {
        out.SetInt(day);
    } else {
        out.SetNull();
    }
}

void ParseTime(const Args& a, Value& out) {
    ParsedDateTime parsed;
    int64_t nanos;
    if (Parse(a, &parsed) && builtin::ResolveTime(parsed, &nanos)) {
        out.SetInt(nanos / 1000000);
    } else {
        out.SetNull();
    }
}

void RegisterFormatParse(FunctionRegistry& r) {
    const SqlType s = SqlType::String(), i = SqlType::Int(), b = SqlType::Bigint();
    const SqlType date = SqlType::Date(), time = SqlType::Time(), ts = SqlType::Timestamp();
    auto desc = [](std::string text) { return text + kPatternNote; };

    auto format_date = [](const Args& a, Value& out) {
        Format(a, DateTimeValue::Date(a[0].AsInt()), out);
    };
    auto format_time = [](const Args& a, Value& out) {
        Format(a, DateTimeValue::Time(a[0].AsInt()), out);
    };

    r.Add(Fixed("FORMAT_DATE", {date, s}, s, format_date,
                desc("FORMAT_DATE(date, pattern): the DATE as text in the pattern."),
                kCategoryDateTime));
    r.Add(Fixed("PARSE_DATE", {s, s}, date, ParseDate,
                desc("PARSE_DATE(text, pattern): the DATE the text stands for."),
                kCategoryDateTime));
    r.Add(Fixed("FORMAT_TIME", {time, s}, s, format_time,
                desc("FORMAT_TIME(time, pattern): the TIME as text in the pattern."),
                kCategoryDateTime));
    r.Add(Fixed("PARSE_TIME", {s, s}, time, ParseTime,
                desc("PARSE_TIME(text, pattern): the TIME the text stands for."),
                kCategoryDateTime));
    const std::string fts = desc(
        "FORMAT_TIMESTAMP(timestamp, pattern [, zone]): the TIMESTAMP as text in the pattern, in "
        "the given Java zone ID (UTC by default).");
    r.Add(Fixed("FORMAT_TIMESTAMP", {ts, s}, s, FormatInstant, fts, kCategoryDateTime));
    r.Add(Fixed("FORMAT_TIMESTAMP", {ts, s, s}, s, FormatInstant, fts, kCategoryDateTime));
    const std::string pts = desc(
        "PARSE_TIMESTAMP(text, pattern [, zone]): the TIMESTAMP the text stands for; a local "
        "date-time is read in the given Java zone ID (UTC by default).");
    r.Add(Fixed("PARSE_TIMESTAMP", {s, s}, ts, ParseInstant, pts, kCategoryDateTime));
    r.Add(Fixed("PARSE_TIMESTAMP", {s, s, s}, ts, ParseInstant, pts, kCategoryDateTime));

    // Deprecated forms over INT days and BIGINT milliseconds.
    r.Add(Fixed("DATETOSTRING", {i, s}, s, format_date,
                desc("Deprecated (use FORMAT_DATE): DATETOSTRING(days, pattern), days since the "
                     "epoch as text."),
                kCategoryDateTime));
    r.Add(Fixed("STRINGTODATE", {s, s}, i, ParseDate,
                desc("Deprecated (use PARSE_DATE): STRINGTODATE(text, pattern), the days since "
                     "the epoch."),
                kCategoryDateTime));
    const std::string tts = desc(
        "Deprecated (use FORMAT_TIMESTAMP): TIMESTAMPTOSTRING(millis, pattern [, zone]), epoch "
        "milliseconds as text (UTC by default).");
    r.Add(Fixed("TIMESTAMPTOSTRING", {b, s}, s, FormatInstant, tts, kCategoryDateTime));
    r.Add(Fixed("TIMESTAMPTOSTRING", {b, s, s}, s, FormatInstant, tts, kCategoryDateTime));
    const std::string stt = desc(
        "Deprecated (use PARSE_TIMESTAMP): STRINGTOTIMESTAMP(text, pattern [, zone]), the epoch "
        "milliseconds (a local date-time is read in UTC by default).");
    r.Add(Fixed("STRINGTOTIMESTAMP", {s, s}, b, ParseInstant, stt, kCategoryDateTime));
    r.Add(Fixed("STRINGTOTIMESTAMP", {s, s, s}, b, ParseInstant, stt, kCategoryDateTime));
}

void RegisterConversions(FunctionRegistry& r) {
    const SqlType s = SqlType::String(), i = SqlType::Int(), b = SqlType::Bigint();
    const SqlType date = SqlType::Date(), ts = SqlType::Timestamp();
    auto identity = [](const Args& a, Value& out) { out.SetInt(a[0].AsInt()); };
    r.Add(Fixed(
        "UNIX_DATE", {}, i,
        [](const Args&, Value& out) { out.SetInt(FloorDiv(NowMillis(), kMillisPerDay)); },
        "UNIX_DATE(): the current date (UTC) as days since 1970-01-01.", kCategoryDateTime));
    r.Add(Fixed("UNIX_DATE", {date}, i, identity,
                "UNIX_DATE(date): the DATE as an INTEGER number of days since 1970-01-01.",
                kCategoryDateTime));
    r.Add(Fixed(
        "UNIX_TIMESTAMP", {}, b, [](const Args&, Value& out) { out.SetInt(NowMillis()); },
        "UNIX_TIMESTAMP(): the current time in milliseconds since the epoch.", kCategoryDateTime));
    r.Add(Fixed("UNIX_TIMESTAMP", {ts}, b, identity,
                "UNIX_TIMESTAMP(timestamp): the TIMESTAMP as BIGINT milliseconds since the epoch.",
                kCategoryDateTime));
    r.Add(Fixed("FROM_DAYS", {i}, date, identity,
                "FROM_DAYS(days): the DATE that many days after 1970-01-01.", kCategoryDateTime));
    r.Add(Fixed("FROM_UNIXTIME", {b}, ts, identity,
                "FROM_UNIXTIME(millis): the TIMESTAMP of BIGINT epoch milliseconds.",
                kCategoryDateTime));
    r.Add(Fixed(
        "CONVERT_TZ", {ts, s, s}, ts,
        [](const Args& a, Value& out) {
            const TimeZone* from = FindTimeZoneCached(a[1].AsString());
            const TimeZone* to = FindTimeZoneCached(a[2].AsString());
            if (!from || !to) {
                out.SetNull();
                return;
            }
            // Both offsets are taken at the given instant, as java.util.TimeZone does.
            const int64_t t = a[0].AsInt();
            const int64_t sec = FloorDiv(t, 1000);
            out.SetInt(t + (static_cast<int64_t>(to->OffsetAt(sec)) - from->OffsetAt(sec)) * 1000);
        },
        "CONVERT_TZ(timestamp, from_zone, to_zone): moves a TIMESTAMP from one zone's "
        "local time to another's.",
        kCategoryDateTime));
}

// ---- interval arithmetic ---------------------------------------------------------------------

// Milliseconds in one unit, or 0 for an unknown unit; sub-millisecond units give the divisor
// as a negative number (MICROSECONDS -> -1000).
int64_t UnitMillis(std::string_view unit) {
    if (!unit.empty() && (unit.back() == 'S' || unit.back() == 's')) unit.remove_suffix(1);
    auto is = [&](std::string_view word) {
        if (unit.size() != word.size()) return false;
        for (size_t k = 0; k < word.size(); ++k) {
            if (std::toupper(static_cast<unsigned char>(unit[k])) != word[k]) return false;
        }
        return true;
    };
    if (is("DAY")) return kMillisPerDay;
    if (is("HOUR")) return 3600000;
    if (is("MINUTE")) return 60000;
    if (is("SECOND")) return 1000;
    if (is("MILLISECOND")) return 1;
    if (is("MICROSECOND")) return -1000;
    if (is("NANOSECOND")) return -1000000;
    return 0;
}

// Java TimeUnit.toMillis(interval) (truncating, saturating), or false for an unknown unit.
bool ToMillis(std::string_view unit, int64_t interval, int64_t* out) {
    const int64_t m = UnitMillis(unit);
    if (m == 0) return false;
    const __int128 v = m > 0 ? static_cast<__int128>(interval) * m : interval / -m;
    *out = v > INT64_MAX ? INT64_MAX : (v < INT64_MIN ? INT64_MIN : static_cast<int64_t>(v));
    return true;
}

void RegisterIntervals(FunctionRegistry& r) {
    const SqlType s = SqlType::String(), i = SqlType::Int(), b = SqlType::Bigint();
    const SqlType date = SqlType::Date(), time = SqlType::Time(), ts = SqlType::Timestamp();
    for (int sign : {1, -1}) {
        const std::string verb = sign > 0 ? "Adds" : "Subtracts";
        const std::string suffix = sign > 0 ? "ADD" : "SUB";
        r.Add(Fixed(
            "DATE" + suffix, {s, i, date}, date,
            [sign](const Args& a, Value& out) {
                int64_t ms;
                if (!ToMillis(a[0].AsString(), a[1].AsInt(), &ms)) {
                    out.SetNull();
                    return;
                }
                out.SetInt(a[2].AsInt() + sign * (ms / kMillisPerDay));  // whole days
            },
            "DATE" + suffix + "(unit, interval, date): " + verb +
                " an interval of whole days (in any time unit) to a DATE.",
            kCategoryDateTime));
        r.Add(Fixed(
            "TIME" + suffix, {s, i, time}, time,
            [sign](const Args& a, Value& out) {
                int64_t ms;
                if (!ToMillis(a[0].AsString(), a[1].AsInt(), &ms)) {
                    out.SetNull();
                    return;
                }
                out.SetInt(
                    FloorMod(a[2].AsInt() + sign * FloorMod(ms, kMillisPerDay), kMillisPerDay));
            },
            "TIME" + suffix + "(unit, interval, time): " + verb +
                " an interval to a TIME, wrapping around midnight.",
            kCategoryDateTime));
        r.Add(Fixed(
            "TIMESTAMP" + suffix, {s, b, ts}, ts,
            [sign](const Args& a, Value& out) {
                int64_t ms;
                if (!ToMillis(a[0].AsString(), a[1].AsInt(), &ms)) {
                    out.SetNull();
                    return;
                }
                const uint64_t delta = static_cast<uint64_t>(ms);
                const uint64_t base = static_cast<uint64_t>(a[2].AsInt());
                out.SetInt(static_cast<int64_t>(sign > 0 ? base + delta : base - delta));
            },
            "TIMESTAMP" + suffix + "(unit, interval, timestamp): " + verb +
                " an interval to a TIMESTAMP.",
            kCategoryDateTime));
    }
}

}  // namespace

void RegisterDateTimeFunctions(FunctionRegistry& r) {
    RegisterFormatParse(r);
    RegisterConversions(r);
    RegisterIntervals(r);
}

}  // namespace runnel::expression
