// Comparison evaluators: = <> < <= > >=, IS [NOT] DISTINCT FROM, BETWEEN, IN and LIKE.
// As ksqlDB does, a comparison with a null operand is FALSE (not unknown), and so are BETWEEN
// and IN with a null value (their NOT forms negate that: TRUE); LIKE on a null value fails the
// expression (null, see evaluator_internal.h). DECIMAL operands may differ in scale.
#include "engine/expression/decimal_math.h"
#include "engine/expression/evaluator_internal.h"
#include "engine/expression/like_matcher.h"
#include "engine/expression/value_compare.h"

namespace runnel::expression::internal {

namespace {

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

bool IsComplex(TypeKind k) {
    return k == TypeKind::kArray || k == TypeKind::kMap || k == TypeKind::kStruct;
}

// Compares two non-null operands whose types were fixed at compile time.
class Comparator {
public:
    Comparator(const SqlType& a, const SqlType& b)
        : type_(a), kind_(a.kind()), scale_a_(a.scale()), scale_b_(b.scale()) {}
    bool complex() const { return IsComplex(kind_); }
    int Compare(const Value& x, const Value& y) const {
        if (kind_ == TypeKind::kDecimal && scale_a_ != scale_b_) {
            return CompareDecimals(x.AsDecimal(), scale_a_, y.AsDecimal(), scale_b_);
        }
        return CompareValues(x, y, kind_);
    }
    bool Equal(const Value& x, const Value& y) const {
        if (complex()) return ValuesEqual(x, y, type_);
        return Compare(x, y) == 0;
    }

private:
    SqlType type_;
    TypeKind kind_;
    int scale_a_, scale_b_;
};

class CompareEval final : public Evaluator {
public:
    CompareEval(CompareOp op, Comparator cmp, Operand a, Operand b)
        : Evaluator(SqlType::Boolean()), op_(op), cmp_(std::move(cmp)), a_(std::move(a)), b_(std::move(b)) {}
    const Value& Eval(const Row& row) override {
        const Value& x = a_.Get(row);
        const Value& y = b_.Get(row);
        if (x.is_null() || y.is_null()) {
            out_.SetBool(false);
        } else if (cmp_.complex()) {
            bool eq = cmp_.Equal(x, y);
            out_.SetBool(op_ == CompareOp::kEq ? eq : !eq);
        } else {
            out_.SetBool(ApplyCompare(op_, cmp_.Compare(x, y)));
        }
        return out_;
    }

private:
    CompareOp op_;
    Comparator cmp_;
    Operand a_, b_;
};

class DistinctEval final : public Evaluator {
public:
    DistinctEval(bool negated, Comparator cmp, EvalPtr a, EvalPtr b)
        : Evaluator(SqlType::Boolean()), negated_(negated), cmp_(std::move(cmp)), a_(std::move(a)), b_(std::move(b)) {}
    const Value& Eval(const Row& row) override {
        const Value& x = a_->Eval(row);
        const Value& y = b_->Eval(row);
        bool distinct;
        if (x.is_null() || y.is_null()) {
            distinct = x.is_null() != y.is_null();
        } else {
            distinct = !cmp_.Equal(x, y);
        }
        out_.SetBool(negated_ ? !distinct : distinct);
        return out_;
    }

private:
    bool negated_;
    Comparator cmp_;
    EvalPtr a_, b_;
};

class BetweenEval final : public Evaluator {
public:
    BetweenEval(bool negated, Comparator lo_cmp, Comparator hi_cmp, Operand v, Operand lo, Operand hi)
        : Evaluator(SqlType::Boolean()), negated_(negated), lo_cmp_(std::move(lo_cmp)),
          hi_cmp_(std::move(hi_cmp)), v_(std::move(v)), lo_(std::move(lo)), hi_(std::move(hi)) {}
    const Value& Eval(const Row& row) override {
        const Value& x = v_.Get(row);
        const Value& l = lo_.Get(row);
        const Value& h = hi_.Get(row);
        if (x.is_null() || l.is_null() || h.is_null()) {
            out_.SetBool(negated_);
            return out_;
        }
        bool in = lo_cmp_.Compare(x, l) >= 0 && hi_cmp_.Compare(x, h) <= 0;
        out_.SetBool(negated_ ? !in : in);
        return out_;
    }

private:
    bool negated_;
    Comparator lo_cmp_, hi_cmp_;
    Operand v_, lo_, hi_;
};

class InEval final : public Evaluator {
public:
    InEval(bool negated, std::vector<Comparator> cmps, EvalPtr v, std::vector<EvalPtr> list)
        : Evaluator(SqlType::Boolean()), negated_(negated), cmps_(std::move(cmps)), v_(std::move(v)),
          list_(std::move(list)) {}
    const Value& Eval(const Row& row) override {
        const Value& x = v_->Eval(row);
        if (x.is_null()) {
            out_.SetBool(negated_);
            return out_;
        }
        for (size_t i = 0; i < list_.size(); ++i) {
            const Value& y = list_[i]->Eval(row);
            if (y.is_null()) continue;
            if (cmps_[i].Equal(x, y)) {
                out_.SetBool(!negated_);
                return out_;
            }
        }
        out_.SetBool(negated_);
        return out_;
    }

private:
    bool negated_;
    std::vector<Comparator> cmps_;
    EvalPtr v_;
    std::vector<EvalPtr> list_;
};

class LikeEval final : public Evaluator {
public:
    LikeEval(bool negated, EvalPtr v, LikeMatcher matcher)
        : Evaluator(SqlType::Boolean()), negated_(negated), v_(std::move(v)), matcher_(std::move(matcher)) {}
    const Value& Eval(const Row& row) override {
        const Value& x = v_->Eval(row);
        if (x.is_null()) {  // ksqlDB's matcher throws on null: the whole expression is null
            RaiseEvalFailure();
            out_.SetNull();
            return out_;
        }
        bool m = matcher_.Matches(x.AsString());
        out_.SetBool(negated_ ? !m : m);
        return out_;
    }

private:
    bool negated_;
    EvalPtr v_;
    LikeMatcher matcher_;
};

// LIKE with a pattern computed per row: the matcher is rebuilt only when the pattern changes.
class DynamicLikeEval final : public Evaluator {
public:
    DynamicLikeEval(bool negated, char escape, EvalPtr v, EvalPtr p)
        : Evaluator(SqlType::Boolean()), negated_(negated), escape_(escape), v_(std::move(v)),
          p_(std::move(p)), matcher_("", escape) {}
    const Value& Eval(const Row& row) override {
        const Value& x = v_->Eval(row);
        const Value& p = p_->Eval(row);
        if (x.is_null() || p.is_null()) {
            RaiseEvalFailure();
            out_.SetNull();
            return out_;
        }
        if (!compiled_ || p.AsString() != pattern_) {
            pattern_.assign(p.AsString());
            matcher_ = LikeMatcher(pattern_, escape_);
            compiled_ = true;
        }
        bool m = matcher_.Matches(x.AsString());
        out_.SetBool(negated_ ? !m : m);
        return out_;
    }

private:
    bool negated_;
    char escape_;
    EvalPtr v_, p_;
    std::string pattern_;
    bool compiled_ = false;
    LikeMatcher matcher_;
};

Comparator For(const TypedExpr& expr, size_t a, size_t b) {
    return Comparator(expr.args[a]->type, expr.args[b]->type);
}

}  // namespace

Operand Arg(const TypedExpr& expr, std::vector<EvalPtr>& args, size_t i) {
    return Operand(*expr.args[i], std::move(args[i]));
}

EvalPtr MakeCompareEval(const TypedExpr& expr, std::vector<EvalPtr> args) {
    return EvalPtr(new CompareEval(expr.compare_op, For(expr, 0, 1), Arg(expr, args, 0), Arg(expr, args, 1)));
}

EvalPtr MakeDistinctEval(const TypedExpr& expr, std::vector<EvalPtr> args) {
    return EvalPtr(new DistinctEval(expr.negated, For(expr, 0, 1), std::move(args[0]), std::move(args[1])));
}

EvalPtr MakeBetweenEval(const TypedExpr& expr, std::vector<EvalPtr> args) {
    return EvalPtr(new BetweenEval(expr.negated, For(expr, 0, 1), For(expr, 0, 2), Arg(expr, args, 0),
                                   Arg(expr, args, 1), Arg(expr, args, 2)));
}

EvalPtr MakeInEval(const TypedExpr& expr, std::vector<EvalPtr> args) {
    std::vector<Comparator> cmps;
    std::vector<EvalPtr> list;
    for (size_t i = 1; i < args.size(); ++i) {
        cmps.push_back(For(expr, 0, i));
        list.push_back(std::move(args[i]));
    }
    return EvalPtr(new InEval(expr.negated, std::move(cmps), std::move(args[0]), std::move(list)));
}

EvalPtr MakeLikeEval(const TypedExpr& expr, std::vector<EvalPtr> args, CompileContext& ctx) {
    ctx.may_fail = true;
    if (args.size() == 2) {
        return EvalPtr(new DynamicLikeEval(expr.negated, expr.escape, std::move(args[0]), std::move(args[1])));
    }
    return EvalPtr(new LikeEval(expr.negated, std::move(args[0]), LikeMatcher(expr.pattern, expr.escape)));
}

}  // namespace runnel::expression::internal
