// TypedExpr: a resolved, type-checked expression, produced by the analyzer from the AST and
// stored in plan steps. Column references are indices into the input row; every node carries its
// SQL type, and implicit conversions are explicit kCast nodes, so evaluation never inspects types.
// Immutable and shareable between threads; compiled per task into evaluators (evaluator.h).
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
    kArithmetic,  // args[0] arith_op args[1], operands already of the result type
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
    kLike,        // args[0] LIKE pattern (literal) ; negated
};

enum class PseudoColumn : uint8_t { kRowTime, kRowPartition, kRowOffset, kWindowStart, kWindowEnd };
enum class ArithOp : uint8_t { kAdd, kSub, kMul, kDiv, kMod };
enum class CompareOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

struct TypedExpr;
using TypedExprPtr = std::shared_ptr<const TypedExpr>;

struct TypedExpr {
    TypedKind kind = TypedKind::kLiteral;
    SqlType type;
    Value literal;                    // kLiteral
    size_t column = 0;                // kColumn
    PseudoColumn pseudo = PseudoColumn::kRowTime;
    ArithOp arith_op = ArithOp::kAdd;
    CompareOp compare_op = CompareOp::kEq;
    bool negated = false;
    bool has_else = false;            // kSearchedCase
    std::string pattern;              // kLike: the literal pattern
    char escape = 0;                  // kLike: escape char, 0 for none
    const ScalarFunction* function = nullptr;  // kCall
    std::vector<TypedExprPtr> args;
    std::string sql;                  // the expression as SQL text, for names and messages
};

}  // namespace runnel::expression
