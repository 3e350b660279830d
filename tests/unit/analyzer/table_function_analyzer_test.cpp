// Finding, checking and typing table function calls in a SELECT list (table_function_analyzer.h).
#include <gtest/gtest.h>

#include "engine/analyzer/table_function_analyzer.h"
#include "engine/parser/parser.h"

namespace runnel::analyzer {
namespace {

class TableFunctionAnalyzerTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto kValue = ColumnNamespace::kValue;
        schema_ = LogicalSchema({Column{"ID", SqlType::Int(), ColumnNamespace::kKey, ""},
                                 Column{"XS", SqlType::Array(SqlType::Int()), kValue, ""},
                                 Column{"S", SqlType::String(), kValue, ""}});
        scope_.schema = &schema_;
        scope_.qualifiers = {"T"};
    }
    parser::Query Parse(const std::string& select) {
        auto statements = parser::ParseStatements(select + " EMIT CHANGES;");
        EXPECT_TRUE(statements.ok()) << statements.status().ToString();
        return std::get<parser::SelectStatement>(statements.value().at(0).body).query;
    }
    Result<std::optional<TableFunctionAnalysis>> Analyze(const std::string& select,
                                                         bool table = false) {
        query_ = Parse(select);
        return AnalyzeTableFunctions(query_, scope_, table);
    }
    std::string Error(const std::string& select) {
        auto r = Analyze(select);
        EXPECT_FALSE(r.ok()) << select;
        return r.ok() ? "" : r.status().message();
    }

    LogicalSchema schema_;
    Scope scope_;
    parser::Query query_;
};

TEST_F(TableFunctionAnalyzerTest, NoCallsNoFlatMap) {
    auto r = Analyze("SELECT id, UCASE(s) FROM t");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_FALSE(r.value().has_value());
}

TEST_F(TableFunctionAnalyzerTest, AppendsOneColumnPerDistinctCall) {
    auto r =
        Analyze("SELECT id, EXPLODE(xs) AS x, ABS(EXPLODE(xs)), CUBE_EXPLODE(ARRAY[s]) FROM t");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(r.value().has_value());
    const auto& a = *r.value();
    ASSERT_EQ(a.calls.size(), 2u);
    EXPECT_EQ(a.calls[0].function->name, "EXPLODE");
    EXPECT_EQ(a.calls[0].type, SqlType::Int());
    EXPECT_EQ(a.calls[1].type, SqlType::Array(SqlType::String()));
    ASSERT_EQ(a.schema.size(), 5u);
    EXPECT_EQ(a.schema.column(3).name, "KSQL_SYNTH_0");
    EXPECT_EQ(a.schema.column(4).name, "KSQL_SYNTH_1");
    EXPECT_EQ(a.schema.key_count(), 1u);
    EXPECT_EQ(a.columns.at(a.calls[0].sql), 3u);

    // A projection scope reads the calls' columns.
    Scope projection = scope_;
    UseTableFunctionColumns(a, projection);
    auto call = parser::ParseExpression("EXPLODE(xs)");
    ASSERT_TRUE(call.ok());
    auto ref = TableFunctionReference(*call.value(), projection);
    ASSERT_TRUE(ref.ok()) << ref.status().ToString();
    EXPECT_EQ(ref.value()->kind, expression::TypedKind::kColumn);
    EXPECT_EQ(ref.value()->column, 3u);
    EXPECT_FALSE(TableFunctionReference(*call.value(), scope_).ok());
}

TEST_F(TableFunctionAnalyzerTest, KsqlDbRulesAndMessages) {
    EXPECT_EQ(Error("SELECT EXPLODE(EXPLODE(xs)) FROM t"),
              "Table functions cannot be nested: EXPLODE(EXPLODE())");
    EXPECT_EQ(Error("SELECT id, EXPLODE(xs) FROM t GROUP BY id"),
              "Table functions cannot be used with aggregations.");
    EXPECT_EQ(Error("SELECT CASE WHEN id = 1 THEN EXPLODE(xs) END FROM t").rfind(
                  "Table functions cannot be used in CASE: ", 0),
              0u);
    auto table = Analyze("SELECT id, EXPLODE(xs) FROM t", true);
    ASSERT_FALSE(table.ok());
    EXPECT_EQ(table.status().message(), "Table source is not supported with table functions");
    EXPECT_EQ(Error("SELECT EXPLODE(s) FROM t"),
              "Function 'EXPLODE' does not accept parameters (STRING).");
}

TEST_F(TableFunctionAnalyzerTest, AggregationQueriesRejectThem) {
    EXPECT_EQ(CheckNoTableFunctionsInAggregation(Parse("SELECT COUNT(*), EXPLODE(xs) FROM t"))
                  .message(),
              "Table functions cannot be used with aggregations.");
    EXPECT_TRUE(CheckNoTableFunctionsInAggregation(Parse("SELECT COUNT(*) FROM t")).ok());
}

}  // namespace
}  // namespace runnel::analyzer
