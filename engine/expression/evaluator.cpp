// Compiles TypedExpr trees into evaluator nodes. Each node is specialised at compile time for
// its operand types, so Eval() does no type dispatch beyond one virtual call per node.
#include "engine/expression/evaluator.h"

#include <cmath>
#include <limits>

#include "engine/expression/cast.h"
#include "engine/expression/function_registry.h"
#include "engine/expression/like_matcher.h"

namespace runnel::expression {

namespace {

using EvalPtr = std::unique_ptr<Evaluator>;

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

// Kleene AND / OR over any number of operands, short-circuiting on the deciding value.
template <bool kIsAnd>
class LogicEval final : public Evaluator {
public:
    explicit LogicEval(std::vector<EvalPtr> args) : Evaluator(SqlType::Boolean()), args_(std::move(args)) {}
    const Value& Eval(const Row& row) override {
        bool saw_null = false;
        for (auto& a : args_) {
            const Value& v = a->Eval(row);
            if (v.is_null()) { saw_null = true; continue; }
            if (v.AsBool() != kIsAnd) { out_.SetBool(!kIsAnd); return out_; }
        }
        if (saw_null) out_.SetNull(); else out_.SetBool(kIsAnd);
        return out_;
    }

private:
    std::vector<EvalPtr> args_;
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

// Arithmetic on INT (Java int: wraps), BIGINT (Java long: wraps) and DOUBLE (IEEE).
// Integer division or modulo by zero gives null, as ksqlDB's error path does, never a crash.
template <typename T>
class ArithEval final : public Evaluator {
public:
    ArithEval(SqlType t, ArithOp op, EvalPtr a, EvalPtr b)
        : Evaluator(std::move(t)), op_(op), a_(std::move(a)), b_(std::move(b)) {}
    const Value& Eval(const Row& row) override {
        const Value& x = a_->Eval(row);
        if (x.is_null()) { out_.SetNull(); return out_; }
        const Value& y = b_->Eval(row);
        if (y.is_null()) { out_.SetNull(); return out_; }
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
                    if (r == 0) { out_.SetNull(); return out_; }
                    if (r == -1) { res = static_cast<T>(U(0) - static_cast<U>(l)); break; }
                    res = l / r;
                    break;
                case ArithOp::kMod:
                    if (r == 0) { out_.SetNull(); return out_; }
                    if (r == -1) { res = 0; break; }
                    res = l % r;
                    break;
            }
            out_.SetInt(res);
        }
        return out_;
    }

private:
    ArithOp op_;
    EvalPtr a_, b_;
};

class NegateEval final : public Evaluator {
public:
    NegateEval(SqlType t, EvalPtr a) : Evaluator(std::move(t)), a_(std::move(a)) {}
    const Value& Eval(const Row& row) override {
        const Value& v = a_->Eval(row);
        if (v.is_null()) { out_.SetNull(); return out_; }
        switch (type_.kind()) {
            case TypeKind::kDouble: out_.SetDouble(-v.AsDouble()); break;
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

class ConcatEval final : public Evaluator {
public:
    ConcatEval(EvalPtr a, EvalPtr b) : Evaluator(SqlType::String()), a_(std::move(a)), b_(std::move(b)) {}
    const Value& Eval(const Row& row) override {
        const Value& x = a_->Eval(row);
        const Value& y = b_->Eval(row);
        if (x.is_null() || y.is_null()) { out_.SetNull(); return out_; }
        std::string& s = out_.MutableString();
        s.assign(x.AsString());
        s.append(y.AsString());
        return out_;
    }

private:
    EvalPtr a_, b_;
};

// Three-way comparison of two non-null values of one type.
int CompareValues(const Value& x, const Value& y, TypeKind kind) {
    switch (kind) {
        case TypeKind::kDouble: {
            double l = x.AsDouble(), r = y.AsDouble();
            return l < r ? -1 : (l > r ? 1 : 0);
        }
        case TypeKind::kBoolean: return int(x.AsBool()) - int(y.AsBool());
        case TypeKind::kString:
        case TypeKind::kBytes: {
            int c = x.AsString().compare(y.AsString());
            return c < 0 ? -1 : (c > 0 ? 1 : 0);
        }
        case TypeKind::kDecimal: {
            auto l = x.AsDecimal(), r = y.AsDecimal();
            return l < r ? -1 : (l > r ? 1 : 0);
        }
        default: {
            int64_t l = x.AsInt(), r = y.AsInt();
            return l < r ? -1 : (l > r ? 1 : 0);
        }
    }
}

bool ApplyCompare(CompareOp op, int c) {
    switch (op) {
        case CompareOp::kEq: return c == 0;
        case CompareOp::kNe: return c != 0;
        case CompareOp::kLt: return c < 0;
        case CompareOp::kLe: return c <= 0;
        case CompareOp::kGt: return c > 0;
        case CompareOp::kGe: return c >= 0;
    }
    return false;
}

class CompareEval final : public Evaluator {
public:
    CompareEval(CompareOp op, TypeKind kind, EvalPtr a, EvalPtr b)
        : Evaluator(SqlType::Boolean()), op_(op), kind_(kind), a_(std::move(a)), b_(std::move(b)) {}
    const Value& Eval(const Row& row) override {
        const Value& x = a_->Eval(row);
        if (x.is_null()) { out_.SetNull(); return out_; }
        const Value& y = b_->Eval(row);
        if (y.is_null()) { out_.SetNull(); return out_; }
        if (kind_ == TypeKind::kArray || kind_ == TypeKind::kMap || kind_ == TypeKind::kStruct) {
            bool eq = x == y;
            out_.SetBool(op_ == CompareOp::kEq ? eq : !eq);
        } else {
            out_.SetBool(ApplyCompare(op_, CompareValues(x, y, kind_)));
        }
        return out_;
    }

private:
    CompareOp op_;
    TypeKind kind_;
    EvalPtr a_, b_;
};

class DistinctEval final : public Evaluator {
public:
    DistinctEval(bool negated, TypeKind kind, EvalPtr a, EvalPtr b)
        : Evaluator(SqlType::Boolean()), negated_(negated), kind_(kind), a_(std::move(a)), b_(std::move(b)) {}
    const Value& Eval(const Row& row) override {
        const Value& x = a_->Eval(row);
        const Value& y = b_->Eval(row);
        bool distinct;
        if (x.is_null() || y.is_null()) {
            distinct = x.is_null() != y.is_null();
        } else if (kind_ == TypeKind::kArray || kind_ == TypeKind::kMap || kind_ == TypeKind::kStruct) {
            distinct = !(x == y);
        } else {
            distinct = CompareValues(x, y, kind_) != 0;
        }
        out_.SetBool(negated_ ? !distinct : distinct);
        return out_;
    }

private:
    bool negated_;
    TypeKind kind_;
    EvalPtr a_, b_;
};

class BetweenEval final : public Evaluator {
public:
    BetweenEval(bool negated, TypeKind kind, EvalPtr v, EvalPtr lo, EvalPtr hi)
        : Evaluator(SqlType::Boolean()), negated_(negated), kind_(kind), v_(std::move(v)),
          lo_(std::move(lo)), hi_(std::move(hi)) {}
    const Value& Eval(const Row& row) override {
        const Value& x = v_->Eval(row);
        const Value& l = lo_->Eval(row);
        const Value& h = hi_->Eval(row);
        if (x.is_null() || l.is_null() || h.is_null()) { out_.SetNull(); return out_; }
        bool in = CompareValues(x, l, kind_) >= 0 && CompareValues(x, h, kind_) <= 0;
        out_.SetBool(negated_ ? !in : in);
        return out_;
    }

private:
    bool negated_;
    TypeKind kind_;
    EvalPtr v_, lo_, hi_;
};

class InEval final : public Evaluator {
public:
    InEval(bool negated, TypeKind kind, EvalPtr v, std::vector<EvalPtr> list)
        : Evaluator(SqlType::Boolean()), negated_(negated), kind_(kind), v_(std::move(v)), list_(std::move(list)) {}
    const Value& Eval(const Row& row) override {
        const Value& x = v_->Eval(row);
        if (x.is_null()) { out_.SetNull(); return out_; }
        bool saw_null = false;
        for (auto& e : list_) {
            const Value& y = e->Eval(row);
            if (y.is_null()) { saw_null = true; continue; }
            if (CompareValues(x, y, kind_) == 0) { out_.SetBool(!negated_); return out_; }
        }
        if (saw_null) out_.SetNull(); else out_.SetBool(negated_);
        return out_;
    }

private:
    bool negated_;
    TypeKind kind_;
    EvalPtr v_;
    std::vector<EvalPtr> list_;
};

class LikeEval final : public Evaluator {
public:
    LikeEval(bool negated, EvalPtr v, LikeMatcher matcher)
        : Evaluator(SqlType::Boolean()), negated_(negated), v_(std::move(v)), matcher_(std::move(matcher)) {}
    const Value& Eval(const Row& row) override {
        const Value& x = v_->Eval(row);
        if (x.is_null()) { out_.SetNull(); return out_; }
        bool m = matcher_.Matches(x.AsString());
        out_.SetBool(negated_ ? !m : m);
        return out_;
    }

private:
    bool negated_;
    EvalPtr v_;
    LikeMatcher matcher_;
};

class CaseEval final : public Evaluator {
public:
    CaseEval(SqlType t, std::vector<EvalPtr> args, bool has_else)
        : Evaluator(std::move(t)), args_(std::move(args)), has_else_(has_else) {}
    const Value& Eval(const Row& row) override {
        size_t pairs = (args_.size() - (has_else_ ? 1 : 0)) / 2;
        for (size_t i = 0; i < pairs; ++i) {
            if (IsTrue(args_[2 * i]->Eval(row))) return args_[2 * i + 1]->Eval(row);
        }
        if (has_else_) return args_.back()->Eval(row);
        out_.SetNull();
        return out_;
    }

private:
    std::vector<EvalPtr> args_;
    bool has_else_;
};

class CastEval final : public Evaluator {
public:
    CastEval(SqlType to, SqlType from, EvalPtr a) : Evaluator(std::move(to)), from_(std::move(from)), a_(std::move(a)) {}
    const Value& Eval(const Row& row) override {
        const Value& v = a_->Eval(row);
        if (v.is_null()) { out_.SetNull(); return out_; }
        if (!CastValue(v, from_, type_, out_)) out_.SetNull();
        return out_;
    }

private:
    SqlType from_;
    EvalPtr a_;
};

class CallEval final : public Evaluator {
public:
    CallEval(SqlType t, const ScalarFunction* fn, std::vector<EvalPtr> args)
        : Evaluator(std::move(t)), fn_(fn), args_(std::move(args)), values_(args_.size()) {}
    const Value& Eval(const Row& row) override {
        for (size_t i = 0; i < args_.size(); ++i) {
            const Value& v = args_[i]->Eval(row);
            if (v.is_null() && fn_->null_on_null_input) { out_.SetNull(); return out_; }
            values_[i] = &v;  // a view: argument evaluators keep their results until next Eval
        }
        fn_->impl(Args(values_.data(), values_.size()), out_);
        return out_;
    }

private:
    const ScalarFunction* fn_;
    std::vector<EvalPtr> args_;
    std::vector<const Value*> values_;
};

Result<std::vector<EvalPtr>> CompileAll(const std::vector<TypedExprPtr>& exprs, size_t from = 0) {
    std::vector<EvalPtr> out;
    for (size_t i = from; i < exprs.size(); ++i) {
        auto e = Compile(*exprs[i]);
        if (!e.ok()) return e.status();
        out.push_back(std::move(e).value());
    }
    return out;
}

}  // namespace

Result<std::unique_ptr<Evaluator>> Compile(const TypedExpr& expr) {
    ASSIGN_OR_RETURN(auto args, CompileAll(expr.args));
    auto arg = [&](size_t i) { return std::move(args[i]); };
    switch (expr.kind) {
        case TypedKind::kLiteral:
            return EvalPtr(new LiteralEval(expr.type, expr.literal));
        case TypedKind::kColumn:
            return EvalPtr(new ColumnEval(expr.type, expr.column));
        case TypedKind::kPseudo:
            return EvalPtr(new PseudoEval(expr.type, expr.pseudo));
        case TypedKind::kNot:
            return EvalPtr(new NotEval(arg(0)));
        case TypedKind::kNegate:
            return EvalPtr(new NegateEval(expr.type, arg(0)));
        case TypedKind::kArithmetic:
            switch (expr.type.kind()) {
                case TypeKind::kInt:
                    return EvalPtr(new ArithEval<int32_t>(expr.type, expr.arith_op, arg(0), arg(1)));
                case TypeKind::kBigint:
                    return EvalPtr(new ArithEval<int64_t>(expr.type, expr.arith_op, arg(0), arg(1)));
                case TypeKind::kDouble:
                    return EvalPtr(new ArithEval<double>(expr.type, expr.arith_op, arg(0), arg(1)));
                default:
                    return Status::NotImplemented("arithmetic on " + expr.type.ToString() +
                                                  " is not supported yet");
            }
        case TypedKind::kConcat:
            return EvalPtr(new ConcatEval(arg(0), arg(1)));
        case TypedKind::kCompare:
            return EvalPtr(new CompareEval(expr.compare_op, expr.args[0]->type.kind(), arg(0), arg(1)));
        case TypedKind::kAnd:
            return EvalPtr(new LogicEval<true>(std::move(args)));
        case TypedKind::kOr:
            return EvalPtr(new LogicEval<false>(std::move(args)));
        case TypedKind::kIsNull:
            return EvalPtr(new IsNullEval(arg(0), true));
        case TypedKind::kIsNotNull:
            return EvalPtr(new IsNullEval(arg(0), false));
        case TypedKind::kIsDistinct:
            return EvalPtr(new DistinctEval(expr.negated, expr.args[0]->type.kind(), arg(0), arg(1)));
        case TypedKind::kCast:
            return EvalPtr(new CastEval(expr.type, expr.args[0]->type, arg(0)));
        case TypedKind::kCall:
            return EvalPtr(new CallEval(expr.type, expr.function, std::move(args)));
        case TypedKind::kSearchedCase:
            return EvalPtr(new CaseEval(expr.type, std::move(args), expr.has_else));
        case TypedKind::kIn: {
            TypeKind kind = expr.args[0]->type.kind();
            EvalPtr v = arg(0);
            std::vector<EvalPtr> list;
            for (size_t i = 1; i < args.size(); ++i) list.push_back(std::move(args[i]));
            return EvalPtr(new InEval(expr.negated, kind, std::move(v), std::move(list)));
        }
        case TypedKind::kBetween:
            return EvalPtr(new BetweenEval(expr.negated, expr.args[0]->type.kind(), arg(0), arg(1), arg(2)));
        case TypedKind::kLike:
            return EvalPtr(new LikeEval(expr.negated, arg(0), LikeMatcher(expr.pattern, expr.escape)));
    }
    return Status::Internal("unknown expression kind");
}

}  // namespace runnel::expression
