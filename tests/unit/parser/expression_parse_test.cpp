// Expressions: precedence, literals, identifiers, postfix operators, constructors, functions,
// lambdas, CASE, CAST and typed literals.
#include <gtest/gtest.h>

#include <limits>

#include "engine/parser/ast_equal.h"
#include "tests/unit/parser/parser_test_util.h"

namespace runnel::parser {
namespace {

using testing::Canonical;
using testing::ParseExpr;

TEST(ExpressionPrecedence, ArithmeticBindsTighterThanAddition) {
    EXPECT_EQ(Canonical("1 + 2 * 3"), "(1 + (2 * 3))");
    EXPECT_EQ(Canonical("1 * 2 + 3"), "((1 * 2) + 3)");
    EXPECT_EQ(Canonical("a - b - c"), "((A - B) - C)");
    EXPECT_EQ(Canonical("a / b % c * d"), "(((A / B) % C) * D)");
    EXPECT_EQ(Canonical("(1 + 2) * 3"), "((1 + 2) * 3)");
}

TEST(ExpressionPrecedence, ConcatIsBelowAdditionAndAboveComparison) {
    EXPECT_EQ(Canonical("'a' || 1 + 2"), "('a' || (1 + 2))");
    EXPECT_EQ(Canonical("a || b = c"), "((A || B) = C)");
    EXPECT_EQ(Canonical("a || b || c"), "((A || B) || C)");
}

TEST(ExpressionPrecedence, BooleanOperators) {
    EXPECT_EQ(Canonical("NOT a = b AND c"), "((NOT (A = B)) AND C)");
    EXPECT_EQ(Canonical("a OR b AND c"), "(A OR (B AND C))");
    EXPECT_EQ(Canonical("a AND b OR c AND d"), "((A AND B) OR (C AND D))");
    EXPECT_EQ(Canonical("NOT NOT a"), "(NOT (NOT A))");
    EXPECT_EQ(Canonical("NOT (a OR b)"), "(NOT (A OR B))");
    EXPECT_EQ(Canonical("a = 1 OR NOT b IS NULL"), "((A = 1) OR (NOT (B IS NULL)))");
}

TEST(ExpressionPrecedence, UnaryAndPostfix) {
    EXPECT_EQ(Canonical("-x->y"), "(-X->Y)");
    ExprPtr expr = ParseExpr("-x->y");
    ASSERT_EQ(expr->kind, ExprKind::kUnary);
    EXPECT_EQ(expr->op, Op::kNeg);
    EXPECT_EQ(expr->args[0]->kind, ExprKind::kDereference);
    EXPECT_EQ(Canonical("-a * b"), "((-A) * B)");
    EXPECT_EQ(Canonical("- a + b"), "((-A) + B)");
    EXPECT_EQ(Canonical("+a"), "(+A)");
    EXPECT_EQ(Canonical("a[1]->b->c"), "A[1]->B->C");
    EXPECT_EQ(Canonical("s->arr[0]"), "S->ARR[0]");
    EXPECT_EQ(Canonical("m['k'][2]"), "M['k'][2]");
    EXPECT_EQ(Canonical("s->*"), "S->*");
    EXPECT_EQ(Canonical("(a + b)[1]"), "(A + B)[1]");
}

TEST(ExpressionPrecedence, Comparisons) {
    EXPECT_EQ(Canonical("a = 1"), "(A = 1)");
    EXPECT_EQ(Canonical("a <> 1"), "(A <> 1)");
    EXPECT_EQ(Canonical("a != 1"), "(A <> 1)");
    EXPECT_EQ(Canonical("a < 1"), "(A < 1)");
    EXPECT_EQ(Canonical("a <= 1"), "(A <= 1)");
    EXPECT_EQ(Canonical("a > 1"), "(A > 1)");
    EXPECT_EQ(Canonical("a >= 1 + 2"), "(A >= (1 + 2))");
}

TEST(ExpressionPredicates, IsNullAndDistinct) {
    ExprPtr is_null = ParseExpr("a IS NULL");
    EXPECT_EQ(is_null->kind, ExprKind::kIsNull);
    ExprPtr not_null = ParseExpr("a IS NOT NULL");
    EXPECT_EQ(not_null->kind, ExprKind::kIsNotNull);
    ExprPtr distinct = ParseExpr("a IS DISTINCT FROM b");
    EXPECT_EQ(distinct->kind, ExprKind::kIsDistinctFrom);
    EXPECT_FALSE(distinct->negated);
    ExprPtr not_distinct = ParseExpr("a IS NOT DISTINCT FROM b + 1");
    EXPECT_TRUE(not_distinct->negated);
    EXPECT_EQ(ExprToSql(*not_distinct), "(A IS NOT DISTINCT FROM (B + 1))");
}

TEST(ExpressionPredicates, BetweenInLike) {
    ExprPtr between = ParseExpr("a BETWEEN 1 AND 2 AND c");
    ASSERT_EQ(between->kind, ExprKind::kBinary);
    EXPECT_EQ(between->op, Op::kAnd);
    EXPECT_EQ(between->args[0]->kind, ExprKind::kBetween);
    EXPECT_EQ(between->args[0]->args.size(), 3u);
    EXPECT_FALSE(between->args[0]->negated);
    EXPECT_TRUE(ParseExpr("a NOT BETWEEN 1 AND 2")->negated);

    ExprPtr in = ParseExpr("a IN (1, 2, 3)");
    ASSERT_EQ(in->kind, ExprKind::kIn);
    EXPECT_EQ(in->args.size(), 4u);
    EXPECT_FALSE(in->negated);
    EXPECT_TRUE(ParseExpr("a NOT IN ('x')")->negated);

    ExprPtr like = ParseExpr("name LIKE 'a%'");
    ASSERT_EQ(like->kind, ExprKind::kLike);
    EXPECT_FALSE(like->escape.has_value());
    ExprPtr escaped = ParseExpr("name NOT LIKE 'a!%%' ESCAPE '!'");
    EXPECT_TRUE(escaped->negated);
    ASSERT_TRUE(escaped->escape.has_value());
    EXPECT_EQ(*escaped->escape, "!");
    EXPECT_FALSE(ParseExpression("a LIKE 'x' ESCAPE 'ab'").ok());
}

TEST(ExpressionLiterals, IntegerVersusBigint) {
    ExprPtr small = ParseExpr("2147483647");
    EXPECT_EQ(small->literal_kind, LiteralKind::kInteger);
    EXPECT_EQ(small->int_value, 2147483647);
    ExprPtr big = ParseExpr("2147483648");
    EXPECT_EQ(big->literal_kind, LiteralKind::kBigint);
    EXPECT_EQ(big->int_value, 2147483648LL);
    ExprPtr min_int = ParseExpr("-2147483648");
    EXPECT_EQ(min_int->kind, ExprKind::kLiteral);
    EXPECT_EQ(min_int->literal_kind, LiteralKind::kInteger);
    EXPECT_EQ(min_int->int_value, std::numeric_limits<int32_t>::min());
    EXPECT_EQ(min_int->text, "-2147483648");
    EXPECT_EQ(ParseExpr("-2147483649")->literal_kind, LiteralKind::kBigint);
    ExprPtr max_long = ParseExpr("9223372036854775807");
    EXPECT_EQ(max_long->int_value, std::numeric_limits<int64_t>::max());
    ExprPtr min_long = ParseExpr("-9223372036854775808");
    EXPECT_EQ(min_long->int_value, std::numeric_limits<int64_t>::min());
    auto overflow = ParseExpression("9223372036854775808");
    ASSERT_FALSE(overflow.ok());
    EXPECT_EQ(overflow.status().code(), StatusCode::kSyntaxError);
    EXPECT_NE(overflow.status().message().find("invalid numeric literal"), std::string::npos);
}

TEST(ExpressionLiterals, DecimalVersusDouble) {
    ExprPtr decimal = ParseExpr("1.50");
    EXPECT_EQ(decimal->literal_kind, LiteralKind::kDecimal);
    EXPECT_EQ(decimal->text, "1.50");
    EXPECT_DOUBLE_EQ(decimal->double_value, 1.5);
    EXPECT_EQ(ParseExpr(".5")->literal_kind, LiteralKind::kDecimal);
    ExprPtr negative = ParseExpr("-0.25");
    EXPECT_EQ(negative->literal_kind, LiteralKind::kDecimal);
    EXPECT_EQ(negative->text, "-0.25");
    ExprPtr dbl = ParseExpr("1.5E3");
    EXPECT_EQ(dbl->literal_kind, LiteralKind::kDouble);
    EXPECT_DOUBLE_EQ(dbl->double_value, 1500.0);
    EXPECT_EQ(dbl->text, "1.5E3");
    EXPECT_EQ(ParseExpr("2e-3")->literal_kind, LiteralKind::kDouble);
    EXPECT_EQ(ParseExpr("-1E10")->double_value, -1e10);
}

TEST(ExpressionLiterals, StringsBooleansNull) {
    ExprPtr str = ParseExpr("'it''s'");
    EXPECT_EQ(str->literal_kind, LiteralKind::kString);
    EXPECT_EQ(str->text, "it's");
    EXPECT_EQ(ExprToSql(*str), "'it''s'");
    EXPECT_EQ(ParseExpr("''")->text, "");
    ExprPtr yes = ParseExpr("true");
    EXPECT_EQ(yes->literal_kind, LiteralKind::kBoolean);
    EXPECT_TRUE(yes->bool_value);
    EXPECT_FALSE(ParseExpr("FALSE")->bool_value);
    EXPECT_EQ(ParseExpr("null")->literal_kind, LiteralKind::kNull);
}

TEST(ExpressionLiterals, MinusOverParenthesesIsAnOperator) {
    ExprPtr expr = ParseExpr("-(5)");
    ASSERT_EQ(expr->kind, ExprKind::kUnary);
    EXPECT_EQ(expr->args[0]->int_value, 5);
    EXPECT_EQ(ExprToSql(*expr), "(-(5))");
    ExprPtr twice = ParseExpr("- -5");
    ASSERT_EQ(twice->kind, ExprKind::kUnary);
    EXPECT_EQ(twice->args[0]->int_value, -5);
    EXPECT_EQ(Canonical("a - -5"), "(A - -5)");
}

TEST(ExpressionLiterals, TypedLiterals) {
    ExprPtr decimal = ParseExpr("DECIMAL '12.340'");
    EXPECT_EQ(decimal->kind, ExprKind::kLiteral);
    EXPECT_EQ(decimal->literal_kind, LiteralKind::kDecimal);
    EXPECT_EQ(decimal->text, "12.340");
    ExprPtr ts = ParseExpr("TIMESTAMP '2021-01-01T00:00:00'");
    ASSERT_EQ(ts->kind, ExprKind::kCast);
    EXPECT_EQ(ts->type, SqlType::Timestamp());
    EXPECT_EQ(ts->args[0]->text, "2021-01-01T00:00:00");
    EXPECT_EQ(ParseExpr("DATE '2021-01-01'")->type, SqlType::Date());
    EXPECT_EQ(ParseExpr("time '10:00:00'")->type, SqlType::Time());
    EXPECT_FALSE(ParseExpression("DECIMAL 'abc'").ok());
    EXPECT_FALSE(ParseExpression("FOO 'abc'").ok());
}

TEST(ExpressionIdentifiers, CaseAndQuoting) {
    ExprPtr plain = ParseExpr("myCol");
    ASSERT_EQ(plain->kind, ExprKind::kColumnRef);
    EXPECT_EQ(plain->name.name, "MYCOL");
    EXPECT_FALSE(plain->name.quoted);
    ExprPtr quoted = ParseExpr("\"myCol\"");
    EXPECT_EQ(quoted->name.name, "myCol");
    EXPECT_TRUE(quoted->name.quoted);
    ExprPtr back = ParseExpr("`my col`");
    EXPECT_EQ(back->name.name, "my col");
    EXPECT_TRUE(back->name.quoted);
    EXPECT_EQ(ParseExpr("`a``b`")->name.name, "a`b");
    EXPECT_EQ(ParseExpr("\"a\"\"b\"")->name.name, "a\"b");
    ExprPtr qualified = ParseExpr("s.`Id`");
    EXPECT_EQ(qualified->qualifier.name, "S");
    EXPECT_EQ(qualified->name.name, "Id");
    EXPECT_EQ(ParseExpr("user@domain")->name.name, "USER@DOMAIN");
    EXPECT_EQ(ParseExpr("_x1")->name.name, "_X1");
}

TEST(ExpressionIdentifiers, DigitFirstNamesAreIdentifiersAsInKsqlDb) {
    ExprPtr sum = ParseExpr("1abc + 2");
    ASSERT_EQ(sum->kind, ExprKind::kBinary);
    EXPECT_EQ(sum->args[0]->kind, ExprKind::kColumnRef);
    EXPECT_EQ(sum->args[0]->name.name, "1ABC");
    EXPECT_EQ(ParseExpr("1E3")->literal_kind, LiteralKind::kDouble);
}

TEST(ExpressionFunctions, CallsAndStar) {
    ExprPtr count = ParseExpr("count(*)");
    ASSERT_EQ(count->kind, ExprKind::kFunctionCall);
    EXPECT_EQ(count->name.name, "COUNT");
    EXPECT_TRUE(count->star);
    EXPECT_TRUE(count->args.empty());
    ExprPtr call = ParseExpr("substring(name, 1, 2)");
    EXPECT_EQ(call->name.name, "SUBSTRING");
    EXPECT_EQ(call->args.size(), 3u);
    EXPECT_TRUE(ParseExpr("now()")->args.empty());
    // REPLACE is a keyword of CREATE OR REPLACE and a function name.
    EXPECT_EQ(ParseExpr("replace(a, 'x', 'y')")->name.name, "REPLACE");
}

TEST(ExpressionFunctions, IntervalUnitArguments) {
    ExprPtr call = ParseExpr("TIMESTAMPADD(SECONDS, 5, ts)");
    ASSERT_EQ(call->args.size(), 3u);
    EXPECT_EQ(call->args[0]->kind, ExprKind::kIntervalUnit);
    EXPECT_EQ(call->args[0]->name.name, "SECONDS");
    EXPECT_EQ(ParseExpr("f(day)")->args[0]->name.name, "DAYS");
    EXPECT_EQ(ParseExpr("f(millisecond)")->args[0]->name.name, "MILLISECONDS");
    // A unit word inside a larger expression is a column.
    ExprPtr column = ParseExpr("f(day + 1)");
    EXPECT_EQ(column->args[0]->kind, ExprKind::kBinary);
    EXPECT_EQ(column->args[0]->args[0]->kind, ExprKind::kColumnRef);
    ExprPtr parenthesised = ParseExpr("f((day))");
    EXPECT_EQ(parenthesised->args[0]->kind, ExprKind::kColumnRef);
}

TEST(ExpressionFunctions, Lambdas) {
    ExprPtr transform = ParseExpr("TRANSFORM(arr, x => x + 1)");
    ASSERT_EQ(transform->args.size(), 2u);
    const Expr& lambda = *transform->args[1];
    ASSERT_EQ(lambda.kind, ExprKind::kLambda);
    ASSERT_EQ(lambda.lambda_params.size(), 1u);
    EXPECT_EQ(lambda.lambda_params[0].name, "X");
    EXPECT_EQ(lambda.args[0]->args[0]->kind, ExprKind::kLambdaVar);
    EXPECT_EQ(lambda.args[0]->args[0]->name.name, "X");

    ExprPtr reduce = ParseExpr("REDUCE(arr, 0, (s, x) => s + x * y)");
    const Expr& two = *reduce->args[2];
    ASSERT_EQ(two.kind, ExprKind::kLambda);
    EXPECT_EQ(two.lambda_params.size(), 2u);
    const Expr& body = *two.args[0];
    EXPECT_EQ(body.args[0]->kind, ExprKind::kLambdaVar);
    EXPECT_EQ(body.args[1]->args[0]->kind, ExprKind::kLambdaVar);
    // Y is not a parameter: it stays a column.
    EXPECT_EQ(body.args[1]->args[1]->kind, ExprKind::kColumnRef);
    EXPECT_EQ(ExprToSql(*reduce), "REDUCE(ARR, 0, (S, X) => (S + (X * Y)))");

    // Outside the lambda the same name is a column again.
    ExprPtr after = ParseExpr("f(g(x => x), x)");
    EXPECT_EQ(after->args[1]->kind, ExprKind::kColumnRef);
    EXPECT_FALSE(ParseExpression("f((x, x) => x)").ok());
}

TEST(ExpressionConstructors, ArrayMapStruct) {
    ExprPtr array = ParseExpr("ARRAY[1, 2, 3]");
    ASSERT_EQ(array->kind, ExprKind::kArrayCtor);
    EXPECT_EQ(array->args.size(), 3u);
    EXPECT_TRUE(ParseExpr("ARRAY[]")->args.empty());
    ExprPtr map = ParseExpr("MAP('a' := 1, 'b' := 2)");
    ASSERT_EQ(map->kind, ExprKind::kMapCtor);
    EXPECT_EQ(map->args.size(), 4u);
    EXPECT_EQ(map->args[2]->text, "b");
    ExprPtr st = ParseExpr("STRUCT(name := 'x', `Age` := 3)");
    ASSERT_EQ(st->kind, ExprKind::kStructCtor);
    ASSERT_EQ(st->field_names.size(), 2u);
    EXPECT_EQ(st->field_names[0].name, "NAME");
    EXPECT_EQ(st->field_names[1].name, "Age");
    EXPECT_EQ(ExprToSql(*st), "STRUCT(NAME := 'x', `Age` := 3)");
    EXPECT_FALSE(ParseExpression("STRUCT(a := 1, A := 2)").ok());
}

TEST(ExpressionCase, SearchedAndSimple) {
    ExprPtr searched = ParseExpr("CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN 'y' ELSE 'z' END");
    ASSERT_EQ(searched->kind, ExprKind::kCase);
    EXPECT_EQ(searched->args.size(), 4u);
    ASSERT_TRUE(searched->else_expr);
    EXPECT_EQ(searched->else_expr->text, "z");
    ExprPtr simple = ParseExpr("CASE a WHEN 1 THEN 'one' END");
    ASSERT_EQ(simple->kind, ExprKind::kSimpleCase);
    EXPECT_EQ(simple->args.size(), 3u);
    EXPECT_FALSE(simple->else_expr);
}

TEST(ExpressionCast, Types) {
    ExprPtr cast = ParseExpr("CAST(a AS DECIMAL(10, 2))");
    ASSERT_EQ(cast->kind, ExprKind::kCast);
    EXPECT_EQ(cast->type, SqlType::Decimal(10, 2));
    EXPECT_EQ(ParseExpr("CAST(a AS ARRAY<MAP<STRING, INT>>)")->type,
              SqlType::Array(SqlType::Map(SqlType::String(), SqlType::Int())));
    EXPECT_EQ(ParseExpr("CAST(a AS STRUCT<x BIGINT, `y` VARCHAR>)")->type,
              SqlType::Struct({{"X", SqlType::Bigint()}, {"y", SqlType::String()}}));
    EXPECT_EQ(ParseExpr("CAST(a AS STRUCT<>)")->type, SqlType::Struct({}));
    EXPECT_EQ(ParseExpr("CAST(a AS Address)")->type, SqlType::Named("ADDRESS"));
    EXPECT_EQ(ParseExpr("CAST(a AS bytes)")->type, SqlType::Bytes());
    EXPECT_FALSE(ParseExpression("CAST(a AS DECIMAL)").ok());
    EXPECT_FALSE(ParseExpression("CAST(a AS DECIMAL(2, 3))").ok());
    EXPECT_FALSE(ParseExpression("CAST(a AS INT(3))").ok());
}

TEST(ExpressionVariables, UnresolvedVariableIsAnExpression) {
    ExprPtr variable = ParseExpr("${myVar} + 1");
    ASSERT_EQ(variable->args[0]->kind, ExprKind::kVariable);
    EXPECT_EQ(variable->args[0]->name.name, "MYVAR");
    EXPECT_EQ(ExprToSql(*variable), "(${MYVAR} + 1)");
}

TEST(ExpressionLocations, NodesCarryLineAndColumn) {
    ExprPtr expr = ParseExpr("a +\n  foo(b)");
    EXPECT_EQ(expr->loc.line, 1);
    EXPECT_EQ(expr->loc.column, 1);
    EXPECT_EQ(expr->args[1]->loc.line, 2);
    EXPECT_EQ(expr->args[1]->loc.column, 3);
    EXPECT_EQ(expr->args[1]->args[0]->loc.column, 7);
}

TEST(ExpressionComments, AreIgnored) {
    EXPECT_EQ(Canonical("a /* one */ + -- two\n b"), "(A + B)");
}

TEST(ExpressionErrors, ReportLocation) {
    auto result = ParseExpression("a +");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kSyntaxError);
    EXPECT_EQ(result.status().message().rfind("line 1:4: ", 0), 0u) << result.status().message();
    auto trailing = ParseExpression("a b");
    ASSERT_FALSE(trailing.ok());
    EXPECT_EQ(trailing.status().message().rfind("line 1:3: ", 0), 0u)
        << trailing.status().message();
}

}  // namespace
}  // namespace runnel::parser

namespace runnel::parser {
namespace {

TEST(ExpressionLimits, DeepNestingIsRefusedCleanly) {
    const std::string ok_nesting = std::string(150, '(') + "1" + std::string(150, ')');
    EXPECT_TRUE(ParseExpression(ok_nesting).ok());
    const std::string too_deep = std::string(5000, '(') + "1" + std::string(5000, ')');
    auto result = ParseStatements("SELECT " + too_deep + " FROM s;");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kSyntaxError);
    EXPECT_EQ(result.status().message().rfind("line 1:208: ", 0), 0u)
        << result.status().message().substr(0, 100);
}

TEST(ExpressionLimits, LongChains) {
    std::string chain = "a = 0";
    for (int i = 1; i < 1000; ++i) chain += " OR a = " + std::to_string(i);
    ExprPtr expr = testing::ParseExpr(chain);
    ASSERT_TRUE(expr);
    EXPECT_EQ(expr->op, Op::kOr);
    std::string too_long = "1";
    for (int i = 0; i < 5000; ++i) too_long += " + 1";
    auto result = ParseExpression(too_long);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.status().message().find("too complex"), std::string::npos);
}

}  // namespace
}  // namespace runnel::parser
