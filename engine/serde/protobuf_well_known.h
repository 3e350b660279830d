// The messages PROTOBUF_NOSR uses for SQL types protobuf has no scalar for, as Confluent's
// Connect<->Protobuf conversion writes them (and so as ksqlDB reads and writes them):
//   DECIMAL   confluent.type.Decimal      {bytes value = 1; uint32 precision = 2; int32 scale = 3}
//             value: the unscaled integer, big-endian two's complement in the fewest bytes;
//             precision: its number of digits; scale: the column's scale.
//   DATE      google.type.Date            {int32 year = 1; int32 month = 2; int32 day = 3}
//             (proleptic Gregorian; Java's calendar switches to Julian before 1582-10-15).
//   TIME      google.type.TimeOfDay       {int32 hours = 1; minutes = 2; seconds = 3; nanos = 4}
//   TIMESTAMP google.protobuf.Timestamp   {int64 seconds = 1; int32 nanos = 2} (nanos >= 0)
// Fields holding their default (zero) value are left out, as in proto3.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/common/sql_type.h"
#include "engine/common/status.h"

namespace runnel::serde {

// Appends the message body (without tag or length).
void AppendProtobufDecimal(__int128 unscaled, int scale, std::string& out);
Status AppendProtobufDate(int64_t days, std::string& out);
Status AppendProtobufTime(int64_t millis_of_day, std::string& out);
Status AppendProtobufTimestamp(int64_t epoch_millis, std::string& out);

// Reads a message body. The decimal is fitted to `type` (a DECIMAL): a different scale is
// rescaled when no digit is lost, else it is an error, as are values too wide for the precision.
Result<__int128> ReadProtobufDecimal(std::string_view body, const SqlType& type);
Result<int64_t> ReadProtobufDate(std::string_view body);
Result<int64_t> ReadProtobufTime(std::string_view body);
Result<int64_t> ReadProtobufTimestamp(std::string_view body);

}  // namespace runnel::serde
