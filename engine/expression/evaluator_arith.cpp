// Arithmetic evaluators: INT (Java int, wraps), BIGINT (Java long, wraps), DOUBLE (IEEE) and
// DECIMAL (exact, ksqlDB's result types), unary minus, and string concatenation with '+'.
// As in ksqlDB's generated code, a null operand, an integer or DECIMAL division by zero and a
// DECIMAL overflow fail the whole expression (see evaluator_internal.h).
#include <cmath>
#include <type_traits>

#include "engine/expression/decimal_math.h"
#include "engine/expression/evaluator_internal.h"

namespace runnel::expression::internal {

namespace {

template <typename T>
class ArithEval final : public Evaluator {
public:
    ArithEval(SqlType t, ArithOp op, Operand a, Operand b)
        : Evaluator(std::move(t)), op_(op), a_(std::move(a)), b_(std::move(b)) {}
    const Value& Eval(const Row& row) override {
        const Value& x = a_.Get(row);
        const Value& y = b_.Get(row);
        if (x.is_null() || y.is_null()) return Fail();
        if constexpr (std::is_same_v<T, double>) {
            double l = x.AsDouble(), r = y.AsDouble(), res = 0;
            switch (op_) {
                case ArithOp::kAdd: res = l + r; break;
                case ArithOp::kSub: res = l - r; break;
                case ArithOp::kMul: res = l * r; break;
                case ArithOp::kDiv: res = l / r; break;
                case ArithOp::kMod: res = std::fmod(l, r); break;
            }
            out_.SetDouble(res);
        } else {
            using U = std::make_unsigned_t<T>;
            T l = static_cast<T>(x.AsInt()), r = static_cast<T>(y.AsInt());
            T res = 0;
            switch (op_) {
                case ArithOp::kAdd: res = static_cast<T>(static_cast<U>(l) + static_cast<U>(r)); break;
                case ArithOp::kSub: res = static_cast<T>(static_cast<U>(l) - static_cast<U>(r)); break;
                case ArithOp::kMul: res = static_cast<T>(static_cast<U>(l) * static_cast<U>(r)); break;
                case ArithOp::kDiv:
                    if (r == 0) return Fail();
                    if (r == -1) { res = static_cast<T>(U(0) - static_cast<U>(l)); break; }
                    res = l / r;
                    break;
                case ArithOp::kMod:
                    if (r == 0) return Fail();
                    if (r == -1) { res = 0; break; }
                    res = l % r;
                    break;
            }
            out_.SetInt(res);
        }
        return out_;
    }

private:
    const Value& Fail() {
        RaiseEvalFailure();
        out_.SetNull();
        return out_;
    }

    ArithOp op_;
    Operand a_, b_;
};

class DecimalArithEval final : public Evaluator {
public:
    DecimalArithEval(SqlType t, ArithOp op, int sa, int sb, EvalPtr a, EvalPtr b)
        : Evaluator(std::move(t)), op_(op), sa_(sa), sb_(sb), a_(std::move(a)), b_(std::move(b)) {}
    const Value& Eval(const Row& row) override {
        const Value& x = a_->Eval(row);
        const Value& y = b_->Eval(row);
        __int128 r;
        if (x.is_null() || y.is_null() ||
            !DecimalArith(op_, x.AsDecimal(), sa_, y.AsDecimal(), sb_, type_.precision(),
                          type_.scale(), &r)) {
            RaiseEvalFailure();
            out_.SetNull();
            return out_;
        }
        out_.SetDecimal(r);
        return out_;
    }

private:
    ArithOp op_;
    int sa_, sb_;
    EvalPtr a_, b_;
};

class NegateEval final : public Evaluator {
public:
    NegateEval(SqlType t, EvalPtr a) : Evaluator(std::move(t)), a_(std::move(a)) {}
    const Value& Eval(const Row& row) override {
        const Value& v = a_->Eval(row);
        if (v.is_null()) {
            RaiseEvalFailure();
            out_.SetNull();
            return out_;
        }
        switch (type_.kind()) {
            case TypeKind::kDouble: out_.SetDouble(-v.AsDouble()); break;
            case TypeKind::kDecimal: out_.SetDecimal(-v.AsDecimal()); break;
            case TypeKind::kInt:
                out_.SetInt(static_cast<int32_t>(0u - static_cast<uint32_t>(v.AsInt())));
                break;
            default: out_.SetInt(static_cast<int64_t>(0ull - static_cast<uint64_t>(v.AsInt()))); break;
        }
        return out_;
    }

private:
    EvalPtr a_;
};

// Java string '+': a null operand reads as "null" (ksqlDB's compiled expressions do this).
class ConcatEval final : public Evaluator {
public:
    ConcatEval(EvalPtr a, EvalPtr b) : Evaluator(SqlType::String()), a_(std::move(a)), b_(std::move(b)) {}
    const Value& Eval(const Row& row) override {
        const Value& x = a_->Eval(row);
        const Value& y = b_->Eval(row);
        std::string& s = out_.MutableString();
        s.assign(x.is_null() ? std::string_view("null") : x.AsString());
        s.append(y.is_null() ? std::string_view("null") : y.AsString());
        return out_;
    }

private:
    EvalPtr a_, b_;
};

}  // namespace

Result<EvalPtr> MakeArithmeticEval(const TypedExpr& expr, std::vector<EvalPtr> args,
                                   CompileContext& ctx) {
    ctx.may_fail = true;
    EvalPtr a = std::move(args[0]), b = std::move(args[1]);
    auto op = [&](size_t i, EvalPtr& e) { return Operand(*expr.args[i], std::move(e)); };
    switch (expr.type.kind()) {
        case TypeKind::kInt:
            return EvalPtr(new ArithEval<int32_t>(expr.type, expr.arith_op, op(0, a), op(1, b)));
        case TypeKind::kBigint:
            return EvalPtr(new ArithEval<int64_t>(expr.type, expr.arith_op, op(0, a), op(1, b)));
        case TypeKind::kDouble:
            return EvalPtr(new ArithEval<double>(expr.type, expr.arith_op, op(0, a), op(1, b)));
        case TypeKind::kDecimal:
            return EvalPtr(new DecimalArithEval(expr.type, expr.arith_op, expr.args[0]->type.scale(),
                                                expr.args[1]->type.scale(), std::move(a),
                                                std::move(b)));
        default:
            return Status::NotImplemented("arithmetic on " + expr.type.ToString() +
                                          " is not supported");
    }
}

EvalPtr MakeNegateEval(const TypedExpr& expr, EvalPtr arg, CompileContext& ctx) {
    ctx.may_fail = true;
    return EvalPtr(new NegateEval(expr.type, std::move(arg)));
}

EvalPtr MakeConcatEval(std::vector<EvalPtr> args) {
    return EvalPtr(new ConcatEval(std::move(args[0]), std::move(args[1])));
}

}  // namespace runnel::expression::internal
