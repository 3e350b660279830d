#include "protocol/statement_splitter.h"

#include <gtest/gtest.h>

#include "protocol/statement_kind.h"

namespace runnel::protocol {
namespace {

using Strings = std::vector<std::string>;

TEST(StatementSplitter, SplitsAtSemicolons) {
    EXPECT_EQ(SplitStatements("SHOW STREAMS; SHOW TABLES;\nLIST TOPICS;"),
              (Strings{"SHOW STREAMS;", "SHOW TABLES;", "LIST TOPICS;"}));
    EXPECT_EQ(SplitStatements("  ;;  ; "), Strings{});
}

TEST(StatementSplitter, IgnoresSemicolonsInQuotes) {
    EXPECT_EQ(SplitStatements(
                  "INSERT INTO S VALUES ('a;b', 'it''s;');SELECT \"x;y\", `p;q` FROM T;"),
              (Strings{"INSERT INTO S VALUES ('a;b', 'it''s;');",
                       "SELECT \"x;y\", `p;q` FROM T;"}));
}

TEST(StatementSplitter, DropsComments) {
    EXPECT_EQ(SplitStatements("-- leading; comment\nSHOW /* a; b */ STREAMS; -- trailing;\n"
                              "/* block\n; */ SHOW TABLES;"),
              (Strings{"SHOW   STREAMS;", "SHOW TABLES;"}));
    // A comment marker inside quotes is text.
    EXPECT_EQ(SplitStatements("SELECT '--not; a comment', '/*x;*/' FROM S;"),
              (Strings{"SELECT '--not; a comment', '/*x;*/' FROM S;"}));
    // A single dash or slash is an operator.
    EXPECT_EQ(SplitStatements("SELECT a-b, c/d FROM S;"), (Strings{"SELECT a-b, c/d FROM S;"}));
}

TEST(StatementSplitter, MultiLineInputLikeTheRepl) {
    StatementSplitter s;
    EXPECT_TRUE(s.Add("CREATE STREAM S (\n").empty());
    EXPECT_TRUE(s.pending());
    EXPECT_TRUE(s.Add("  ID INT KEY, V STRING\n").empty());
    EXPECT_TRUE(s.Add(") WITH (kafka_topic='s;',\n").empty());
    auto done = s.Add("value_format='json'); SHOW").size();
    EXPECT_EQ(done, 1u);
    EXPECT_TRUE(s.pending());  // "SHOW" is the start of the next statement
    EXPECT_EQ(s.Add(" STREAMS;\n"), (Strings{"SHOW STREAMS;"}));
    EXPECT_FALSE(s.pending());
}

TEST(StatementSplitter, OpenQuotesAndCommentsKeepThePromptContinuing) {
    StatementSplitter s;
    EXPECT_TRUE(s.Add("INSERT INTO S VALUES ('multi\n").empty());
    EXPECT_TRUE(s.pending());
    EXPECT_EQ(s.Add("line;');\n"), (Strings{"INSERT INTO S VALUES ('multi\nline;');"}));
    EXPECT_FALSE(s.pending());

    EXPECT_TRUE(s.Add("/* open\n").empty());
    EXPECT_TRUE(s.pending());
    EXPECT_TRUE(s.Add("still; */\n").empty());
    EXPECT_FALSE(s.pending());

    EXPECT_TRUE(s.Add("-- only a comment\n").empty());
    EXPECT_FALSE(s.pending());
}

TEST(StatementSplitter, SplitAcrossPieces) {
    // Two-character markers split across Add calls.
    StatementSplitter s;
    EXPECT_TRUE(s.Add("SHOW -").empty());
    EXPECT_TRUE(s.Add("- comment;\nSTREAMS").empty());
    EXPECT_EQ(s.Add(";"), (Strings{"SHOW \nSTREAMS;"}));
    EXPECT_TRUE(s.Add("SELECT 'it'").empty());
    EXPECT_EQ(s.Add("'s' FROM S;"), (Strings{"SELECT 'it''s' FROM S;"}));
}

TEST(StatementSplitter, FinishReturnsTheUnterminatedRest) {
    std::string rest;
    EXPECT_EQ(SplitStatements("SHOW STREAMS; SHOW TABLES", &rest), (Strings{"SHOW STREAMS;"}));
    EXPECT_EQ(rest, "SHOW TABLES");
    EXPECT_EQ(SplitStatements("SHOW STREAMS; SHOW TABLES"),
              (Strings{"SHOW STREAMS;", "SHOW TABLES"}));
}

TEST(StatementKind, Classifies) {
    EXPECT_EQ(ClassifyStatement("SELECT * FROM S EMIT CHANGES;").kind, StatementKind::kQuery);
    EXPECT_EQ(ClassifyStatement("select * from t where id = 1;").kind, StatementKind::kQuery);
    EXPECT_EQ(ClassifyStatement("PRINT 'topic' FROM BEGINNING;").kind, StatementKind::kQuery);
    EXPECT_EQ(ClassifyStatement("EXPLAIN SELECT * FROM S;").kind, StatementKind::kOther);
    EXPECT_EQ(ClassifyStatement("CREATE STREAM S2 AS SELECT * FROM S;").kind,
              StatementKind::kOther);

    auto set = ClassifyStatement("SET 'auto.offset.reset' = 'earliest';");
    EXPECT_EQ(set.kind, StatementKind::kSet);
    EXPECT_EQ(set.name, "auto.offset.reset");
    EXPECT_EQ(set.value, "earliest");
    auto unset = ClassifyStatement("unset 'auto.offset.reset'");
    EXPECT_EQ(unset.kind, StatementKind::kUnset);
    EXPECT_EQ(unset.name, "auto.offset.reset");
    auto define = ClassifyStatement("DEFINE topic = 'it''s';");
    EXPECT_EQ(define.kind, StatementKind::kDefine);
    EXPECT_EQ(define.name, "topic");
    EXPECT_EQ(define.value, "it's");
    EXPECT_EQ(ClassifyStatement("UNDEFINE topic;").kind, StatementKind::kUndefine);
    // Malformed: left for the server to report.
    EXPECT_EQ(ClassifyStatement("SET auto.offset.reset = 'x';").kind, StatementKind::kOther);
    EXPECT_EQ(ClassifyStatement("SET 'a' = 'b' extra;").kind, StatementKind::kOther);
}

}  // namespace
}  // namespace runnel::protocol
