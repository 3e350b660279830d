// Time zones for the date/time functions, by Java's ZoneId rules: region IDs read from the
// system's TZif database (/usr/share/zoneinfo, Debian package tzdata; time_tzif.h), fixed
// offsets ("Z", "+02:00", "-0530", "UTC+1", "GMT-08:00"), and Java's three-letter short IDs
// (ZoneId.SHORT_IDS: "PST" -> America/Los_Angeles, "EST" -> -05:00 ...).
// A TimeZone is immutable and shared; FindTimeZone caches zones by name for the life of the
// process. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"

namespace runnel::expression::builtin {

// One local-time type of a zone: its UTC offset, whether it is daylight time, its abbreviation.
struct ZoneType {
    int32_t utc_offset = 0;  // seconds east of UTC
    bool is_dst = false;
    std::string abbreviation;
};

// The rule of a POSIX TZ string ("PST8PDT,M3.2.0,M11.1.0"): the zone's behaviour after its last
// listed transition.
struct PosixRule {
    ZoneType standard;
    bool has_dst = false;
    ZoneType daylight;
    // A transition date: kind 'M' (month.week.weekday), 'J' (Julian day 1..365, no Feb 29) or
    // 'D' (zero-based day 0..365); `time` in seconds of local time (may be negative or > 24h).
    struct Date {
        char kind = 'M';
        int month = 0, week = 0, weekday = 0, day = 0;
        int32_t time = 7200;
    };
    Date start, end;  // daylight starts at `start` (standard time), ends at `end` (daylight time)
};

class TimeZone {
public:
    // A zone with a fixed offset; `id` as Java prints it ("Z", "+02:00", "UTC+02:00").
    static std::shared_ptr<const TimeZone> Fixed(std::string id, int32_t offset_seconds);
    // A zone from its transitions (ascending UTC seconds), the type of each transition, the
    // types (the first applies before the first transition) and an optional footer rule.
    static std::shared_ptr<const TimeZone> FromRules(std::string id,
                                                     std::vector<int64_t> transitions,
                                                     std::vector<uint8_t> transition_types,
                                                     std::vector<ZoneType> types,
                                                     std::unique_ptr<PosixRule> footer);

    const std::string& id() const { return id_; }
    bool is_fixed() const { return transitions_.empty() && !footer_; }

    // The local-time type in force at a UTC instant (seconds since the epoch).
    const ZoneType& TypeAt(int64_t epoch_seconds) const;
    int32_t OffsetAt(int64_t epoch_seconds) const { return TypeAt(epoch_seconds).utc_offset; }

    // The UTC instant of a local date-time (seconds since 1970-01-01T00:00 local), resolved as
    // Java's ZonedDateTime.ofLocal: in an overlap the earlier offset wins, a time in a gap moves
    // forward by the gap's length.
    int64_t LocalToUtc(int64_t local_seconds) const;

private:
    TimeZone() = default;
    const ZoneType& RuleTypeAt(int64_t epoch_seconds) const;

    std::string id_;
    std::vector<int64_t> transitions_;
    std::vector<uint8_t> transition_types_;
    std::vector<ZoneType> types_;
    std::unique_ptr<PosixRule> footer_;
};

// The zone for a Java zone ID. NotFound for an unknown ID ("Unknown time-zone ID: ..."),
// Invalid for a malformed offset. Zones are loaded once and cached; the returned pointer lives
// as long as the process.
Result<const TimeZone*> FindTimeZone(std::string_view id);

// Like FindTimeZone, through a small per-thread cache first, for per-row lookups of a zone
// named by a function argument. Null when the zone is unknown.
const TimeZone* FindTimeZoneCached(std::string_view id);

// UTC as a region zone (its ID prints as "UTC").
const TimeZone* UtcZone();

// Parses a POSIX TZ string; false when malformed.
bool ParsePosixRule(std::string_view text, PosixRule* out);

}  // namespace runnel::expression::builtin
