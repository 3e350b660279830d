// Internal to the evaluator: the compile context shared by the evaluator_*.cpp families and the
// lambda functions. Not a public API (include evaluator.h instead). Compilation is single-threaded
// per expression; compiled nodes are not thread-safe (one tree per task).
//
// Failure: where ksqlDB's generated Java code throws (arithmetic on a null operand, integer or
// DECIMAL division by zero, DECIMAL overflow), ksqlDB gives null for the whole select expression,
// not just the failing operator. Evaluators signal this with RaiseEvalFailure(); the root
// evaluator made by Compile() clears the flag before and turns the result into null after.
// The flag is per thread, so one task's evaluation never sees another's.
#pragma once

#include <memory>
#include <vector>

#include "engine/expression/evaluator.h"

namespace runnel::expression::internal {

using EvalPtr = std::unique_ptr<Evaluator>;

inline thread_local bool t_eval_failed = false;
inline void RaiseEvalFailure() { t_eval_failed = true; }

struct CompileContext {
    // Lambda parameter slots: slot i points at the value currently bound to it. Sized before
    // compilation (never reallocated), owned by the root evaluator.
    std::vector<const Value*>* slots = nullptr;
    // Set when some node may raise a failure, so the root must check the flag.
    bool may_fail = false;
};

Result<EvalPtr> CompileNode(const TypedExpr& expr, CompileContext& ctx);

// An operand read without a virtual call when it is a column or a literal (the common case in
// predicates and arithmetic), else through its evaluator.
class Operand {
public:
    Operand(const TypedExpr& expr, EvalPtr eval) {
        if (expr.kind == TypedKind::kColumn) {
            kind_ = Kind::kColumn;
            column_ = expr.column;
        } else if (expr.kind == TypedKind::kLiteral) {
            kind_ = Kind::kLiteral;
            literal_ = expr.literal;
        } else {
            eval_ = std::move(eval);
        }
    }
    const Value& Get(const Row& row) const {
        switch (kind_) {
            case Kind::kColumn: return row.values[column_];
            case Kind::kLiteral: return literal_;
            default: return eval_->Eval(row);
        }
    }

private:
    enum class Kind : uint8_t { kColumn, kLiteral, kEval };
    Kind kind_ = Kind::kEval;
    size_t column_ = 0;
    Value literal_;
    EvalPtr eval_;
};

// Families (evaluator_<family>.cpp). `args` are the compiled children of `expr`.
Result<EvalPtr> MakeArithmeticEval(const TypedExpr& expr, std::vector<EvalPtr> args,
                                   CompileContext& ctx);
EvalPtr MakeNegateEval(const TypedExpr& expr, EvalPtr arg, CompileContext& ctx);
EvalPtr MakeConcatEval(std::vector<EvalPtr> args);
EvalPtr MakeCompareEval(const TypedExpr& expr, std::vector<EvalPtr> args);
EvalPtr MakeDistinctEval(const TypedExpr& expr, std::vector<EvalPtr> args);
EvalPtr MakeBetweenEval(const TypedExpr& expr, std::vector<EvalPtr> args);
EvalPtr MakeInEval(const TypedExpr& expr, std::vector<EvalPtr> args);
EvalPtr MakeLikeEval(const TypedExpr& expr, std::vector<EvalPtr> args, CompileContext& ctx);
EvalPtr MakeCastEval(const TypedExpr& expr, std::vector<EvalPtr> args);
EvalPtr MakeDereferenceEval(const TypedExpr& expr, std::vector<EvalPtr> args);
EvalPtr MakeSubscriptEval(const TypedExpr& expr, std::vector<EvalPtr> args);
EvalPtr MakeArrayCtorEval(const TypedExpr& expr, std::vector<EvalPtr> args);
EvalPtr MakeMapCtorEval(const TypedExpr& expr, std::vector<EvalPtr> args);
EvalPtr MakeStructCtorEval(const TypedExpr& expr, std::vector<EvalPtr> args);
EvalPtr MakeLambdaVarEval(const TypedExpr& expr, CompileContext& ctx);

// A compiled lambda argument: where to bind each parameter, and the body.
struct CompiledLambda {
    std::vector<const Value**> params;
    EvalPtr body;
};

// Lambda functions (functions/scalar/lambda_functions.cpp). `plain` are the non-lambda
// arguments in order (the collection, then REDUCE's initial state).
Result<EvalPtr> MakeLambdaCallEval(const TypedExpr& expr, std::vector<EvalPtr> plain,
                                   std::vector<CompiledLambda> lambdas);

}  // namespace runnel::expression::internal
