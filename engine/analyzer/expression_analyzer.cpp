// Expression analysis: dispatch, literals, column and pseudo-column references, unary operators,
// IS [NOT] NULL and function calls.
#include "engine/analyzer/expression_analyzer.h"

#include <algorithm>

#include "engine/analyzer/expression_analyzer_util.h"
#include "engine/analyzer/table_function_analyzer.h"
#include "engine/expression/lambda_function.h"
#include "engine/parser/parser.h"

namespace runnel::analyzer {

using expression::TypedExpr;
using expression::TypedExprPtr;
using expression::TypedKind;
using parser::Expr;
using parser::ExprKind;
using parser::Op;

namespace {

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

Result<TypedExprPtr> ExpressionAnalyzer::Analyze(const Expr& expr) const {
    Ctx ctx;
    return Visit(expr, ctx);
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzePredicate(const Expr& expr,
                                                         const std::string& clause) const {
    Ctx ctx;
    ctx.clause = clause.c_str();
    ASSIGN_OR_RETURN(auto typed, Visit(expr, ctx));
    if (typed->type.kind() != TypeKind::kBoolean && typed->type.kind() != TypeKind::kNull) {
        return Status::Invalid("Type error in " + clause +
                               " expression: Should evaluate to boolean but is " +
                               ExprToMessage(expr) + " (" + typed->type.ToString() + ") instead.");
    }
    return typed;
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeSelectItem(const Expr& expr) const {
    Ctx ctx;
    ctx.clause = "SELECT";
    ASSIGN_OR_RETURN(auto typed, Visit(expr, ctx));
    if (typed->type.kind() == TypeKind::kNull) {
        return Status::Invalid(
            "Can't infer a type of null. Please explicitly cast it to a required type, e.g. "
            "CAST(null AS VARCHAR).");
    }
    return typed;
}

Result<TypedExprPtr> ExpressionAnalyzer::Visit(const Expr& e, Ctx& ctx) const {
    if (scope_.substitute && ctx.lambda_vars.empty()) {
        ASSIGN_OR_RETURN(auto replaced, scope_.substitute(e));
        if (replaced) return replaced;
    }
    switch (e.kind) {
        case ExprKind::kLiteral: return AnalyzeLiteral(e);
        case ExprKind::kColumnRef:
        case ExprKind::kLambdaVar: return AnalyzeColumn(e, ctx);
        case ExprKind::kUnary: return AnalyzeUnary(e, ctx);
        case ExprKind::kBinary: return AnalyzeBinary(e, ctx);
        case ExprKind::kIsNull:
        case ExprKind::kIsNotNull: {
            ASSIGN_OR_RETURN(auto a, Visit(*e.args[0], ctx));
            TypedExpr t;
            t.kind = e.kind == ExprKind::kIsNull ? TypedKind::kIsNull : TypedKind::kIsNotNull;
            t.type = SqlType::Boolean();
            t.args = {a};
            t.sql = parser::ExprToSql(e);
            return MakeTyped(std::move(t));
        }
        case ExprKind::kIsDistinctFrom: return AnalyzeDistinct(e, ctx);
        case ExprKind::kFunctionCall: return AnalyzeCall(e, ctx);
        case ExprKind::kCast: return AnalyzeCast(e, ctx);
        case ExprKind::kCase:
        case ExprKind::kSimpleCase: return AnalyzeCase(e, ctx);
        case ExprKind::kIn:
        case ExprKind::kBetween: return AnalyzeInOrBetween(e, ctx);
        case ExprKind::kLike: return AnalyzeLike(e, ctx);
        case ExprKind::kDereference: return AnalyzeDereference(e, ctx);
        case ExprKind::kSubscript: return AnalyzeSubscript(e, ctx);
        case ExprKind::kArrayCtor: return AnalyzeArrayCtor(e, ctx);
        case ExprKind::kMapCtor: return AnalyzeMapCtor(e, ctx);
        case ExprKind::kStructCtor: return AnalyzeStructCtor(e, ctx);
        case ExprKind::kDereferenceAll:
            return Status::Invalid("'" + ExprToMessage(e) +
                                   "' is only allowed as a whole item of a SELECT list.");
        case ExprKind::kLambda:
            return Status::Invalid("A lambda is only allowed as an argument of a lambda function "
                                   "(TRANSFORM, FILTER, REDUCE): " + ExprToMessage(e));
        case ExprKind::kIntervalUnit: {
            // A time unit argument (TIMESTAMPADD(SECONDS, ...)) reaches functions as its name.
            TypedExpr t;
            t.kind = TypedKind::kLiteral;
            t.type = SqlType::String();
            t.literal.SetString(e.name.name);
            t.sql = e.name.name;
            return MakeTyped(std::move(t));
        }
        case ExprKind::kVariable:
            return Status::Invalid("Undefined variable: ${" + e.name.name + "}");
    }
    return Status::Internal("unknown expression");
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeLiteral(const Expr& e) const {
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
        case parser::LiteralKind::kDecimal: {
            TypedExpr d = DecimalLiteral(e.text);
            if (d.type.precision() > 38) {
                return Status::Invalid("DECIMAL literal has more than 38 digits: " + e.text);
            }
            return MakeTyped(std::move(d));
        }
        case parser::LiteralKind::kString:
            t.type = SqlType::String();
            t.literal.SetString(e.text);
            break;
    }
    return MakeTyped(std::move(t));
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeColumn(const Expr& e, Ctx& ctx) const {
    const std::string& name = e.name.name;
    if (e.qualifier.name.empty()) {
        // Lambda parameters shadow columns; the innermost binding wins.
        for (auto it = ctx.lambda_vars.rbegin(); it != ctx.lambda_vars.rend(); ++it) {
            if (it->name != name) continue;
            TypedExpr t;
            t.kind = TypedKind::kLambdaVar;
            t.column = it->slot;
            t.type = it->type;
            t.sql = name;
            return MakeTyped(std::move(t));
        }
    }
    if (e.kind == ExprKind::kLambdaVar) {
        return Status::Invalid(Where(e) + "Lambda variable '" + name + "' is not in scope.");
    }
    std::optional<size_t> idx;
    if (scope_.resolve_column) {
        ASSIGN_OR_RETURN(idx, scope_.resolve_column(e.qualifier.name, name));
    } else {
        if (!e.qualifier.name.empty()) {
            bool known = std::find(scope_.qualifiers.begin(), scope_.qualifiers.end(),
                                   e.qualifier.name) != scope_.qualifiers.end();
            if (!known) {
                return Status::Invalid(Where(e) + "'" + e.qualifier.name +
                                       "' is not a valid stream/table name or alias.");
            }
        }
        idx = scope_.schema->Find(name);
    }
    if (idx) {
        TypedExpr t;
        t.kind = TypedKind::kColumn;
        t.column = *idx;
        t.type = scope_.schema->column(*idx).type;
        t.sql = scope_.resolve_column ? scope_.schema->column(*idx).name : name;
        return MakeTyped(std::move(t));
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
        std::string full = (e.qualifier.name.empty() ? "" : e.qualifier.name + ".") + name;
        if (ctx.clause) {
            return Status::Invalid(std::string(ctx.clause) + " column '" + full +
                                   "' cannot be resolved.");
        }
        return Status::Invalid(Where(e) + "Column '" + full + "' cannot be resolved.");
    }
    return MakeTyped(std::move(t));
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeUnary(const Expr& e, Ctx& ctx) const {
    ASSIGN_OR_RETURN(auto a, Visit(*e.args[0], ctx));
    if (e.op == Op::kNot) {
        if (a->type.kind() != TypeKind::kBoolean && a->type.kind() != TypeKind::kNull) {
            return Status::Invalid("NOT expects a boolean value: " + ExprToMessage(e));
        }
        TypedExpr t;
        t.kind = TypedKind::kNot;
        t.type = SqlType::Boolean();
        t.args = {CastTo(a, SqlType::Boolean())};
        t.sql = parser::ExprToSql(e);
        return MakeTyped(std::move(t));
    }
    if (!a->type.IsNumeric()) {
        return Status::Invalid("Error processing expression: " + ExprToMessage(e) +
                               ". Unsupported arithmetic type. " + a->type.ToString());
    }
    if (e.op == Op::kPlus) return a;
    if (a->kind == TypedKind::kLiteral && !a->literal.is_null() &&
        a->type.kind() == TypeKind::kDecimal) {
        TypedExpr t = *a;
        t.literal.SetDecimal(-a->literal.AsDecimal());
        t.sql = "-" + a->sql;
        return MakeTyped(std::move(t));
    }
    TypedExpr t;
    t.kind = TypedKind::kNegate;
    t.type = a->type;
    t.args = {a};
    t.sql = parser::ExprToSql(e);
    return MakeTyped(std::move(t));
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeCall(const Expr& e, Ctx& ctx) const {
    if (expression::IsLambdaFunctionName(e.name.name)) return AnalyzeLambdaCall(e, ctx);
    if (expression::TableFunctionRegistry::Builtins().Has(e.name.name)) {
        return TableFunctionReference(e, scope_);
    }
    std::vector<TypedExprPtr> args;
    std::vector<SqlType> types;
    for (const auto& a : e.args) {
        ASSIGN_OR_RETURN(auto t, Visit(*a, ctx));
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
    for (size_t i = 0; i < args.size(); ++i) {
        const SqlType& want = i < params.size() ? params[i] : args[i]->type;
        t.args.push_back(CastTo(std::move(args[i]), want));
    }
    t.sql = parser::ExprToSql(e);
    return MakeTyped(std::move(t));
}

}  // namespace runnel::analyzer
