// Scripts: statement splitting, statement text and location, comments, ${variables} and the
// line:column of syntax errors.
#include <gtest/gtest.h>

#include <thread>

#include "tests/unit/parser/parser_test_util.h"

namespace runnel::parser {
namespace {

using testing::ErrorOf;

TEST(ScriptSplitting, StatementsTextAndLocation) {
    const std::string script =
        "-- a leading comment\n"
        "CREATE STREAM s (a INT) WITH (kafka_topic='x;y', value_format='JSON');\n"
        "  /* block; comment */ SELECT `semi;colon`, \"dq;\" FROM s;;\n"
        "SHOW STREAMS";
    auto result = ParseStatements(script);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    const auto& statements = result.value();
    ASSERT_EQ(statements.size(), 3u);
    EXPECT_EQ(statements[0].text,
              "CREATE STREAM s (a INT) WITH (kafka_topic='x;y', value_format='JSON');");
    EXPECT_EQ(statements[0].loc.line, 2);
    EXPECT_EQ(statements[0].loc.column, 1);
    EXPECT_EQ(std::get<CreateSource>(statements[0].body).properties.at("KAFKA_TOPIC").text, "x;y");
    EXPECT_EQ(statements[1].text, "SELECT `semi;colon`, \"dq;\" FROM s;");
    EXPECT_EQ(statements[1].loc.line, 3);
    EXPECT_EQ(statements[1].loc.column, 24);
    EXPECT_EQ(statements[2].text, "SHOW STREAMS;");
    EXPECT_EQ(statements[2].loc.line, 4);
}

TEST(ScriptSplitting, EmptyAndCommentOnlyScripts) {
    auto empty = ParseStatements("");
    ASSERT_TRUE(empty.ok());
    EXPECT_TRUE(empty.value().empty());
    auto comments = ParseStatements("  -- nothing\n /* at all */ ;\n");
    ASSERT_TRUE(comments.ok());
    EXPECT_TRUE(comments.value().empty());
}

TEST(ScriptSplitting, TrailingCommentIsNotPartOfTheLastStatement) {
    auto result = ParseStatements("SHOW TABLES -- done");
    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result.value().size(), 1u);
    EXPECT_EQ(result.value()[0].text, "SHOW TABLES;");
}

TEST(ScriptComments, InsideStatements) {
    auto select = testing::ParseAs<SelectStatement>(
        "SELECT a, -- first column\n"
        "  /* the second\n     one */ b\n"
        "FROM s -- the source\n"
        "EMIT CHANGES;");
    EXPECT_EQ(select.query.select.size(), 2u);
    EXPECT_EQ(select.query.emit, EmitKind::kChanges);
}

TEST(ScriptVariables, SubstitutedCaseInsensitively) {
    auto result = ParseStatements(
        "CREATE STREAM ${streamName} (id INT) WITH (kafka_topic='${TOPIC}', "
        "partitions=${partitions});",
        {{"streamname", "clicks"}, {"Topic", "clicks_topic"}, {"PARTITIONS", "6"}});
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    const auto& create = std::get<CreateSource>(result.value()[0].body);
    EXPECT_EQ(create.name.name, "CLICKS");
    EXPECT_EQ(create.properties.at("KAFKA_TOPIC").text, "clicks_topic");
    EXPECT_EQ(create.properties.at("PARTITIONS").text, "6");
    EXPECT_EQ(create.properties.at("PARTITIONS").kind, LiteralKind::kInteger);
    EXPECT_EQ(result.value()[0].text,
              "CREATE STREAM clicks (id INT) WITH (kafka_topic='clicks_topic', partitions=6);");
}

TEST(ScriptVariables, DefineAppliesToLaterStatements) {
    auto result = ParseStatements(
        "DEFINE format = 'JSON';\n"
        "CREATE STREAM s (id INT) WITH (kafka_topic='t', value_format='${format}');\n"
        "UNDEFINE format;\n"
        "SELECT '${format}' FROM s;");
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ASSERT_EQ(result.value().size(), 4u);
    EXPECT_EQ(std::get<CreateSource>(result.value()[1].body).properties.at("VALUE_FORMAT").text,
              "JSON");
    const auto& select = std::get<SelectStatement>(result.value()[3].body);
    EXPECT_EQ(select.query.select[0].expr->text, "${format}");
}

TEST(ScriptVariables, QuotesInsideStringsAreEscaped) {
    auto result = ParseStatements("SELECT '${v}' AS x FROM s;", {{"v", "it's"}});
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    const auto& select = std::get<SelectStatement>(result.value()[0].body);
    EXPECT_EQ(select.query.select[0].expr->text, "it's");
}

TEST(ScriptVariables, DoubleDollarEscapes) {
    auto result = ParseStatements("SELECT '$${v}' AS x FROM s;", {{"v", "value"}});
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    const auto& select = std::get<SelectStatement>(result.value()[0].body);
    EXPECT_EQ(select.query.select[0].expr->text, "${v}");
}

TEST(ScriptVariables, NotSubstitutedInComments) {
    auto result = ParseStatements("SELECT a /* ${v} */ FROM s;", {{"v", "x FROM y"}});
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result.value()[0].text, "SELECT a /* ${v} */ FROM s;");
}

TEST(ScriptVariables, UndefinedIsAnErrorOnlyWhereUsed) {
    // In an expression it parses into a kVariable node for the analyzer to report.
    auto select = testing::ParseAs<SelectStatement>("SELECT ${missing} FROM s;");
    EXPECT_EQ(select.query.select[0].expr->kind, ExprKind::kVariable);
    // As a name or property value it is an error at its position.
    std::string error = ErrorOf("SHOW STREAMS;\nCREATE STREAM ${missing} WITH (kafka_topic='t');");
    EXPECT_EQ(error.rfind("line 2:15: ", 0), 0u) << error;
    EXPECT_NE(error.find("${missing}"), std::string::npos) << error;
    error = ErrorOf("CREATE STREAM s WITH (partitions=${missing});");
    EXPECT_EQ(error.rfind("line 1:34: ", 0), 0u) << error;
}

TEST(ScriptVariables, ErrorPositionsPointIntoTheOriginalText) {
    // The value is longer than the reference; the error after it still points at the original.
    std::string error = ErrorOf("SELECT ${v} FROM s WHERE;");
    EXPECT_EQ(error.rfind("line 1:25: ", 0), 0u) << error;
    auto result = ParseStatements("SELECT ${v} FROM s WHERE;", {{"v", "a_much_longer_column"}});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().message().rfind("line 1:25: ", 0), 0u) << result.status().message();
}

TEST(ScriptErrors, LineAndColumn) {
    std::string error = ErrorOf("SELECT * FROM");
    EXPECT_EQ(error.rfind("line 1:14: ", 0), 0u) << error;
    error = ErrorOf("SHOW STREAMS;\nSELECT * FROM");
    EXPECT_EQ(error.rfind("line 2:14: ", 0), 0u) << error;
    error = ErrorOf("SHOW STREAMS;\nSELECT * FROM;");
    EXPECT_EQ(error.rfind("line 2:14: ", 0), 0u) << error;
    error = ErrorOf("SELECT * FORM s;");
    EXPECT_EQ(error.rfind("line 1:10: ", 0), 0u) << error;
    error = ErrorOf("CREATE STREAM s (a INT,\n  b STRING,\n  c) WITH (kafka_topic='t');");
    EXPECT_EQ(error.rfind("line 3:4: ", 0), 0u) << error;
    error = ErrorOf("SELECT 'héllo', # FROM s;");
    EXPECT_EQ(error.rfind("line 1:17: ", 0), 0u) << error;
    auto result = ParseStatements("SELECT * FROM");
    EXPECT_EQ(result.status().code(), StatusCode::kSyntaxError);
}

TEST(ScriptErrors, ReservedWordAsIdentifier) {
    std::string error = ErrorOf("CREATE STREAM from (a INT) WITH (kafka_topic='t');");
    EXPECT_EQ(error.rfind("line 1:15: ", 0), 0u) << error;
    EXPECT_NE(error.find("reserved keyword"), std::string::npos) << error;
    // Quoted, it is fine.
    EXPECT_EQ(ErrorOf("CREATE STREAM `FROM` (a INT) WITH (kafka_topic='t');"), "");
}

TEST(ScriptErrors, UnterminatedString) {
    std::string error = ErrorOf("SELECT 'abc FROM s;");
    EXPECT_NE(error, "");
    EXPECT_EQ(error.rfind("line 1:8: ", 0), 0u) << error;
}

TEST(ScriptParsing, ConcurrentCallsAreIndependent) {
    std::vector<std::thread> threads;
    std::vector<int> ok(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([t, &ok] {
            for (int i = 0; i < 50; ++i) {
                auto result = ParseStatements(
                    "CREATE STREAM s" + std::to_string(t) + " (a INT KEY, b STRING) WITH "
                    "(kafka_topic='t');\nSELECT a, COUNT(*) FROM s WINDOW TUMBLING (SIZE 1 "
                    "SECOND) WHERE b LIKE 'x%' GROUP BY a EMIT CHANGES;");
                if (result.ok() && result.value().size() == 2) ++ok[t];
            }
        });
    }
    for (auto& thread : threads) thread.join();
    for (int t = 0; t < 4; ++t) EXPECT_EQ(ok[t], 50);
}

}  // namespace
}  // namespace runnel::parser
