// Keywords: non-reserved words work as names, reserved ones need quoting, and the printer quotes
// exactly the names that need it.
#include <gtest/gtest.h>

#include "engine/parser/ast_equal.h"
#include "engine/parser/ast_printer.h"
#include "engine/parser/keywords.h"
#include "tests/unit/parser/parser_test_util.h"

namespace runnel::parser {
namespace {

const char* const kNonReservedSamples[] = {
    "KEY",     "TIMESTAMP", "DATE",     "TIME",     "TYPE",    "TYPES",   "TOPIC",
    "TOPICS",  "VALUES",    "SIZE",     "SOURCE",   "SESSION", "HEADERS", "HEADER",
    "PRIMARY", "REPLACE",   "INTERVAL", "DAY",      "HOURS",   "STREAM",  "TABLE",
    "MAP",     "ARRAY",     "STRUCT",   "FUNCTION", "SET",     "LIST",    "SHOW",
    "ALL",     "DELETE",    "FINAL",    "CHANGES",  "EXISTS",  "GRACE",   "PERIOD",
    "BEGINNING", "SAMPLE",  "PROPERTIES", "VARIABLES", "QUERIES", "ADVANCE", "RETENTION",
    "TUMBLING", "HOPPING",  "DECIMAL",  "STRING",   "INT",
};

TEST(Keywords, NonReservedWordsAreColumnNames) {
    for (const char* word : kNonReservedSamples) {
        const std::string sql = std::string("CREATE STREAM s (") + word + " INT, " + word +
                                "_2 STRING) WITH (kafka_topic='t');";
        auto create = testing::ParseAs<CreateSource>(sql);
        ASSERT_EQ(create.elements.size(), 2u) << sql;
        EXPECT_EQ(create.elements[0].name.name, word) << sql;
        auto select = testing::ParseAs<SelectStatement>(std::string("SELECT ") + word + ", s." +
                                                        word + " AS " + word + " FROM s " + word +
                                                        " WHERE " + word + " > 1;");
        ASSERT_EQ(select.query.select.size(), 2u) << word;
        EXPECT_EQ(select.query.select[0].expr->name.name, word);
        EXPECT_EQ(select.query.from.alias->name, word);
        EXPECT_FALSE(IsReservedKeyword(word)) << word;
    }
}

TEST(Keywords, ReservedWordsNeedQuotes) {
    const char* const reserved[] = {"SELECT", "FROM", "WHERE", "GROUP", "BY", "AND", "OR",
                                    "NOT", "NULL", "TRUE", "JOIN", "ON", "AS", "CASE", "END",
                                    "WINDOW", "EMIT", "LIMIT", "IN", "IS", "CREATE", "WITH"};
    for (const char* word : reserved) {
        EXPECT_TRUE(IsReservedKeyword(word)) << word;
        EXPECT_TRUE(IsKeyword(word)) << word;
        EXPECT_NE(testing::ErrorOf(std::string("CREATE STREAM ") + word +
                                   " (a INT) WITH (kafka_topic='t');"),
                  "")
            << word;
        auto quoted = testing::ParseAs<CreateSource>(std::string("CREATE STREAM `") + word +
                                                     "` (a INT) WITH (kafka_topic='t');");
        EXPECT_EQ(quoted.name.name, word);
    }
    EXPECT_FALSE(IsKeyword("PAGEVIEWS"));
    EXPECT_FALSE(IsKeyword("IDENTIFIER"));
    EXPECT_FALSE(IsKeyword("CONCAT"));
    EXPECT_TRUE(IsKeyword("null"));
}

TEST(Keywords, EveryKeywordRoundTripsAsAColumnName) {
    // Whatever the word, the printer's choice (bare or backticked) reads back to the same AST.
    const char* const words[] = {"SELECT", "FROM",  "KEY",  "DAY",     "NULL",   "TRUE",
                                 "EMIT",   "ARRAY", "STRUCT", "WITHIN", "BETWEEN", "ESCAPE",
                                 "EXTENDED", "STREAMS", "IF", "TERMINATE", "ASSERT", "GRACE"};
    for (const char* word : words) {
        auto expr = std::make_shared<Expr>();
        expr->kind = ExprKind::kColumnRef;
        expr->name = Identifier{word, !IsBareIdentifier(word)};
        auto call = std::make_shared<Expr>();
        call->kind = ExprKind::kFunctionCall;
        call->name = Identifier{"F", false};
        call->args = {expr};
        const std::string sql = ExprToSql(*call);
        ExprPtr back = testing::ParseExpr(sql);
        ASSERT_TRUE(back) << sql;
        EXPECT_TRUE(ExprEquals(*call, *back)) << word << " printed as " << sql;
    }
}

}  // namespace
}  // namespace runnel::parser
