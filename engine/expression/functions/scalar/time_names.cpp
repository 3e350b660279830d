#include "engine/expression/functions/scalar/time_names.h"

#include <cctype>

namespace runnel::expression::builtin {

namespace {

constexpr std::array<std::string_view, 12> kMonthsFull = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 12> kMonthsShort = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kDaysFull = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr std::array<std::string_view, 7> kDaysShort = {"Mon", "Tue", "Wed", "Thu",
                                                        "Fri", "Sat", "Sun"};

struct ZoneNames {
    std::string_view id, standard, daylight;
};

constexpr ZoneNames kZoneNames[] = {
    {"America/Los_Angeles", "Pacific Standard Time", "Pacific Daylight Time"},
    {"America/Vancouver", "Pacific Standard Time", "Pacific Daylight Time"},
    {"America/Denver", "Mountain Standard Time", "Mountain Daylight Time"},
    {"America/Phoenix", "Mountain Standard Time", "Mountain Daylight Time"},
    {"America/Edmonton", "Mountain Standard Time", "Mountain Daylight Time"},
    {"America/Chicago", "Central Standard Time", "Central Daylight Time"},
    {"America/Mexico_City", "Central Standard Time", "Central Daylight Time"},
    {"America/New_York", "Eastern Standard Time", "Eastern Daylight Time"},
    {"America/Toronto", "Eastern Standard Time", "Eastern Daylight Time"},
    {"America/Anchorage", "Alaska Standard Time", "Alaska Daylight Time"},
    {"Pacific/Honolulu", "Hawaii-Aleutian Standard Time", "Hawaii-Aleutian Daylight Time"},
    {"Europe/London", "Greenwich Mean Time", "British Summer Time"},
    {"Europe/Dublin", "Greenwich Mean Time", "Irish Standard Time"},
    {"Europe/Lisbon", "Western European Standard Time", "Western European Summer Time"},
    {"Europe/Paris", "Central European Standard Time", "Central European Summer Time"},
    {"Europe/Berlin", "Central European Standard Time", "Central European Summer Time"},
    {"Europe/Madrid", "Central European Standard Time", "Central European Summer Time"},
    {"Europe/Rome", "Central European Standard Time", "Central European Summer Time"},
    {"Europe/Amsterdam", "Central European Standard Time", "Central European Summer Time"},
    {"Europe/Brussels", "Central European Standard Time", "Central European Summer Time"},
    {"Europe/Vienna", "Central European Standard Time", "Central European Summer Time"},
    {"Europe/Zurich", "Central European Standard Time", "Central European Summer Time"},
    {"Europe/Stockholm", "Central European Standard Time", "Central European Summer Time"},
    {"Europe/Oslo", "Central European Standard Time", "Central European Summer Time"},
    {"Europe/Copenhagen", "Central European Standard Time", "Central European Summer Time"},
    {"Europe/Warsaw", "Central European Standard Time", "Central European Summer Time"},
    {"Europe/Prague", "Central European Standard Time", "Central European Summer Time"},
    {"Europe/Budapest", "Central European Standard Time", "Central European Summer Time"},
    {"Europe/Athens", "Eastern European Standard Time", "Eastern European Summer Time"},
    {"Europe/Helsinki", "Eastern European Standard Time", "Eastern European Summer Time"},
    {"Europe/Kiev", "Eastern European Standard Time", "Eastern European Summer Time"},
    {"Europe/Bucharest", "Eastern European Standard Time", "Eastern European Summer Time"},
    {"Europe/Moscow", "Moscow Standard Time", "Moscow Summer Time"},
    {"Asia/Kolkata", "India Standard Time", "India Standard Time"},
    {"Asia/Tokyo", "Japan Standard Time", "Japan Daylight Time"},
    {"Asia/Seoul", "Korean Standard Time", "Korean Daylight Time"},
    {"Asia/Shanghai", "China Standard Time", "China Daylight Time"},
    {"Asia/Hong_Kong", "Hong Kong Standard Time", "Hong Kong Summer Time"},
    {"Asia/Singapore", "Singapore Standard Time", "Singapore Standard Time"},
    {"Australia/Sydney", "Australian Eastern Standard Time", "Australian Eastern Daylight Time"},
    {"Australia/Melbourne", "Australian Eastern Standard Time", "Australian Eastern Daylight Time"},
    {"Australia/Brisbane", "Australian Eastern Standard Time", "Australian Eastern Daylight Time"},
    {"Australia/Adelaide", "Australian Central Standard Time", "Australian Central Daylight Time"},
    {"Australia/Darwin", "Australian Central Standard Time", "Australian Central Daylight Time"},
    {"Australia/Perth", "Australian Western Standard Time", "Australian Western Daylight Time"},
    {"Pacific/Auckland", "New Zealand Standard Time", "New Zealand Daylight Time"},
    {"UTC", "Coordinated Universal Time", "Coordinated Universal Time"},
    {"Etc/UTC", "Coordinated Universal Time", "Coordinated Universal Time"},
    {"GMT", "Greenwich Mean Time", "Greenwich Mean Time"},
};

// Names and abbreviations that parse to a zone. Longer entries come first where one is a
// prefix of another, though the matcher picks the longest match anyway.
struct NameToZone {
    std::string_view name, zone;
};

constexpr NameToZone kNameToZone[] = {
    {"Pacific Standard Time", "America/Los_Angeles"},
    {"Pacific Daylight Time", "America/Los_Angeles"},
    {"Mountain Standard Time", "America/Denver"},
    {"Mountain Daylight Time", "America/Denver"},
    {"Central Standard Time", "America/Chicago"},
    {"Central Daylight Time", "America/Chicago"},
    {"Eastern Standard Time", "America/New_York"},
    {"Eastern Daylight Time", "America/New_York"},
    {"Alaska Standard Time", "America/Anchorage"},
    {"Alaska Daylight Time", "America/Anchorage"},
    {"Hawaii-Aleutian Standard Time", "Pacific/Honolulu"},
    {"Greenwich Mean Time", "GMT"},
    {"British Summer Time", "Europe/London"},
    {"Central European Standard Time", "Europe/Paris"},
    {"Central European Summer Time", "Europe/Paris"},
    {"Eastern European Standard Time", "Europe/Athens"},
    {"Eastern European Summer Time", "Europe/Athens"},
    {"India Standard Time", "Asia/Kolkata"},
    {"Japan Standard Time", "Asia/Tokyo"},
    {"China Standard Time", "Asia/Shanghai"},
    {"Coordinated Universal Time", "UTC"},
    {"AKST", "America/Anchorage"},
    {"AKDT", "America/Anchorage"},
    {"AEST", "Australia/Sydney"},
    {"AEDT", "Australia/Sydney"},
    {"ACST", "Australia/Adelaide"},
    {"ACDT", "Australia/Adelaide"},
    {"AWST", "Australia/Perth"},
    {"NZST", "Pacific/Auckland"},
    {"NZDT", "Pacific/Auckland"},
    {"CEST", "Europe/Paris"},
    {"EEST", "Europe/Athens"},
    {"WEST", "Europe/Lisbon"},
    {"PST", "America/Los_Angeles"},
    {"PDT", "America/Los_Angeles"},
    {"MST", "America/Denver"},
    {"MDT", "America/Denver"},
    {"CST", "America/Chicago"},
    {"CDT", "America/Chicago"},
    {"EST", "America/New_York"},
    {"EDT", "America/New_York"},
    {"HST", "Pacific/Honolulu"},
    {"BST", "Europe/London"},
    {"CET", "Europe/Paris"},
    {"EET", "Europe/Athens"},
    {"WET", "Europe/Lisbon"},
    {"MSK", "Europe/Moscow"},
    {"IST", "Asia/Kolkata"},
    {"JST", "Asia/Tokyo"},
    {"KST", "Asia/Seoul"},
    {"HKT", "Asia/Hong_Kong"},
    {"SGT", "Asia/Singapore"},
    {"UTC", "UTC"},
    {"GMT", "GMT"},
    {"UT", "UT"},
};

bool StartsWithIgnoreCase(std::string_view text, std::string_view word) {
    if (text.size() < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) !=
            std::tolower(static_cast<unsigned char>(word[i]))) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string_view MonthName(int month, TextStyle style) {
    if (month < 1 || month > 12) return {};
    switch (style) {
        case TextStyle::kShort:
            return kMonthsShort[month - 1];
        case TextStyle::kFull:
            return kMonthsFull[month - 1];
        case TextStyle::kNarrow:
            return kMonthsFull[month - 1].substr(0, 1);
    }
    return {};
}

std::string_view DayOfWeekName(int day_of_week, TextStyle style) {
    if (day_of_week < 1 || day_of_week > 7) return {};
    switch (style) {
        case TextStyle::kShort:
            return kDaysShort[day_of_week - 1];
        case TextStyle::kFull:
            return kDaysFull[day_of_week - 1];
        case TextStyle::kNarrow:
            return kDaysFull[day_of_week - 1].substr(0, 1);
    }
    return {};
}

std::string_view AmPmName(int am_pm) { return am_pm == 0 ? "AM" : "PM"; }

std::string_view EraName(int era, TextStyle style) {
    switch (style) {
        case TextStyle::kShort:
            return era == 0 ? "BC" : "AD";
        case TextStyle::kFull:
            return era == 0 ? "Before Christ" : "Anno Domini";
        case TextStyle::kNarrow:
            return era == 0 ? "B" : "A";
    }
    return {};
}

std::string_view QuarterName(int quarter, TextStyle style) {
    static constexpr std::array<std::string_view, 4> kShort = {"Q1", "Q2", "Q3", "Q4"};
    static constexpr std::array<std::string_view, 4> kFull = {"1st quarter", "2nd quarter",
                                                              "3rd quarter", "4th quarter"};
    static constexpr std::array<std::string_view, 4> kNarrow = {"1", "2", "3", "4"};
    if (quarter < 1 || quarter > 4) return {};
    switch (style) {
        case TextStyle::kShort:
            return kShort[quarter - 1];
        case TextStyle::kFull:
            return kFull[quarter - 1];
        case TextStyle::kNarrow:
            return kNarrow[quarter - 1];
    }
    return {};
}

std::string_view ZoneFullName(std::string_view zone_id, bool daylight) {
    for (const auto& z : kZoneNames) {
        if (z.id == zone_id) return daylight ? z.daylight : z.standard;
    }
    return {};
}

size_t MatchZoneName(std::string_view text, std::string_view* zone_id) {
    size_t best = 0;
    for (const auto& n : kNameToZone) {
        if (n.name.size() > best && StartsWithIgnoreCase(text, n.name)) {
            best = n.name.size();
            *zone_id = n.zone;
        }
    }
    return best;
}

}  // namespace runnel::expression::builtin
