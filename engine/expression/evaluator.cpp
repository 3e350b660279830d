// Compiles TypedExpr trees into evaluator nodes: the dispatcher, the root that turns failures
// into null, and the basic nodes (literals, columns, logic, CASE, calls). Operator families live
// in evaluator_<family>.cpp. Each node is specialised at compile time for its operand types, so
// Eval() does no type dispatch beyond one virtual call per node.
#include "engine/expression/evaluator.h"

#include "engine/expression/evaluator_internal.h"
#include "engine/expression/function_registry.h"

namespace runnel::expression {

using internal::CompileContext;
using internal::EvalPtr;

namespace {

class LiteralEval final : public Evaluator {
public:
    LiteralEval(SqlType t, Value v) : Evaluator(std::move(t)) { out_ = std::move(v); }
    const Value& Eval(const Row&) override { return out_; }
};

class ColumnEval final : public Evaluator {
public:
    ColumnEval(SqlType t, size_t index) : Evaluator(std::move(t)), index_(index) {}
    const Value& Eval(const Row& row) override { return row.values[index_]; }

private:
    size_t index_;
};

class PseudoEval final : public Evaluator {
public:
    PseudoEval(SqlType t, PseudoColumn p) : Evaluator(std::move(t)), pseudo_(p) {}
    const Value& Eval(const Row& row) override {
        switch (pseudo_) {
            case PseudoColumn::kRowTime: out_.SetInt(row.timestamp); break;
            case PseudoColumn::kRowPartition: out_.SetInt(row.partition); break;
            case PseudoColumn::kRowOffset: out_.SetInt(row.offset); break;
            case PseudoColumn::kWindowStart: out_.SetInt(row.window_start); break;
            case PseudoColumn::kWindowEnd: out_.SetInt(row.window_end); break;
        }
        return out_;
    }

private:
    PseudoColumn pseudo_;
};

class NotEval final : public Evaluator {
public:
    explicit NotEval(EvalPtr a) : Evaluator(SqlType::Boolean()), a_(std::move(a)) {}
    const Value& Eval(const Row& row) override {
        const Value& v = a_->Eval(row);
        if (v.is_null()) out_.SetNull(); else out_.SetBool(!v.AsBool());
        return out_;
    }

private:
    EvalPtr a_;
};

// Kleene AND / OR over two operands, short-circuiting on the deciding value.
template <bool kIsAnd>
class LogicEval final : public Evaluator {
public:
    LogicEval(EvalPtr a, EvalPtr b) : Evaluator(SqlType::Boolean()), a_(std::move(a)), b_(std::move(b)) {}
    const Value& Eval(const Row& row) override {
        const Value& x = a_->Eval(row);
        bool x_null = x.is_null();
        if (!x_null && x.AsBool() != kIsAnd) {
            out_.SetBool(!kIsAnd);
            return out_;
        }
        const Value& y = b_->Eval(row);
        if (!y.is_null() && y.AsBool() != kIsAnd) {
            out_.SetBool(!kIsAnd);
        } else if (x_null || y.is_null()) {
            out_.SetNull();
        } else {
            out_.SetBool(kIsAnd);
        }
        return out_;
    }

private:
    EvalPtr a_, b_;
};

class IsNullEval final : public Evaluator {
public:
    IsNullEval(EvalPtr a, bool want_null) : Evaluator(SqlType::Boolean()), a_(std::move(a)), want_null_(want_null) {}
    const Value& Eval(const Row& row) override {
        out_.SetBool(a_->Eval(row).is_null() == want_null_);
        return out_;
    }

private:
    EvalPtr a_;
    bool want_null_;
};

// Branches are evaluated lazily: only the first true WHEN's THEN (or the ELSE) runs.
class CaseEval final : public Evaluator {
public:
    CaseEval(SqlType t, std::vector<EvalPtr> args, bool has_else)
        : Evaluator(std::move(t)), args_(std::move(args)), has_else_(has_else),
          pairs_((args_.size() - (has_else ? 1 : 0)) / 2) {}
    const Value& Eval(const Row& row) override {
        for (size_t i = 0; i < pairs_; ++i) {
            if (IsTrue(args_[2 * i]->Eval(row))) return args_[2 * i + 1]->Eval(row);
        }
        if (has_else_) return args_.back()->Eval(row);
        out_.SetNull();
        return out_;
    }

private:
    std::vector<EvalPtr> args_;
    bool has_else_;
    size_t pairs_;
};

class CallEval final : public Evaluator {
public:
    CallEval(SqlType t, const ScalarFunction* fn, std::vector<EvalPtr> args)
        : Evaluator(std::move(t)), fn_(fn), args_(std::move(args)), values_(args_.size()) {
        if (fn_->bind) {
            std::vector<SqlType> types;
            for (const auto& a : args_) types.push_back(a->type());
            impl_ = fn_->bind(types);
        }
    }
    const Value& Eval(const Row& row) override {
        for (size_t i = 0; i < args_.size(); ++i) {
            const Value& v = args_[i]->Eval(row);
            if (v.is_null() && fn_->null_on_null_input) { out_.SetNull(); return out_; }
            values_[i] = &v;  // a view: argument evaluators keep their results until next Eval
        }
        (impl_ ? impl_ : fn_->impl)(Args(values_.data(), values_.size()), out_);
        return out_;
    }

private:
    const ScalarFunction* fn_;
    ScalarImpl impl_;  // bound per call site (ScalarFunction::bind), else fn_->impl
    std::vector<EvalPtr> args_;
    std::vector<const Value*> values_;
};

// The top of a compiled expression that may fail or binds lambda parameters: owns the slots,
// clears the failure flag before evaluating and yields null when it was raised.
class RootEval final : public Evaluator {
public:
    RootEval(std::unique_ptr<std::vector<const Value*>> slots, EvalPtr inner, bool may_fail)
        : Evaluator(inner->type()), slots_(std::move(slots)), inner_(std::move(inner)),
          may_fail_(may_fail) {}
    const Value& Eval(const Row& row) override {
        if (!may_fail_) return inner_->Eval(row);
        internal::t_eval_failed = false;
        const Value& v = inner_->Eval(row);
        if (!internal::t_eval_failed) return v;
        internal::t_eval_failed = false;
        out_.SetNull();
        return out_;
    }

private:
    std::unique_ptr<std::vector<const Value*>> slots_;
    EvalPtr inner_;
    bool may_fail_;
};

void CountSlots(const TypedExpr& e, size_t& n) {
    if (e.kind == TypedKind::kLambdaVar) n = std::max(n, e.column + 1);
    for (size_t s : e.slots) n = std::max(n, s + 1);
    for (const auto& a : e.args) CountSlots(*a, n);
}

Result<std::vector<EvalPtr>> CompileArgs(const TypedExpr& expr, CompileContext& ctx) {
    std::vector<EvalPtr> out;
    out.reserve(expr.args.size());
    for (const auto& a : expr.args) {
        ASSIGN_OR_RETURN(auto e, internal::CompileNode(*a, ctx));
        out.push_back(std::move(e));
    }
    return out;
}

Result<EvalPtr> CompileLambdaCall(const TypedExpr& expr, CompileContext& ctx) {
    std::vector<EvalPtr> plain;
    std::vector<internal::CompiledLambda> lambdas;
    for (const auto& a : expr.args) {
        if (a->kind != TypedKind::kLambda) {
            ASSIGN_OR_RETURN(auto e, internal::CompileNode(*a, ctx));
            plain.push_back(std::move(e));
            continue;
        }
        internal::CompiledLambda lambda;
        for (size_t slot : a->slots) lambda.params.push_back(&(*ctx.slots)[slot]);
        ASSIGN_OR_RETURN(lambda.body, internal::CompileNode(*a->args[0], ctx));
        lambdas.push_back(std::move(lambda));
    }
    return internal::MakeLambdaCallEval(expr, std::move(plain), std::move(lambdas));
}

}  // namespace

namespace internal {

Result<EvalPtr> CompileNode(const TypedExpr& expr, CompileContext& ctx) {
    switch (expr.kind) {
        case TypedKind::kLiteral: return EvalPtr(new LiteralEval(expr.type, expr.literal));
        case TypedKind::kColumn: return EvalPtr(new ColumnEval(expr.type, expr.column));
        case TypedKind::kPseudo: return EvalPtr(new PseudoEval(expr.type, expr.pseudo));
        case TypedKind::kLambdaVar: return MakeLambdaVarEval(expr, ctx);
        case TypedKind::kLambdaCall: return CompileLambdaCall(expr, ctx);
        case TypedKind::kLambda:
            return Status::Internal("a lambda outside a lambda function: " + expr.sql);
        default: break;
    }
    ASSIGN_OR_RETURN(auto args, CompileArgs(expr, ctx));
    switch (expr.kind) {
        case TypedKind::kNot: return EvalPtr(new NotEval(std::move(args[0])));
        case TypedKind::kNegate: return MakeNegateEval(expr, std::move(args[0]), ctx);
        case TypedKind::kArithmetic: return MakeArithmeticEval(expr, std::move(args), ctx);
        case TypedKind::kConcat: return MakeConcatEval(std::move(args));
        case TypedKind::kCompare: return MakeCompareEval(expr, std::move(args));
        case TypedKind::kAnd: return EvalPtr(new LogicEval<true>(std::move(args[0]), std::move(args[1])));
        case TypedKind::kOr: return EvalPtr(new LogicEval<false>(std::move(args[0]), std::move(args[1])));
        case TypedKind::kIsNull: return EvalPtr(new IsNullEval(std::move(args[0]), true));
        case TypedKind::kIsNotNull: return EvalPtr(new IsNullEval(std::move(args[0]), false));
        case TypedKind::kIsDistinct: return MakeDistinctEval(expr, std::move(args));
        case TypedKind::kCast: return MakeCastEval(expr, std::move(args));
        case TypedKind::kCall: return EvalPtr(new CallEval(expr.type, expr.function, std::move(args)));
        case TypedKind::kSearchedCase:
            return EvalPtr(new CaseEval(expr.type, std::move(args), expr.has_else));
        case TypedKind::kIn: return MakeInEval(expr, std::move(args));
        case TypedKind::kBetween: return MakeBetweenEval(expr, std::move(args));
        case TypedKind::kLike: return MakeLikeEval(expr, std::move(args), ctx);
        case TypedKind::kDereference: return MakeDereferenceEval(expr, std::move(args));
        case TypedKind::kSubscript: return MakeSubscriptEval(expr, std::move(args));
        case TypedKind::kArrayCtor: return MakeArrayCtorEval(expr, std::move(args));
        case TypedKind::kMapCtor: return MakeMapCtorEval(expr, std::move(args));
        case TypedKind::kStructCtor: return MakeStructCtorEval(expr, std::move(args));
        default: break;
    }
    return Status::Internal("unknown expression kind");
}

}  // namespace internal

Result<std::unique_ptr<Evaluator>> Compile(const TypedExpr& expr) {
    size_t slot_count = 0;
    CountSlots(expr, slot_count);
    auto slots = std::make_unique<std::vector<const Value*>>(slot_count, nullptr);
    CompileContext ctx;
    ctx.slots = slots.get();
    ASSIGN_OR_RETURN(auto inner, internal::CompileNode(expr, ctx));
    if (slot_count == 0 && !ctx.may_fail) return inner;
    return EvalPtr(new RootEval(std::move(slots), std::move(inner), ctx.may_fail));
}

}  // namespace runnel::expression
