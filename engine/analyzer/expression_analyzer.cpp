#include "engine/analyzer/expression_analyzer.h"

#include <algorithm>

#include "engine/expression/cast.h"
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

TypedExprPtr Make(TypedExpr e) { return std::make_shared<const TypedExpr>(std::move(e)); }

int NumericRank(TypeKind k) {
    switch (k) {
        case TypeKind::kInt: return 1;
        case TypeKind::kBigint: return 2;
        case TypeKind::kDecimal: return 3;
        case TypeKind::kDouble: return 4;
        default: return 0;
    }
}

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

std::string Where(const Expr& e) {
    return "Line: " + std::to_string(e.loc.line) + ", Col: " + std::to_string(e.loc.column) + ": ";
}

// Decimal literal "12.30" -> unscaled 1230, precision 4, scale 2.
TypedExpr DecimalLiteral(const std::string& text) {
    __int128 unscaled = 0;
    int scale = 0, digits = 0;
    bool neg = false, after_point = false;
    for (char c : text) {
        if (c == '-') neg = true;
        else if (c == '.') after_point = true;
        else if (c >= '0' && c <= '9') {
            unscaled = unscaled * 10 + (c - '0');
            if (digits > 0 || c != '0' || after_point) ++digits;
            if (after_point) ++scale;
        }
    }
    int precision = std::max(digits, scale);
    if (precision == 0) precision = 1;
    TypedExpr t;
    t.kind = TypedKind::kLiteral;
    t.type = SqlType::Decimal(precision, scale);
    t.literal.SetDecimal(neg ? -unscaled : unscaled);
    t.sql = text;
    return t;
}

}  // namespace

TypedExprPtr CastTo(TypedExprPtr e, const SqlType& to) {
    if (e->type == to) return e;
    if (e->kind == TypedKind::kLiteral && e->literal.is_null()) {
        TypedExpr n = *e;
        n.type = to;
        return Make(std::move(n));
    }
    TypedExpr c;
    c.kind = TypedKind::kCast;
    c.type = to;
    c.sql = e->sql;
    c.args.push_back(std::move(e));
    return Make(std::move(c));
}

std::optional<SqlType> CommonType(const SqlType& a, const SqlType& b) {
    if (a.kind() == TypeKind::kNull) return b;
    if (b.kind() == TypeKind::kNull) return a;
    if (a == b) return a;
    int ra = NumericRank(a.kind()), rb = NumericRank(b.kind());
    if (ra > 0 && rb > 0) {
        if (a.kind() == TypeKind::kDecimal && b.kind() == TypeKind::kDecimal) {
            int scale = std::max(a.scale(), b.scale());
            int integral = std::max(a.precision() - a.scale(), b.precision() - b.scale());
            return SqlType::Decimal(std::min(38, integral + scale), scale);
        }
        return ra >= rb ? a : b;
    }
    if (a.kind() == TypeKind::kString && b.kind() == TypeKind::kString) return a;
    return std::nullopt;
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzePredicate(const Expr& expr,
                                                         const std::string& clause) const {
    ASSIGN_OR_RETURN(auto typed, Analyze(expr));
    if (typed->type.kind() != TypeKind::kBoolean && typed->type.kind() != TypeKind::kNull) {
        return Status::Invalid("Type error in " + clause + " expression: Should evaluate to boolean but is " +
                               parser::ExprToSql(expr) + " (" + typed->type.ToString() + ") instead.");
    }
    return typed;
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeColumn(const Expr& e) const {
    const std::string& name = e.name.name;
    if (!e.qualifier.name.empty()) {
        bool known = std::find(scope_.qualifiers.begin(), scope_.qualifiers.end(),
                               e.qualifier.name) != scope_.qualifiers.end();
        if (!known) {
            return Status::Invalid(Where(e) + "'" + e.qualifier.name +
                                   "' is not a valid stream/table name or alias.");
        }
    }
    if (auto idx = scope_.schema->Find(name)) {
        TypedExpr t;
        t.kind = TypedKind::kColumn;
        t.column = *idx;
        t.type = scope_.schema->column(*idx).type;
        t.sql = name;
        return Make(std::move(t));
    }
    TypedExpr t;
    t.kind = TypedKind::kPseudo;
    t.sql = name;
    if (name == kRowTime) {
        t.pseudo = expression::PseudoColumn::kRowTime;
        t.type = SqlType::Bigint();
    } else if (name == kRowPartition) {
        t.pseudo = expression::PseudoColumn::kRowPartition;
        t.type = SqlType::Int();
    } else if (name == kRowOffset) {
        t.pseudo = expression::PseudoColumn::kRowOffset;
        t.type = SqlType::Bigint();
    } else if ((name == kWindowStart || name == kWindowEnd) && scope_.windowed) {
        t.pseudo = name == kWindowStart ? expression::PseudoColumn::kWindowStart
                                        : expression::PseudoColumn::kWindowEnd;
        t.type = SqlType::Bigint();
    } else {
        return Status::Invalid(Where(e) + "Column '" +
                               (e.qualifier.name.empty() ? "" : e.qualifier.name + ".") + name +
                               "' cannot be resolved.");
    }
    return Make(std::move(t));
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeCompare(const Expr& e, TypedExprPtr l,
                                                        TypedExprPtr r) const {
    auto common = CommonType(l->type, r->type);
    bool complex = l->type == r->type && !l->type.IsPrimitive();
    if (!common || (complex && e.op != Op::kEq && e.op != Op::kNe)) {
        return Status::Invalid("Cannot compare " + parser::ExprToSql(*e.args[0]) + " (" +
                               l->type.ToString() + ") to " + parser::ExprToSql(*e.args[1]) + " (" +
                               r->type.ToString() + ") with " + CompareName(e.op) + ".");
    }
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
    SqlType ct = common->kind() == TypeKind::kNull ? SqlType::String() : *common;
    t.args = {CastTo(std::move(l), ct), CastTo(std::move(r), ct)};
    t.sql = parser::ExprToSql(e);
    return Make(std::move(t));
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeBinary(const Expr& e) const {
    ASSIGN_OR_RETURN(auto l, Analyze(*e.args[0]));
    ASSIGN_OR_RETURN(auto r, Analyze(*e.args[1]));
    std::string sql = parser::ExprToSql(e);
    switch (e.op) {
        case Op::kAnd:
        case Op::kOr: {
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
            t.sql = sql;
            return Make(std::move(t));
        }
        case Op::kEq: case Op::kNe: case Op::kLt: case Op::kLe: case Op::kGt: case Op::kGe:
            return AnalyzeCompare(e, std::move(l), std::move(r));
        case Op::kConcat:
        case Op::kAdd:
            if (l->type.kind() == TypeKind::kString || r->type.kind() == TypeKind::kString ||
                e.op == Op::kConcat) {
                if ((l->type.kind() != TypeKind::kString && l->type.kind() != TypeKind::kNull) ||
                    (r->type.kind() != TypeKind::kString && r->type.kind() != TypeKind::kNull)) {
                    return Status::Invalid("Error processing expression: " + sql +
                                           ". Unsupported arithmetic types. " + l->type.ToString() +
                                           " " + r->type.ToString());
                }
                TypedExpr t;
                t.kind = TypedKind::kConcat;
                t.type = SqlType::String();
                t.args = {CastTo(l, SqlType::String()), CastTo(r, SqlType::String())};
                t.sql = sql;
                return Make(std::move(t));
            }
            [[fallthrough]];
        case Op::kSub: case Op::kMul: case Op::kDiv: case Op::kMod: {
            auto common = CommonType(l->type, r->type);
            if (!common || (!common->IsNumeric() && common->kind() != TypeKind::kNull)) {
                return Status::Invalid("Error processing expression: " + sql +
                                       ". Unsupported arithmetic types. " + l->type.ToString() +
                                       " " + r->type.ToString());
            }
            SqlType ct = common->kind() == TypeKind::kNull ? SqlType::Int() : *common;
            if (ct.kind() == TypeKind::kDecimal) {
                return Status::NotImplemented("Arithmetic on DECIMAL values is not supported yet: " + sql);
            }
            TypedExpr t;
            t.kind = TypedKind::kArithmetic;
            t.type = ct;
            switch (e.op) {
                case Op::kSub: t.arith_op = ArithOp::kSub; break;
                case Op::kMul: t.arith_op = ArithOp::kMul; break;
                case Op::kDiv: t.arith_op = ArithOp::kDiv; break;
                case Op::kMod: t.arith_op = ArithOp::kMod; break;
                default: t.arith_op = ArithOp::kAdd; break;
            }
            t.args = {CastTo(l, ct), CastTo(r, ct)};
            t.sql = sql;
            return Make(std::move(t));
        }
        default:
            return Status::Internal("unexpected binary operator");
    }
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeCall(const Expr& e) const {
    std::vector<TypedExprPtr> args;
    std::vector<SqlType> types;
    for (const auto& a : e.args) {
        ASSIGN_OR_RETURN(auto t, Analyze(*a));
        types.push_back(t->type);
        args.push_back(std::move(t));
    }
    std::vector<SqlType> params;
    SqlType return_type;
    auto resolved = functions_.Resolve(e.name.name, types, &params, &return_type);
    if (!resolved.ok()) return resolved.status();
    TypedExpr t;
    t.kind = TypedKind::kCall;
    t.function = resolved.value();
    t.type = return_type;
    for (size_t i = 0; i < args.size(); ++i) t.args.push_back(CastTo(std::move(args[i]), params[i]));
    t.sql = parser::ExprToSql(e);
    return Make(std::move(t));
}

Result<TypedExprPtr> ExpressionAnalyzer::Analyze(const Expr& e) const {
    std::string sql;
    switch (e.kind) {
        case ExprKind::kLiteral: {
            TypedExpr t;
            t.kind = TypedKind::kLiteral;
            t.sql = parser::ExprToSql(e);
            switch (e.literal_kind) {
                case parser::LiteralKind::kNull: t.type = SqlType::Null(); break;
                case parser::LiteralKind::kBoolean:
                    t.type = SqlType::Boolean();
                    t.literal.SetBool(e.bool_value);
                    break;
                case parser::LiteralKind::kInteger:
                    t.type = SqlType::Int();
                    t.literal.SetInt(e.int_value);
                    break;
                case parser::LiteralKind::kBigint:
                    t.type = SqlType::Bigint();
                    t.literal.SetInt(e.int_value);
                    break;
                case parser::LiteralKind::kDouble:
                    t.type = SqlType::Double();
                    t.literal.SetDouble(e.double_value);
                    break;
                case parser::LiteralKind::kDecimal:
                    return Make(DecimalLiteral(e.text));
                case parser::LiteralKind::kString:
                    t.type = SqlType::String();
                    t.literal.SetString(e.text);
                    break;
            }
            return Make(std::move(t));
        }
        case ExprKind::kColumnRef:
            return AnalyzeColumn(e);
        case ExprKind::kUnary: {
            ASSIGN_OR_RETURN(auto a, Analyze(*e.args[0]));
            if (e.op == Op::kNot) {
                if (a->type.kind() != TypeKind::kBoolean && a->type.kind() != TypeKind::kNull) {
                    return Status::Invalid("NOT expects a boolean value: " + parser::ExprToSql(e));
                }
                TypedExpr t;
                t.kind = TypedKind::kNot;
                t.type = SqlType::Boolean();
                t.args = {CastTo(a, SqlType::Boolean())};
                t.sql = parser::ExprToSql(e);
                return Make(std::move(t));
            }
            if (!a->type.IsNumeric()) {
                return Status::Invalid("Unary minus/plus expects a numeric value: " + parser::ExprToSql(e));
            }
            if (e.op == Op::kPlus) return a;
            if (a->type.kind() == TypeKind::kDecimal) {
                if (a->kind == TypedKind::kLiteral) {
                    TypedExpr t = *a;
                    t.literal.SetDecimal(-a->literal.AsDecimal());
                    t.sql = "-" + a->sql;
                    return Make(std::move(t));
                }
                return Status::NotImplemented("Negation of DECIMAL values is not supported yet");
            }
            TypedExpr t;
            t.kind = TypedKind::kNegate;
            t.type = a->type;
            t.args = {a};
            t.sql = parser::ExprToSql(e);
            return Make(std::move(t));
        }
        case ExprKind::kBinary:
            return AnalyzeBinary(e);
        case ExprKind::kIsNull:
        case ExprKind::kIsNotNull: {
            ASSIGN_OR_RETURN(auto a, Analyze(*e.args[0]));
            TypedExpr t;
            t.kind = e.kind == ExprKind::kIsNull ? TypedKind::kIsNull : TypedKind::kIsNotNull;
            t.type = SqlType::Boolean();
            t.args = {a};
            t.sql = parser::ExprToSql(e);
            return Make(std::move(t));
        }
        case ExprKind::kIsDistinctFrom: {
            ASSIGN_OR_RETURN(auto l, Analyze(*e.args[0]));
            ASSIGN_OR_RETURN(auto r, Analyze(*e.args[1]));
            auto common = CommonType(l->type, r->type);
            if (!common) {
                return Status::Invalid("Cannot compare " + parser::ExprToSql(*e.args[0]) + " (" +
                                       l->type.ToString() + ") to " + parser::ExprToSql(*e.args[1]) +
                                       " (" + r->type.ToString() + ") with IS_DISTINCT_FROM.");
            }
            TypedExpr t;
            t.kind = TypedKind::kIsDistinct;
            t.negated = e.negated;
            t.type = SqlType::Boolean();
            SqlType ct = common->kind() == TypeKind::kNull ? SqlType::String() : *common;
            t.args = {CastTo(l, ct), CastTo(r, ct)};
            t.sql = parser::ExprToSql(e);
            return Make(std::move(t));
        }
        case ExprKind::kFunctionCall:
            return AnalyzeCall(e);
        case ExprKind::kCast: {
            ASSIGN_OR_RETURN(auto a, Analyze(*e.args[0]));
            if (!expression::CanCast(a->type, e.type)) {
                return Status::Invalid("Cast of " + a->type.ToString() + " to " + e.type.ToString() +
                                       " is not supported");
            }
            if (e.type.kind() == TypeKind::kDecimal && a->type.kind() != TypeKind::kDecimal &&
                a->type.kind() != TypeKind::kInt && a->type.kind() != TypeKind::kBigint) {
                return Status::NotImplemented("CAST of " + a->type.ToString() +
                                              " to DECIMAL is not supported yet");
            }
            TypedExpr t;
            t.kind = TypedKind::kCast;
            t.type = e.type;
            t.args = {a};
            t.sql = parser::ExprToSql(e);
            return Make(std::move(t));
        }
        case ExprKind::kCase:
        case ExprKind::kSimpleCase: {
            bool simple = e.kind == ExprKind::kSimpleCase;
            TypedExprPtr subject;
            size_t first = 0;
            if (simple) {
                ASSIGN_OR_RETURN(subject, Analyze(*e.args[0]));
                first = 1;
            }
            std::vector<TypedExprPtr> conds, results;
            for (size_t i = first; i + 1 < e.args.size(); i += 2) {
                ASSIGN_OR_RETURN(auto w, Analyze(*e.args[i]));
                if (simple) {
                    auto common = CommonType(subject->type, w->type);
                    if (!common) return Status::Invalid("Invalid CASE: operand types do not match");
                    TypedExpr cmp;
                    cmp.kind = TypedKind::kCompare;
                    cmp.type = SqlType::Boolean();
                    cmp.args = {CastTo(subject, *common), CastTo(w, *common)};
                    w = Make(std::move(cmp));
                } else if (w->type.kind() != TypeKind::kBoolean) {
                    return Status::Invalid("WHEN operand type should be boolean. Type for '" +
                                           parser::ExprToSql(*e.args[i]) + "' is " + w->type.ToString());
                }
                ASSIGN_OR_RETURN(auto th, Analyze(*e.args[i + 1]));
                conds.push_back(std::move(w));
                results.push_back(std::move(th));
            }
            TypedExprPtr els;
            if (e.else_expr) {
                ASSIGN_OR_RETURN(els, Analyze(*e.else_expr));
            }
            SqlType rt = SqlType::Null();
            for (const auto& r : results) {
                auto c = CommonType(rt, r->type);
                if (!c) return Status::Invalid("Invalid Case expression. Type for all 'THEN' clauses should be the same.");
                rt = *c;
            }
            if (els) {
                auto c = CommonType(rt, els->type);
                if (!c) return Status::Invalid("Invalid Case expression. Type for 'ELSE' clause should be the same as for 'THEN' clauses.");
                rt = *c;
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
            return Make(std::move(t));
        }
        case ExprKind::kIn:
        case ExprKind::kBetween: {
            std::vector<TypedExprPtr> args;
            SqlType ct = SqlType::Null();
            for (const auto& a : e.args) {
                ASSIGN_OR_RETURN(auto t, Analyze(*a));
                auto c = CommonType(ct, t->type);
                if (!c) {
                    return Status::Invalid("Cannot compare " + parser::ExprToSql(*e.args[0]) + " (" +
                                           ct.ToString() + ") to " + parser::ExprToSql(*a) + " (" +
                                           t->type.ToString() + ")");
                }
                ct = *c;
                args.push_back(std::move(t));
            }
            if (ct.kind() == TypeKind::kNull) ct = SqlType::String();
            TypedExpr t;
            t.kind = e.kind == ExprKind::kIn ? TypedKind::kIn : TypedKind::kBetween;
            t.negated = e.negated;
            t.type = SqlType::Boolean();
            for (auto& a : args) t.args.push_back(CastTo(a, ct));
            t.sql = parser::ExprToSql(e);
            return Make(std::move(t));
        }
        case ExprKind::kLike: {
            ASSIGN_OR_RETURN(auto v, Analyze(*e.args[0]));
            const Expr& p = *e.args[1];
            if (p.kind != ExprKind::kLiteral || p.literal_kind != parser::LiteralKind::kString) {
                return Status::NotImplemented("LIKE with a non-literal pattern is not supported yet");
            }
            if (v->type.kind() != TypeKind::kString) {
                return Status::Invalid("LIKE expects a STRING value, got " + v->type.ToString());
            }
            TypedExpr t;
            t.kind = TypedKind::kLike;
            t.negated = e.negated;
            t.type = SqlType::Boolean();
            t.pattern = p.text;
            if (e.escape && !e.escape->empty()) t.escape = (*e.escape)[0];
            t.args = {v};
            t.sql = parser::ExprToSql(e);
            return Make(std::move(t));
        }
        case ExprKind::kDereference:
        case ExprKind::kDereferenceAll:
        case ExprKind::kSubscript:
        case ExprKind::kArrayCtor:
        case ExprKind::kMapCtor:
        case ExprKind::kStructCtor:
        case ExprKind::kLambda:
        case ExprKind::kLambdaVar:
        case ExprKind::kIntervalUnit:
            return Status::NotImplemented("Expression '" + parser::ExprToSql(e) +
                                          "' uses structs, arrays, maps or lambdas, which are not "
                                          "supported yet");
        case ExprKind::kVariable:
            return Status::Invalid("Undefined variable: ${" + e.name.name + "}");
    }
    return Status::Internal("unknown expression");
}

}  // namespace runnel::analyzer
