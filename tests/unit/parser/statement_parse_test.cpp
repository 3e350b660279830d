// Every statement kind parses into the right AST.
#include <gtest/gtest.h>

#include "tests/unit/parser/parser_test_util.h"

namespace runnel::parser {
namespace {

using testing::ErrorOf;
using testing::ParseAs;
using testing::ParseOne;

TEST(CreateSourceStatement, StreamWithElementsAndProperties) {
    auto create = ParseAs<CreateSource>(
        "CREATE STREAM pageviews (viewtime BIGINT, userid VARCHAR KEY, `PageId` STRING) "
        "WITH (kafka_topic='pageviews', value_format='JSON', partitions=3, "
        "\"Timestamp\"='viewtime', wrap_single_value=false);");
    EXPECT_FALSE(create.is_table);
    EXPECT_FALSE(create.or_replace);
    EXPECT_FALSE(create.if_not_exists);
    EXPECT_FALSE(create.is_source);
    EXPECT_EQ(create.name.name, "PAGEVIEWS");
    ASSERT_EQ(create.elements.size(), 3u);
    EXPECT_EQ(create.elements[0].name.name, "VIEWTIME");
    EXPECT_EQ(create.elements[0].type, SqlType::Bigint());
    EXPECT_EQ(create.elements[0].constraint, ColumnConstraint::kNone);
    EXPECT_EQ(create.elements[1].constraint, ColumnConstraint::kKey);
    EXPECT_EQ(create.elements[1].type, SqlType::String());
    EXPECT_EQ(create.elements[2].name.name, "PageId");
    EXPECT_TRUE(create.elements[2].name.quoted);
    ASSERT_EQ(create.properties.size(), 5u);
    EXPECT_EQ(create.properties.at("KAFKA_TOPIC").text, "pageviews");
    EXPECT_EQ(create.properties.at("KAFKA_TOPIC").kind, LiteralKind::kString);
    EXPECT_EQ(create.properties.at("PARTITIONS").text, "3");
    EXPECT_EQ(create.properties.at("PARTITIONS").kind, LiteralKind::kInteger);
    EXPECT_EQ(create.properties.at("TIMESTAMP").text, "viewtime");
    EXPECT_EQ(create.properties.at("WRAP_SINGLE_VALUE").kind, LiteralKind::kBoolean);
    EXPECT_EQ(create.properties.at("WRAP_SINGLE_VALUE").text, "FALSE");
}

TEST(CreateSourceStatement, TableOptionsAndConstraints) {
    auto create = ParseAs<CreateSource>(
        "create or replace source table if not exists users "
        "(id INT PRIMARY KEY, h ARRAY<STRUCT<key STRING, value BYTES>> HEADERS, "
        "v BYTES HEADER('version'), d DECIMAL(4, 2), t TIMESTAMP, m MAP<STRING, DOUBLE>, "
        "a Address) with (kafka_topic='users', format='JSON', replicas=-1)");
    EXPECT_TRUE(create.is_table);
    EXPECT_TRUE(create.or_replace);
    EXPECT_TRUE(create.if_not_exists);
    EXPECT_TRUE(create.is_source);
    ASSERT_EQ(create.elements.size(), 7u);
    EXPECT_EQ(create.elements[0].constraint, ColumnConstraint::kPrimaryKey);
    EXPECT_EQ(create.elements[0].type, SqlType::Int());
    EXPECT_EQ(create.elements[1].constraint, ColumnConstraint::kHeaders);
    EXPECT_EQ(create.elements[1].type,
              SqlType::Array(SqlType::Struct(
                  {{"KEY", SqlType::String()}, {"VALUE", SqlType::Bytes()}})));
    EXPECT_EQ(create.elements[2].constraint, ColumnConstraint::kHeader);
    EXPECT_EQ(create.elements[2].header_key, "version");
    EXPECT_EQ(create.elements[3].type, SqlType::Decimal(4, 2));
    EXPECT_EQ(create.elements[4].type, SqlType::Timestamp());
    EXPECT_EQ(create.elements[5].type, SqlType::Map(SqlType::String(), SqlType::Double()));
    EXPECT_EQ(create.elements[6].type, SqlType::Named("ADDRESS"));
    EXPECT_EQ(create.properties.at("REPLICAS").text, "-1");
}

TEST(CreateSourceStatement, WithoutElements) {
    auto create = ParseAs<CreateSource>("CREATE STREAM s WITH (kafka_topic='t', format='AVRO');");
    EXPECT_TRUE(create.elements.empty());
    EXPECT_EQ(create.properties.size(), 2u);
}

TEST(CreateSourceStatement, DuplicatesAreErrors) {
    EXPECT_NE(ErrorOf("CREATE STREAM s (a INT, A STRING) WITH (kafka_topic='t');"), "");
    EXPECT_NE(ErrorOf("CREATE STREAM s (a INT) WITH (kafka_topic='t', KAFKA_TOPIC='u');"), "");
}

TEST(CreateAsSelectStatement, StreamAndTable) {
    auto csas = ParseAs<CreateAsSelect>(
        "CREATE STREAM enriched WITH (kafka_topic='out') AS SELECT * FROM pageviews EMIT CHANGES;");
    EXPECT_FALSE(csas.is_table);
    EXPECT_EQ(csas.name.name, "ENRICHED");
    EXPECT_EQ(csas.properties.at("KAFKA_TOPIC").text, "out");
    EXPECT_EQ(csas.query.from.source.name, "PAGEVIEWS");
    EXPECT_EQ(csas.query.emit, EmitKind::kChanges);

    auto ctas = ParseAs<CreateAsSelect>(
        "CREATE OR REPLACE TABLE IF NOT EXISTS counts AS "
        "SELECT userid, COUNT(*) AS n FROM pageviews GROUP BY userid EMIT CHANGES;");
    EXPECT_TRUE(ctas.is_table);
    EXPECT_TRUE(ctas.or_replace);
    EXPECT_TRUE(ctas.if_not_exists);
    EXPECT_TRUE(ctas.properties.empty());
    ASSERT_EQ(ctas.query.select.size(), 2u);
    EXPECT_EQ(ctas.query.select[1].alias->name, "N");
    ASSERT_EQ(ctas.query.group_by.size(), 1u);
}

TEST(InsertStatements, InsertIntoQuery) {
    auto insert = ParseAs<InsertInto>(
        "INSERT INTO all_views WITH (query_id='my_query') SELECT * FROM views2 EMIT CHANGES;");
    EXPECT_EQ(insert.target.name, "ALL_VIEWS");
    EXPECT_EQ(insert.properties.at("QUERY_ID").text, "my_query");
    EXPECT_EQ(insert.query.from.source.name, "VIEWS2");
}

TEST(InsertStatements, InsertValues) {
    auto insert = ParseAs<InsertValues>(
        "INSERT INTO users (id, name, `Score`) VALUES (1, 'alice', -2.5);");
    EXPECT_EQ(insert.target.name, "USERS");
    ASSERT_EQ(insert.columns.size(), 3u);
    EXPECT_EQ(insert.columns[2].name, "Score");
    ASSERT_EQ(insert.values.size(), 3u);
    EXPECT_EQ(insert.values[0]->int_value, 1);
    EXPECT_EQ(insert.values[1]->text, "alice");
    EXPECT_EQ(insert.values[2]->text, "-2.5");
    EXPECT_EQ(insert.values[2]->literal_kind, LiteralKind::kDecimal);

    auto all_columns = ParseAs<InsertValues>("INSERT INTO s VALUES (ARRAY[1], MAP('a' := 1));");
    EXPECT_TRUE(all_columns.columns.empty());
    EXPECT_EQ(all_columns.values.size(), 2u);
}

TEST(SelectStatementTest, PushAndPullQueries) {
    auto push = ParseAs<SelectStatement>("SELECT * FROM s EMIT CHANGES LIMIT 10;");
    EXPECT_EQ(push.query.emit, EmitKind::kChanges);
    ASSERT_TRUE(push.query.limit.has_value());
    EXPECT_EQ(*push.query.limit, 10);
    ASSERT_EQ(push.query.select.size(), 1u);
    EXPECT_EQ(push.query.select[0].kind, SelectItem::Kind::kAllColumns);
    auto pull = ParseAs<SelectStatement>("SELECT count FROM t WHERE id = 'a';");
    EXPECT_EQ(pull.query.emit, EmitKind::kNone);
    EXPECT_FALSE(pull.query.limit.has_value());
    ASSERT_TRUE(pull.query.where);
    auto final_emit = ParseAs<SelectStatement>(
        "SELECT id, COUNT(*) FROM s WINDOW TUMBLING (SIZE 1 MINUTE) GROUP BY id EMIT FINAL;");
    EXPECT_EQ(final_emit.query.emit, EmitKind::kFinal);
}

TEST(SelectStatementTest, AllClauses) {
    auto select = ParseAs<SelectStatement>(
        "SELECT s.*, a AS x, b y, t.c FROM s1 AS s "
        "LEFT JOIN t1 t WITHIN 1 HOUR ON s.id = t.id "
        "WINDOW HOPPING (SIZE 30 SECONDS, ADVANCE BY 10 SECONDS, RETENTION 2 DAYS, "
        "GRACE PERIOD 5 MINUTES) "
        "WHERE a > 1 GROUP BY a, b PARTITION BY a HAVING COUNT(*) > 2 EMIT CHANGES LIMIT 5");
    const Query& q = select.query;
    ASSERT_EQ(q.select.size(), 4u);
    EXPECT_EQ(q.select[0].kind, SelectItem::Kind::kAllColumns);
    EXPECT_EQ(q.select[0].qualifier.name, "S");
    EXPECT_EQ(q.select[1].alias->name, "X");
    EXPECT_EQ(q.select[2].alias->name, "Y");
    EXPECT_FALSE(q.select[3].alias.has_value());
    EXPECT_EQ(q.select[3].expr->qualifier.name, "T");
    EXPECT_EQ(q.from.source.name, "S1");
    EXPECT_EQ(q.from.alias->name, "S");
    ASSERT_EQ(q.joins.size(), 1u);
    EXPECT_EQ(q.joins[0].type, JoinType::kLeft);
    EXPECT_EQ(q.joins[0].right.alias->name, "T");
    ASSERT_TRUE(q.joins[0].within.has_value());
    EXPECT_EQ(q.joins[0].within->before_ms, 3600000);
    EXPECT_EQ(q.joins[0].within->after_ms, 3600000);
    EXPECT_FALSE(q.joins[0].within->grace_ms.has_value());
    ASSERT_TRUE(q.window.has_value());
    EXPECT_EQ(q.window->kind, WindowKind::kHopping);
    EXPECT_EQ(q.window->size_ms, 30000);
    EXPECT_EQ(q.window->advance_ms, 10000);
    EXPECT_EQ(q.window->retention_ms, 2 * 86400000LL);
    EXPECT_EQ(q.window->grace_ms, 300000);
    EXPECT_EQ(q.group_by.size(), 2u);
    EXPECT_EQ(q.partition_by.size(), 1u);
    ASSERT_TRUE(q.having);
    EXPECT_EQ(*q.limit, 5);
}

TEST(SelectStatementTest, JoinKinds) {
    auto select = ParseAs<SelectStatement>(
        "SELECT * FROM a JOIN b ON a.id = b.id INNER JOIN c ON a.id = c.id "
        "LEFT OUTER JOIN d ON a.id = d.id RIGHT JOIN e ON a.id = e.id "
        "FULL OUTER JOIN f WITHIN (1 SECOND, 2 SECONDS) GRACE PERIOD 3 MILLISECONDS "
        "ON a.id = f.id EMIT CHANGES;");
    const auto& joins = select.query.joins;
    ASSERT_EQ(joins.size(), 5u);
    EXPECT_EQ(joins[0].type, JoinType::kInner);
    EXPECT_EQ(joins[1].type, JoinType::kInner);
    EXPECT_EQ(joins[2].type, JoinType::kLeft);
    EXPECT_EQ(joins[3].type, JoinType::kRight);
    EXPECT_EQ(joins[4].type, JoinType::kFull);
    ASSERT_TRUE(joins[4].within.has_value());
    EXPECT_EQ(joins[4].within->before_ms, 1000);
    EXPECT_EQ(joins[4].within->after_ms, 2000);
    EXPECT_EQ(joins[4].within->grace_ms, 3);
}

TEST(SelectStatementTest, Windows) {
    auto tumbling = ParseAs<SelectStatement>(
        "SELECT k, COUNT(*) FROM s WINDOW TUMBLING (SIZE 1 HOUR, RETENTION 7 DAYS, "
        "GRACE PERIOD 10 MINUTES) GROUP BY k EMIT CHANGES;");
    ASSERT_TRUE(tumbling.query.window.has_value());
    EXPECT_EQ(tumbling.query.window->kind, WindowKind::kTumbling);
    EXPECT_EQ(tumbling.query.window->size_ms, 3600000);
    EXPECT_EQ(tumbling.query.window->retention_ms, 7 * 86400000LL);
    EXPECT_EQ(tumbling.query.window->grace_ms, 600000);
    auto session = ParseAs<SelectStatement>(
        "SELECT k, COUNT(*) FROM s WINDOW SESSION (60 SECONDS) GROUP BY k EMIT CHANGES;");
    EXPECT_EQ(session.query.window->kind, WindowKind::kSession);
    EXPECT_EQ(session.query.window->size_ms, 60000);
    EXPECT_FALSE(session.query.window->grace_ms.has_value());
    EXPECT_NE(ErrorOf("SELECT * FROM s WINDOW TUMBLING (SIZE 1 SECOND, GRACE PERIOD 1 SECOND, "
                      "GRACE PERIOD 2 SECONDS) GROUP BY k;"),
              "");
}

TEST(SelectStatementTest, DurationUnits) {
    const std::pair<const char*, int64_t> cases[] = {
        {"1 MILLISECOND", 1},       {"5 MILLISECONDS", 5},        {"1 SECOND", 1000},
        {"2 SECONDS", 2000},        {"1 MINUTE", 60000},          {"3 MINUTES", 180000},
        {"1 HOUR", 3600000},        {"2 HOURS", 7200000},         {"1 DAY", 86400000},
        {"10 DAYS", 864000000},
    };
    for (const auto& [text, ms] : cases) {
        auto select = ParseAs<SelectStatement>(
            std::string("SELECT k FROM s WINDOW TUMBLING (SIZE ") + text + ") GROUP BY k;");
        ASSERT_TRUE(select.query.window.has_value()) << text;
        EXPECT_EQ(select.query.window->size_ms, ms) << text;
    }
    EXPECT_NE(
        ErrorOf("SELECT k FROM s WINDOW TUMBLING (SIZE 9223372036854775807 DAYS) GROUP BY k;"), "");
}

TEST(SelectStatementTest, GroupByInParentheses) {
    auto select = ParseAs<SelectStatement>("SELECT a, b FROM s GROUP BY (a, b) EMIT CHANGES;");
    EXPECT_EQ(select.query.group_by.size(), 2u);
    auto single = ParseAs<SelectStatement>("SELECT a FROM s GROUP BY (a) + 1, b EMIT CHANGES;");
    ASSERT_EQ(single.query.group_by.size(), 2u);
    EXPECT_EQ(single.query.group_by[0]->kind, ExprKind::kBinary);
}

TEST(ListStatementTest, Kinds) {
    const std::pair<const char*, ListKind> cases[] = {
        {"SHOW STREAMS", ListKind::kStreams},      {"LIST TABLES", ListKind::kTables},
        {"SHOW QUERIES", ListKind::kQueries},      {"SHOW TOPICS", ListKind::kTopics},
        {"LIST ALL TOPICS", ListKind::kAllTopics}, {"SHOW PROPERTIES", ListKind::kProperties},
        {"SHOW FUNCTIONS", ListKind::kFunctions},  {"LIST TYPES", ListKind::kTypes},
        {"SHOW VARIABLES", ListKind::kVariables},  {"SHOW CONNECTORS", ListKind::kConnectors},
    };
    for (const auto& [sql, kind] : cases) {
        auto list = ParseAs<ListStatement>(sql);
        EXPECT_EQ(list.kind, kind) << sql;
        EXPECT_FALSE(list.extended) << sql;
    }
    EXPECT_TRUE(ParseAs<ListStatement>("show streams extended;").extended);
    EXPECT_TRUE(ParseAs<ListStatement>("SHOW ALL TOPICS EXTENDED").extended);
    EXPECT_TRUE(ParseAs<ListStatement>("LIST QUERIES EXTENDED").extended);
    EXPECT_NE(ErrorOf("SHOW PROPERTIES EXTENDED;"), "");
    EXPECT_NE(ErrorOf("SHOW ALL STREAMS;"), "");
}

TEST(DescribeStatementTest, SourcesAndFunctions) {
    auto plain = ParseAs<DescribeSource>("DESCRIBE pageviews;");
    EXPECT_EQ(plain.name.name, "PAGEVIEWS");
    EXPECT_FALSE(plain.extended);
    EXPECT_FALSE(plain.all_streams);
    auto extended = ParseAs<DescribeSource>("DESCRIBE EXTENDED `Mixed`;");
    EXPECT_TRUE(extended.extended);
    EXPECT_EQ(extended.name.name, "Mixed");
    auto streams = ParseAs<DescribeSource>("DESCRIBE STREAMS EXTENDED;");
    EXPECT_TRUE(streams.all_streams);
    EXPECT_FALSE(streams.all_tables);
    EXPECT_TRUE(streams.extended);
    EXPECT_TRUE(ParseAs<DescribeSource>("DESCRIBE TABLES;").all_tables);
    auto function = ParseAs<DescribeFunction>("DESCRIBE FUNCTION substring;");
    EXPECT_EQ(function.name.name, "SUBSTRING");
    // A source may be called FUNCTION.
    EXPECT_EQ(ParseAs<DescribeSource>("DESCRIBE function;").name.name, "FUNCTION");
}

TEST(DropStatementTest, SourcesAndTypes) {
    auto drop = ParseAs<DropSource>("DROP STREAM IF EXISTS s DELETE TOPIC;");
    EXPECT_FALSE(drop.is_table);
    EXPECT_TRUE(drop.if_exists);
    EXPECT_TRUE(drop.delete_topic);
    EXPECT_EQ(drop.name.name, "S");
    auto table = ParseAs<DropSource>("DROP TABLE t;");
    EXPECT_TRUE(table.is_table);
    EXPECT_FALSE(table.if_exists);
    EXPECT_FALSE(table.delete_topic);
    auto type = ParseAs<DropType>("DROP TYPE IF EXISTS address;");
    EXPECT_TRUE(type.if_exists);
    EXPECT_EQ(type.name.name, "ADDRESS");
}

TEST(TerminateStatementTest, QueryAndAll) {
    auto terminate = ParseAs<TerminateQuery>("TERMINATE CSAS_ENRICHED_7;");
    EXPECT_FALSE(terminate.all);
    EXPECT_EQ(terminate.query_id, "CSAS_ENRICHED_7");
    EXPECT_EQ(ParseAs<TerminateQuery>("terminate csas_x_1").query_id, "CSAS_X_1");
    EXPECT_TRUE(ParseAs<TerminateQuery>("TERMINATE ALL;").all);
}

TEST(PropertyStatements, SetUnsetDefineUndefine) {
    auto set = ParseAs<SetProperty>("SET 'auto.offset.reset'='earliest';");
    EXPECT_EQ(set.name, "auto.offset.reset");
    EXPECT_EQ(set.value, "earliest");
    EXPECT_EQ(ParseAs<UnsetProperty>("UNSET 'auto.offset.reset';").name, "auto.offset.reset");
    auto define = ParseAs<DefineVariable>("DEFINE topicName = '''my_topic''';");
    EXPECT_EQ(define.name, "TOPICNAME");
    EXPECT_EQ(define.value, "'my_topic'");
    EXPECT_EQ(ParseAs<UndefineVariable>("UNDEFINE topicName;").name, "TOPICNAME");
}

TEST(ExplainStatementTest, QueryIdAndStatement) {
    auto by_id = ParseAs<ExplainStatement>("EXPLAIN CTAS_COUNTS_3;");
    EXPECT_EQ(by_id.query_id, "CTAS_COUNTS_3");
    EXPECT_TRUE(by_id.statement_text.empty());
    auto by_text = ParseAs<ExplainStatement>("EXPLAIN SELECT * FROM s  EMIT CHANGES;");
    EXPECT_TRUE(by_text.query_id.empty());
    EXPECT_EQ(by_text.statement_text, "SELECT * FROM s  EMIT CHANGES");
    EXPECT_NE(ErrorOf("EXPLAIN SELECT * FROM s WINDOW TUMBLING (SIZE 1 SECOND, RETENTION 1 SECOND, "
                      "RETENTION 2 SECONDS);"),
              "");
}

TEST(TypeStatements, CreateType) {
    auto create = ParseAs<CreateType>(
        "CREATE TYPE IF NOT EXISTS address AS STRUCT<number INTEGER, street VARCHAR, city "
        "VARCHAR>;");
    EXPECT_TRUE(create.if_not_exists);
    EXPECT_EQ(create.name.name, "ADDRESS");
    EXPECT_EQ(create.type.kind(), TypeKind::kStruct);
    EXPECT_EQ(create.type.fields().size(), 3u);
    auto simple = ParseAs<CreateType>("CREATE TYPE money AS DECIMAL(10, 2);");
    EXPECT_FALSE(simple.if_not_exists);
    EXPECT_EQ(simple.type, SqlType::Decimal(10, 2));
}

TEST(PrintStatementTest, Options) {
    auto print = ParseAs<PrintTopic>("PRINT 'my-topic' FROM BEGINNING INTERVAL 2 LIMIT 10;");
    EXPECT_EQ(print.topic, "my-topic");
    EXPECT_TRUE(print.from_beginning);
    EXPECT_EQ(print.interval, 2);
    EXPECT_EQ(print.limit, 10);
    auto plain = ParseAs<PrintTopic>("PRINT pageViews;");
    EXPECT_EQ(plain.topic, "pageViews");
    EXPECT_FALSE(plain.from_beginning);
    EXPECT_FALSE(plain.interval.has_value());
    EXPECT_FALSE(plain.limit.has_value());
    EXPECT_EQ(ParseAs<PrintTopic>("PRINT `Topic.A` SAMPLE 3;").interval, 3);
    EXPECT_EQ(ParseAs<PrintTopic>("PRINT `Topic.A` SAMPLE 3;").topic, "Topic.A");
}

TEST(AssertStatementTest, KeepsTheText) {
    auto assertion = ParseAs<AssertStatement>("ASSERT NOT EXISTS TOPIC 'abc' TIMEOUT 3 SECONDS;");
    EXPECT_EQ(assertion.text, "ASSERT NOT EXISTS TOPIC 'abc' TIMEOUT 3 SECONDS");
    EXPECT_EQ(ParseAs<AssertStatement>("ASSERT SCHEMA ID 4").text, "ASSERT SCHEMA ID 4");
}

}  // namespace
}  // namespace runnel::parser
