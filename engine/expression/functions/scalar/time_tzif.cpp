#include "engine/expression/functions/scalar/time_tzif.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

namespace runnel::expression::builtin {

namespace {

class Reader {
public:
    explicit Reader(std::string_view b) : b_(b) {}
    bool Has(size_t n) const { return pos_ + n <= b_.size(); }
    size_t pos() const { return pos_; }
    void Skip(size_t n) { pos_ += n; }
    uint8_t U8() { return static_cast<uint8_t>(b_[pos_++]); }
    uint32_t U32() {
        uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v = (v << 8) | U8();
        return v;
    }
    int64_t I64() {
        uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v = (v << 8) | U8();
        return static_cast<int64_t>(v);
    }
    std::string_view Rest() const { return b_.substr(pos_); }
    std::string_view Slice(size_t n) const { return b_.substr(pos_, n); }

private:
    std::string_view b_;
    size_t pos_ = 0;
};

struct Header {
    char version = 0;
    uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
};

bool ReadHeader(Reader& r, Header* h) {
    if (!r.Has(44)) return false;
    if (r.Slice(4) != "TZif") return false;
    r.Skip(4);
    h->version = static_cast<char>(r.U8());
    r.Skip(15);
    h->isutcnt = r.U32();
    h->isstdcnt = r.U32();
    h->leapcnt = r.U32();
    h->timecnt = r.U32();
    h->typecnt = r.U32();
    h->charcnt = r.U32();
    return h->typecnt > 0;
}

size_t DataSize(const Header& h, size_t time_size) {
    return h.timecnt * time_size + h.timecnt + h.typecnt * 6 + h.charcnt +
           h.leapcnt * (time_size + 4) + h.isstdcnt + h.isutcnt;
}

}  // namespace

std::string ZoneInfoDirectory() {
    const char* env = std::getenv("RUNNEL_ZONEINFO");
    return env && *env ? std::string(env) : std::string("/usr/share/zoneinfo");
}

Result<std::shared_ptr<const TimeZone>> ParseTzif(std::string id, std::string_view bytes) {
    Reader r(bytes);
    Header h;
    auto bad = [&] { return Status::Invalid("Malformed time zone file for '" + id + "'"); };
    if (!ReadHeader(r, &h)) return bad();
    size_t time_size = 4;
    if (h.version >= '2') {
        if (!r.Has(DataSize(h, 4))) return bad();
        r.Skip(DataSize(h, 4));
        if (!ReadHeader(r, &h)) return bad();
        time_size = 8;
    }
    if (!r.Has(DataSize(h, time_size))) return bad();
    std::vector<int64_t> transitions(h.timecnt);
    for (auto& t : transitions) t = time_size == 8 ? r.I64() : static_cast<int32_t>(r.U32());
    std::vector<uint8_t> transition_types(h.timecnt);
    for (auto& t : transition_types) {
        t = r.U8();
        if (t >= h.typecnt) return bad();
    }
    struct RawType {
        int32_t offset;
        bool dst;
        uint8_t abbr_index;
    };
    std::vector<RawType> raw(h.typecnt);
    for (auto& t : raw) {
        t.offset = static_cast<int32_t>(r.U32());
        t.dst = r.U8() != 0;
        t.abbr_index = r.U8();
    }
    std::string_view chars = r.Slice(h.charcnt);
    r.Skip(h.charcnt);
    r.Skip(h.leapcnt * (time_size + 4) + h.isstdcnt + h.isutcnt);
    std::vector<ZoneType> types(h.typecnt);
    for (size_t i = 0; i < raw.size(); ++i) {
        types[i].utc_offset = raw[i].offset;
        types[i].is_dst = raw[i].dst;
        if (raw[i].abbr_index < chars.size()) {
            std::string_view a = chars.substr(raw[i].abbr_index);
            types[i].abbreviation = std::string(a.substr(0, a.find('\0')));
        }
    }
    std::unique_ptr<PosixRule> footer;
    if (time_size == 8) {
        std::string_view rest = r.Rest();
        if (rest.size() >= 2 && rest[0] == '\n') {
            rest.remove_prefix(1);
            std::string_view tz = rest.substr(0, rest.find('\n'));
            if (!tz.empty()) {
                auto rule = std::make_unique<PosixRule>();
                if (ParsePosixRule(tz, rule.get())) footer = std::move(rule);
            }
        }
    }
    return TimeZone::FromRules(std::move(id), std::move(transitions), std::move(transition_types),
                               std::move(types), std::move(footer));
}

}  // namespace runnel::expression::builtin
