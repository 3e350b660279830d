// AstBuilder, expressions: boolean logic, predicates, arithmetic, primaries, literals,
// function calls and lambdas.
#include <charconv>
#include <cstdint>
#include <limits>

#include "engine/parser/ast_builder.h"
#include "engine/parser/variable_substituter.h"

namespace runnel::parser {

using P = runnel_grammar::RunnelSqlParser;

namespace {

std::shared_ptr<Expr> NewExpr(ExprKind kind, SourceLocation loc) {
    auto expr = std::make_shared<Expr>();
    expr->kind = kind;
    expr->loc = loc;
    return expr;
}

ExprPtr MakeBinary(Op op, ExprPtr left, ExprPtr right, SourceLocation loc) {
    auto expr = NewExpr(ExprKind::kBinary, loc);
    expr->op = op;
    expr->args = {std::move(left), std::move(right)};
    return expr;
}

Op ComparisonOp(size_t token_type) {
    switch (token_type) {
        case P::EQ: return Op::kEq;
        case P::NEQ: return Op::kNe;
        case P::LT: return Op::kLt;
        case P::LTE: return Op::kLe;
        case P::GT: return Op::kGt;
        default: return Op::kGe;
    }
}

// Unsigned magnitude of a digit string, or false on overflow of 64 bits.
bool ParseMagnitude(const std::string& digits, uint64_t* out) {
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), *out);
    return error == std::errc() && end == digits.data() + digits.size();
}

// A DECIMAL '...' value: optional sign, digits with at most one point.
bool IsDecimalText(const std::string& text) {
    size_t i = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
    bool digits = false;
    bool point = false;
    for (; i < text.size(); ++i) {
        if (text[i] >= '0' && text[i] <= '9') {
            digits = true;
        } else if (text[i] == '.' && !point) {
            point = true;
        } else {
            return false;
        }
    }
    return digits;
}

}  // namespace

Result<ExprPtr> AstBuilder::BuildExpression(P::ExpressionContext* ctx) {
    return BuildBoolean(ctx->booleanExpression());
}

Result<std::vector<ExprPtr>> AstBuilder::BuildExpressions(
    const std::vector<P::ExpressionContext*>& list) {
    std::vector<ExprPtr> out;
    out.reserve(list.size());
    for (P::ExpressionContext* item : list) {
        ASSIGN_OR_RETURN(ExprPtr expr, BuildExpression(item));
        out.push_back(std::move(expr));
    }
    return out;
}

Result<ExprPtr> AstBuilder::BuildBoolean(P::BooleanExpressionContext* ctx) {
    DepthGuard guard(&depth_);
    if (guard.exceeded()) return ErrorAt(ctx, "expression is too complex (nested too deeply)");
    if (auto* plain = dynamic_cast<P::BooleanDefaultContext*>(ctx)) {
        return BuildPredicated(plain->predicated());
    }
    if (auto* logical = dynamic_cast<P::LogicalAndContext*>(ctx)) {
        ASSIGN_OR_RETURN(ExprPtr left, BuildBoolean(logical->left));
        ASSIGN_OR_RETURN(ExprPtr right, BuildBoolean(logical->right));
        return MakeBinary(Op::kAnd, std::move(left), std::move(right), Loc(ctx));
    }
    if (auto* logical = dynamic_cast<P::LogicalOrContext*>(ctx)) {
        ASSIGN_OR_RETURN(ExprPtr left, BuildBoolean(logical->left));
        ASSIGN_OR_RETURN(ExprPtr right, BuildBoolean(logical->right));
        return MakeBinary(Op::kOr, std::move(left), std::move(right), Loc(ctx));
    }
    if (auto* negation = dynamic_cast<P::LogicalNotContext*>(ctx)) {
        ASSIGN_OR_RETURN(ExprPtr operand, BuildBoolean(negation->booleanExpression()));
        auto expr = NewExpr(ExprKind::kUnary, Loc(ctx));
        expr->op = Op::kNot;
        expr->args = {std::move(operand)};
        return ExprPtr(expr);
    }
    return ErrorAt(ctx, "unsupported boolean expression");
}

Result<ExprPtr> AstBuilder::BuildPredicated(P::PredicatedContext* ctx) {
    ASSIGN_OR_RETURN(ExprPtr value, BuildValue(ctx->valueExpression()));
    P::PredicateContext* predicate = ctx->predicate();
    if (predicate == nullptr) return value;
    const SourceLocation loc = Loc(ctx);

    if (auto* cmp = dynamic_cast<P::ComparisonPredicateContext*>(predicate)) {
        ASSIGN_OR_RETURN(ExprPtr right, BuildValue(cmp->right));
        Op op = ComparisonOp(cmp->comparisonOperator()->getStart()->getType());
        return MakeBinary(op, std::move(value), std::move(right), loc);
    }
    if (auto* between = dynamic_cast<P::BetweenPredicateContext*>(predicate)) {
        ASSIGN_OR_RETURN(ExprPtr lower, BuildValue(between->lower));
        ASSIGN_OR_RETURN(ExprPtr upper, BuildValue(between->upper));
        auto expr = NewExpr(ExprKind::kBetween, loc);
        expr->negated = between->NOT() != nullptr;
        expr->args = {std::move(value), std::move(lower), std::move(upper)};
        return ExprPtr(expr);
    }
    if (auto* in = dynamic_cast<P::InPredicateContext*>(predicate)) {
        ASSIGN_OR_RETURN(std::vector<ExprPtr> list, BuildExpressions(in->expression()));
        auto expr = NewExpr(ExprKind::kIn, loc);
        expr->negated = in->NOT() != nullptr;
        expr->args.reserve(list.size() + 1);
        expr->args.push_back(std::move(value));
        for (ExprPtr& item : list) expr->args.push_back(std::move(item));
        return ExprPtr(expr);
    }
    if (auto* like = dynamic_cast<P::LikePredicateContext*>(predicate)) {
        ASSIGN_OR_RETURN(ExprPtr pattern, BuildValue(like->pattern));
        auto expr = NewExpr(ExprKind::kLike, loc);
        expr->negated = like->NOT() != nullptr;
        expr->args = {std::move(value), std::move(pattern)};
        if (like->escape != nullptr) {
            std::string escape = UnquoteString(like->escape->getText());
            if (escape.size() != 1) {
                return ErrorAt(like->escape, "the LIKE escape must be a single character");
            }
            expr->escape = std::move(escape);
        }
        return ExprPtr(expr);
    }
    if (auto* null = dynamic_cast<P::NullPredicateContext*>(predicate)) {
        auto expr = NewExpr(null->NOT() != nullptr ? ExprKind::kIsNotNull : ExprKind::kIsNull, loc);
        expr->args = {std::move(value)};
        return ExprPtr(expr);
    }
    if (auto* distinct = dynamic_cast<P::DistinctPredicateContext*>(predicate)) {
        ASSIGN_OR_RETURN(ExprPtr right, BuildValue(distinct->right));
        auto expr = NewExpr(ExprKind::kIsDistinctFrom, loc);
        expr->negated = distinct->NOT() != nullptr;
        expr->args = {std::move(value), std::move(right)};
        return ExprPtr(expr);
    }
    return ErrorAt(predicate, "unsupported predicate");
}

Result<ExprPtr> AstBuilder::BuildValue(P::ValueExpressionContext* ctx) {
    DepthGuard guard(&depth_);
    if (guard.exceeded()) return ErrorAt(ctx, "expression is too complex (nested too deeply)");
    if (auto* primary = dynamic_cast<P::ValuePrimaryContext*>(ctx)) {
        return BuildPrimary(primary->primaryExpression());
    }
    if (auto* binary = dynamic_cast<P::AdditiveContext*>(ctx)) {
        ASSIGN_OR_RETURN(ExprPtr left, BuildValue(binary->left));
        ASSIGN_OR_RETURN(ExprPtr right, BuildValue(binary->right));
        Op op = binary->op->getType() == P::PLUS ? Op::kAdd : Op::kSub;
        return MakeBinary(op, std::move(left), std::move(right), Loc(ctx));
    }
    if (auto* binary = dynamic_cast<P::MultiplicativeContext*>(ctx)) {
        ASSIGN_OR_RETURN(ExprPtr left, BuildValue(binary->left));
        ASSIGN_OR_RETURN(ExprPtr right, BuildValue(binary->right));
        size_t type = binary->op->getType();
        Op op = type == P::ASTERISK ? Op::kMul : type == P::SLASH ? Op::kDiv : Op::kMod;
        return MakeBinary(op, std::move(left), std::move(right), Loc(ctx));
    }
    if (auto* concat = dynamic_cast<P::ConcatenationContext*>(ctx)) {
        ASSIGN_OR_RETURN(ExprPtr left, BuildValue(concat->left));
        ASSIGN_OR_RETURN(ExprPtr right, BuildValue(concat->right));
        return MakeBinary(Op::kConcat, std::move(left), std::move(right), Loc(ctx));
    }
    if (auto* unary = dynamic_cast<P::UnaryArithmeticContext*>(ctx)) {
        const bool minus = unary->op->getType() == P::MINUS;
        // A minus directly before a number is part of the literal: -5 is the INT literal -5,
        // and -2147483648 still fits an INT.
        if (minus) {
            if (auto* primary = dynamic_cast<P::ValuePrimaryContext*>(unary->valueExpression())) {
                if (auto* literal = dynamic_cast<P::LiteralExpressionContext*>(
                        primary->primaryExpression())) {
                    if (auto* number =
                            dynamic_cast<P::NumericLiteralContext*>(literal->literal())) {
                        return BuildNumber(number->number(), true, Loc(ctx));
                    }
                }
            }
        }
        ASSIGN_OR_RETURN(ExprPtr operand, BuildValue(unary->valueExpression()));
        auto expr = NewExpr(ExprKind::kUnary, Loc(ctx));
        expr->op = minus ? Op::kNeg : Op::kPlus;
        expr->args = {std::move(operand)};
        return ExprPtr(expr);
    }
    return ErrorAt(ctx, "unsupported expression");
}

Result<ExprPtr> AstBuilder::BuildPrimary(P::PrimaryExpressionContext* ctx) {
    DepthGuard guard(&depth_);
    if (guard.exceeded()) return ErrorAt(ctx, "expression is too complex (nested too deeply)");
    const SourceLocation loc = Loc(ctx);
    if (auto* column = dynamic_cast<P::ColumnReferenceContext*>(ctx)) {
        return BuildColumnReference(column->identifier());
    }
    if (auto* literal = dynamic_cast<P::LiteralExpressionContext*>(ctx)) {
        return BuildLiteral(literal->literal());
    }
    if (auto* call = dynamic_cast<P::FunctionCallContext*>(ctx)) return BuildFunctionCall(call);
    if (auto* column = dynamic_cast<P::QualifiedColumnContext*>(ctx)) {
        auto expr = NewExpr(ExprKind::kColumnRef, loc);
        ASSIGN_OR_RETURN(expr->qualifier, BuildIdentifier(column->qualifier));
        ASSIGN_OR_RETURN(expr->name, BuildIdentifier(column->column));
        return ExprPtr(expr);
    }
    if (auto* paren = dynamic_cast<P::ParenthesizedContext*>(ctx)) {
        return BuildExpression(paren->expression());
    }
    if (auto* deref = dynamic_cast<P::DereferenceContext*>(ctx)) {
        ASSIGN_OR_RETURN(ExprPtr base, BuildPrimary(deref->base));
        auto expr = NewExpr(ExprKind::kDereference, loc);
        ASSIGN_OR_RETURN(expr->name, BuildIdentifier(deref->field));
        expr->args = {std::move(base)};
        return ExprPtr(expr);
    }
    if (auto* deref = dynamic_cast<P::DereferenceAllContext*>(ctx)) {
        ASSIGN_OR_RETURN(ExprPtr base, BuildPrimary(deref->base));
        auto expr = NewExpr(ExprKind::kDereferenceAll, loc);
        expr->args = {std::move(base)};
        return ExprPtr(expr);
    }
    if (auto* subscript = dynamic_cast<P::SubscriptContext*>(ctx)) {
        ASSIGN_OR_RETURN(ExprPtr base, BuildPrimary(subscript->base));
        ASSIGN_OR_RETURN(ExprPtr index, BuildExpression(subscript->index));
        auto expr = NewExpr(ExprKind::kSubscript, loc);
        expr->args = {std::move(base), std::move(index)};
        return ExprPtr(expr);
    }
    if (auto* call = dynamic_cast<P::FunctionCallStarContext*>(ctx)) {
        auto expr = NewExpr(ExprKind::kFunctionCall, loc);
        ASSIGN_OR_RETURN(expr->name, BuildIdentifier(call->identifier()));
        expr->star = true;
        return ExprPtr(expr);
    }
    if (auto* cast = dynamic_cast<P::CastContext*>(ctx)) {
        ASSIGN_OR_RETURN(ExprPtr operand, BuildExpression(cast->expression()));
        auto expr = NewExpr(ExprKind::kCast, loc);
        ASSIGN_OR_RETURN(expr->type, BuildType(cast->type()));
        expr->args = {std::move(operand)};
        return ExprPtr(expr);
    }
    if (auto* searched = dynamic_cast<P::SearchedCaseContext*>(ctx)) {
        auto expr = NewExpr(ExprKind::kCase, loc);
        for (P::WhenClauseContext* when : searched->whenClause()) {
            ASSIGN_OR_RETURN(ExprPtr condition, BuildExpression(when->condition));
            ASSIGN_OR_RETURN(ExprPtr result, BuildExpression(when->result));
            expr->args.push_back(std::move(condition));
            expr->args.push_back(std::move(result));
        }
        if (searched->elseExpression != nullptr) {
            ASSIGN_OR_RETURN(expr->else_expr, BuildExpression(searched->elseExpression));
        }
        return ExprPtr(expr);
    }
    if (auto* simple = dynamic_cast<P::SimpleCaseContext*>(ctx)) {
        auto expr = NewExpr(ExprKind::kSimpleCase, loc);
        ASSIGN_OR_RETURN(ExprPtr operand, BuildExpression(simple->operand));
        expr->args.push_back(std::move(operand));
        for (P::WhenClauseContext* when : simple->whenClause()) {
            ASSIGN_OR_RETURN(ExprPtr condition, BuildExpression(when->condition));
            ASSIGN_OR_RETURN(ExprPtr result, BuildExpression(when->result));
            expr->args.push_back(std::move(condition));
            expr->args.push_back(std::move(result));
        }
        if (simple->elseExpression != nullptr) {
            ASSIGN_OR_RETURN(expr->else_expr, BuildExpression(simple->elseExpression));
        }
        return ExprPtr(expr);
    }
    if (auto* array = dynamic_cast<P::ArrayConstructorContext*>(ctx)) {
        auto expr = NewExpr(ExprKind::kArrayCtor, loc);
        ASSIGN_OR_RETURN(expr->args, BuildExpressions(array->expression()));
        return ExprPtr(expr);
    }
    if (auto* map = dynamic_cast<P::MapConstructorContext*>(ctx)) {
        auto expr = NewExpr(ExprKind::kMapCtor, loc);
        for (P::MapEntryContext* entry : map->mapEntry()) {
            ASSIGN_OR_RETURN(ExprPtr key, BuildExpression(entry->key));
            ASSIGN_OR_RETURN(ExprPtr value, BuildExpression(entry->value));
            expr->args.push_back(std::move(key));
            expr->args.push_back(std::move(value));
        }
        return ExprPtr(expr);
    }
    if (auto* st = dynamic_cast<P::StructConstructorContext*>(ctx)) {
        auto expr = NewExpr(ExprKind::kStructCtor, loc);
        for (P::StructEntryContext* entry : st->structEntry()) {
            ASSIGN_OR_RETURN(Identifier name, BuildIdentifier(entry->identifier()));
            for (const Identifier& existing : expr->field_names) {
                if (existing.name == name.name) {
                    return ErrorAt(entry, "duplicate field name in STRUCT: " + name.name);
                }
            }
            ASSIGN_OR_RETURN(ExprPtr value, BuildExpression(entry->expression()));
            expr->field_names.push_back(std::move(name));
            expr->args.push_back(std::move(value));
        }
        return ExprPtr(expr);
    }
    if (auto* typed = dynamic_cast<P::TypedLiteralContext*>(ctx)) return BuildTypedLiteral(typed);
    if (auto* variable = dynamic_cast<P::VariableReferenceContext*>(ctx)) {
        const std::string text = variable->getText();  // ${name}
        auto expr = NewExpr(ExprKind::kVariable, loc);
        expr->name = Identifier{ToUpperAscii(text.substr(2, text.size() - 3)), false};
        return ExprPtr(expr);
    }
    return ErrorAt(ctx, "unsupported expression");
}

bool AstBuilder::IsLambdaVariable(const std::string& name) const {
    for (const auto& scope : lambda_scopes_) {
        for (const std::string& param : scope) {
            if (param == name) return true;
        }
    }
    return false;
}

Result<ExprPtr> AstBuilder::BuildColumnReference(P::IdentifierContext* ctx) {
    ASSIGN_OR_RETURN(Identifier name, BuildIdentifier(ctx));
    const bool lambda_variable = IsLambdaVariable(name.name);
    auto expr = NewExpr(lambda_variable ? ExprKind::kLambdaVar : ExprKind::kColumnRef, Loc(ctx));
    expr->name = std::move(name);
    return ExprPtr(expr);
}

Result<ExprPtr> AstBuilder::BuildLiteral(P::LiteralContext* ctx) {
    const SourceLocation loc = Loc(ctx);
    if (auto* number = dynamic_cast<P::NumericLiteralContext*>(ctx)) {
        return BuildNumber(number->number(), false, loc);
    }
    if (auto* str = dynamic_cast<P::StringLiteralContext*>(ctx)) {
        std::string value = UnquoteString(str->STRING()->getText());
        return ExprPtr(MakeLiteral(LiteralKind::kString, std::move(value), loc));
    }
    if (auto* boolean = dynamic_cast<P::BooleanLiteralContext*>(ctx)) {
        const bool value = boolean->TRUE() != nullptr;
        auto expr = MakeLiteral(LiteralKind::kBoolean, value ? "TRUE" : "FALSE", loc);
        expr->bool_value = value;
        return ExprPtr(expr);
    }
    if (dynamic_cast<P::NullLiteralContext*>(ctx) != nullptr) {
        return ExprPtr(MakeLiteral(LiteralKind::kNull, "NULL", loc));
    }
    return ErrorAt(ctx, "unsupported literal");
}

Result<ExprPtr> AstBuilder::BuildNumber(P::NumberContext* ctx, bool negative, SourceLocation loc) {
    const std::string written = ctx->getText();
    const std::string text = negative ? "-" + written : written;
    auto expr = std::make_shared<Expr>();
    expr->kind = ExprKind::kLiteral;
    expr->loc = loc;
    expr->text = text;
    if (dynamic_cast<P::IntegerNumberContext*>(ctx) != nullptr) {
        uint64_t magnitude = 0;
        const uint64_t limit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) +
                               (negative ? 1 : 0);
        if (!ParseMagnitude(written, &magnitude) || magnitude > limit) {
            return ErrorAt(ctx, "invalid numeric literal: " + text);
        }
        const int64_t value = negative ? static_cast<int64_t>(0 - magnitude)
                                       : static_cast<int64_t>(magnitude);
        const bool fits_int = value >= std::numeric_limits<int32_t>::min() &&
                              value <= std::numeric_limits<int32_t>::max();
        expr->literal_kind = fits_int ? LiteralKind::kInteger : LiteralKind::kBigint;
        expr->int_value = value;
        return ExprPtr(expr);
    }
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        return ErrorAt(ctx, "invalid numeric literal: " + text);
    }
    expr->double_value = value;
    expr->literal_kind = dynamic_cast<P::DecimalNumberContext*>(ctx) != nullptr
                             ? LiteralKind::kDecimal
                             : LiteralKind::kDouble;
    return ExprPtr(expr);
}

// DECIMAL '1.5' is a DECIMAL literal; DATE / TIME / TIMESTAMP '...' are casts of the string, so
// that the analyzer applies its usual string-to-temporal rules.
Result<ExprPtr> AstBuilder::BuildTypedLiteral(P::TypedLiteralContext* ctx) {
    const SourceLocation loc = Loc(ctx);
    ASSIGN_OR_RETURN(Identifier type, BuildIdentifier(ctx->identifier()));
    std::string value = UnquoteString(ctx->STRING()->getText());
    if (!type.quoted && type.name == "DECIMAL") {
        if (!IsDecimalText(value)) {
            return ErrorAt(ctx, "invalid DECIMAL literal: '" + value + "'");
        }
        if (value[0] == '+') value.erase(0, 1);
        auto expr = MakeLiteral(LiteralKind::kDecimal, value, loc);
        (void)std::from_chars(value.data(), value.data() + value.size(), expr->double_value);
        return ExprPtr(expr);
    }
    SqlType target;
    if (!type.quoted && type.name == "DATE") {
        target = SqlType::Date();
    } else if (!type.quoted && type.name == "TIME") {
        target = SqlType::Time();
    } else if (!type.quoted && type.name == "TIMESTAMP") {
        target = SqlType::Timestamp();
    } else {
        return ErrorAt(ctx, "unknown literal type " + type.name + " (expected DECIMAL, DATE, "
                            "TIME or TIMESTAMP before a string)");
    }
    auto expr = NewExpr(ExprKind::kCast, loc);
    expr->type = std::move(target);
    expr->args = {MakeLiteral(LiteralKind::kString, std::move(value),
                              Loc(ctx->STRING()->getSymbol()))};
    return ExprPtr(expr);
}

Result<ExprPtr> AstBuilder::BuildFunctionCall(P::FunctionCallContext* ctx) {
    auto expr = NewExpr(ExprKind::kFunctionCall, Loc(ctx));
    ASSIGN_OR_RETURN(expr->name, BuildIdentifier(ctx->identifier()));
    for (P::FunctionArgumentContext* argument : ctx->functionArgument()) {
        ASSIGN_OR_RETURN(ExprPtr built, BuildFunctionArgument(argument));
        expr->args.push_back(std::move(built));
    }
    return ExprPtr(expr);
}

Result<ExprPtr> AstBuilder::BuildFunctionArgument(P::FunctionArgumentContext* ctx) {
    if (auto* unit = dynamic_cast<P::IntervalUnitArgumentContext*>(ctx)) {
        auto expr = NewExpr(ExprKind::kIntervalUnit, Loc(ctx));
        expr->name = Identifier{TimeUnitOf(unit->timeUnit()->getStart()->getType()).name, false};
        return ExprPtr(expr);
    }
    if (auto* lambda = dynamic_cast<P::LambdaArgumentContext*>(ctx)) {
        return BuildLambda(lambda->lambdaExpression());
    }
    auto* argument = dynamic_cast<P::ExpressionArgumentContext*>(ctx);
    if (argument == nullptr) return ErrorAt(ctx, "unsupported function argument");
    return BuildExpression(argument->expression());
}

Result<ExprPtr> AstBuilder::BuildLambda(P::LambdaExpressionContext* ctx) {
    auto expr = NewExpr(ExprKind::kLambda, Loc(ctx));
    ASSIGN_OR_RETURN(expr->lambda_params, BuildIdentifiers(ctx->identifier()));
    std::vector<std::string> scope;
    for (const Identifier& param : expr->lambda_params) {
        for (const std::string& existing : scope) {
            if (existing == param.name) {
                return ErrorAt(ctx, "duplicate lambda parameter: " + param.name);
            }
        }
        scope.push_back(param.name);
    }
    lambda_scopes_.push_back(std::move(scope));
    Result<ExprPtr> body = BuildExpression(ctx->expression());
    lambda_scopes_.pop_back();
    if (!body.ok()) return body.status();
    expr->args = {std::move(body).value()};
    return ExprPtr(expr);
}

}  // namespace runnel::parser
