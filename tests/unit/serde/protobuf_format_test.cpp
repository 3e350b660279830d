// PROTOBUF_NOSR rows <-> bytes: field numbering, the three nullable representations, nested
// messages, repeated and map fields, unwrapped single columns, decoding of what other protobuf
// writers may produce (unpacked numbers, unknown fields, merged messages), and validation.
// Expected bytes are worked out by hand from the protobuf encoding spec.
#include "engine/serde/protobuf_format.h"

#include <gtest/gtest.h>

#include "protobuf_test_util.h"

namespace runnel {
// Readable values in gtest failure messages.
inline void PrintTo(const Value& v, std::ostream* os) { *os << v.DebugString(); }
}  // namespace runnel

namespace runnel::serde {
namespace {

using testing::Hex;
using testing::ToHex;
using namespace testing;  // NOLINT

FormatSpec Proto(const char* nullable = nullptr, bool wrap = true) {
    FormatSpec f = Format("PROTOBUF_NOSR");
    if (nullable) f.properties[kProtobufNullableProperty] = nullable;
    f.wrap_single_value = wrap;
    return f;
}

// One side (value unless `is_key`) of a schema in a format: rows to bytes and back.
class Side {
public:
    Side(std::vector<Column> columns, FormatSpec format, bool is_key = false)
        : t_(MakeSchema(std::move(columns))), format_(std::move(format)), is_key_(is_key) {
        const SideLayout& layout = is_key ? t_.key : t_.value;
        s_ = MustSerializer(format_, layout, is_key);
        d_ = MustDeserializer(format_, layout, is_key);
    }

    const SideLayout& layout() const { return is_key_ ? t_.key : t_.value; }

    // Hex of the record; "null" for a null record; the error message on failure.
    std::string Encode(std::vector<Value> values) {
        Row row = t_.NewRow();
        const auto& cols = layout().columns;
        for (size_t i = 0; i < values.size(); ++i) row.values[cols[i]] = std::move(values[i]);
        std::string out;
        bool is_null = false;
        Status st = s_->Serialize(row, out, &is_null);
        if (!st.ok()) return "error: " + st.message();
        return is_null ? "null" : ToHex(out);
    }

    Result<std::vector<Value>> Decode(std::string_view hex) {
        std::string bytes = Hex(hex);
        Row row = t_.NewRow();
        // Stale values must not survive into the next record.
        for (Value& v : row.values) v = Str("stale");
        RETURN_IF_ERROR(d_->Deserialize(bytes.data(), bytes.size(), row));
        std::vector<Value> out;
        for (size_t c : layout().columns) out.push_back(row.values[c]);
        return out;
    }

    std::vector<Value> MustDecode(std::string_view hex) {
        auto r = Decode(hex);
        EXPECT_TRUE(r.ok()) << r.status().ToString();
        return r.ok() ? r.value() : std::vector<Value>{};
    }

    Status DecodeNull() {
        Row row = t_.NewRow();
        for (Value& v : row.values) v = I(1);
        RETURN_IF_ERROR(d_->Deserialize(nullptr, 0, row));
        for (size_t c : layout().columns) {
            if (!row.values[c].is_null()) return Status::Internal("not null");
        }
        return Status::Ok();
    }

private:
    TestSchema t_;
    FormatSpec format_;
    bool is_key_;
    std::unique_ptr<Serializer> s_;
    std::unique_ptr<Deserializer> d_;
};

std::vector<Column> Primitives() {
    return {Key("K", SqlType::String()), Val("I", SqlType::Int()),     Val("L", SqlType::Bigint()),
            Val("D", SqlType::Double()), Val("B", SqlType::Boolean()), Val("S", SqlType::String())};
}

// --- plain proto3 (no nullable representation) ---

TEST(ProtobufFormatTest, FieldsAreNumberedInColumnOrder) {
    Side side(Primitives(), Proto());
    EXPECT_EQ(side.Encode({I(1), I(-1), D(1.5), B(true), Str("hi")}),
              "08 01 10 ff ff ff ff ff ff ff ff ff 01 19 00 00 00 00 00 00 f8 3f 20 01 2a 02 68 "
              "69");
    auto v = side.MustDecode(
        "08 01 10 ff ff ff ff ff ff ff ff ff 01 19 00 00 00 00 00 00 f8 3f 20 01 2a 02 68 69");
    EXPECT_EQ(v, (std::vector<Value>{I(1), I(-1), D(1.5), B(true), Str("hi")}));
}

TEST(ProtobufFormatTest, DefaultsAndNullsAreNotWrittenAndReadAsDefaults) {
    Side side(Primitives(), Proto());
    EXPECT_EQ(side.Encode({Null(), I(0), Null(), B(false), Null()}), "");
    EXPECT_EQ(side.Encode({I(0), Null(), D(0.0), Null(), Str("")}), "");
    // -0.0 is not the default: its sign bit is set.
    EXPECT_EQ(side.Encode({Null(), Null(), D(-0.0), Null(), Null()}), "19 00 00 00 00 00 00 00 80");
    // An empty message is a record with every column at its default, not a null record.
    EXPECT_EQ(side.MustDecode(""), (std::vector<Value>{I(0), I(0), D(0), B(false), Str("")}));
    EXPECT_TRUE(side.DecodeNull().ok());
}

TEST(ProtobufFormatTest, NegativeIntIsTenBytesAndReadsBack) {
    Side side({Val("I", SqlType::Int())}, Proto());
    EXPECT_EQ(side.Encode({I(-2)}), "08 fe ff ff ff ff ff ff ff ff 01");
    EXPECT_EQ(side.MustDecode("08 fe ff ff ff ff ff ff ff ff 01"), std::vector<Value>{I(-2)});
    // An int32 field takes the low 32 bits of a wider varint, as Java does.
    EXPECT_EQ(side.MustDecode("08 80 80 80 80 10"), std::vector<Value>{I(0)});
}

TEST(ProtobufFormatTest, BytesAreRaw) {
    Side side({Val("B", SqlType::Bytes())}, Proto());
    EXPECT_EQ(side.Encode({Str(std::string("\x00\xff", 2))}), "0a 02 00 ff");
    EXPECT_EQ(side.MustDecode("0a 02 00 ff"), std::vector<Value>{Str(std::string("\x00\xff", 2))});
}

// --- OPTIONAL and WRAPPER ---

TEST(ProtobufFormatTest, OptionalWritesDefaultsAndReadsAbsentAsNull) {
    Side side(Primitives(), Proto("optional"));
    EXPECT_EQ(side.Encode({I(0), Null(), D(0.0), Null(), Str("")}),
              "08 00 19 00 00 00 00 00 00 00 00 2a 00");
    EXPECT_EQ(side.MustDecode("08 00 19 00 00 00 00 00 00 00 00 2a 00"),
              (std::vector<Value>{I(0), Null(), D(0.0), Null(), Str("")}));
    EXPECT_EQ(side.Encode({Null(), I(0), Null(), B(false), Null()}), "10 00 20 00");
    EXPECT_EQ(side.MustDecode(""), (std::vector<Value>{Null(), Null(), Null(), Null(), Null()}));
}

TEST(ProtobufFormatTest, WrapperWritesWrapperMessages) {
    Side side(Primitives(), Proto("WRAPPER"));
    // A present default is an empty wrapper; a null is no field at all.
    EXPECT_EQ(side.Encode({I(0), Null(), D(0.0), Null(), Str("")}), "0a 00 1a 00 2a 00");
    EXPECT_EQ(side.Encode({I(5), I(-1), Null(), B(true), Str("a")}),
              "0a 02 08 05 12 0b 08 ff ff ff ff ff ff ff ff ff 01 22 02 08 01 2a 03 0a 01 61");
    EXPECT_EQ(side.MustDecode("0a 00 1a 00 2a 00"),
              (std::vector<Value>{I(0), Null(), D(0.0), Null(), Str("")}));
    EXPECT_EQ(side.MustDecode("0a 02 08 05 22 02 08 01 2a 03 0a 01 61"),
              (std::vector<Value>{I(5), Null(), Null(), B(true), Str("a")}));
}

TEST(ProtobufFormatTest, WrapperAppliesToArrayElementsAndMapParts) {
    SqlType arr = SqlType::Array(SqlType::Int());
    SqlType map = SqlType::Map(SqlType::String(), SqlType::Bigint());
    Side side({Val("A", arr), Val("M", map)}, Proto("wrapper"));
    EXPECT_EQ(side.Encode({List({I(0), I(2)}), Map({{Str("k"), I(1)}})}),
              "0a 00 0a 02 08 02 12 09 0a 03 0a 01 6b 12 02 08 01");
    auto v = side.MustDecode("0a 00 0a 02 08 02 12 09 0a 03 0a 01 6b 12 02 08 01");
    EXPECT_EQ(v, (std::vector<Value>{List({I(0), I(2)}), Map({{Str("k"), I(1)}})}));
}

// --- messages, repeated and map fields ---

TEST(ProtobufFormatTest, StructsAreNestedMessages) {
    SqlType inner = SqlType::Struct({{"A", SqlType::String()}, {"B", SqlType::Bigint()}});
    SqlType outer = SqlType::Struct({{"X", inner}, {"Y", SqlType::Int()}});
    Side side({Val("S", outer)}, Proto());
    EXPECT_EQ(side.Encode({List({List({Str("x"), I(2)}), I(3)})}),
              "0a 09 0a 05 0a 01 78 10 02 10 03");
    EXPECT_EQ(side.MustDecode("0a 09 0a 05 0a 01 78 10 02 10 03"),
              std::vector<Value>{List({List({Str("x"), I(2)}), I(3)})});
    // A null struct is absent and reads as null; an empty struct message reads as defaults.
    EXPECT_EQ(side.Encode({Null()}), "");
    EXPECT_EQ(side.MustDecode(""), std::vector<Value>{Null()});
    EXPECT_EQ(side.Encode({List({Null(), I(0)})}), "0a 00");
    EXPECT_EQ(side.MustDecode("0a 00"), std::vector<Value>{List({Null(), I(0)})});
}

TEST(ProtobufFormatTest, NumberArraysArePackedAndReadEitherWay) {
    Side side(
        {Val("A", SqlType::Array(SqlType::Int())), Val("D", SqlType::Array(SqlType::Double())),
         Val("B", SqlType::Array(SqlType::Boolean()))},
        Proto());
    EXPECT_EQ(side.Encode({List({I(1), I(2), I(300)}), List({D(1.5)}), List({B(true), B(false)})}),
              "0a 04 01 02 ac 02 12 08 00 00 00 00 00 00 f8 3f 1a 02 01 00");
    EXPECT_EQ(side.MustDecode("0a 04 01 02 ac 02 12 08 00 00 00 00 00 00 f8 3f 1a 02 01 00"),
              (std::vector<Value>{List({I(1), I(2), I(300)}), List({D(1.5)}),
                                  List({B(true), B(false)})}));
    // Unpacked occurrences, interleaved with other fields, collect into one array.
    EXPECT_EQ(side.MustDecode("08 01 1a 01 01 08 02 0a 01 03"),
              (std::vector<Value>{List({I(1), I(2), I(3)}), List({}), List({B(true)})}));
    // Empty and null arrays are not written and read back empty.
    EXPECT_EQ(side.Encode({List({}), Null(), List({})}), "");
    EXPECT_EQ(side.MustDecode(""), (std::vector<Value>{List({}), List({}), List({})}));
}

TEST(ProtobufFormatTest, StringAndMessageArraysRepeatTheField) {
    SqlType point = SqlType::Struct({{"X", SqlType::Int()}});
    Side side({Val("S", SqlType::Array(SqlType::String())), Val("P", SqlType::Array(point))},
              Proto());
    EXPECT_EQ(side.Encode({List({Str("a"), Str("")}), List({List({I(1)}), List({I(0)})})}),
              "0a 01 61 0a 00 12 02 08 01 12 00");
    EXPECT_EQ(side.MustDecode("0a 01 61 0a 00 12 02 08 01 12 00"),
              (std::vector<Value>{List({Str("a"), Str("")}), List({List({I(1)}), List({I(0)})})}));
}

TEST(ProtobufFormatTest, NullArrayElementsCannotBeWritten) {
    Side side({Val("A", SqlType::Array(SqlType::Int()))}, Proto());
    EXPECT_EQ(side.Encode({List({I(1), Null()})}),
              "error: PROTOBUF_NOSR cannot serialize a null element of an ARRAY<INTEGER>: "
              "protobuf repeated fields have no nulls");
}

TEST(ProtobufFormatTest, MapsAreRepeatedEntries) {
    SqlType map = SqlType::Map(SqlType::String(), SqlType::Int());
    Side side({Val("M", map)}, Proto());
    EXPECT_EQ(side.Encode({Map({{Str("k"), I(1)}, {Str(""), I(0)}})}),
              "0a 05 0a 01 6b 10 01 0a 00");
    EXPECT_EQ(side.MustDecode("0a 05 0a 01 6b 10 01 0a 00"),
              std::vector<Value>{Map({{Str("k"), I(1)}, {Str(""), I(0)}})});
    // A repeated key keeps its place and takes the last value.
    EXPECT_EQ(side.MustDecode("0a 05 0a 01 61 10 01 0a 05 0a 01 62 10 02 0a 05 0a 01 61 10 03"),
              std::vector<Value>{Map({{Str("a"), I(3)}, {Str("b"), I(2)}})});
    // A null value leaves the entry's value out; it reads as the default.
    EXPECT_EQ(side.Encode({Map({{Str("k"), Null()}})}), "0a 03 0a 01 6b");
    EXPECT_EQ(side.MustDecode("0a 03 0a 01 6b"), std::vector<Value>{Map({{Str("k"), I(0)}})});
    EXPECT_EQ(side.MustDecode(""), std::vector<Value>{Map({})});
}

TEST(ProtobufFormatTest, MapOfTimestampsAndArrays) {
    SqlType ts = SqlType::Map(SqlType::String(), SqlType::Timestamp());
    SqlType arr = SqlType::Map(SqlType::String(), SqlType::Array(SqlType::Bigint()));
    Side side({Val("T", ts), Val("A", arr)}, Proto());
    // key1 -> 10 ms: Timestamp{nanos: 10,000,000}; k -> [1, 2] as a packed entry value.
    std::string hex = "0a 0d 0a 04 6b 65 79 31 12 05 10 80 ad e2 04 12 07 0a 01 6b 12 02 01 02";
    EXPECT_EQ(side.Encode({Map({{Str("key1"), I(10)}}), Map({{Str("k"), List({I(1), I(2)})}})}),
              hex);
    EXPECT_EQ(side.MustDecode(hex), (std::vector<Value>{Map({{Str("key1"), I(10)}}),
                                                        Map({{Str("k"), List({I(1), I(2)})}})}));
}

// --- the well-known messages as columns ---

TEST(ProtobufFormatTest, DecimalDateTimeTimestampColumns) {
    Side side({Val("DEC", SqlType::Decimal(4, 2)), Val("DT", SqlType::Date()),
               Val("TM", SqlType::Time()), Val("TS", SqlType::Timestamp())},
              Proto());
    std::string hex =
        "0a 08 0a 02 04 d2 10 04 18 02 12 07 08 b2 0f 10 01 18 0b 1a 0b 08 01 10 02 18 03 20 80 "
        "92 f4 01 22 11 08 ff ff ff ff ff ff ff ff ff 01 10 c0 8f ae dc 03";
    EXPECT_EQ(side.Encode({Dec(1234), I(10), I(3723004), I(-1)}), hex);
    EXPECT_EQ(side.MustDecode(hex), (std::vector<Value>{Dec(1234), I(10), I(3723004), I(-1)}));
    // Absent messages read as null in every representation.
    EXPECT_EQ(side.MustDecode(""), (std::vector<Value>{Null(), Null(), Null(), Null()}));
    // Midnight, the epoch and day 0 are empty messages, which are still present.
    EXPECT_EQ(side.Encode({Null(), Null(), I(0), I(0)}), "1a 00 22 00");
    EXPECT_EQ(side.MustDecode("1a 00 22 00"), (std::vector<Value>{Null(), Null(), I(0), I(0)}));
}

TEST(ProtobufFormatTest, DecimalKeepsTrailingZerosAndRescales) {
    Side side({Val("DEC", SqlType::Decimal(6, 4))}, Proto());
    // 10.0000: unscaled 100000 = 0x0186a0, precision 6, scale 4.
    EXPECT_EQ(side.Encode({Dec(100000)}), "0a 09 0a 03 01 86 a0 10 06 18 04");
    EXPECT_EQ(side.MustDecode("0a 09 0a 03 01 86 a0 10 06 18 04"), std::vector<Value>{Dec(100000)});
    // 10.0 written at scale 1 by another writer reads as 10.0000.
    EXPECT_EQ(side.MustDecode("0a 07 0a 01 64 10 03 18 01"), std::vector<Value>{Dec(100000)});
    auto lossy = side.Decode("0a 08 0a 02 30 39 10 05 18 05");  // 0.12345
    ASSERT_FALSE(lossy.ok());
    EXPECT_NE(lossy.status().message().find("without rounding"), std::string::npos)
        << lossy.status().message();
}

// --- unwrapped single columns ---

TEST(ProtobufFormatTest, SingleKeyIsItsWrapperMessage) {
    Side key({Key("ID", SqlType::Bigint()), Val("V", SqlType::Int())}, Proto(), true);
    EXPECT_EQ(key.Encode({I(42)}), "08 2a");
    EXPECT_EQ(key.Encode({I(0)}), "");
    EXPECT_EQ(key.Encode({Null()}), "null");
    EXPECT_EQ(key.MustDecode("08 2a"), std::vector<Value>{I(42)});
    EXPECT_EQ(key.MustDecode(""), std::vector<Value>{I(0)});
    EXPECT_TRUE(key.DecodeNull().ok());
}

TEST(ProtobufFormatTest, SeveralKeysAreAMessage) {
    Side key({Key("A", SqlType::Int()), Key("B", SqlType::String()), Val("V", SqlType::Int())},
             Proto(), true);
    EXPECT_EQ(key.Encode({I(1), Str("b")}), "08 01 12 01 62");
    EXPECT_EQ(key.MustDecode("08 01 12 01 62"), (std::vector<Value>{I(1), Str("b")}));
}

TEST(ProtobufFormatTest, UnwrappedValues) {
    Side str({Val("S", SqlType::String())}, Proto(nullptr, false));
    EXPECT_EQ(str.Encode({Str("hi")}), "0a 02 68 69");
    EXPECT_EQ(str.MustDecode("0a 02 68 69"), std::vector<Value>{Str("hi")});
    EXPECT_EQ(str.Encode({Null()}), "null");

    SqlType point = SqlType::Struct({{"X", SqlType::Int()}, {"Y", SqlType::Int()}});
    Side st({Val("P", point)}, Proto(nullptr, false));
    EXPECT_EQ(st.Encode({List({I(1), I(2)})}), "08 01 10 02");
    EXPECT_EQ(st.MustDecode("08 01 10 02"), std::vector<Value>{List({I(1), I(2)})});

    Side dec({Val("D", SqlType::Decimal(3, 1))}, Proto(nullptr, false));
    EXPECT_EQ(dec.Encode({Dec(-5)}), "0a 01 fb 10 01 18 01");
    EXPECT_EQ(dec.MustDecode("0a 01 fb 10 01 18 01"), std::vector<Value>{Dec(-5)});

    // A wrapped single value (the default) is a message with the column as field 1.
    Side wrapped({Val("S", SqlType::String())}, Proto());
    EXPECT_EQ(wrapped.Encode({Str("hi")}), "0a 02 68 69");
    EXPECT_EQ(wrapped.Encode({Null()}), "");
}

// --- decoding what other writers produce ---

TEST(ProtobufFormatTest, UnknownFieldsAndMismatchedWireTypesAreSkipped) {
    Side side({Val("I", SqlType::Int()), Val("S", SqlType::String())}, Proto());
    // 7: varint, 9: string, 2 sent as a varint (wrong type), 3: fixed32, then 1: 5.
    EXPECT_EQ(side.MustDecode("38 01 4a 01 7a 10 07 1d 00 00 00 00 08 05"),
              (std::vector<Value>{I(5), Str("")}));
}

TEST(ProtobufFormatTest, RepeatedMessageFieldsMerge) {
    SqlType s = SqlType::Struct(
        {{"A", SqlType::Int()}, {"B", SqlType::Int()}, {"C", SqlType::Array(SqlType::Int())}});
    Side side({Val("S", s), Val("I", SqlType::Int())}, Proto());
    // {A: 1, C: [1]} then {B: 2, C: [2]}: merged; the scalar field 2 keeps its last value.
    EXPECT_EQ(side.MustDecode("0a 05 08 01 1a 01 01 10 07 0a 05 10 02 1a 01 02 10 08"),
              (std::vector<Value>{List({I(1), I(2), List({I(1), I(2)})}), I(8)}));
}

TEST(ProtobufFormatTest, MalformedRecordsAreErrors) {
    Side side({Val("I", SqlType::Int())}, Proto());
    auto r = side.Decode("08");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message(),
              "Failed to deserialize PROTOBUF_NOSR data: malformed protobuf: truncated varint");
    Side date({Val("D", SqlType::Date())}, Proto());
    auto bad = date.Decode("0a 05 08 b2 0f 10 0d");  // month 13
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("Invalid google.type.Date"), std::string::npos);
}

// --- validation ---

TEST(ProtobufFormatTest, Validation) {
    auto t = MakeSchema({Key("K", SqlType::Array(SqlType::Int())),
                         Val("M", SqlType::Map(SqlType::Int(), SqlType::Int())),
                         Val("N", SqlType::Array(SqlType::Array(SqlType::Int()))),
                         Val("V", SqlType::Int())});
    Status key = ValidateFormat(Proto(), t.key, true);
    EXPECT_EQ(key.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(key.message().find("Unsupported root schema of type ARRAY"), std::string::npos)
        << key.message();

    auto map = MakeSchema({Val("M", SqlType::Map(SqlType::Int(), SqlType::Int()))});
    EXPECT_EQ(ValidateFormat(Proto(), map.value, false).message(),
              "PROTOBUF format only supports MAP types with STRING keys. See "
              "https://github.com/confluentinc/ksql/issues/6177.");

    auto nested = MakeSchema({Val("N", SqlType::Array(SqlType::Array(SqlType::Int())))});
    EXPECT_EQ(ValidateFormat(Proto(), nested.value, false).message(),
              "The PROTOBUF_NOSR format does not support ARRAY<ARRAY<INTEGER>>: protobuf cannot "
              "nest repeated fields in repeated fields");

    auto two = MakeSchema({Val("A", SqlType::Int()), Val("B", SqlType::Int())});
    EXPECT_EQ(ValidateFormat(Proto(nullptr, false), two.value, false).message(),
              "'WRAP_SINGLE_VALUE' is only valid for single-field value schemas. Got: [`A` "
              "INTEGER, `B` INTEGER]");
    EXPECT_EQ(ValidateFormat(Proto("sometimes"), two.value, false).message(),
              "Invalid nullable representation 'sometimes' for format PROTOBUF_NOSR: expected "
              "OPTIONAL or WRAPPER");
    EXPECT_TRUE(ValidateFormat(Proto("Optional"), two.value, false).ok());

    // A map inside a wrapped value is fine; unwrapped it has no message to live in.
    auto single_map = MakeSchema({Val("M", SqlType::Map(SqlType::String(), SqlType::Int()))});
    EXPECT_TRUE(ValidateFormat(Proto(), single_map.value, false).ok());
    EXPECT_FALSE(ValidateFormat(Proto(nullptr, false), single_map.value, false).ok());
}

TEST(ProtobufFormatTest, SinksDoNotInheritTheNullableRepresentation) {
    FormatSpec inherited = InheritedSinkFormat(Proto("wrapper"));
    EXPECT_EQ(inherited.name, "PROTOBUF_NOSR");
    EXPECT_EQ(inherited.properties.count(kProtobufNullableProperty), 0u);
}

TEST(ProtobufFormatTest, ArbitraryBytesDecodeOrFailCleanly) {
    SqlType inner =
        SqlType::Struct({{"A", SqlType::String()}, {"B", SqlType::Array(SqlType::Int())}});
    std::vector<Column> columns = {Val("S", inner),
                                   Val("M", SqlType::Map(SqlType::String(), inner)),
                                   Val("D", SqlType::Decimal(10, 2)),
                                   Val("T", SqlType::Timestamp()),
                                   Val("W", SqlType::Array(SqlType::Double())),
                                   Val("X", SqlType::Date())};
    for (const char* nullable : {"optional", "wrapper"}) {
        Side side(columns, Proto(nullable));
        // A valid record, then every truncation and single-byte change of it.
        std::string valid =
            Hex(side.Encode({List({Str("a"), List({I(1), I(-2)})}),
                             Map({{Str("k"), List({Str("b"), List({I(3)})})}}), Dec(-12345),
                             I(1600000000123), List({D(0.5), D(-1.0)}), I(19000)}));
        ASSERT_FALSE(valid.empty());
        for (size_t n = 0; n <= valid.size(); ++n) (void)side.Decode(ToHex(valid.substr(0, n)));
        uint32_t seed = 12345;
        for (int round = 0; round < 2000; ++round) {
            std::string bytes = valid;
            seed = seed * 1103515245 + 12345;
            bytes[seed % bytes.size()] = static_cast<char>(seed >> 16);
            (void)side.Decode(ToHex(bytes));
        }
    }
}

}  // namespace
}  // namespace runnel::serde
