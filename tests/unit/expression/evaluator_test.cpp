// Compiled evaluators over hand-built TypedExpr trees: ksqlDB's null semantics (comparisons with
// null are false, a failing operator nulls the whole expression), subscripts, constructors,
// lambdas, LIKE with ESCAPE, IN / BETWEEN and DECIMAL operands of different scales.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/expression/evaluator.h"
#include "engine/expression/lambda_function.h"

namespace runnel::expression {
namespace {

TypedExprPtr Col(size_t i, SqlType t) {
    auto e = std::make_shared<TypedExpr>();
    e->kind = TypedKind::kColumn;
    e->column = i;
    e->type = std::move(t);
    return e;
}

TypedExprPtr Lit(Value v, SqlType t) {
    auto e = std::make_shared<TypedExpr>();
    e->kind = TypedKind::kLiteral;
    e->literal = std::move(v);
    e->type = std::move(t);
    return e;
}

TypedExprPtr Node(TypedKind kind, SqlType t, std::vector<TypedExprPtr> args) {
    auto e = std::make_shared<TypedExpr>();
    e->kind = kind;
    e->type = std::move(t);
    e->args = std::move(args);
    return e;
}

TypedExprPtr Arith(ArithOp op, SqlType t, TypedExprPtr a, TypedExprPtr b) {
    auto e = std::make_shared<TypedExpr>(*Node(TypedKind::kArithmetic, std::move(t), {a, b}));
    e->arith_op = op;
    return e;
}

TypedExprPtr Cmp(CompareOp op, TypedExprPtr a, TypedExprPtr b) {
    auto e = std::make_shared<TypedExpr>(*Node(TypedKind::kCompare, SqlType::Boolean(), {a, b}));
    e->compare_op = op;
    return e;
}

TypedExprPtr Var(size_t slot, SqlType t) {
    auto e = std::make_shared<TypedExpr>();
    e->kind = TypedKind::kLambdaVar;
    e->column = slot;
    e->type = std::move(t);
    return e;
}

TypedExprPtr Lambda(std::vector<size_t> slots, TypedExprPtr body) {
    auto e = std::make_shared<TypedExpr>(*Node(TypedKind::kLambda, body->type, {body}));
    e->slots = std::move(slots);
    return e;
}

Value Eval(const TypedExprPtr& e, const Row& row) {
    auto ev = Compile(*e);
    EXPECT_TRUE(ev.ok()) << ev.status().ToString();
    return (*ev)->Eval(row);
}

Row MakeRow(std::vector<Value> values) {
    Row r;
    r.values = std::move(values);
    return r;
}

const SqlType kInt = SqlType::Int();
const SqlType kBool = SqlType::Boolean();

TEST(EvaluatorTest, ComparisonWithNullIsFalse) {
    Row row = MakeRow({Value(), Value::Int(1)});
    EXPECT_FALSE(Eval(Cmp(CompareOp::kEq, Col(0, kInt), Col(1, kInt)), row).AsBool());
    EXPECT_FALSE(Eval(Cmp(CompareOp::kNe, Col(0, kInt), Col(1, kInt)), row).AsBool());
    auto distinct = Node(TypedKind::kIsDistinct, kBool, {Col(0, kInt), Col(1, kInt)});
    EXPECT_TRUE(Eval(distinct, row).AsBool());
}

TEST(EvaluatorTest, FailingArithmeticNullsTheWholeExpression) {
    // ARRAY[a + 5, 6] with a null is null (ksqlDB's NPE), not [null, 6].
    auto plus = Arith(ArithOp::kAdd, kInt, Col(0, kInt), Lit(Value::Int(5), kInt));
    auto arr = Node(TypedKind::kArrayCtor, SqlType::Array(kInt), {plus, Lit(Value::Int(6), kInt)});
    EXPECT_TRUE(Eval(arr, MakeRow({Value()})).is_null());
    Value ok = Eval(arr, MakeRow({Value::Int(1)}));
    ASSERT_EQ(ok.AsList().size(), 2u);
    EXPECT_EQ(ok.AsList()[0].AsInt(), 6);
    // Integer division by zero fails; double division does not.
    auto div = Arith(ArithOp::kDiv, kInt, Col(0, kInt), Lit(Value::Int(0), kInt));
    EXPECT_TRUE(Eval(div, MakeRow({Value::Int(1)})).is_null());
    auto ddiv = Arith(ArithOp::kDiv, SqlType::Double(), Col(0, SqlType::Double()),
                      Lit(Value::Double(0), SqlType::Double()));
    EXPECT_TRUE(std::isinf(Eval(ddiv, MakeRow({Value::Double(1)})).AsDouble()));
    // INT wraps like Java.
    auto wrap = Arith(ArithOp::kAdd, kInt, Col(0, kInt), Lit(Value::Int(1), kInt));
    EXPECT_EQ(Eval(wrap, MakeRow({Value::Int(2147483647)})).AsInt(), -2147483648LL);
}

TEST(EvaluatorTest, FailureDoesNotLeakIntoTheNextRow) {
    auto plus = Arith(ArithOp::kAdd, kInt, Col(0, kInt), Lit(Value::Int(1), kInt));
    auto ev = Compile(*plus);
    ASSERT_TRUE(ev.ok());
    EXPECT_TRUE((*ev)->Eval(MakeRow({Value()})).is_null());
    EXPECT_EQ((*ev)->Eval(MakeRow({Value::Int(2)})).AsInt(), 3);
}

TEST(EvaluatorTest, DecimalArithmeticAndComparisonAcrossScales) {
    SqlType a = SqlType::Decimal(4, 2), b = SqlType::Decimal(5, 3);
    auto lt = Cmp(CompareOp::kLt, Col(0, a), Col(1, b));
    EXPECT_TRUE(Eval(lt, MakeRow({Value::Decimal(1001), Value::Decimal(10012)})).AsBool());
    EXPECT_FALSE(Eval(lt, MakeRow({Value::Decimal(1001), Value::Decimal(10010)})).AsBool());
    auto div = Arith(ArithOp::kDiv, SqlType::Decimal(11, 7), Col(0, a), Col(1, a));
    EXPECT_EQ(Eval(div, MakeRow({Value::Decimal(1010), Value::Decimal(200)})).AsDecimal(), 50500000);
    EXPECT_TRUE(Eval(div, MakeRow({Value::Decimal(1010), Value::Decimal(0)})).is_null());
    auto neg = Node(TypedKind::kNegate, a, {Col(0, a)});
    EXPECT_EQ(Eval(neg, MakeRow({Value::Decimal(1010)})).AsDecimal(), -1010);
}

TEST(EvaluatorTest, ArraySubscriptIsOneBasedAndNegativeFromTheEnd) {
    SqlType arr = SqlType::Array(SqlType::String());
    Row row = MakeRow({Value::List({Value::String("a"), Value::String("b"), Value::String("c")})});
    auto at = [&](int64_t i) {
        return Eval(Node(TypedKind::kSubscript, SqlType::String(),
                         {Col(0, arr), Lit(Value::Int(i), SqlType::Bigint())}),
                    row);
    };
    EXPECT_EQ(at(1).AsString(), "a");
    EXPECT_EQ(at(-1).AsString(), "c");
    EXPECT_EQ(at(-3).AsString(), "a");
    EXPECT_TRUE(at(0).is_null());
    EXPECT_TRUE(at(4).is_null());
    EXPECT_TRUE(at(-4).is_null());
}

TEST(EvaluatorTest, MapLookupAndStructDereference) {
    SqlType map = SqlType::Map(SqlType::String(), kInt);
    Row row = MakeRow({Value::Map({{Value::String("k"), Value::Int(7)}}), Value()});
    auto get = [&](const char* k) {
        return Eval(Node(TypedKind::kSubscript, kInt, {Col(0, map), Lit(Value::String(k), SqlType::String())}),
                    row);
    };
    EXPECT_EQ(get("k").AsInt(), 7);
    EXPECT_TRUE(get("missing").is_null());
    SqlType st = SqlType::Struct({{"A", kInt}});
    auto deref = std::make_shared<TypedExpr>(*Node(TypedKind::kDereference, kInt, {Col(1, st)}));
    EXPECT_TRUE(Eval(deref, row).is_null());
}

TEST(EvaluatorTest, LikeWithEscapeAndNullFails) {
    auto like = std::make_shared<TypedExpr>(*Node(TypedKind::kLike, kBool, {Col(0, SqlType::String())}));
    like->pattern = "50!%%";
    like->escape = '!';
    EXPECT_TRUE(Eval(like, MakeRow({Value::String("50% off")})).AsBool());
    EXPECT_FALSE(Eval(like, MakeRow({Value::String("500 off")})).AsBool());
    EXPECT_TRUE(Eval(like, MakeRow({Value()})).is_null());
    like->negated = true;
    EXPECT_TRUE(Eval(like, MakeRow({Value()})).is_null());
}

TEST(EvaluatorTest, InAndBetween) {
    auto in = std::make_shared<TypedExpr>(*Node(TypedKind::kIn, kBool,
                                                {Col(0, kInt), Lit(Value::Int(1), kInt), Lit(Value(), kInt),
                                                 Lit(Value::Int(3), kInt)}));
    EXPECT_TRUE(Eval(in, MakeRow({Value::Int(3)})).AsBool());
    EXPECT_FALSE(Eval(in, MakeRow({Value::Int(2)})).AsBool());
    EXPECT_FALSE(Eval(in, MakeRow({Value()})).AsBool());
    auto between = std::make_shared<TypedExpr>(*Node(TypedKind::kBetween, kBool,
                                                     {Col(0, kInt), Lit(Value::Int(1), kInt),
                                                      Lit(Value::Int(3), kInt)}));
    between->negated = true;
    EXPECT_TRUE(Eval(between, MakeRow({Value::Int(4)})).AsBool());
    EXPECT_FALSE(Eval(between, MakeRow({Value::Int(3)})).AsBool());
}

TEST(EvaluatorTest, CaseEvaluatesOnlyTheChosenBranch) {
    // CASE WHEN a = 0 THEN 1 ELSE 10 / a END: the division never runs for a = 0.
    auto when = Cmp(CompareOp::kEq, Col(0, kInt), Lit(Value::Int(0), kInt));
    auto els = Arith(ArithOp::kDiv, kInt, Lit(Value::Int(10), kInt), Col(0, kInt));
    auto c = Node(TypedKind::kSearchedCase, kInt, {when, Lit(Value::Int(1), kInt), els});
    std::const_pointer_cast<TypedExpr>(c)->has_else = true;
    EXPECT_EQ(Eval(c, MakeRow({Value::Int(0)})).AsInt(), 1);
    EXPECT_EQ(Eval(c, MakeRow({Value::Int(5)})).AsInt(), 2);
}

TEST(EvaluatorTest, ComplexEqualityIgnoresMapOrder) {
    SqlType map = SqlType::Map(SqlType::String(), kInt);
    Value m1 = Value::Map({{Value::String("a"), Value::Int(1)}, {Value::String("b"), Value::Int(2)}});
    Value m2 = Value::Map({{Value::String("b"), Value::Int(2)}, {Value::String("a"), Value::Int(1)}});
    EXPECT_TRUE(Eval(Cmp(CompareOp::kEq, Col(0, map), Col(1, map)), MakeRow({m1, m2})).AsBool());
}

TEST(EvaluatorTest, TransformFilterReduceOverArrays) {
    SqlType arr = SqlType::Array(kInt);
    Row row = MakeRow({Value::List({Value::Int(3), Value::Int(6), Value(), Value::Int(10)}), Value::Int(2)});
    // TRANSFORM(xs, x => x * 2) fails on the null element (ksqlDB: the whole column is null).
    auto doubled = Node(TypedKind::kLambdaCall, arr,
                        {Col(0, arr), Lambda({0}, Arith(ArithOp::kMul, kInt, Var(0, kInt),
                                                        Lit(Value::Int(2), kInt)))});
    std::const_pointer_cast<TypedExpr>(doubled)->lambda_fn = LambdaFn::kTransformArray;
    EXPECT_TRUE(Eval(doubled, row).is_null());
    // FILTER(xs, x => x > 5): null > 5 is false.
    auto filtered = Node(TypedKind::kLambdaCall, arr,
                         {Col(0, arr), Lambda({0}, Cmp(CompareOp::kGt, Var(0, kInt), Lit(Value::Int(5), kInt)))});
    std::const_pointer_cast<TypedExpr>(filtered)->lambda_fn = LambdaFn::kFilterArray;
    Value f = Eval(filtered, row);
    ASSERT_EQ(f.AsList().size(), 2u);
    EXPECT_EQ(f.AsList()[1].AsInt(), 10);
    // REDUCE(FILTER(...), init, (s, x) => s + x), with the initial state from a column.
    auto reduced = Node(TypedKind::kLambdaCall, kInt,
                        {filtered, Col(1, kInt),
                         Lambda({1, 2}, Arith(ArithOp::kAdd, kInt, Var(1, kInt), Var(2, kInt)))});
    std::const_pointer_cast<TypedExpr>(reduced)->lambda_fn = LambdaFn::kReduceArray;
    EXPECT_EQ(Eval(reduced, row).AsInt(), 18);
    EXPECT_TRUE(Eval(reduced, MakeRow({row.values[0], Value()})).is_null());
    EXPECT_EQ(Eval(reduced, MakeRow({Value(), Value::Int(2)})).AsInt(), 2);
}

TEST(EvaluatorTest, ReduceOverAMapFollowsJavaHashMapOrder) {
    // ksqlDB iterates the map as a HashMap: "yes, thanks", "sure, yeah", "nope" here.
    SqlType map = SqlType::Map(SqlType::String(), SqlType::Double());
    Row row = MakeRow({Value::Map({{Value::String("yes, thanks"), Value::Double(3.5)},
                                   {Value::String("nope"), Value::Double(7.3)},
                                   {Value::String("sure, yeah"), Value::Double(2.1)}})});
    // REDUCE(m, '', (s, k, v) => s + k + '|')
    auto concat1 = Node(TypedKind::kConcat, SqlType::String(), {Var(0, SqlType::String()), Var(1, SqlType::String())});
    auto body = Node(TypedKind::kConcat, SqlType::String(), {concat1, Lit(Value::String("|"), SqlType::String())});
    auto reduced = Node(TypedKind::kLambdaCall, SqlType::String(),
                        {Col(0, map), Lit(Value::String(""), SqlType::String()), Lambda({0, 1, 2}, body)});
    std::const_pointer_cast<TypedExpr>(reduced)->lambda_fn = LambdaFn::kReduceMap;
    EXPECT_EQ(Eval(reduced, row).AsString(), "yes, thanks|sure, yeah|nope|");
}

TEST(EvaluatorTest, TransformOfAMapWithDuplicateKeysFails) {
    SqlType map = SqlType::Map(SqlType::String(), kInt);
    Row row = MakeRow({Value::Map({{Value::String("a"), Value::Int(1)}, {Value::String("b"), Value::Int(1)}})});
    auto t = Node(TypedKind::kLambdaCall, SqlType::Map(kInt, SqlType::String()),
                  {Col(0, map), Lambda({0, 1}, Var(1, kInt)), Lambda({2, 3}, Var(2, SqlType::String()))});
    std::const_pointer_cast<TypedExpr>(t)->lambda_fn = LambdaFn::kTransformMap;
    EXPECT_TRUE(Eval(t, row).is_null());
}

TEST(EvaluatorTest, LambdaTyping) {
    auto plan = PlanLambdaCall("REDUCE", {SqlType::Map(SqlType::String(), kInt), SqlType::Bigint()}, {3});
    ASSERT_TRUE(plan.ok());
    EXPECT_EQ(plan->fn, LambdaFn::kReduceMap);
    EXPECT_EQ(plan->lambda_params[0][0], SqlType::Bigint());
    EXPECT_EQ(plan->lambda_params[0][2], kInt);
    EXPECT_FALSE(PlanLambdaCall("TRANSFORM", {SqlType::Array(kInt)}, {2}).ok());
    EXPECT_FALSE(PlanLambdaCall("FILTER", {kInt}, {1}).ok());
}

}  // namespace
}  // namespace runnel::expression
