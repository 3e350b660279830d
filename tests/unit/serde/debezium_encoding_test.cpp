// DEBEZIUM_JSON: Debezium's value encodings (decimals, dates, times, timestamps) with the
// schema wrapper (by logical type) and without it (by column type and JSON value).
#include <gtest/gtest.h>

#include "engine/serde/debezium_schema.h"
#include "engine/serde/debezium_values.h"
#include "serde_test_util.h"

namespace runnel::serde {
namespace {

using namespace testing;  // NOLINT

// One value column `V` of `type`, read from Debezium events.
class OneColumn {
public:
    explicit OneColumn(SqlType type)
        : t_(MakeSchema({Key("ID", SqlType::Int()), Val("V", std::move(type))})),
          row_(t_.NewRow()),
          d_(MustDeserializer(Format("DEBEZIUM_JSON"), t_.value, false)) {}

    // Without the wrapper: {"after": {"v": <json>}, "op": "c"}.
    Result<Value> Bare(std::string_view json) {
        return Finish(Decode(*d_, "{\"after\":{\"v\":" + std::string(json) + "},\"op\":\"c\"}",
                             row_));
    }

    // With the wrapper; `field_schema` is the Connect schema of field v without "field".
    Result<Value> Wrapped(std::string_view field_schema, std::string_view json) {
        std::string row_schema = R"({"type":"struct","fields":[{"type":"int32","field":"id"},)" +
                                 std::string(field_schema.substr(0, field_schema.size() - 1)) +
                                 R"(,"field":"v"}],"optional":true,"name":"s.t.Value","field":")";
        std::string record = R"({"schema":{"type":"struct","fields":[)" + row_schema +
                             R"(before"},)" + row_schema +
                             R"(after"},{"type":"string","field":"op"}],"name":"s.t.Envelope"},)" +
                             R"("payload":{"before":null,"after":{"id":1,"v":)" +
                             std::string(json) + R"(},"op":"c"}})";
        return Finish(Decode(*d_, record, row_));
    }

private:
    Result<Value> Finish(Status st) {
        if (!st.ok()) return st;
        return row_.values[1];
    }

    TestSchema t_;
    Row row_;
    std::unique_ptr<Deserializer> d_;
};

constexpr const char* kDecimalSchema2 =
    R"({"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal",
        "version":1,"parameters":{"scale":"2","connect.decimal.precision":"10"}})";

TEST(DebeziumDecimalTest, PreciseBytesWithSchemaScale) {
    OneColumn c(SqlType::Decimal(10, 2));
    EXPECT_EQ(c.Wrapped(kDecimalSchema2, R"("BNI=")").value(), Dec(1234));    // 12.34
    EXPECT_EQ(c.Wrapped(kDecimalSchema2, R"("+y4=")").value(), Dec(-1234));   // -12.34
    EXPECT_EQ(c.Wrapped(kDecimalSchema2, R"("AA==")").value(), Dec(0));
    EXPECT_EQ(c.Wrapped(kDecimalSchema2, R"("/w==")").value(), Dec(-1));      // -0.01
    EXPECT_EQ(c.Wrapped(kDecimalSchema2, "null").value(), Null());
    // The schema says bytes: a digit string is base64 too (this one is 0xd76df8, negative).
    EXPECT_EQ(c.Wrapped(kDecimalSchema2, R"("1234")").value(), Dec(-2658824));
    // Sign-extended to 20 bytes (BigInteger never does this, but it is valid).
    EXPECT_EQ(c.Wrapped(kDecimalSchema2, R"("AAAAAAAAAAAAAAAAAAAAAAAABNI=")").value(), Dec(1234));
    EXPECT_EQ(c.Wrapped(kDecimalSchema2, R"("////////////////////////+y4=")").value(),
              Dec(-1234));
    // JsonConverter with decimal.format=NUMERIC writes a number.
    EXPECT_EQ(c.Wrapped(kDecimalSchema2, "12.34").value(), Dec(1234));
}

TEST(DebeziumDecimalTest, RescalesToTheColumnExactly) {
    OneColumn wider(SqlType::Decimal(10, 3));
    EXPECT_EQ(wider.Wrapped(kDecimalSchema2, R"("BNI=")").value(), Dec(12340));
    OneColumn narrower(SqlType::Decimal(10, 1));
    auto r = narrower.Wrapped(kDecimalSchema2, R"("BNI=")");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("without rounding"), std::string::npos)
        << r.status().message();
    EXPECT_NE(r.status().message().find("path: $.payload.after.V"), std::string::npos)
        << r.status().message();
    // A value that needs more digits than the precision.
    OneColumn small(SqlType::Decimal(3, 2));
    EXPECT_FALSE(small.Wrapped(kDecimalSchema2, R"("BNI=")").ok());
    // Beyond 128 bits.
    OneColumn big(SqlType::Decimal(38, 0));
    EXPECT_EQ(big.Bare(R"("f////////////////////w==")").status().message(),
              "Numeric field overflow: A field with precision 38 and scale 0 must round to an "
              "absolute value less than 10^38. Got 170141183460469231731687303715884105727, "
              "path: $.after.V");
    EXPECT_EQ(big.Bare(R"("AIAAAAAAAAAAAAAAAAAAAAA=")").status().message(),
              "Debezium decimal 'AIAAAAAAAAAAAAAAAAAAAAA=' does not fit DECIMAL(38, 0), path: "
              "$.after.V");
    EXPECT_EQ(big.Bare(R"("SztMqFqGxHoJiiI//////w==")").value(),
              Dec((__int128(5421010862427522170LL) << 64) + __int128(687399551400673279ULL)));
}

TEST(DebeziumDecimalTest, WithoutSchema) {
    OneColumn c(SqlType::Decimal(10, 2));
    EXPECT_EQ(c.Bare(R"("BNI=")").value(), Dec(1234));     // precise: the column's scale
    EXPECT_EQ(c.Bare(R"("+y4=")").value(), Dec(-1234));
    EXPECT_EQ(c.Bare(R"("12.34")").value(), Dec(1234));    // string mode
    EXPECT_EQ(c.Bare(R"("-5")").value(), Dec(-500));       // a leading '-' is text
    EXPECT_EQ(c.Bare(R"("12345")").value(), Dec(1234500)); // not padded base64: text
    EXPECT_EQ(c.Bare("12.345").value(), Dec(1235));        // double mode: half up
    EXPECT_EQ(c.Bare("-0.005").value(), Dec(-1));
    // VariableScaleDecimal: 0x3039 = 12345 at scale 2 is 123.45; at scale 3 it does not fit
    // two decimals without rounding.
    EXPECT_EQ(c.Bare(R"({"scale":2,"value":"MDk="})").value(), Dec(12345));
    EXPECT_FALSE(c.Bare(R"({"scale":3,"value":"MDk="})").ok());
}

TEST(DebeziumDecimalTest, VariableScaleAndErrors) {
    OneColumn c(SqlType::Decimal(12, 4));
    constexpr const char* kVariable =
        R"({"type":"struct","fields":[{"type":"int32","optional":false,"field":"scale"},
            {"type":"bytes","optional":false,"field":"value"}],"optional":true,
            "name":"io.debezium.data.VariableScaleDecimal","version":1})";
    EXPECT_EQ(c.Wrapped(kVariable, R"({"scale":2,"value":"BNI="})").value(), Dec(123400));
    EXPECT_EQ(c.Wrapped(kVariable, R"({"value":"BNI=","scale":0})").value(), Dec(12340000));
    EXPECT_EQ(c.Wrapped(kVariable, R"({"scale":2})").status().message(),
              "A Debezium VariableScaleDecimal needs an integer 'scale' and a base64 'value', "
              "path: $.payload.after.V");
    EXPECT_EQ(c.Wrapped(kDecimalSchema2, R"("BN=I")").status().message(),
              "Can't read 'BN=I' as a Debezium decimal: not base64 bytes, path: "
              "$.payload.after.V");
    // Without a schema, a string that is not base64 is decimal text.
    EXPECT_EQ(c.Bare(R"("BN=I")").status().message(),
              "Invalid decimal literal: 'BN=I', path: $.after.V");
    EXPECT_EQ(c.Bare("true").status().message(),
              "Can't convert type. sourceType: BooleanNode, requiredType: DECIMAL(12, 4), path: "
              "$.after.V");
    // A schema that names no logical type (decimal.handling.mode=string): text, never base64.
    EXPECT_EQ(c.Wrapped(R"({"type":"string","optional":true})", R"("1234")").value(),
              Dec(12340000));
    EXPECT_EQ(c.Wrapped(R"({"type":"double","optional":true})", "0.1").value(), Dec(1000));
}

TEST(DebeziumDecimalTest, LooksLikeBase64) {
    EXPECT_TRUE(LooksLikeBase64Decimal("BNI="));
    EXPECT_TRUE(LooksLikeBase64Decimal("+y4="));
    EXPECT_TRUE(LooksLikeBase64Decimal("1234"));
    EXPECT_TRUE(LooksLikeBase64Decimal("AA=="));
    EXPECT_FALSE(LooksLikeBase64Decimal(""));
    EXPECT_FALSE(LooksLikeBase64Decimal("12.3"));
    EXPECT_FALSE(LooksLikeBase64Decimal("-123"));
    EXPECT_FALSE(LooksLikeBase64Decimal("12345"));
    EXPECT_FALSE(LooksLikeBase64Decimal("A==="));
}

constexpr int64_t kDays = 19783;                       // 2024-03-01
constexpr int64_t kMillis = 1709288130123;             // 2024-03-01T10:15:30.123Z
constexpr int64_t kTimeOfDay = 36930123;               // 10:15:30.123

std::string Schema(const char* logical_type, const char* type) {
    return std::string(R"({"type":")") + type + R"(","optional":true,"name":")" + logical_type +
           R"(","version":1})";
}

TEST(DebeziumTemporalTest, DatesWithSchema) {
    OneColumn c(SqlType::Date());
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.Date", "int32"), "19783").value(), I(kDays));
    EXPECT_EQ(c.Wrapped(Schema("org.apache.kafka.connect.data.Date", "int32"), "-1").value(),
              I(-1));
    // A timestamp into a DATE column is its UTC day.
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.MicroTimestamp", "int64"), "1709288130123456")
                  .value(),
              I(kDays));
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.Timestamp", "int64"), "-1").value(), I(-1));
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.Date", "int32"), "null").value(), Null());
}

TEST(DebeziumTemporalTest, TimestampsWithSchema) {
    OneColumn c(SqlType::Timestamp());
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.Timestamp", "int64"), "1709288130123").value(),
              I(kMillis));
    EXPECT_EQ(c.Wrapped(Schema("org.apache.kafka.connect.data.Timestamp", "int64"),
                        "1709288130123")
                  .value(),
              I(kMillis));
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.MicroTimestamp", "int64"), "1709288130123456")
                  .value(),
              I(kMillis));
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.NanoTimestamp", "int64"),
                        "1709288130123456789")
                  .value(),
              I(kMillis));
    // The schema's unit wins over the magnitude: 1000 micros is one milli.
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.MicroTimestamp", "int64"), "1000").value(),
              I(1));
    // Before the epoch, micros round toward the past.
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.MicroTimestamp", "int64"), "-1").value(),
              I(-1));
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.ZonedTimestamp", "string"),
                        R"("2024-03-01T10:15:30.123456Z")")
                  .value(),
              I(kMillis));
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.ZonedTimestamp", "string"),
                        R"("2024-03-01T12:15:30.123+02:00")")
                  .value(),
              I(kMillis));
    // A Date into a TIMESTAMP column is midnight UTC.
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.Date", "int32"), "19783").value(),
              I(kDays * 86400000));
}

TEST(DebeziumTemporalTest, TimestampsWithoutSchema) {
    OneColumn c(SqlType::Timestamp());
    EXPECT_EQ(c.Bare("1709288130123").value(), I(kMillis));         // < 1e14: millis
    EXPECT_EQ(c.Bare("1709288130123456").value(), I(kMillis));      // < 1e17: micros
    EXPECT_EQ(c.Bare("1709288130123456789").value(), I(kMillis));   // else nanos
    EXPECT_EQ(c.Bare("99999999999999").value(), I(99999999999999)); // just below 1e14
    EXPECT_EQ(c.Bare("100000000000000").value(), I(100000000000));  // 1e14 micros
    EXPECT_EQ(c.Bare("-1709288130123").value(), I(-1709288130123));
    EXPECT_EQ(c.Bare(R"("1709288130123")").value(), I(kMillis));    // an integer string
    EXPECT_EQ(c.Bare(R"("2024-03-01T10:15:30.123Z")").value(), I(kMillis));
    EXPECT_EQ(c.Bare(R"("2024-03-01 10:15:30.123")").value(), I(kMillis));  // UTC
    EXPECT_EQ(c.Bare(R"("2024-03-01T11:15:30.123+0100")").value(), I(kMillis));
    EXPECT_EQ(c.Bare(R"("2024-03-01")").value(), I(kDays * 86400000));
    EXPECT_EQ(c.Bare("null").value(), Null());
    EXPECT_EQ(c.Bare(R"("yesterday")").status().message(),
              "Can't read 'yesterday' as TIMESTAMP: expected ISO-8601 text, path: $.after.V");
    EXPECT_EQ(c.Bare("1.5").status().message(),
              "Can't convert type. sourceType: DoubleNode, requiredType: TIMESTAMP, path: "
              "$.after.V");
    EXPECT_EQ(c.Bare("[1]").status().message(),
              "Can't convert type. sourceType: ArrayNode, requiredType: TIMESTAMP, path: "
              "$.after.V");
}

TEST(DebeziumTemporalTest, DatesWithoutSchema) {
    OneColumn c(SqlType::Date());
    EXPECT_EQ(c.Bare("19783").value(), I(kDays));
    EXPECT_EQ(c.Bare(R"("2024-03-01")").value(), I(kDays));
    EXPECT_EQ(c.Bare(R"("1969-12-31")").value(), I(-1));
    EXPECT_EQ(c.Bare(R"("2024-03-01T23:59:59Z")").value(), I(kDays));
    EXPECT_FALSE(c.Bare(R"("2024-02-30")").ok());
}

TEST(DebeziumTemporalTest, Times) {
    OneColumn c(SqlType::Time());
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.Time", "int32"), "36930123").value(),
              I(kTimeOfDay));
    EXPECT_EQ(c.Wrapped(Schema("org.apache.kafka.connect.data.Time", "int32"), "36930123")
                  .value(),
              I(kTimeOfDay));
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.MicroTime", "int64"), "36930123456").value(),
              I(kTimeOfDay));
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.NanoTime", "int64"), "36930123456789").value(),
              I(kTimeOfDay));
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.ZonedTime", "string"), R"("10:15:30.123Z")")
                  .value(),
              I(kTimeOfDay));
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.ZonedTime", "string"),
                        R"("01:00:00+02:00")")
                  .value(),
              I(23 * 3600000));  // wraps around midnight
    // Without a schema a number is micros (Debezium's default MicroTime).
    EXPECT_EQ(c.Bare("36930123456").value(), I(kTimeOfDay));
    EXPECT_EQ(c.Bare(R"("10:15:30.123456")").value(), I(kTimeOfDay));
    EXPECT_EQ(c.Bare(R"("10:15")").value(), I(36900000));
    // MySQL TIME can exceed a day; TIME cannot.
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.MicroTime", "int64"), "90000000000")
                  .status()
                  .message(),
              "Debezium value 90000000000 is not a time of day for a TIME column, path: "
              "$.payload.after.V");
    EXPECT_FALSE(c.Bare("-1").ok());
    EXPECT_FALSE(c.Bare(R"("25:00")").ok());
}

TEST(DebeziumTemporalTest, OtherColumnTypesIgnoreLogicalTypes) {
    // A BIGINT column receives the raw number; a STRING column the text.
    OneColumn n(SqlType::Bigint());
    EXPECT_EQ(n.Wrapped(Schema("io.debezium.time.MicroTimestamp", "int64"), "1709288130123456")
                  .value(),
              I(1709288130123456));
    OneColumn s(SqlType::String());
    EXPECT_EQ(s.Wrapped(Schema("io.debezium.time.ZonedTimestamp", "string"),
                        R"("2024-03-01T10:15:30Z")")
                  .value(),
              Str("2024-03-01T10:15:30Z"));
    EXPECT_EQ(s.Wrapped(kDecimalSchema2, R"("BNI=")").value(), Str("BNI="));
}

TEST(DebeziumSchemaTest, LogicalTypeNames) {
    EXPECT_EQ(EncodingOfLogicalType("org.apache.kafka.connect.data.Decimal"),
              DebeziumEncoding::kDecimalBytes);
    EXPECT_EQ(EncodingOfLogicalType("io.debezium.data.VariableScaleDecimal"),
              DebeziumEncoding::kVariableScaleDecimal);
    EXPECT_EQ(EncodingOfLogicalType("io.debezium.time.Date"), DebeziumEncoding::kEpochDays);
    EXPECT_EQ(EncodingOfLogicalType("io.debezium.time.MicroTime"), DebeziumEncoding::kMicros);
    EXPECT_EQ(EncodingOfLogicalType("io.debezium.time.NanoTimestamp"), DebeziumEncoding::kNanos);
    EXPECT_EQ(EncodingOfLogicalType("io.debezium.time.ZonedTimestamp"),
              DebeziumEncoding::kIsoText);
    EXPECT_EQ(EncodingOfLogicalType("io.debezium.data.Json"), DebeziumEncoding::kPlain);
    EXPECT_EQ(EncodingOfLogicalType(""), DebeziumEncoding::kPlain);
}

TEST(DebeziumSchemaTest, ReadsTheRowStructOfAfterOrBefore) {
    FieldMatcher columns({"PRICE", "ORDER_DATE", "NOTE", "ABSENT"});
    std::vector<ColumnEncoding> out;
    DebeziumSchemaReader reader;
    // Only `before` carries the row struct here; field names match ignoring case.
    ASSERT_TRUE(reader
                    .Read(R"({"type":"struct","fields":[
        {"type":"struct","optional":true,"field":"before","fields":[
          {"type":"bytes","name":"org.apache.kafka.connect.data.Decimal",
           "parameters":{"scale":"3"},"field":"price"},
          {"type":"int32","name":"io.debezium.time.Date","field":"order_date"},
          {"type":"string","field":"note"}]},
        {"type":"string","field":"op"}]})",
                          columns, out)
                    .ok());
    ASSERT_EQ(out.size(), 4u);
    EXPECT_EQ(out[0].encoding, DebeziumEncoding::kDecimalBytes);
    EXPECT_EQ(out[0].scale, 3);
    EXPECT_EQ(out[1].encoding, DebeziumEncoding::kEpochDays);
    EXPECT_EQ(out[2].encoding, DebeziumEncoding::kPlain);
    EXPECT_EQ(out[3].encoding, DebeziumEncoding::kUnknown);
    // A schema without a row struct leaves everything unknown.
    ASSERT_TRUE(reader.Read(R"({"type":"string"})", columns, out).ok());
    EXPECT_EQ(out[0].encoding, DebeziumEncoding::kUnknown);
    EXPECT_FALSE(reader.Read("{bad", columns, out).ok());
}

TEST(DebeziumSchemaTest, SchemaChangesAreNoticed) {
    // The deserializer caches the parsed schema by its text: a new text is parsed again.
    OneColumn c(SqlType::Timestamp());
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.MicroTimestamp", "int64"), "1000").value(),
              I(1));
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.Timestamp", "int64"), "1000").value(), I(1000));
    EXPECT_EQ(c.Wrapped(Schema("io.debezium.time.NanoTimestamp", "int64"), "1000000").value(),
              I(1));
}

}  // namespace
}  // namespace runnel::serde
