#include "engine/expression/functions/scalar/time_zone.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <mutex>
#include <unordered_map>

#include "engine/expression/functions/scalar/time_tzif.h"
#include "engine/expression/temporal_text.h"

namespace runnel::expression::builtin {

namespace {

constexpr int64_t kSecondsPerDay = 86400;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// ---- POSIX TZ strings -----------------------------------------------------------------------

class PosixScanner {
public:
    explicit PosixScanner(std::string_view s) : s_(s) {}
    bool AtEnd() const { return i_ >= s_.size(); }
    char Peek() const { return AtEnd() ? '\0' : s_[i_]; }
    bool Take(char c) {
        if (Peek() != c) return false;
        ++i_;
        return true;
    }
    bool Name(std::string* out) {
        if (Take('<')) {
            size_t end = s_.find('>', i_);
            if (end == std::string_view::npos) return false;
            *out = std::string(s_.substr(i_, end - i_));
            i_ = end + 1;
            return !out->empty();
        }
        size_t start = i_;
        while (!AtEnd() && IsAlpha(Peek())) ++i_;
        *out = std::string(s_.substr(start, i_ - start));
        return out->size() >= 3;
    }
    bool Number(int* out) {
        if (!IsDigit(Peek())) return false;
        int v = 0;
        while (IsDigit(Peek())) v = v * 10 + (s_[i_++] - '0');
        *out = v;
        return true;
    }
    // [+|-]hh[:mm[:ss]] in seconds.
    bool Duration(int32_t* out) {
        int sign = 1;
        if (Take('-')) {
            sign = -1;
        } else {
            Take('+');
        }
        int h = 0, m = 0, s = 0;
        if (!Number(&h)) return false;
        if (Take(':')) {
            if (!Number(&m)) return false;
            if (Take(':') && !Number(&s)) return false;
        }
        *out = sign * (h * 3600 + m * 60 + s);
        return true;
    }
    bool Date(PosixRule::Date* d) {
        if (Take('M')) {
            d->kind = 'M';
            if (!Number(&d->month) || !Take('.') || !Number(&d->week) || !Take('.') ||
                !Number(&d->weekday)) {
                return false;
            }
            if (d->month < 1 || d->month > 12 || d->week < 1 || d->week > 5 || d->weekday > 6) {
                return false;
            }
        } else if (Take('J')) {
            d->kind = 'J';
            if (!Number(&d->day) || d->day < 1 || d->day > 365) return false;
        } else {
            d->kind = 'D';
            if (!Number(&d->day) || d->day > 365) return false;
        }
        d->time = 7200;
        if (Take('/')) return Duration(&d->time);
        return true;
    }

private:
    std::string_view s_;
    size_t i_ = 0;
};

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int m) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
}

// The epoch day a rule date falls on in year `y`.
int64_t RuleDay(const PosixRule::Date& d, int64_t y) {
    const int64_t jan1 = DaysFromCivil(y, 1, 1);
    if (d.kind == 'J') return jan1 + (d.day - 1) + (IsLeap(y) && d.day >= 60 ? 1 : 0);
    if (d.kind == 'D') return jan1 + d.day;
    const int64_t first = DaysFromCivil(y, static_cast<unsigned>(d.month), 1);
    const int dow_first = static_cast<int>(FloorMod(first + 4, 7));  // 0 = Sunday
    int day = 1 + (d.weekday - dow_first + 7) % 7 + (d.week - 1) * 7;
    while (day > DaysInMonth(y, d.month)) day -= 7;
    return first + day - 1;
}

// ---- zone ID rules ----------------------------------------------------------------------------

// ZoneOffset.of: "+h", "+hh", "+hh:mm", "+hhmm", "+hh:mm:ss", "+hhmmss" (and '-'), within 18h.
bool ParseOffsetId(std::string_view s, int32_t* out) {
    if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return false;
    const int sign = s[0] == '-' ? -1 : 1;
    std::string_view d = s.substr(1);
    auto two = [&](size_t at, int* v) {
        if (at + 2 > d.size() || !IsDigit(d[at]) || !IsDigit(d[at + 1])) return false;
        *v = (d[at] - '0') * 10 + (d[at + 1] - '0');
        return true;
    };
    int h = 0, m = 0, sec = 0;
    switch (d.size()) {
        case 1:
            if (!IsDigit(d[0])) return false;
            h = d[0] - '0';
            break;
        case 2:
            if (!two(0, &h)) return false;
            break;
        case 4:
            if (!two(0, &h) || !two(2, &m)) return false;
            break;
        case 5:
            if (!two(0, &h) || d[2] != ':' || !two(3, &m)) return false;
            break;
        case 6:
            if (!two(0, &h) || !two(2, &m) || !two(4, &sec)) return false;
            break;
        case 8:
            if (!two(0, &h) || d[2] != ':' || !two(3, &m) || d[5] != ':' || !two(6, &sec)) {
                return false;
            }
            break;
        default:
            return false;
    }
    if (h > 18 || m > 59 || sec > 59) return false;
    const int32_t total = sign * (h * 3600 + m * 60 + sec);
    if (total > 18 * 3600 || total < -18 * 3600) return false;
    *out = total;
    return true;
}

// ZoneOffset's ID: "Z", "+02:00", "-05:30:15".
std::string OffsetId(int32_t total) {
    if (total == 0) return "Z";
    std::string s(total < 0 ? "-" : "+");
    int32_t a = total < 0 ? -total : total;
    auto two = [&](int v) {
        s.push_back(static_cast<char>('0' + v / 10));
        s.push_back(static_cast<char>('0' + v % 10));
    };
    two(a / 3600);
    s.push_back(':');
    two(a / 60 % 60);
    if (a % 60 != 0) {
        s.push_back(':');
        two(a % 60);
    }
    return s;
}

// Java's ZoneId.SHORT_IDS, used for three-letter IDs the database does not have itself.
std::string_view ShortIdTarget(std::string_view id) {
    static const std::array<std::pair<std::string_view, std::string_view>, 28> kShortIds = {{
        {"ACT", "Australia/Darwin"},
        {"AET", "Australia/Sydney"},
        {"AGT", "America/Argentina/Buenos_Aires"},
        {"ART", "Africa/Cairo"},
        {"AST", "America/Anchorage"},
        {"BET", "America/Sao_Paulo"},
        {"BST", "Asia/Dhaka"},
        {"CAT", "Africa/Harare"},
        {"CNT", "America/St_Johns"},
        {"CST", "America/Chicago"},
        {"CTT", "Asia/Shanghai"},
        {"EAT", "Africa/Addis_Ababa"},
        {"ECT", "Europe/Paris"},
        {"IET", "America/Indiana/Indianapolis"},
        {"IST", "Asia/Kolkata"},
        {"JST", "Asia/Tokyo"},
        {"MIT", "Pacific/Apia"},
        {"NET", "Asia/Yerevan"},
        {"NST", "Pacific/Auckland"},
        {"PLT", "Asia/Karachi"},
        {"PNT", "America/Phoenix"},
        {"PRT", "America/Puerto_Rico"},
        {"PST", "America/Los_Angeles"},
        {"SST", "Pacific/Guadalcanal"},
        {"VST", "Asia/Ho_Chi_Minh"},
        {"EST", "-05:00"},
        {"MST", "-07:00"},
        {"HST", "-10:00"},
    }};
    for (const auto& [k, v] : kShortIds) {
        if (k == id) return v;
    }
    return {};
}

bool ValidRegionId(std::string_view id) {
    if (id.empty() || !IsAlpha(id[0])) return false;
    for (char c : id) {
        if (!(IsAlpha(c) || IsDigit(c) || c == '/' || c == '_' || c == '+' || c == '-' ||
              c == '~' || c == '.')) {
            return false;
        }
    }
    if (id.find("..") != std::string_view::npos) return false;
    if (id.rfind("posix/", 0) == 0 || id.rfind("right/", 0) == 0) return false;
    return id != "posixrules" && id != "localtime" && id != "Factory";
}

Result<std::shared_ptr<const TimeZone>> LoadRegion(std::string_view id) {
    if (!ValidRegionId(id)) return Status::NotFound("Unknown time-zone ID: " + std::string(id));
    std::ifstream in(ZoneInfoDirectory() + "/" + std::string(id), std::ios::binary);
    if (!in) return Status::NotFound("Unknown time-zone ID: " + std::string(id));
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.compare(0, 4, "TZif") != 0) {
        return Status::NotFound("Unknown time-zone ID: " + std::string(id));
    }
    return ParseTzif(std::string(id), bytes);
}

Result<std::shared_ptr<const TimeZone>> Build(std::string_view id) {
    if (id == "Z") return TimeZone::Fixed("Z", 0);
    if (!id.empty() && (id[0] == '+' || id[0] == '-')) {
        int32_t off;
        if (!ParseOffsetId(id, &off))
            return Status::Invalid("Invalid ID for ZoneOffset: " + std::string(id));
        return TimeZone::Fixed(OffsetId(off), off);
    }
    if (id == "UTC" || id == "GMT" || id == "UT") return TimeZone::Fixed(std::string(id), 0);
    for (std::string_view prefix : {"UTC", "GMT", "UT"}) {
        if (id.size() > prefix.size() && id.substr(0, prefix.size()) == prefix &&
            (id[prefix.size()] == '+' || id[prefix.size()] == '-')) {
            int32_t off;
            if (!ParseOffsetId(id.substr(prefix.size()), &off)) {
                return Status::Invalid("Invalid ID for offset-based ZoneId: " + std::string(id));
            }
            std::string norm(prefix);
            if (off != 0) norm += OffsetId(off);
            return TimeZone::Fixed(norm, off);
        }
    }
    auto region = LoadRegion(id);
    if (region.ok()) return region;
    std::string_view target = ShortIdTarget(id);
    if (!target.empty()) {
        auto z = Build(target);
        if (z.ok()) return z;
    }
    return region.status();
}

struct ZoneCache {
    std::mutex mu;
    std::unordered_map<std::string, std::shared_ptr<const TimeZone>> zones;  // null: unknown
    std::unordered_map<std::string, Status> errors;
};

ZoneCache& Cache() {
    static auto* cache = new ZoneCache();
    return *cache;
}

}  // namespace

bool ParsePosixRule(std::string_view text, PosixRule* out) {
    *out = PosixRule();
    PosixScanner sc(text);
    int32_t std_offset;
    if (!sc.Name(&out->standard.abbreviation) || !sc.Duration(&std_offset)) return false;
    out->standard.utc_offset = -std_offset;
    out->standard.is_dst = false;
    if (sc.AtEnd()) return true;
    if (!sc.Name(&out->daylight.abbreviation)) return false;
    out->has_dst = true;
    out->daylight.is_dst = true;
    out->daylight.utc_offset = out->standard.utc_offset + 3600;
    if (sc.Peek() != ',' && !sc.AtEnd()) {
        int32_t dst_offset;
        if (!sc.Duration(&dst_offset)) return false;
        out->daylight.utc_offset = -dst_offset;
    }
    if (sc.AtEnd()) {
        PosixScanner defaults("M3.2.0,M11.1.0");
        return defaults.Date(&out->start) && defaults.Take(',') && defaults.Date(&out->end);
    }
    if (!sc.Take(',') || !sc.Date(&out->start) || !sc.Take(',') || !sc.Date(&out->end))
        return false;
    return sc.AtEnd();
}

std::shared_ptr<const TimeZone> TimeZone::Fixed(std::string id, int32_t offset_seconds) {
    auto z = std::shared_ptr<TimeZone>(new TimeZone());
    z->id_ = std::move(id);
    ZoneType t;
    t.utc_offset = offset_seconds;
    t.abbreviation = z->id_;
    z->types_.push_back(std::move(t));
    return z;
}

std::shared_ptr<const TimeZone> TimeZone::FromRules(std::string id,
                                                    std::vector<int64_t> transitions,
                                                    std::vector<uint8_t> transition_types,
                                                    std::vector<ZoneType> types,
                                                    std::unique_ptr<PosixRule> footer) {
    auto z = std::shared_ptr<TimeZone>(new TimeZone());
    z->id_ = std::move(id);
    z->transitions_ = std::move(transitions);
    z->transition_types_ = std::move(transition_types);
    z->types_ = std::move(types);
    if (footer && footer->has_dst) z->footer_ = std::move(footer);
    if (z->types_.empty()) z->types_.push_back(ZoneType{});
    return z;
}

const ZoneType& TimeZone::RuleTypeAt(int64_t t) const {
    const PosixRule& r = *footer_;
    int64_t y;
    unsigned m, d;
    CivilFromDays(FloorDiv(t + r.standard.utc_offset, kSecondsPerDay), y, m, d);
    const int64_t start =
        RuleDay(r.start, y) * kSecondsPerDay + r.start.time - r.standard.utc_offset;
    const int64_t end = RuleDay(r.end, y) * kSecondsPerDay + r.end.time - r.daylight.utc_offset;
    const bool dst = start < end ? (t >= start && t < end) : !(t >= end && t < start);
    return dst ? r.daylight : r.standard;
}

const ZoneType& TimeZone::TypeAt(int64_t t) const {
    if (transitions_.empty()) return footer_ ? RuleTypeAt(t) : types_[0];
    if (t < transitions_.front()) return types_[0];
    if (footer_ && t >= transitions_.back()) return RuleTypeAt(t);
    auto it = std::upper_bound(transitions_.begin(), transitions_.end(), t);
    const size_t idx = static_cast<size_t>(it - transitions_.begin()) - 1;
    return types_[transition_types_[idx]];
}

int64_t TimeZone::LocalToUtc(int64_t local) const {
    if (is_fixed()) return local - types_[0].utc_offset;
    // The offsets around this local time; a day either side covers any real transition.
    const int32_t candidates[] = {OffsetAt(local - kSecondsPerDay),
                                  OffsetAt(local + kSecondsPerDay),
                                  OffsetAt(local - OffsetAt(local))};
    bool any = false;
    int32_t best = 0;
    for (int32_t o : candidates) {
        if (OffsetAt(local - o) != o) continue;
        if (!any || o > best) best = o;  // overlap: the earlier instant (larger offset)
        any = true;
    }
    if (any) return local - best;
    // A gap: use the offset before it, which moves the local time forward by the gap.
    return local - std::min(candidates[0], candidates[1]);
}

Result<const TimeZone*> FindTimeZone(std::string_view id) {
    ZoneCache& c = Cache();
    std::lock_guard<std::mutex> lock(c.mu);
    std::string key(id);
    auto it = c.zones.find(key);
    if (it != c.zones.end()) {
        if (it->second) return it->second.get();
        return c.errors[key];
    }
    auto z = Build(id);
    if (!z.ok()) {
        // Remember a bounded number of unknown IDs so a bad column value does not hit the disk
        // on every row.
        if (c.errors.size() < 4096) {
            c.zones.emplace(key, nullptr);
            c.errors.emplace(key, z.status());
        }
        return z.status();
    }
    const TimeZone* raw = z.value().get();
    c.zones.emplace(std::move(key), std::move(z).value());
    return raw;
}

const TimeZone* FindTimeZoneCached(std::string_view id) {
    struct Entry {
        std::string name;
        const TimeZone* zone = nullptr;
        bool used = false;
    };
    thread_local std::array<Entry, 8> entries;
    thread_local size_t next = 0;
    for (const auto& e : entries) {
        if (e.used && e.name == id) return e.zone;
    }
    auto z = FindTimeZone(id);
    Entry& e = entries[next];
    next = (next + 1) % entries.size();
    e.name.assign(id.data(), id.size());
    e.zone = z.ok() ? z.value() : nullptr;
    e.used = true;
    return e.zone;
}

const TimeZone* UtcZone() {
    static const TimeZone* utc = FindTimeZone("UTC").value();
    return utc;
}

}  // namespace runnel::expression::builtin
