// Unit tests of the runner's pure pieces: JSON model, value matching, SQL scanning, type text,
// record codec, .test and QTT loading, ratchet hashing.
#include <gtest/gtest.h>

#include "tests/runner/fnv1a.h"
#include "tests/runner/json_value.h"
#include "tests/runner/qtt_loader.h"
#include "tests/runner/ratchet.h"
#include "tests/runner/record_codec.h"
#include "tests/runner/report.h"
#include "tests/runner/sql_scan.h"
#include "tests/runner/sql_test_parser.h"
#include "tests/runner/topic_expectation.h"
#include "tests/runner/type_text.h"
#include "tests/runner/value_matcher.h"

namespace runnel::runner {
namespace {

JsonValue J(const std::string& text) {
    auto v = ParseJson(text, true);
    EXPECT_TRUE(v.ok()) << text << ": " << v.status().message();
    return v.ok() ? v.value() : JsonValue();
}

TEST(JsonValueTest, KeepsNumberLexemesAndFieldOrder) {
    JsonValue v = J(R"({"b": 12.30, "a": [1, -2.5E3, "x\u00e9"], "c": null})");
    EXPECT_EQ(v.Dump(), R"({"b":12.30,"a":[1,-2.5E3,"xé"],"c":null})");
    EXPECT_EQ(v.Find("b")->text(), "12.30");
}

TEST(JsonValueTest, CommentsOnlyWhenAllowed) {
    EXPECT_TRUE(ParseJson("{\"a\": 1 // one\n}", true).ok());
    EXPECT_TRUE(ParseJson("/* x */ [1]", true).ok());
    EXPECT_FALSE(ParseJson("{\"a\": 1 // one\n}", false).ok());
    EXPECT_FALSE(ParseJson("{\"a\": 1,}").ok());
    EXPECT_FALSE(ParseJson("[01]").ok());
}

TEST(ValueMatcherTest, NumbersFollowTheColumnType) {
    SqlType dbl = SqlType::Double(), dec = SqlType::Decimal(6, 4), big = SqlType::Bigint();
    EXPECT_FALSE(MatchJson(J("1.0000001"), J("1.0"), &dbl));
    EXPECT_TRUE(MatchJson(J("1.01"), J("1.0"), &dbl));
    EXPECT_FALSE(MatchJson(J("922337203692"), J("9.22337203692E11"), &dbl));
    // A JSON number is compared at the actual scale; a string keeps its scale.
    EXPECT_FALSE(MatchJson(J("10.0"), J("10.0000"), &dec));
    EXPECT_TRUE(MatchJson(J("10.01"), J("10.0000"), &dec));
    EXPECT_FALSE(MatchJson(J("\"10.0000\""), J("10.0000"), &dec));
    EXPECT_TRUE(MatchJson(J("\"10.0\""), J("10.0000"), &dec));
    EXPECT_FALSE(MatchJson(J("9223372036854775807"), J("9223372036854775807"), &big));
    EXPECT_TRUE(MatchJson(J("9223372036854775807"), J("9223372036854775806"), &big));
    EXPECT_TRUE(MatchJson(J("1"), J("\"1\""), &big));
}

TEST(ValueMatcherTest, ObjectsByExactThenUpperCaseName) {
    EXPECT_FALSE(MatchJson(J(R"({"id": 1, "Name": "a"})"), J(R"({"ID":1,"NAME":"a"})"), nullptr));
    EXPECT_FALSE(MatchJson(J(R"({"c1": 1})"), J(R"({"c1":1})"), nullptr));
    auto d = MatchJson(J(R"({"A": 1})"), J(R"({"A":1,"B":2})"), nullptr);
    ASSERT_TRUE(d);
    EXPECT_NE(d->find("expected 1 fields, got 2"), std::string::npos) << *d;
    d = MatchJson(J(R"({"A": [1, 2]})"), J(R"({"A":[1,3]})"), nullptr);
    ASSERT_TRUE(d);
    EXPECT_EQ(*d, "at .A[1]: expected 2, got 3");
    EXPECT_TRUE(MatchJson(J("null"), J("0"), nullptr));
    EXPECT_FALSE(MatchJson(J("null"), J("null"), nullptr));
}

TEST(ValueMatcherTest, DecimalText) {
    EXPECT_TRUE(DecimalTextEquals("12.30", "12.3", false));
    EXPECT_FALSE(DecimalTextEquals("12.30", "12.3", true));
    EXPECT_TRUE(DecimalTextEquals("1.5E3", "1500", false));
    EXPECT_TRUE(DecimalTextEquals("-0.00", "0", false));
    EXPECT_FALSE(DecimalTextEquals("-1", "1", false));
}

TEST(SqlScanTest, SplitsStatementsOutsideStringsAndComments) {
    auto s = SplitStatements(
        "CREATE STREAM a (x STRING) WITH (kafka_topic='t;1'); -- c;\n"
        "SELECT 'x;' FROM a; /* ; */ SHOW STREAMS");
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s[0], "CREATE STREAM a (x STRING) WITH (kafka_topic='t;1');");
    EXPECT_EQ(s[2], "SHOW STREAMS");
}

TEST(SqlScanTest, ReadsCreateStatements) {
    auto c = ScanCreate(
        "CREATE OR REPLACE STREAM `Src` (id INT KEY, v STRING) "
        "WITH (kafka_topic='in', value_format='JSON', partitions=3);");
    ASSERT_TRUE(c);
    EXPECT_TRUE(c->has_columns);
    EXPECT_FALSE(c->as_select);
    EXPECT_EQ(c->name, "Src");
    EXPECT_EQ(c->Topic(), "in");
    EXPECT_EQ(c->Partitions(), 3);
    auto s = ScanCreate("create table out as select * from x group by y;");
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->is_table);
    EXPECT_TRUE(s->as_select);
    EXPECT_EQ(s->Topic(), "OUT");
    EXPECT_FALSE(ScanCreate("INSERT INTO x SELECT * FROM y;"));
    EXPECT_EQ(RewritePartitions("CREATE STREAM a (x INT) WITH (PARTITIONS=1, kafka_topic='a');", 4),
              "CREATE STREAM a (x INT) WITH (PARTITIONS=4, kafka_topic='a');");
}

TEST(SqlScanTest, FormatsFunctionsAndState) {
    auto f = FormatsNamed("CREATE STREAM a WITH (format='avro', VALUE_FORMAT='Json');");
    EXPECT_TRUE(f.count("AVRO") && f.count("JSON"));
    auto fns = FunctionNames("SELECT test_udf(a), ucase('f(x)') FROM s;");
    EXPECT_TRUE(fns.count("TEST_UDF") && fns.count("UCASE"));
    EXPECT_FALSE(fns.count("F"));
    EXPECT_TRUE(NeedsState("CREATE TABLE t AS SELECT k, COUNT(*) FROM s GROUP BY k;"));
    EXPECT_FALSE(NeedsState("CREATE STREAM s2 AS SELECT * FROM s WHERE name = 'table';"));
    auto w = WindowFromSql(
        "CREATE TABLE t AS SELECT k FROM s WINDOW TUMBLING (SIZE 30 SECONDS) GROUP BY k;");
    ASSERT_TRUE(w);
    EXPECT_EQ(w->size_ms, 30000);
    EXPECT_EQ(w->kind, "TUMBLING");
}

TEST(TypeTextTest, NormalizesSchemas) {
    auto a = NormalizeSchemaText("ID INT KEY, `c1` VARCHAR, S STRUCT<f1 INT>, D DECIMAL(4,2)");
    ASSERT_TRUE(a.ok()) << a.status().message();
    EXPECT_EQ(a.value(),
              "`ID` INTEGER KEY, `c1` STRING, `S` STRUCT<`F1` INTEGER>, `D` DECIMAL(4, 2)");
    auto b = NormalizeSchemaText(
        "`ID` INTEGER PRIMARY KEY, `c1` STRING, `S` STRUCT<`F1` INTEGER>, "
        "`D` DECIMAL(4, 2)");
    EXPECT_EQ(a.value(), b.value());
    auto t = ParseSqlType("MAP<STRING, ARRAY<BIGINT>>");
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->kind(), TypeKind::kMap);
}

RecordSide KafkaSide(SqlType type) {
    RecordSide side;
    side.format = "KAFKA";
    side.columns.push_back(Column{"K", std::move(type), ColumnNamespace::kKey, ""});
    return side;
}

TEST(RecordCodecTest, KafkaScalarsRoundTrip) {
    RecordSide side = KafkaSide(SqlType::Int());
    auto bytes = EncodeField(FieldSpec::Json(J("-2")), side, true);
    ASSERT_TRUE(bytes.ok());
    EXPECT_EQ(*bytes.value(), std::string("\xff\xff\xff\xfe", 4));
    auto back = DecodeField(bytes.value(), side);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->Dump(), "-2");
    FieldSpec text;
    text.kind = FieldSpec::Kind::kText;
    text.text = "\"a b\"";
    text.is_key_token = true;
    RecordSide str = KafkaSide(SqlType::String());
    EXPECT_EQ(*EncodeField(text, str, true).value(), "a b");
    RecordSide dbl = KafkaSide(SqlType::Double());
    auto d = EncodeField(FieldSpec::Json(J("1.5")), dbl, false);
    EXPECT_EQ(DecodeField(d.value(), dbl)->Dump(), "1.5");
    EXPECT_FALSE(EncodeField(FieldSpec::Json(J("\"x\"")), side, true).ok());
}

TEST(RecordCodecTest, WindowSuffixes) {
    WindowSpec session{10, 20, true};
    std::string k = AppendWindow("ab", session);
    EXPECT_EQ(k.size(), 18u);
    WindowInfo info;
    info.session = true;
    auto split = SplitWindowedKey(k, info);
    ASSERT_TRUE(split.window);
    EXPECT_EQ(*split.key, "ab");
    EXPECT_EQ(split.window->start, 10);
    EXPECT_EQ(split.window->end, 20);
    WindowInfo tumbling;
    tumbling.size_ms = 5;
    auto t = SplitWindowedKey(AppendWindow("ab", WindowSpec{10, 15, false}), tumbling);
    EXPECT_EQ(t.window->end, 15);
}

TEST(SqlTestParserTest, RecordLines) {
    auto r = ParseRecordLine(R"(key={"a": 1} ts=5 partition=0 window=[0,10) value={"x": "a b"})");
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->key.text, R"({"a": 1})");
    EXPECT_EQ(r->timestamp, 5);
    EXPECT_EQ(r->partition, 0);
    EXPECT_FALSE(r->window->session);
    EXPECT_EQ(r->value.text, R"({"x": "a b"})");
    auto t = ParseRecordLine("key=1 value=null");
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->value.kind, FieldSpec::Kind::kNull);
    auto h = ParseRecordLine(R"(headers=[{"KEY":"k","VALUE":"IQ=="}] value=hex:00ff)");
    ASSERT_TRUE(h.ok()) << h.status().message();
    EXPECT_EQ((*h->headers)[0].value, std::string("!"));
    EXPECT_EQ(h->value.text, std::string("\x00\xff", 2));
    EXPECT_FALSE(ParseRecordLine("key=1").ok());
    EXPECT_FALSE(ParseRecordLine("color=1 value=2").ok());
}

TEST(SqlTestParserTest, CasesSharePrelude) {
    const char* text = R"(# a comment
option single-partition order across keys

statement ok
CREATE STREAM s (id INT KEY, v STRING)
  WITH (kafka_topic='s', value_format='JSON', partitions=1);

case first
produce s
key=1 value={"v":"a"}

expect S2 unordered
key=1 value={"V":"a"}

case second
statement error does not exist
SELECT * FROM nope;

push unordered
SELECT * FROM s EMIT CHANGES LIMIT 1;
----
[1,"a"]
)";
    auto cases = ParseSqlTest(text, "dir/x.test", "/p/dir/x.test");
    ASSERT_EQ(cases.size(), 2u);
    EXPECT_FALSE(cases[0].load_error) << *cases[0].load_error;
    EXPECT_EQ(cases[0].name, "dir/x.test - first");
    EXPECT_EQ(cases[0].steps.size(), 3u);
    EXPECT_EQ(cases[0].single_partition_reason, "order across keys");
    EXPECT_TRUE(cases[0].steps[2].unordered);
    EXPECT_EQ(cases[1].steps.size(), 3u);
    EXPECT_EQ(cases[1].steps[1].error->pattern, "does not exist");
    EXPECT_EQ(cases[1].steps[2].rows.size(), 1u);
    auto bad = ParseSqlTest("statement maybe\nSELECT 1;\n", "y.test", "y.test");
    ASSERT_EQ(bad.size(), 1u);
    ASSERT_TRUE(bad[0].load_error);
    EXPECT_NE(bad[0].load_error->find("line 1"), std::string::npos);
}

TEST(QttLoaderTest, VariantsNamesTopicsAndSkips) {
    // A made-up case in the QTT shape.
    JsonValue doc = J(R"({"tests": [
      {"name": "n", "format": ["JSON", "AVRO"], "config": ["a", "b"],
       "properties": {"some.prop": "{CONFIG}"},
       "statements": ["CREATE STREAM I (K STRING KEY, V INT) WITH (kafka_topic='in', )"
                      R"(value_format='{FORMAT}', partitions=2);",
                      "CREATE STREAM O AS SELECT * FROM I;"],
       "inputs": [{"topic": "in", "key": "k", "value": {"V": 1}, "timestamp": 3}],
       "outputs": [{"topic": "O", "key": "k", "value": {"V": 1}}]},
      {"name": "n", "statements": ["SELECT test_udf(1) FROM X;"],
       "expectedException": {"type": "T", "message": "m"}}
    ]})");
    auto cases = QttCasesFromJson(doc, "f.json", "/x/f.json");
    ASSERT_EQ(cases.size(), 5u);
    EXPECT_EQ(cases[0].name, "f - n - JSON - some.prop=a");
    EXPECT_EQ(cases[3].name, "f - n - AVRO - some.prop=b");
    EXPECT_EQ(cases[0].properties.at("some.prop"), "a");
    EXPECT_FALSE(cases[0].skip_reason);
    ASSERT_TRUE(cases[2].skip_reason);
    EXPECT_NE(cases[2].skip_reason->find("schema registry"), std::string::npos);
    EXPECT_NE(cases[0].steps[2].sql.find("value_format='JSON'"), std::string::npos);
    // Topics: "in" with its 2 partitions, then the output topic with 1.
    ASSERT_EQ(cases[0].steps[0].kind, Step::Kind::kTopic);
    EXPECT_EQ(cases[0].steps[0].topic, "in");
    EXPECT_EQ(cases[0].steps[0].partitions, 2);
    EXPECT_EQ(cases[0].steps[1].topic, "O");
    EXPECT_EQ(cases[4].name, "f - n");
    EXPECT_TRUE(cases[4].expected_failure);
    ASSERT_TRUE(cases[4].skip_reason);
    EXPECT_NE(cases[4].skip_reason->find("TEST_UDF"), std::string::npos);
}

TEST(ReportTest, ReasonGroupsElideNamesAndNumbers) {
    EXPECT_EQ(ReasonGroup("topic OUT: record 2: value at .A: expected 1, got 2\n  more"),
              "topic: record N: value at .A: expected N, got N");
    EXPECT_EQ(ReasonGroup("Column 'X1' cannot be resolved"), "Column '_' cannot be resolved");
}

TopicLayout JsonLayout() {
    TopicLayout layout;
    layout.key = KafkaSide(SqlType::Int());
    layout.value.format = "JSON";
    layout.value.wrapped = true;
    layout.value.columns.push_back(Column{"V", SqlType::Double(), ColumnNamespace::kValue, ""});
    return layout;
}

RecordSpec Expected(const std::string& line) {
    auto r = ParseRecordLine(line);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? r.value() : RecordSpec{};
}

TopicRecord Actual(int32_t key, const std::string& value, int32_t partition = 0) {
    TopicRecord r;
    r.key = std::string("\0\0\0", 3) + static_cast<char>(key);
    r.value = value;
    r.partition = partition;
    return r;
}

TEST(TopicExpectationTest, OrderCountsAndFields) {
    TopicLayout layout = JsonLayout();
    std::vector<RecordSpec> expected = {Expected("key=1 value={\"v\": 1.5}"),
                                        Expected("key=2 ts=7 value={\"v\": 2}")};
    std::vector<TopicRecord> actual = {Actual(1, R"({"V":1.5000001})"), Actual(2, R"({"V":2.0})")};
    actual[1].timestamp = 7;
    EXPECT_FALSE(CompareTopic(expected, actual, layout, RecordOrder::kExact));
    std::swap(actual[0], actual[1]);
    auto d = CompareTopic(expected, actual, layout, RecordOrder::kExact);
    ASSERT_TRUE(d);
    EXPECT_NE(d->find("key expected 1, got 2"), std::string::npos) << *d;
    EXPECT_FALSE(CompareTopic(expected, actual, layout, RecordOrder::kAnyOrder));
    EXPECT_FALSE(CompareTopic(expected, actual, layout, RecordOrder::kPerKey));
    actual.pop_back();
    d = CompareTopic(expected, actual, layout, RecordOrder::kExact);
    ASSERT_TRUE(d);
    EXPECT_NE(d->find("expected 2 records, got 1"), std::string::npos) << *d;
    actual[0].timestamp = 8;
    d = CompareRecord(expected[1], actual[0], layout);
    ASSERT_TRUE(d);
    EXPECT_EQ(*d, "timestamp: expected 7, got 8");
}

TEST(TopicExpectationTest, PerKeyOrderKeepsOrderWithinAKey) {
    TopicLayout layout = JsonLayout();
    std::vector<RecordSpec> expected = {Expected("key=1 value={\"v\": 1}"),
                                        Expected("key=2 value={\"v\": 2}"),
                                        Expected("key=1 value={\"v\": 3}")};
    std::vector<TopicRecord> ok = {Actual(2, R"({"V":2})", 1), Actual(1, R"({"V":1})"),
                                   Actual(1, R"({"V":3})")};
    EXPECT_FALSE(CompareTopic(expected, ok, layout, RecordOrder::kPerKey));
    std::vector<TopicRecord> swapped = {Actual(1, R"({"V":3})"), Actual(2, R"({"V":2})", 1),
                                        Actual(1, R"({"V":1})")};
    EXPECT_TRUE(CompareTopic(expected, swapped, layout, RecordOrder::kPerKey));
}

TEST(RatchetTest, ReportsCasesThatNoLongerPass) {
    auto record = [](const std::string& name, CaseResult::Outcome o) {
        CaseRecord r;
        r.name = name;
        r.file = "f.json";
        r.qtt = true;
        r.result.outcome = o;
        r.result.reason = "why";
        return r;
    };
    std::vector<CaseRecord> records = {record("f - a", CaseResult::Outcome::kPass),
                                       record("f - b", CaseResult::Outcome::kFail),
                                       record("f - c", CaseResult::Outcome::kPass)};
    std::vector<std::pair<std::string, std::string>> loaded = {
        {"f.json", "f - a"}, {"f.json", "f - b"}, {"f.json", "f - c"}};
    std::vector<BaselineEntry> baseline = {{"f.json", Fnv1a64Hex("f - a")},
                                           {"f.json", Fnv1a64Hex("f - b")},
                                           {"f.json", Fnv1a64Hex("f - gone")},
                                           {"other.json", Fnv1a64Hex("x")}};
    auto report = CheckRatchet(baseline, records, loaded);
    ASSERT_EQ(report.violations.size(), 2u);
    EXPECT_NE(report.violations[0].find("(f - b): now fails: why"), std::string::npos)
        << report.violations[0];
    EXPECT_NE(report.violations[1].find("no case with this hash"), std::string::npos);
    EXPECT_EQ(report.checked, 2u);
    EXPECT_EQ(report.not_loaded, 1u);
    EXPECT_EQ(report.new_passes, 1u);
}

TEST(Fnv1aTest, KnownValues) {
    EXPECT_EQ(Fnv1a64Hex(""), "cbf29ce484222325");
    EXPECT_EQ(Fnv1a64Hex("a"), "af63dc4c8601ec8c");
}

}  // namespace
}  // namespace runnel::runner
