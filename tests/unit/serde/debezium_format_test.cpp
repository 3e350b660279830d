// DEBEZIUM_JSON: the envelope (ops, wrapper, tombstones, malformed events), metadata columns,
// validation and the registry's handling of the format (alias, key side, serializer).
#include <gtest/gtest.h>

#include "engine/serde/debezium_format.h"
#include "serde_test_util.h"

namespace runnel::serde {
namespace {

using namespace testing;  // NOLINT

// A table like Debezium's tutorial `inventory.customers`, read by DEBEZIUM_JSON.
class DebeziumEnvelopeTest : public ::testing::Test {
protected:
    DebeziumEnvelopeTest()
        : t_(MakeSchema({Key("ID", SqlType::Int()), Val("FIRST_NAME", SqlType::String()),
                         Val("EMAIL", SqlType::String()), Val("SCORE", SqlType::Int())})),
          row_(t_.NewRow()) {
        d_ = MustDeserializer(Format("DEBEZIUM_JSON"), t_.value, false);
    }

    Status Read(std::string_view json) { return Decode(*d_, json, row_); }
    std::string ReadError(std::string_view json) {
        Status st = Read(json);
        EXPECT_FALSE(st.ok()) << json;
        EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
        return st.message();
    }

    TestSchema t_;
    Row row_;
    std::unique_ptr<Deserializer> d_;
};

constexpr const char* kCreate = R"({"before":null,
    "after":{"id":1001,"first_name":"Sally","email":"sally@example.com","score":7},
    "source":{"version":"2.5.0.Final","connector":"mysql","name":"dbserver1","ts_ms":1700000000000,
              "snapshot":"false","db":"inventory","table":"customers","server_id":223344},
    "op":"c","ts_ms":1700000000123,"transaction":null})";

TEST_F(DebeziumEnvelopeTest, CreateReadsTheAfterImage) {
    ASSERT_TRUE(Read(kCreate).ok()) << Read(kCreate).ToString();
    EXPECT_EQ(row_.change, ChangeKind::kInsert);
    EXPECT_EQ(row_.values[0], Null());  // the key is not this side's
    EXPECT_EQ(row_.values[1], Str("Sally"));
    EXPECT_EQ(row_.values[2], Str("sally@example.com"));
    EXPECT_EQ(row_.values[3], I(7));
}

TEST_F(DebeziumEnvelopeTest, SnapshotReadIsAnInsert) {
    row_.change = ChangeKind::kDelete;  // a reused row: the deserializer sets the kind
    ASSERT_TRUE(Read(R"({"before":null,"after":{"first_name":"Anne"},"op":"r"})").ok());
    EXPECT_EQ(row_.change, ChangeKind::kInsert);
    EXPECT_EQ(row_.values[1], Str("Anne"));
    EXPECT_EQ(row_.values[2], Null());  // missing fields are null
}

TEST_F(DebeziumEnvelopeTest, UpdateTakesAfterNotBefore) {
    ASSERT_TRUE(Read(R"({"before":{"first_name":"Old","score":1},
                         "after":{"first_name":"New","score":2},"op":"u"})")
                    .ok());
    EXPECT_EQ(row_.change, ChangeKind::kInsert);
    EXPECT_EQ(row_.values[1], Str("New"));
    EXPECT_EQ(row_.values[3], I(2));
    // The order of the fields does not matter (op first, after before before).
    ASSERT_TRUE(Read(R"({"op":"u","after":{"first_name":"N2"},"before":{"first_name":"O2"}})")
                    .ok());
    EXPECT_EQ(row_.values[1], Str("N2"));
}

TEST_F(DebeziumEnvelopeTest, DeleteTakesBeforeAndIsADelete) {
    ASSERT_TRUE(Read(R"({"before":{"first_name":"Gone","email":"g@x","score":3},"after":null,
                         "op":"d","ts_ms":5})")
                    .ok());
    EXPECT_EQ(row_.change, ChangeKind::kDelete);
    EXPECT_EQ(row_.values[1], Str("Gone"));
    EXPECT_EQ(row_.values[3], I(3));
}

TEST_F(DebeziumEnvelopeTest, KafkaTombstoneIsADeleteWithNulls) {
    ASSERT_TRUE(Read(kCreate).ok());
    ASSERT_TRUE(d_->Deserialize(nullptr, 0, row_).ok());
    EXPECT_EQ(row_.change, ChangeKind::kDelete);
    EXPECT_EQ(row_.values[1], Null());
    EXPECT_EQ(row_.values[3], Null());
    // An empty value too (JsonConverter reads it as null).
    ASSERT_TRUE(Read(kCreate).ok());
    ASSERT_TRUE(Read("").ok());
    EXPECT_EQ(row_.change, ChangeKind::kDelete);
    EXPECT_EQ(row_.values[1], Null());
}

TEST_F(DebeziumEnvelopeTest, FieldsMatchIgnoringCaseExactWins) {
    ASSERT_TRUE(Read(R"({"after":{"First_Name":"ci","FIRST_NAME":"exact","first_name":"late"},
                         "op":"c"})")
                    .ok());
    EXPECT_EQ(row_.values[1], Str("exact"));
    // JSON coercions apply: a string holding an integer, a number into a STRING.
    ASSERT_TRUE(Read(R"({"after":{"score":"12","email":42},"op":"c"})").ok());
    EXPECT_EQ(row_.values[3], I(12));
    EXPECT_EQ(row_.values[2], Str("42"));
}

TEST_F(DebeziumEnvelopeTest, SchemaPayloadWrapper) {
    constexpr const char* kWrapped = R"({"schema":{"type":"struct","fields":[
        {"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},
          {"type":"string","optional":false,"field":"first_name"}],"optional":true,
          "name":"dbserver1.inventory.customers.Value","field":"before"},
        {"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},
          {"type":"string","optional":false,"field":"first_name"}],"optional":true,
          "name":"dbserver1.inventory.customers.Value","field":"after"},
        {"type":"string","optional":false,"field":"op"}],"optional":false,
        "name":"dbserver1.inventory.customers.Envelope"},
      "payload":{"before":null,"after":{"id":1,"first_name":"Wrapped"},"op":"c"}})";
    ASSERT_TRUE(Read(kWrapped).ok()) << Read(kWrapped).ToString();
    EXPECT_EQ(row_.values[1], Str("Wrapped"));
    EXPECT_EQ(row_.change, ChangeKind::kInsert);
    // The same schema again (cached), another payload.
    std::string again(kWrapped);
    again.replace(again.find("Wrapped"), 7, "Cached!");
    ASSERT_TRUE(Read(again).ok());
    EXPECT_EQ(row_.values[1], Str("Cached!"));
    // A null payload is a deleted record as JsonConverter writes it.
    ASSERT_TRUE(Read(R"({"schema":null,"payload":null})").ok());
    EXPECT_EQ(row_.change, ChangeKind::kDelete);
    EXPECT_EQ(row_.values[1], Null());
    // A null schema: the payload is read without one.
    ASSERT_TRUE(Read(R"({"schema":null,"payload":{"op":"d","before":{"first_name":"x"}}})").ok());
    EXPECT_EQ(row_.change, ChangeKind::kDelete);
    EXPECT_EQ(row_.values[1], Str("x"));
}

TEST_F(DebeziumEnvelopeTest, MalformedEnvelopes) {
    EXPECT_EQ(ReadError(R"({"after":{"first_name":"a"}})"),
              "A Debezium change event needs an 'op' field");
    EXPECT_EQ(ReadError(R"({"after":{"first_name":"a"},"op":null})"),
              "A Debezium change event needs an 'op' field");
    EXPECT_EQ(ReadError(R"({"before":null,"after":null,"op":"c"})"),
              "The Debezium change event with op 'c' has no 'after' image");
    EXPECT_EQ(ReadError(R"({"before":{"first_name":"a"},"op":"u"})"),
              "The Debezium change event with op 'u' has no 'after' image");
    EXPECT_EQ(ReadError(R"({"before":null,"after":null,"op":"d"})"),
              "The Debezium delete event (op 'd') has no 'before' image");
    EXPECT_EQ(ReadError(R"({"source":{"table":"customers"},"op":"t","ts_ms":1})"),
              "Debezium truncate events (op 't') carry no row and are not supported");
    EXPECT_EQ(ReadError(R"({"op":"m","message":{"prefix":"p"}})"),
              "Debezium message events (op 'm') carry no row and are not supported");
    EXPECT_EQ(ReadError(R"({"after":{},"op":"x"})"), "Unknown Debezium operation 'x'");
    EXPECT_EQ(ReadError(R"({"after":{},"op":"cc"})"), "Unknown Debezium operation 'cc'");
    EXPECT_EQ(ReadError(R"([1,2])"), "A Debezium change event must be a JSON object, got an array");
    EXPECT_EQ(ReadError(R"("c")"), "A Debezium change event must be a JSON object, got a string");
    EXPECT_EQ(ReadError(R"({"schema":{},"payload":7})"),
              "A Debezium change event must be a JSON object, got a number, path: $.payload");
    EXPECT_EQ(ReadError(R"({"after":"text","op":"c"})"),
              "The Debezium field 'after' must be an object or null, got a string");
    EXPECT_EQ(ReadError(R"({"after":{},"op":1})"),
              "The Debezium field 'op' must be a string, got a number");
    EXPECT_EQ(ReadError(R"({"after":{},"op":"c","ts_ms":"x"})"),
              "The Debezium field 'ts_ms' must be a number, got a string");
    // Not JSON, trailing content, a type mismatch inside the image (with its path).
    EXPECT_NE(ReadError("{not json").find("Invalid JSON"), std::string::npos);
    EXPECT_NE(ReadError(R"({"after":{},"op":"c"} x)").find("Invalid JSON"), std::string::npos);
    EXPECT_NE(ReadError(R"({"schema":null,"payload":{"after":{},"op":"c"}} x)").find("Invalid JSON"),
              std::string::npos);
    EXPECT_EQ(ReadError(R"({"after":{"score":true},"op":"c"})"),
              "Can't convert type. sourceType: BooleanNode, requiredType: INTEGER, path: "
              "$.after.SCORE");
    EXPECT_EQ(ReadError(R"({"schema":null,"payload":{"before":{"score":[1]},"op":"d"}})"),
              "Can't convert type. sourceType: ArrayNode, requiredType: INTEGER, path: "
              "$.payload.before.SCORE");
    // After errors, a good record still reads.
    ASSERT_TRUE(Read(kCreate).ok());
    EXPECT_EQ(row_.values[1], Str("Sally"));
}

TEST_F(DebeziumEnvelopeTest, AnObjectNamedSchemaWithOtherFieldsIsNotAWrapper) {
    // Three top-level fields: not the Connect wrapper, so it is read as an event (with no op).
    EXPECT_EQ(ReadError(R"({"schema":{},"payload":{"after":{},"op":"c"},"extra":1})"),
              "A Debezium change event needs an 'op' field");
}

TEST(DebeziumMetadataTest, NamesAndTypes) {
    EXPECT_EQ(DebeziumMetadataOf("__op"), DebeziumMetadata::kOp);
    EXPECT_EQ(DebeziumMetadataOf("__OP"), DebeziumMetadata::kOp);
    EXPECT_EQ(DebeziumMetadataOf("__Op"), DebeziumMetadata::kNone);
    EXPECT_EQ(DebeziumMetadataOf("OP"), DebeziumMetadata::kNone);
    EXPECT_EQ(DebeziumMetadataOf("__SOURCE_TS_MS"), DebeziumMetadata::kSourceTsMs);
    EXPECT_EQ(DebeziumMetadataOf("__deleted"), DebeziumMetadata::kDeleted);
    EXPECT_EQ(DebeziumMetadataOf("__lsn"), DebeziumMetadata::kLsn);

    auto bad = MakeSchema({Val("V", SqlType::Int()), Val("__OP", SqlType::Int())});
    Status st = ValidateFormat(Format("DEBEZIUM_JSON"), bad.value, false);
    EXPECT_EQ(st.message(), "The Debezium metadata column `__OP` must be STRING, not INTEGER");
    auto bad_ts = MakeSchema({Val("__ts_ms", SqlType::String())});
    EXPECT_EQ(ValidateFormat(Format("DEBEZIUM_JSON"), bad_ts.value, false).message(),
              "The Debezium metadata column `__ts_ms` must be BIGINT or TIMESTAMP, not STRING");
    auto bad_deleted = MakeSchema({Val("__DELETED", SqlType::String())});
    EXPECT_FALSE(ValidateFormat(Format("DEBEZIUM_JSON"), bad_deleted.value, false).ok());
    auto ok = MakeSchema({Val("__ts_ms", SqlType::Timestamp()), Val("__LSN", SqlType::Bigint())});
    EXPECT_TRUE(ValidateFormat(Format("DEBEZIUM_JSON"), ok.value, false).ok());
    auto unresolved = MakeSchema({Val("V", SqlType::Named("ADDRESS"))});
    EXPECT_FALSE(ValidateFormat(Format("DEBEZIUM_JSON"), unresolved.value, false).ok());
}

TEST(DebeziumMetadataTest, ColumnsAreFilledFromTheEvent) {
    auto t = MakeSchema({Key("ID", SqlType::Int()), Val("NAME", SqlType::String()),
                         Val("__op", SqlType::String()), Val("__TS_MS", SqlType::Bigint()),
                         Val("__source_ts_ms", SqlType::Timestamp()),
                         Val("__DB", SqlType::String()), Val("__table", SqlType::String()),
                         Val("__SCHEMA", SqlType::String()), Val("__lsn", SqlType::Bigint()),
                         Val("__deleted", SqlType::Boolean())});
    auto d = MustDeserializer(Format("DEBEZIUM"), t.value, false);
    Row row = t.NewRow();
    // The image's own fields named like metadata are ignored.
    ASSERT_TRUE(Decode(*d, R"({"before":null,"after":{"name":"pg","__op":"zz"},
        "source":{"version":"2.5.0","connector":"postgresql","name":"pgserver1",
                  "ts_ms":1700000000000,"db":"shop","schema":"public","table":"orders",
                  "txId":565,"lsn":24023128,"xmin":null},
        "op":"r","ts_ms":1700000000500})",
                            row)
                    .ok());
    EXPECT_EQ(row.values[1], Str("pg"));
    EXPECT_EQ(row.values[2], Str("r"));
    EXPECT_EQ(row.values[3], I(1700000000500));
    EXPECT_EQ(row.values[4], I(1700000000000));
    EXPECT_EQ(row.values[5], Str("shop"));
    EXPECT_EQ(row.values[6], Str("orders"));
    EXPECT_EQ(row.values[7], Str("public"));
    EXPECT_EQ(row.values[8], I(24023128));
    EXPECT_EQ(row.values[9], B(false));

    // MySQL has no schema or lsn; a delete sets __deleted; a missing ts_ms is null.
    ASSERT_TRUE(Decode(*d, R"({"before":{"name":"my"},"after":null,
        "source":{"connector":"mysql","ts_ms":5,"db":"inventory","table":"customers",
                  "file":"mysql-bin.000003","pos":154},"op":"d"})",
                       row)
                    .ok());
    EXPECT_EQ(row.change, ChangeKind::kDelete);
    EXPECT_EQ(row.values[1], Str("my"));
    EXPECT_EQ(row.values[2], Str("d"));
    EXPECT_EQ(row.values[3], Null());
    EXPECT_EQ(row.values[4], I(5));
    EXPECT_EQ(row.values[5], Str("inventory"));
    EXPECT_EQ(row.values[6], Str("customers"));
    EXPECT_EQ(row.values[7], Null());
    EXPECT_EQ(row.values[8], Null());
    EXPECT_EQ(row.values[9], B(true));

    // No source at all: its columns are null.
    ASSERT_TRUE(Decode(*d, R"({"after":{"name":"n"},"op":"u"})", row).ok());
    EXPECT_EQ(row.values[2], Str("u"));
    EXPECT_EQ(row.values[5], Null());
    EXPECT_EQ(row.values[9], B(false));

    // A bad source field is an error naming its path.
    Status st = Decode(*d, R"({"after":{},"source":{"lsn":"not a number"},"op":"c"})", row);
    EXPECT_EQ(st.message(),
              "Can't coerce string to type. targetType: BIGINT, path: $.source.lsn");

    // A tombstone nulls the metadata columns too.
    ASSERT_TRUE(d->Deserialize(nullptr, 0, row).ok());
    for (size_t i = 1; i < row.values.size(); ++i) EXPECT_EQ(row.values[i], Null()) << i;
}

TEST(DebeziumMetadataTest, OnlyMetadataAndNoImageColumns) {
    // A table with only key columns still learns which records are deletes.
    auto t = MakeSchema({Key("ID", SqlType::Int())});
    auto d = MustDeserializer(Format("DEBEZIUM_JSON"), t.value, false);
    Row row = t.NewRow();
    ASSERT_TRUE(Decode(*d, R"({"before":{"id":1},"after":null,"op":"d"})", row).ok());
    EXPECT_EQ(row.change, ChangeKind::kDelete);
    ASSERT_TRUE(Decode(*d, R"({"after":{"id":1},"op":"c"})", row).ok());
    EXPECT_EQ(row.change, ChangeKind::kInsert);
    EXPECT_FALSE(Decode(*d, R"({"after":{"id":1}})", row).ok());
}

TEST(DebeziumRegistryTest, NamesAliasesAndSides) {
    auto t = MakeSchema({Key("ID", SqlType::Int()), Val("NAME", SqlType::String())});
    EXPECT_EQ(CanonicalFormatName("debezium").value(), "DEBEZIUM_JSON");
    EXPECT_EQ(CanonicalFormatName("Debezium_Json").value(), "DEBEZIUM_JSON");
    EXPECT_EQ(CanonicalFormatName("json").value(), "JSON");
    EXPECT_EQ(CanonicalFormatName("avro").value(), "AVRO");
    EXPECT_EQ(CanonicalFormatName("xml").status().message(), "Unknown format: xml");
    for (const char* name : {"DEBEZIUM_JSON", "DEBEZIUM", "debezium_json"}) {
        EXPECT_TRUE(ValidateFormat(Format(name), t.value, false).ok()) << name;
        EXPECT_TRUE(ValidateFormat(Format(name), t.key, true).ok()) << name;
    }
    // FORMAT='DEBEZIUM_JSON' puts the format on the key side too: keys are plain JSON (here the
    // object Debezium writes, read into the single key column).
    Row row = t.NewRow();
    auto key = MustDeserializer(Format("DEBEZIUM_JSON"), t.key, true);
    ASSERT_TRUE(Decode(*key, R"({"id":1001})", row).ok());
    EXPECT_EQ(row.values[0], I(1001));
    ASSERT_TRUE(Decode(*key, "1002", row).ok());
    EXPECT_EQ(row.values[0], I(1002));
}

TEST(DebeziumRegistryTest, WritingDebeziumWritesJson) {
    auto t = MakeSchema({Key("ID", SqlType::Int()), Val("NAME", SqlType::String()),
                         Val("__op", SqlType::String())});
    Row row = t.NewRow();
    row.values = {I(7), Str("n"), Str("u")};
    std::string out;
    bool is_null = true;
    auto value = MustSerializer(Format("DEBEZIUM_JSON"), t.value, false);
    ASSERT_TRUE(value->Serialize(row, out, &is_null).ok());
    EXPECT_FALSE(is_null);
    EXPECT_EQ(out, R"({"NAME":"n","__op":"u"})");
    auto key = MustSerializer(Format("DEBEZIUM"), t.key, true);
    ASSERT_TRUE(key->Serialize(row, out, &is_null).ok());
    EXPECT_EQ(out, "7");  // a single-column JSON key stays the bare value
}

TEST(DebeziumRegistryTest, InheritedSinkFormatIsJson) {
    FormatSpec source = Format("DEBEZIUM");
    source.wrap_single_value = false;
    FormatSpec sink = InheritedSinkFormat(source);
    EXPECT_EQ(sink.name, "JSON");
    EXPECT_FALSE(sink.wrap_single_value);  // the other properties stay
    EXPECT_EQ(InheritedSinkFormat(Format("DEBEZIUM_JSON")).name, "JSON");
    FormatSpec delimited = Format("DELIMITED");
    delimited.properties["delimiter"] = "|";
    EXPECT_EQ(InheritedSinkFormat(delimited).name, "DELIMITED");
    EXPECT_EQ(InheritedSinkFormat(delimited).properties.at("delimiter"), "|");
    EXPECT_EQ(InheritedSinkFormat(Format("xml")).name, "xml");
}

}  // namespace
}  // namespace runnel::serde
