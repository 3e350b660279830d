// Operators: AND / OR, comparisons (with ksqlDB's string-to-temporal coercion and ROWTIME
// compared to timestamp text), arithmetic and '+' concatenation, IS [NOT] DISTINCT FROM,
// IN, BETWEEN, LIKE and CASE.
#include <algorithm>

#include "engine/analyzer/expression_analyzer.h"
#include "engine/analyzer/expression_analyzer_util.h"
#include "engine/expression/decimal_math.h"
#include "engine/expression/temporal_text.h"
#include "engine/parser/parser.h"

namespace runnel::analyzer {

using expression::ArithOp;
using expression::CompareOp;
using expression::TypedExpr;
using expression::TypedExprPtr;
using expression::TypedKind;
using parser::Expr;
using parser::ExprKind;
using parser::Op;

namespace {

const char* CompareName(Op op) {
    switch (op) {
        case Op::kEq: return "EQUAL";
        case Op::kNe: return "NOT_EQUAL";
        case Op::kLt: return "LESS_THAN";
        case Op::kLe: return "LESS_THAN_OR_EQUAL";
        case Op::kGt: return "GREATER_THAN";
        case Op::kGe: return "GREATER_THAN_OR_EQUAL";
        default: return "?";
    }
}

const char* CompareSymbol(Op op) {
    switch (op) {
        case Op::kEq: return "=";
        case Op::kNe: return "<>";
        case Op::kLt: return "<";
        case Op::kLe: return "<=";
        case Op::kGt: return ">";
        default: return ">=";
    }
}

bool IsTemporal(TypeKind k) {
    return k == TypeKind::kDate || k == TypeKind::kTime || k == TypeKind::kTimestamp;
}
bool IsComplex(TypeKind k) {
    return k == TypeKind::kArray || k == TypeKind::kMap || k == TypeKind::kStruct;
}
bool IsIntegral(TypeKind k) { return k == TypeKind::kInt || k == TypeKind::kBigint; }

// ROWTIME, WINDOWSTART and WINDOWEND compare with timestamp text ('2020-01-01T00:00:00').
bool IsTimeColumn(const TypedExpr& e) {
    return e.kind == TypedKind::kPseudo && (e.pseudo == expression::PseudoColumn::kRowTime ||
                                            e.pseudo == expression::PseudoColumn::kWindowStart ||
                                            e.pseudo == expression::PseudoColumn::kWindowEnd);
}

bool IsStringLiteral(const TypedExpr& e) {
    return e.kind == TypedKind::kLiteral && e.type.kind() == TypeKind::kString && !e.literal.is_null();
}

// The type two comparison operands meet at, or nullopt when they cannot be compared.
std::optional<SqlType> ComparisonType(const TypedExpr& a, const TypedExpr& b) {
    const SqlType &x = a.type, &y = b.type;
    if (IsTemporal(x.kind()) && y.kind() == TypeKind::kString) return x;
    if (IsTemporal(y.kind()) && x.kind() == TypeKind::kString) return y;
    if (IsTimeColumn(a) && IsStringLiteral(b)) return x;
    if (IsTimeColumn(b) && IsStringLiteral(a)) return y;
    auto common = CommonType(x, y);
    if (!common) return std::nullopt;
    if (IsComplex(common->kind()) && !(x.kind() == y.kind() || x.kind() == TypeKind::kNull ||
                                       y.kind() == TypeKind::kNull)) {
        return std::nullopt;
    }
    return common;
}

// One operand converted for comparison at `target`. DECIMALs keep their own scale (the
// evaluator aligns scales); integers meet DECIMALs as DECIMAL(10|19, 0).
Result<TypedExprPtr> ForComparison(TypedExprPtr e, const SqlType& target) {
    if (e->type == target) return e;
    if (target.kind() == TypeKind::kDecimal) {
        if (e->type.kind() == TypeKind::kDecimal) return e;
        if (IsIntegral(e->type.kind())) {
            return CastTo(e, expression::DecimalForIntegral(e->type.kind()));
        }
    }
    if (target.kind() == TypeKind::kBigint && IsStringLiteral(*e)) {
        int64_t millis;
        if (!expression::ParseTimestampText(e->literal.AsString(), &millis)) {
            return Status::Invalid("Failed to parse timestamp '" + std::string(e->literal.AsString()) +
                                   "': it is not in the format yyyy-MM-dd'T'HH:mm:ss.SSS");
        }
        TypedExpr n = *e;
        n.type = SqlType::Bigint();
        n.literal.SetInt(millis);
        return MakeTyped(std::move(n));
    }
    return CoerceTo(std::move(e), target);
}

}  // namespace

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeBinary(const Expr& e, Ctx& ctx) const {
    ASSIGN_OR_RETURN(auto l, Visit(*e.args[0], ctx));
    ASSIGN_OR_RETURN(auto r, Visit(*e.args[1], ctx));
    switch (e.op) {
        case Op::kAnd:
        case Op::kOr: return AnalyzeLogical(e, std::move(l), std::move(r));
        case Op::kEq: case Op::kNe: case Op::kLt: case Op::kLe: case Op::kGt: case Op::kGe:
            return AnalyzeCompare(e, std::move(l), std::move(r));
        default: return AnalyzeArithmetic(e, std::move(l), std::move(r));
    }
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeLogical(const Expr& e, TypedExprPtr l,
                                                        TypedExprPtr r) const {
    for (const auto* side : {&l, &r}) {
        auto k = (*side)->type.kind();
        if (k != TypeKind::kBoolean && k != TypeKind::kNull) {
            return Status::Invalid("Logical binary expects two boolean values.  Actual " +
                                   l->type.ToString() + " and " + r->type.ToString());
        }
    }
    TypedExpr t;
    t.kind = e.op == Op::kAnd ? TypedKind::kAnd : TypedKind::kOr;
    t.type = SqlType::Boolean();
    t.args = {CastTo(l, SqlType::Boolean()), CastTo(r, SqlType::Boolean())};
    t.sql = parser::ExprToSql(e);
    return MakeTyped(std::move(t));
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeCompare(const Expr& e, TypedExprPtr l,
                                                        TypedExprPtr r) const {
    if (IsNullLiteral(*l) && IsNullLiteral(*r)) {
        return Status::Invalid(std::string("Comparison with NULL not supported: NULL ") +
                               CompareSymbol(e.op) + " NULL");
    }
    auto target = ComparisonType(*l, *r);
    bool ordered = e.op != Op::kEq && e.op != Op::kNe;
    if (!target || (ordered && IsComplex(target->kind()))) {
        return Status::Invalid("Cannot compare " + ExprToMessage(*e.args[0]) + " (" +
                               l->type.ToString() + ") to " + ExprToMessage(*e.args[1]) + " (" +
                               r->type.ToString() + ") with " + CompareName(e.op) + ".");
    }
    SqlType ct = target->kind() == TypeKind::kNull ? SqlType::String() : *target;
    TypedExpr t;
    t.kind = TypedKind::kCompare;
    t.type = SqlType::Boolean();
    switch (e.op) {
        case Op::kEq: t.compare_op = CompareOp::kEq; break;
        case Op::kNe: t.compare_op = CompareOp::kNe; break;
        case Op::kLt: t.compare_op = CompareOp::kLt; break;
        case Op::kLe: t.compare_op = CompareOp::kLe; break;
        case Op::kGt: t.compare_op = CompareOp::kGt; break;
        default: t.compare_op = CompareOp::kGe; break;
    }
    ASSIGN_OR_RETURN(auto cl, ForComparison(std::move(l), ct));
    ASSIGN_OR_RETURN(auto cr, ForComparison(std::move(r), ct));
    t.args = {std::move(cl), std::move(cr)};
    t.sql = parser::ExprToSql(e);
    return MakeTyped(std::move(t));
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeArithmetic(const Expr& e, TypedExprPtr l,
                                                           TypedExprPtr r) const {
    auto unsupported = [&]() {
        auto name = [](const SqlType& t) {
            return t.kind() == TypeKind::kNull ? std::string("null") : t.RestTypeName();
        };
        return Status::Invalid("Error processing expression: " + ExprToMessage(e) +
                               ". Unsupported arithmetic types. " + name(l->type) + " " +
                               name(r->type));
    };
    std::string sql = parser::ExprToSql(e);
    auto lk = l->type.kind(), rk = r->type.kind();
    if (e.op == Op::kConcat ||
        (e.op == Op::kAdd && (lk == TypeKind::kString || rk == TypeKind::kString))) {
        if ((lk != TypeKind::kString && lk != TypeKind::kNull) ||
            (rk != TypeKind::kString && rk != TypeKind::kNull)) {
            return unsupported();
        }
        TypedExpr t;
        t.kind = TypedKind::kConcat;
        t.type = SqlType::String();
        t.args = {CastTo(l, SqlType::String()), CastTo(r, SqlType::String())};
        t.sql = sql;
        return MakeTyped(std::move(t));
    }
    if (!l->type.IsNumeric() || !r->type.IsNumeric()) return unsupported();
    TypedExpr t;
    t.kind = TypedKind::kArithmetic;
    switch (e.op) {
        case Op::kSub: t.arith_op = ArithOp::kSub; break;
        case Op::kMul: t.arith_op = ArithOp::kMul; break;
        case Op::kDiv: t.arith_op = ArithOp::kDiv; break;
        case Op::kMod: t.arith_op = ArithOp::kMod; break;
        default: t.arith_op = ArithOp::kAdd; break;
    }
    if (lk == TypeKind::kDouble || rk == TypeKind::kDouble) {
        t.type = SqlType::Double();
        t.args = {CastTo(l, t.type), CastTo(r, t.type)};
    } else if (lk == TypeKind::kDecimal || rk == TypeKind::kDecimal) {
        auto dl = lk == TypeKind::kDecimal ? l->type : expression::DecimalForIntegral(lk);
        auto dr = rk == TypeKind::kDecimal ? r->type : expression::DecimalForIntegral(rk);
        t.type = expression::DecimalResultType(t.arith_op, dl, dr);
        t.args = {CastTo(l, dl), CastTo(r, dr)};
    } else {
        t.type = (lk == TypeKind::kBigint || rk == TypeKind::kBigint) ? SqlType::Bigint() : SqlType::Int();
        t.args = {CastTo(l, t.type), CastTo(r, t.type)};
    }
    t.sql = sql;
    return MakeTyped(std::move(t));
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeDistinct(const Expr& e, Ctx& ctx) const {
    ASSIGN_OR_RETURN(auto l, Visit(*e.args[0], ctx));
    ASSIGN_OR_RETURN(auto r, Visit(*e.args[1], ctx));
    auto target = ComparisonType(*l, *r);
    if (!target) {
        return Status::Invalid("Cannot compare " + ExprToMessage(*e.args[0]) + " (" +
                               l->type.ToString() + ") to " + ExprToMessage(*e.args[1]) + " (" +
                               r->type.ToString() + ") with " +
                               (e.negated ? "IS_NOT_DISTINCT_FROM." : "IS_DISTINCT_FROM."));
    }
    SqlType ct = target->kind() == TypeKind::kNull ? SqlType::String() : *target;
    TypedExpr t;
    t.kind = TypedKind::kIsDistinct;
    t.negated = e.negated;
    t.type = SqlType::Boolean();
    ASSIGN_OR_RETURN(auto cl, ForComparison(std::move(l), ct));
    ASSIGN_OR_RETURN(auto cr, ForComparison(std::move(r), ct));
    t.args = {std::move(cl), std::move(cr)};
    t.sql = parser::ExprToSql(e);
    return MakeTyped(std::move(t));
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeInOrBetween(const Expr& e, Ctx& ctx) const {
    std::vector<TypedExprPtr> args;
    for (const auto& a : e.args) {
        ASSIGN_OR_RETURN(auto t, Visit(*a, ctx));
        args.push_back(std::move(t));
    }
    // Every other operand is compared with the first.
    SqlType ct = args[0]->type;
    for (size_t i = 1; i < args.size(); ++i) {
        TypedExpr probe = *args[0];
        probe.type = ct;
        auto c = ComparisonType(probe, *args[i]);
        bool complex_between = c && e.kind == ExprKind::kBetween && IsComplex(c->kind());
        if (!c || complex_between) {
            return Status::Invalid("Cannot compare " + ExprToMessage(*e.args[0]) + " (" +
                                   args[0]->type.ToString() + ") to " + ExprToMessage(*e.args[i]) +
                                   " (" + args[i]->type.ToString() + ") with " +
                                   (e.kind == ExprKind::kIn ? "IN." : "BETWEEN."));
        }
        ct = *c;
    }
    if (ct.kind() == TypeKind::kNull) ct = SqlType::String();
    TypedExpr t;
    t.kind = e.kind == ExprKind::kIn ? TypedKind::kIn : TypedKind::kBetween;
    t.negated = e.negated;
    t.type = SqlType::Boolean();
    for (auto& a : args) {
        ASSIGN_OR_RETURN(auto c, ForComparison(std::move(a), ct));
        t.args.push_back(std::move(c));
    }
    t.sql = parser::ExprToSql(e);
    return MakeTyped(std::move(t));
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeLike(const Expr& e, Ctx& ctx) const {
    ASSIGN_OR_RETURN(auto v, Visit(*e.args[0], ctx));
    ASSIGN_OR_RETURN(auto p, Visit(*e.args[1], ctx));
    if (v->type.kind() != TypeKind::kString && v->type.kind() != TypeKind::kNull) {
        return Status::Invalid("LIKE expects a STRING value, but " + ExprToMessage(*e.args[0]) +
                               " is " + v->type.ToString());
    }
    if (p->type.kind() != TypeKind::kString && p->type.kind() != TypeKind::kNull) {
        return Status::Invalid("The pattern of LIKE must be a STRING, but " +
                               ExprToMessage(*e.args[1]) + " is " + p->type.ToString());
    }
    if (e.escape && e.escape->size() != 1) {
        return Status::Invalid("The ESCAPE of LIKE must be one character, got '" + *e.escape + "'");
    }
    TypedExpr t;
    t.kind = TypedKind::kLike;
    t.negated = e.negated;
    t.type = SqlType::Boolean();
    if (e.escape) t.escape = (*e.escape)[0];
    t.args = {CastTo(v, SqlType::String())};
    if (p->kind == TypedKind::kLiteral && !p->literal.is_null()) {
        t.pattern = std::string(p->literal.AsString());  // compiled once
    } else {
        t.args.push_back(CastTo(p, SqlType::String()));  // a pattern computed per row
    }
    t.sql = parser::ExprToSql(e);
    return MakeTyped(std::move(t));
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeCase(const Expr& e, Ctx& ctx) const {
    bool simple = e.kind == ExprKind::kSimpleCase;
    TypedExprPtr subject;
    size_t first = 0;
    if (simple) {
        ASSIGN_OR_RETURN(subject, Visit(*e.args[0], ctx));
        first = 1;
    }
    std::vector<TypedExprPtr> conds, results;
    for (size_t i = first; i + 1 < e.args.size(); i += 2) {
        ASSIGN_OR_RETURN(auto w, Visit(*e.args[i], ctx));
        if (simple) {
            auto c = ComparisonType(*subject, *w);
            if (!c || IsComplex(c->kind())) {
                return Status::Invalid("Invalid CASE: the operand " + ExprToMessage(*e.args[0]) +
                                       " (" + subject->type.ToString() + ") cannot be compared to " +
                                       ExprToMessage(*e.args[i]) + " (" + w->type.ToString() + ")");
            }
            SqlType ct = c->kind() == TypeKind::kNull ? SqlType::String() : *c;
            TypedExpr cmp;
            cmp.kind = TypedKind::kCompare;
            cmp.compare_op = CompareOp::kEq;
            cmp.type = SqlType::Boolean();
            ASSIGN_OR_RETURN(auto cs, ForComparison(subject, ct));
            ASSIGN_OR_RETURN(auto cw, ForComparison(w, ct));
            cmp.args = {std::move(cs), std::move(cw)};
            w = MakeTyped(std::move(cmp));
        } else if (w->type.kind() != TypeKind::kBoolean && w->type.kind() != TypeKind::kNull) {
            return Status::Invalid("WHEN operand type should be boolean. Type for '" +
                                   ExprToMessage(*e.args[i]) + "' is " + w->type.ToString());
        }
        ASSIGN_OR_RETURN(auto th, Visit(*e.args[i + 1], ctx));
        conds.push_back(CastTo(std::move(w), SqlType::Boolean()));
        results.push_back(std::move(th));
    }
    TypedExprPtr els;
    if (e.else_expr) {
        ASSIGN_OR_RETURN(els, Visit(*e.else_expr, ctx));
    }
    SqlType rt = SqlType::Null();
    for (size_t i = 0; i < results.size(); ++i) {
        auto c = CommonType(rt, results[i]->type);
        if (!c) {
            return Status::Invalid(
                "Invalid Case expression. Type for all 'THEN' clauses should be the same. THEN "
                "expression '" + ExprToMessage(*e.args[first + 2 * i + 1]) + "' has type: " +
                results[i]->type.ToString() + ". Previous THEN expression(s) type: " +
                rt.ToString() + ".");
        }
        rt = *c;
    }
    if (els) {
        auto c = CommonType(rt, els->type);
        if (!c) {
            return Status::Invalid(
                "Invalid Case expression. Type for 'ELSE' clause should be the same as for 'THEN' "
                "clauses. THEN type: " + rt.ToString() + ". ELSE type: " + els->type.ToString() + ".");
        }
        rt = *c;
    }
    if (rt.kind() == TypeKind::kNull) {
        return Status::Invalid("Invalid Case expression. All case branches have NULL type");
    }
    TypedExpr t;
    t.kind = TypedKind::kSearchedCase;
    t.type = rt;
    for (size_t i = 0; i < conds.size(); ++i) {
        t.args.push_back(conds[i]);
        t.args.push_back(CastTo(results[i], rt));
    }
    if (els) {
        t.args.push_back(CastTo(els, rt));
        t.has_else = true;
    }
    t.sql = parser::ExprToSql(e);
    return MakeTyped(std::move(t));
}

}  // namespace runnel::analyzer
