// TypedExpr: a resolved, type-checked expression, produced by the analyzer from the AST and
// stored in plan steps. Column references are indices into the input row; every node carries its
// SQL type, and implicit conversions are explicit kCast nodes, so evaluation never inspects types.
// Lambda parameters are numbered slots (unique within one top-level expression), bound by the
// lambda function that calls the lambda. Immutable and shareable between threads; compiled per
// task into evaluators (evaluator.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/common/sql_type.h"
#include "engine/common/value.h"

namespace runnel::expression {

struct ScalarFunction;

enum class TypedKind : uint8_t {
    kLiteral,     // literal
    kColumn,      // row.values[column]
    kPseudo,      // pseudo column (ROWTIME ...)
    kNot,         // NOT args[0]
    kNegate,      // -args[0]
    kArithmetic,  // args[0] arith_op args[1], operands already of the result type (DECIMAL:
                  // operands keep their own DECIMAL types, the node's type is the result's)
    kConcat,      // string + string
    kCompare,     // args[0] compare_op args[1], operands of one type
    kAnd,
    kOr,
    kIsNull,
    kIsNotNull,
    kIsDistinct,  // negated: IS NOT DISTINCT FROM; operands of one type
    kCast,        // args[0] to type
    kCall,        // function(args...)
    kSearchedCase,  // args = [w1, t1, w2, t2, ...], else in args.back() when has_else
    kIn,          // args[0] IN (args[1..]), all of one type; negated
    kBetween,     // args[0] BETWEEN args[1] AND args[2]; negated
    kLike,        // args[0] LIKE pattern; negated. The literal pattern, or args[1] when computed
    kDereference,  // args[0] (a STRUCT) -> field number `column`
    kSubscript,   // args[0] [ args[1] ]: ARRAY (1-based INT index, negative from the end) or MAP
    kArrayCtor,   // ARRAY[args...], elements of the element type
    kMapCtor,     // MAP(args[0] := args[1], ...), keys and values of the map's types
    kStructCtor,  // STRUCT(...): args in the type's field order
    kLambda,      // (slots...) => args[0]; only as an argument of kLambdaCall
    kLambdaVar,   // the value bound to lambda slot `column`
    kLambdaCall,  // a lambda function (TRANSFORM, FILTER, REDUCE): lambda_fn over args
};

enum class PseudoColumn : uint8_t { kRowTime, kRowPartition, kRowOffset, kWindowStart, kWindowEnd };
enum class ArithOp : uint8_t { kAdd, kSub, kMul, kDiv, kMod };
enum class CompareOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

// The lambda functions, each with its collection kind (see lambda_function.h).
enum class LambdaFn : uint8_t {
    kTransformArray,  // TRANSFORM(array, x => y)
    kTransformMap,    // TRANSFORM(map, (k, v) => k2, (k, v) => v2)
    kFilterArray,     // FILTER(array, x => bool)
    kFilterMap,       // FILTER(map, (k, v) => bool)
    kReduceArray,     // REDUCE(array, init, (s, x) => s2)
    kReduceMap,       // REDUCE(map, init, (s, k, v) => s2)
};

struct TypedExpr;
using TypedExprPtr = std::shared_ptr<const TypedExpr>;

struct TypedExpr {
    TypedKind kind = TypedKind::kLiteral;
    SqlType type;
    Value literal;                    // kLiteral
    size_t column = 0;                // kColumn; kDereference: field index; kLambdaVar: slot
    PseudoColumn pseudo = PseudoColumn::kRowTime;
    ArithOp arith_op = ArithOp::kAdd;
    CompareOp compare_op = CompareOp::kEq;
    LambdaFn lambda_fn = LambdaFn::kTransformArray;  // kLambdaCall
    bool negated = false;
    bool has_else = false;            // kSearchedCase
    std::string pattern;              // kLike: the literal pattern
    char escape = 0;                  // kLike: escape char, 0 for none
    const ScalarFunction* function = nullptr;  // kCall
    std::vector<size_t> slots;        // kLambda: the parameters' slots, in order
    std::vector<TypedExprPtr> args;
    std::string sql;                  // the expression as SQL text, for names and messages
};

}  // namespace runnel::expression
