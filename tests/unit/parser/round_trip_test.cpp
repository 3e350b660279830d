// parse -> print -> parse gives the same AST, and printing is stable.
#include <gtest/gtest.h>

#include "engine/parser/ast_equal.h"
#include "engine/parser/ast_printer.h"
#include "tests/unit/parser/parser_test_util.h"

namespace runnel::parser {
namespace {

class StatementRoundTrip : public ::testing::TestWithParam<const char*> {};

TEST_P(StatementRoundTrip, ParsePrintParse) {
    const std::string sql = GetParam();
    Statement first = testing::ParseOne(sql);
    const std::string printed = StatementToSql(first);
    auto reparsed = ParseStatements(printed);
    ASSERT_TRUE(reparsed.ok()) << "printed: " << printed << "\n" << reparsed.status().ToString();
    ASSERT_EQ(reparsed.value().size(), 1u) << printed;
    const Statement& second = reparsed.value()[0];
    EXPECT_TRUE(StatementBodyEquals(first.body, second.body))
        << "original: " << sql << "\nprinted:  " << printed
        << "\nreprinted: " << StatementToSql(second);
    EXPECT_EQ(StatementToSql(second), printed);
}

INSTANTIATE_TEST_SUITE_P(
    Statements, StatementRoundTrip,
    ::testing::Values(
        "CREATE STREAM pageviews (viewtime BIGINT, userid VARCHAR KEY, pageid STRING) "
        "WITH (kafka_topic='pageviews', value_format='JSON', partitions=3);",
        "CREATE OR REPLACE SOURCE TABLE IF NOT EXISTS `Users` (id INT PRIMARY KEY, "
        "`Name` STRING, tags ARRAY<STRING>, attrs MAP<STRING, DOUBLE>, "
        "addr STRUCT<street STRING, `Zip` INT, geo STRUCT<lat DOUBLE, lon DOUBLE>>, "
        "amount DECIMAL(10, 2), h ARRAY<STRUCT<key STRING, value BYTES>> HEADERS, "
        "v BYTES HEADER('ver''sion'), d DATE, t TIME, ts TIMESTAMP, b BOOLEAN, c address) "
        "WITH (kafka_topic='users', format='JSON', replicas=-1, wrap_single_value=false, "
        "\"value.schema.id\"=5);",
        "CREATE STREAM s WITH (kafka_topic='t', value_format='AVRO');",
        "CREATE STREAM out WITH (kafka_topic='out', partitions=2) AS "
        "SELECT userid, UCASE(pageid) AS page FROM pageviews WHERE viewtime > 1000 "
        "PARTITION BY userid EMIT CHANGES;",
        "CREATE TABLE counts AS SELECT userid, COUNT(*) AS n, SUM(x * 2) total FROM pageviews "
        "WINDOW TUMBLING (SIZE 1 HOUR, RETENTION 7 DAYS, GRACE PERIOD 10 MINUTES) "
        "GROUP BY userid HAVING COUNT(*) > 10 EMIT CHANGES;",
        "CREATE OR REPLACE TABLE IF NOT EXISTS t2 AS SELECT a, b, COUNT(*) FROM s "
        "WINDOW HOPPING (SIZE 30 SECONDS, ADVANCE BY 5 SECONDS) GROUP BY a, b EMIT FINAL;",
        "SELECT k, COUNT(*) FROM s WINDOW SESSION (90 MILLISECONDS, GRACE PERIOD 1 DAY) "
        "GROUP BY k EMIT CHANGES;",
        "INSERT INTO all_views WITH (query_id='q1') SELECT * FROM views2 EMIT CHANGES;",
        "INSERT INTO users (id, name, `Score`) VALUES (1, 'it''s', -2.50);",
        "INSERT INTO s VALUES (ARRAY[1, 2], MAP('a' := 1.5E3, 'b' := -2E-3), "
        "STRUCT(x := TRUE, `y` := NULL), 2147483648, -9223372036854775808);",
        "SELECT * FROM s EMIT CHANGES LIMIT 10;",
        "SELECT s.*, t.b AS tb, c FROM s1 s LEFT JOIN t1 AS t WITHIN 1 HOUR ON s.id = t.id "
        "INNER JOIN t2 ON s.id = t2.id RIGHT OUTER JOIN t3 ON s.id = t3.id "
        "FULL OUTER JOIN t4 WITHIN (1 SECOND, 2 MINUTES) GRACE PERIOD 3 SECONDS "
        "ON s.id = t4.id EMIT CHANGES;",
        "SELECT a + b * c - d / e % f, (a + b) * c, -a, - -1, +a, -(5), a || b || 'x' "
        "FROM s;",
        "SELECT * FROM s WHERE NOT a = b AND c OR d IS NULL AND e IS NOT NULL;",
        "SELECT * FROM s WHERE a BETWEEN 1 AND 10 AND b NOT BETWEEN -1 AND 1 "
        "AND c IN (1, 2, 3) AND d NOT IN ('x') AND e LIKE 'a%' AND f NOT LIKE 'b!%' ESCAPE '!' "
        "AND g IS DISTINCT FROM h AND i IS NOT DISTINCT FROM j;",
        "SELECT CASE WHEN a > 0 THEN 'pos' WHEN a < 0 THEN 'neg' ELSE 'zero' END, "
        "CASE b WHEN 1 THEN 'one' END FROM s;",
        "SELECT CAST(a AS DECIMAL(4, 2)), CAST(b AS ARRAY<MAP<STRING, BIGINT>>), "
        "CAST(c AS STRUCT<`x` INT, Y STRING>), CAST(d AS STRUCT<>), CAST(e AS address) FROM s;",
        "SELECT TIMESTAMP '2021-01-01T00:00:00', DATE '2021-01-01', TIME '10:00', "
        "DECIMAL '1.230' FROM s;",
        "SELECT s->a->b, s->arr[1], m['k'], arr[1][2], s->*, (a + b)[0] FROM s;",
        "SELECT TRANSFORM(arr, x => x + 1), REDUCE(arr, 0, (st, x) => st + x), "
        "FILTER(m, (k, v) => v > k->len AND k IS NOT NULL) FROM s;",
        "SELECT TIMESTAMPADD(SECONDS, 5, ts), DATESUB(DAYS, 1, d), ABS((day)), "
        "f(millisecond) FROM s;",
        "SELECT `from`, `Mixed Case`, \"double\", `back``tick`, key, timestamp, date, time, "
        "type, topic, values, size, source, session, `select` FROM s;",
        "SELECT 1.5, .5, 1.5E3, 2147483647, -2147483648, 9223372036854775807, 'str', TRUE, "
        "FALSE, NULL FROM s;",
        "SELECT COUNT(*), LATEST_BY_OFFSET(a), REPLACE(a, 'x', 'y'), NOW() FROM s "
        "GROUP BY (a, b) EMIT CHANGES;",
        "SHOW STREAMS;", "LIST TABLES EXTENDED;", "SHOW QUERIES EXTENDED;",
        "SHOW ALL TOPICS EXTENDED;", "SHOW TOPICS;", "SHOW PROPERTIES;", "SHOW FUNCTIONS;",
        "SHOW TYPES;", "SHOW VARIABLES;", "SHOW CONNECTORS;",
        "DESCRIBE pageviews;", "DESCRIBE EXTENDED `Users`;", "DESCRIBE STREAMS EXTENDED;",
        "DESCRIBE TABLES;", "DESCRIBE FUNCTION substring;",
        "DROP STREAM IF EXISTS s DELETE TOPIC;", "DROP TABLE t;",
        "TERMINATE CSAS_OUT_0;", "TERMINATE ALL;", "TERMINATE `transient_q_1`;",
        "SET 'auto.offset.reset'='earliest';", "UNSET 'auto.offset.reset';",
        "DEFINE topicName = '''my_topic''';", "UNDEFINE topicName;",
        "EXPLAIN CSAS_OUT_0;", "EXPLAIN SELECT * FROM s EMIT CHANGES;",
        "CREATE TYPE IF NOT EXISTS address AS STRUCT<number INT, street STRING>;",
        "CREATE TYPE `Money` AS DECIMAL(10, 2);", "DROP TYPE IF EXISTS address;",
        "PRINT 'my-topic' FROM BEGINNING INTERVAL 2 LIMIT 10;", "PRINT pageviews;",
        "ASSERT TOPIC 'abc' WITH (partitions=1) TIMEOUT 3 SECONDS;"));

TEST(ExpressionRoundTrip, ProgrammaticNodes) {
    // Nodes built by code (not by the parser) still print to SQL that reads back equal.
    auto column = std::make_shared<Expr>();
    column->kind = ExprKind::kColumnRef;
    column->name = Identifier{"lower", false};  // not canonical: must be quoted to keep case
    auto neg = std::make_shared<Expr>();
    neg->kind = ExprKind::kUnary;
    neg->op = Op::kNeg;
    auto five = std::make_shared<Expr>();
    five->kind = ExprKind::kLiteral;
    five->literal_kind = LiteralKind::kInteger;
    five->int_value = 5;
    five->text = "5";
    neg->args = {five};
    auto sum = std::make_shared<Expr>();
    sum->kind = ExprKind::kBinary;
    sum->op = Op::kSub;
    sum->args = {column, neg};
    const std::string sql = ExprToSql(*sum);
    EXPECT_EQ(sql, "(`lower` - (-(5)))");
    ExprPtr back = testing::ParseExpr(sql);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->args[0]->name.name, "lower");
    EXPECT_EQ(back->args[1]->kind, ExprKind::kUnary);
}

TEST(PrinterPieces, TypesDurationsNames) {
    EXPECT_EQ(TypeToSql(SqlType::Struct({{"a b", SqlType::Int()}, {"C", SqlType::String()}})),
              "STRUCT<`a b` INTEGER, C STRING>");
    EXPECT_EQ(TypeToSql(SqlType::Named("STRING")), "`STRING`");
    EXPECT_EQ(DurationToSql(0), "0 MILLISECONDS");
    EXPECT_EQ(DurationToSql(1500), "1500 MILLISECONDS");
    EXPECT_EQ(DurationToSql(120000), "2 MINUTES");
    EXPECT_EQ(DurationToSql(86400000), "1 DAYS");
    EXPECT_EQ(NameToSql("KEY"), "KEY");
    EXPECT_EQ(NameToSql("FROM"), "`FROM`");
    EXPECT_EQ(NameToSql("a"), "`a`");
    EXPECT_EQ(IdentifierToSql(Identifier{"ABC", true}), "`ABC`");
    EXPECT_EQ(StringLiteralToSql("it's"), "'it''s'");
}

}  // namespace
}  // namespace runnel::parser
