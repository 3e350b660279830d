#include "engine/serde/protobuf_well_known.h"

#include <fmt/format.h>

#include "engine/serde/civil_time.h"
#include "engine/serde/decimal_text.h"
#include "engine/serde/protobuf_wire.h"

namespace runnel::serde {

namespace {

// google.protobuf.Timestamp's valid range: 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z.
constexpr int64_t kMinTimestampSeconds = -62135596800;
constexpr int64_t kMaxTimestampSeconds = 253402300799;
constexpr int32_t kNanosPerMilli = 1000000;
constexpr int32_t kMaxNanos = 999999999;

void AppendInt32Field(uint32_t field, int64_t v, std::string& out) {
    if (v == 0) return;
    AppendTag(field, WireType::kVarint, out);
    AppendInt32(static_cast<int32_t>(v), out);
}

int DigitCount(__int128 v) {
    unsigned __int128 mag =
        v < 0 ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
    int digits = 1;
    while (mag >= 10) {
        mag /= 10;
        ++digits;
    }
    return digits;
}

// The fewest big-endian two's complement bytes of v (Java's BigInteger.toByteArray()).
std::string TwosComplementBytes(__int128 v) {
    char buf[16];
    for (int i = 0; i < 16; ++i) {
        buf[15 - i] = static_cast<char>(static_cast<unsigned __int128>(v) >> (8 * i) & 0xFF);
    }
    int start = 0;
    // Drop a leading byte while the next one still carries the sign.
    while (start < 15) {
        uint8_t lead = static_cast<uint8_t>(buf[start]);
        uint8_t next = static_cast<uint8_t>(buf[start + 1]);
        bool redundant = (lead == 0x00 && (next & 0x80) == 0) || (lead == 0xFF && (next & 0x80));
        if (!redundant) break;
        ++start;
    }
    return std::string(buf + start, 16 - start);
}

Result<__int128> FromTwosComplement(std::string_view bytes) {
    if (bytes.empty()) return __int128(0);
    bool negative = static_cast<uint8_t>(bytes[0]) & 0x80;
    // Leading sign-extension bytes beyond 16 carry nothing.
    size_t skip = 0;
    while (bytes.size() - skip > 16) {
        uint8_t b = static_cast<uint8_t>(bytes[skip]);
        if (b != (negative ? 0xFF : 0x00)) {
            return Status::Invalid("Numeric field overflow: decimal wider than 38 digits");
        }
        ++skip;
    }
    unsigned __int128 v = negative ? ~static_cast<unsigned __int128>(0) : 0;
    for (size_t i = skip; i < bytes.size(); ++i) {
        v = (v << 8) | static_cast<uint8_t>(bytes[i]);
    }
    return static_cast<__int128>(v);
}

// Walks the varint fields of a small message, calling fn(field, value) for each; other wire
// types are skipped.
template <typename Fn>
Status ForEachVarint(std::string_view body, Fn fn) {
    ProtoReader r(body);
    WireField f;
    while (true) {
        RETURN_IF_ERROR(r.Next(f));
        if (f.field == 0) return Status::Ok();
        if (f.type == WireType::kVarint) fn(f.field, f.number);
    }
}

}  // namespace

void AppendProtobufDecimal(__int128 unscaled, int scale, std::string& out) {
    AppendLengthDelimited(1, TwosComplementBytes(unscaled), out);
    AppendTag(2, WireType::kVarint, out);
    AppendVarint(static_cast<uint32_t>(DigitCount(unscaled)), out);
    AppendInt32Field(3, scale, out);
}

Status AppendProtobufDate(int64_t days, std::string& out) {
    int64_t year = 0;
    int month = 0;
    int day = 0;
    CivilFromDays(days, year, month, day);
    if (year < INT32_MIN || year > INT32_MAX) {
        return Status::Invalid(fmt::format("DATE {} is out of range for google.type.Date", days));
    }
    AppendInt32Field(1, year, out);
    AppendInt32Field(2, month, out);
    AppendInt32Field(3, day, out);
    return Status::Ok();
}

Status AppendProtobufTime(int64_t millis_of_day, std::string& out) {
    // Java accepts the end of the day (24:00 reads back as 00:00).
    if (millis_of_day < 0 || millis_of_day > kMillisPerDay) {
        return Status::Invalid(
            "Time values must use number of millis greater than 0 and less than 86400000");
    }
    int64_t ms = millis_of_day % kMillisPerDay;
    AppendInt32Field(1, ms / 3600000, out);
    AppendInt32Field(2, ms / 60000 % 60, out);
    AppendInt32Field(3, ms / 1000 % 60, out);
    AppendInt32Field(4, ms % 1000 * kNanosPerMilli, out);
    return Status::Ok();
}

Status AppendProtobufTimestamp(int64_t epoch_millis, std::string& out) {
    int64_t seconds = FloorDiv(epoch_millis, 1000);
    int64_t nanos = FloorMod(epoch_millis, 1000) * kNanosPerMilli;
    if (seconds < kMinTimestampSeconds || seconds > kMaxTimestampSeconds) {
        return Status::Invalid(
            fmt::format("Timestamp is not valid. Seconds ({}) must be in range [-62,135,596,800, "
                        "+253,402,300,799]",
                        seconds));
    }
    if (seconds != 0) {
        AppendTag(1, WireType::kVarint, out);
        AppendInt64(seconds, out);
    }
    AppendInt32Field(2, nanos, out);
    return Status::Ok();
}

Result<__int128> ReadProtobufDecimal(std::string_view body, const SqlType& type) {
    std::string_view value;
    int64_t scale = 0;
    ProtoReader r(body);
    WireField f;
    while (true) {
        RETURN_IF_ERROR(r.Next(f));
        if (f.field == 0) break;
        if (f.field == 1 && f.type == WireType::kLengthDelimited) value = f.bytes;
        if (f.field == 3 && f.type == WireType::kVarint) {
            scale = static_cast<int32_t>(static_cast<uint32_t>(f.number));
        }
    }
    ASSIGN_OR_RETURN(__int128 unscaled, FromTwosComplement(value));
    if (scale < 0) {
        // 12E+3 (scale -3): carry the exponent into the integer.
        __int128 limit = 1;
        for (int i = 0; i < kMaxDecimalPrecision - 1; ++i) limit *= 10;  // 10^37
        for (int64_t i = scale; i < 0; ++i) {
            if (unscaled >= limit || unscaled <= -limit) {
                return Status::Invalid("Numeric field overflow: decimal wider than 38 digits");
            }
            unscaled *= 10;
        }
        scale = 0;
    }
    if (scale > 2 * kMaxDecimalPrecision) {
        return Status::Invalid(fmt::format("decimal scale {} is out of range", scale));
    }
    // Through text, so the fit rules and messages are the JSON format's.
    return ParseDecimalText(DecimalToString(unscaled, static_cast<int>(scale)), type.precision(),
                            type.scale(), DecimalRounding::kExact);
}

Result<int64_t> ReadProtobufDate(std::string_view body) {
    int32_t year = 0, month = 0, day = 0;
    RETURN_IF_ERROR(ForEachVarint(body, [&](uint32_t field, uint64_t v) {
        int32_t n = static_cast<int32_t>(static_cast<uint32_t>(v));
        if (field == 1) year = n;
        if (field == 2) month = n;
        if (field == 3) day = n;
    }));
    if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
        return Status::Invalid(
            fmt::format("Invalid google.type.Date: year {}, month {}, day {}", year, month, day));
    }
    return DaysFromCivil(year, month, day);
}

Result<int64_t> ReadProtobufTime(std::string_view body) {
    int32_t hours = 0, minutes = 0, seconds = 0, nanos = 0;
    RETURN_IF_ERROR(ForEachVarint(body, [&](uint32_t field, uint64_t v) {
        int32_t n = static_cast<int32_t>(static_cast<uint32_t>(v));
        if (field == 1) hours = n;
        if (field == 2) minutes = n;
        if (field == 3) seconds = n;
        if (field == 4) nanos = n;
    }));
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59 ||
        nanos < 0 || nanos > kMaxNanos) {
        return Status::Invalid(fmt::format("Invalid google.type.TimeOfDay: {}:{}:{}.{:09d}", hours,
                                           minutes, seconds, nanos));
    }
    return int64_t(hours) * 3600000 + int64_t(minutes) * 60000 + int64_t(seconds) * 1000 +
           nanos / kNanosPerMilli;
}

Result<int64_t> ReadProtobufTimestamp(std::string_view body) {
    int64_t seconds = 0;
    int32_t nanos = 0;
    RETURN_IF_ERROR(ForEachVarint(body, [&](uint32_t field, uint64_t v) {
        if (field == 1) seconds = static_cast<int64_t>(v);
        if (field == 2) nanos = static_cast<int32_t>(static_cast<uint32_t>(v));
    }));
    if (seconds < kMinTimestampSeconds || seconds > kMaxTimestampSeconds || nanos < 0 ||
        nanos > kMaxNanos) {
        return Status::Invalid(
            fmt::format("Timestamp is not valid: seconds {}, nanos {}", seconds, nanos));
    }
    return seconds * 1000 + nanos / kNanosPerMilli;
}

}  // namespace runnel::serde
