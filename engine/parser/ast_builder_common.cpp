// AstBuilder, shared pieces: locations, errors, identifiers, types, durations, properties.
#include <charconv>
#include <limits>

#include "engine/parser/ast_builder.h"
#include "engine/parser/variable_substituter.h"

namespace runnel::parser {

using P = runnel_grammar::RunnelSqlParser;

namespace {

std::string Unquote(const std::string& text, char quote) {
    std::string out;
    if (text.size() < 2) return out;
    out.reserve(text.size() - 2);
    for (size_t i = 1; i + 1 < text.size(); ++i) {
        out.push_back(text[i]);
        if (text[i] == quote && i + 2 < text.size() && text[i + 1] == quote) ++i;
    }
    return out;
}

}  // namespace

TimeUnitInfo TimeUnitOf(size_t token_type) {
    switch (token_type) {
        case P::MILLISECOND:
        case P::MILLISECONDS: return {"MILLISECONDS", 1};
        case P::SECOND:
        case P::SECONDS: return {"SECONDS", 1000};
        case P::MINUTE:
        case P::MINUTES: return {"MINUTES", 60 * 1000};
        case P::HOUR:
        case P::HOURS: return {"HOURS", 60 * 60 * 1000};
        default: return {"DAYS", 24 * 60 * 60 * 1000};
    }
}

std::shared_ptr<Expr> MakeLiteral(LiteralKind kind, std::string text, SourceLocation loc) {
    auto expr = std::make_shared<Expr>();
    expr->kind = ExprKind::kLiteral;
    expr->literal_kind = kind;
    expr->text = std::move(text);
    expr->loc = loc;
    return expr;
}

std::string UnquoteString(const std::string& token_text) { return Unquote(token_text, '\''); }

SourceLocation AstBuilder::Loc(const antlr4::Token* token) const {
    if (token == nullptr) return source_->LocateCharIndex(0);
    if (token->getStartIndex() != INVALID_INDEX) {
        return source_->LocateCharIndex(token->getStartIndex());
    }
    return source_->LocateLineColumn(token->getLine(), token->getCharPositionInLine());
}

Status AstBuilder::ErrorAt(const antlr4::Token* token, const std::string& message) const {
    SourceLocation loc = Loc(token);
    return Status::Syntax("line " + std::to_string(loc.line) + ":" + std::to_string(loc.column) +
                          ": " + message);
}

std::string AstBuilder::TextOf(antlr4::ParserRuleContext* ctx) const {
    antlr4::Token* start = ctx->getStart();
    antlr4::Token* stop = ctx->getStop();
    if (start == nullptr || stop == nullptr || stop->getStopIndex() == INVALID_INDEX ||
        stop->getStopIndex() < start->getStartIndex()) {
        return "";
    }
    return start->getInputStream()->getText(
        antlr4::misc::Interval(start->getStartIndex(), stop->getStopIndex()));
}

Result<Identifier> AstBuilder::BuildIdentifier(P::IdentifierContext* ctx) {
    if (dynamic_cast<P::UnquotedIdentifierContext*>(ctx) != nullptr ||
        dynamic_cast<P::KeywordIdentifierContext*>(ctx) != nullptr) {
        return Identifier{ToUpperAscii(ctx->getText()), false};
    }
    if (auto* quoted = dynamic_cast<P::QuotedIdentifierContext*>(ctx)) {
        Identifier id{Unquote(quoted->getText(), '"'), true};
        if (id.name.empty()) return ErrorAt(ctx, "empty quoted identifier");
        return id;
    }
    if (auto* quoted = dynamic_cast<P::BackQuotedIdentifierContext*>(ctx)) {
        Identifier id{Unquote(quoted->getText(), '`'), true};
        if (id.name.empty()) return ErrorAt(ctx, "empty quoted identifier");
        return id;
    }
    if (dynamic_cast<P::DigitIdentifierContext*>(ctx) != nullptr) {
        // ksqlDB accepts names that start with a digit (e.g. an alias `AS 1R`), upper-cased.
        return Identifier{ToUpperAscii(ctx->getText()), false};
    }
    if (dynamic_cast<P::VariableIdentifierContext*>(ctx) != nullptr) {
        return ErrorAt(ctx, "undefined variable " + ctx->getText());
    }
    return ErrorAt(ctx, "unsupported identifier '" + ctx->getText() + "'");
}

Result<std::vector<Identifier>> AstBuilder::BuildIdentifiers(
    const std::vector<P::IdentifierContext*>& ids) {
    std::vector<Identifier> out;
    out.reserve(ids.size());
    for (P::IdentifierContext* id : ids) {
        ASSIGN_OR_RETURN(Identifier built, BuildIdentifier(id));
        out.push_back(std::move(built));
    }
    return out;
}

Result<int64_t> AstBuilder::BuildCount(antlr4::Token* token) {
    const std::string text = token->getText();
    int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        return ErrorAt(token, "number out of range: " + text);
    }
    return value;
}

Result<int64_t> AstBuilder::BuildDuration(P::DurationContext* ctx) {
    ASSIGN_OR_RETURN(int64_t count, BuildCount(ctx->INTEGER_VALUE()->getSymbol()));
    TimeUnitInfo unit = TimeUnitOf(ctx->timeUnit()->getStart()->getType());
    if (count > std::numeric_limits<int64_t>::max() / unit.millis) {
        return ErrorAt(ctx, "duration out of range: " + TextOf(ctx));
    }
    return count * unit.millis;
}

Result<SqlType> AstBuilder::BuildType(P::TypeContext* ctx) {
    if (auto* array = dynamic_cast<P::ArrayTypeContext*>(ctx)) {
        ASSIGN_OR_RETURN(SqlType element, BuildType(array->type()));
        return SqlType::Array(std::move(element));
    }
    if (auto* map = dynamic_cast<P::MapTypeContext*>(ctx)) {
        ASSIGN_OR_RETURN(SqlType key, BuildType(map->keyType));
        ASSIGN_OR_RETURN(SqlType value, BuildType(map->valueType));
        return SqlType::Map(std::move(key), std::move(value));
    }
    if (auto* st = dynamic_cast<P::StructTypeContext*>(ctx)) {
        std::vector<StructField> fields;
        for (P::StructTypeFieldContext* field : st->structTypeField()) {
            ASSIGN_OR_RETURN(Identifier name, BuildIdentifier(field->identifier()));
            for (const StructField& existing : fields) {
                if (existing.name == name.name) {
                    return ErrorAt(field, "duplicate field name in STRUCT: " + name.name);
                }
            }
            ASSIGN_OR_RETURN(SqlType type, BuildType(field->type()));
            fields.push_back(StructField{std::move(name.name), std::move(type)});
        }
        return SqlType::Struct(std::move(fields));
    }
    auto* named = dynamic_cast<P::NamedTypeContext*>(ctx);
    if (named == nullptr) return ErrorAt(ctx, "unsupported type");
    ASSIGN_OR_RETURN(Identifier name, BuildIdentifier(named->identifier()));
    std::vector<int64_t> params;
    for (antlr4::tree::TerminalNode* param : named->INTEGER_VALUE()) {
        ASSIGN_OR_RETURN(int64_t value, BuildCount(param->getSymbol()));
        params.push_back(value);
    }
    if (!name.quoted && name.name == "DECIMAL") {
        if (params.size() != 2) {
            return ErrorAt(ctx, "DECIMAL needs a precision and a scale: DECIMAL(precision, scale)");
        }
        if (params[0] < 1 || params[0] > 1000) {
            return ErrorAt(ctx, "DECIMAL precision must be between 1 and 1000");
        }
        if (params[1] > params[0]) {
            return ErrorAt(ctx, "DECIMAL scale must not be larger than its precision");
        }
        return SqlType::Decimal(static_cast<int>(params[0]), static_cast<int>(params[1]));
    }
    if (!params.empty()) return ErrorAt(ctx, "type " + name.name + " takes no parameters");
    if (!name.quoted) {
        const std::string& n = name.name;
        if (n == "BOOLEAN") return SqlType::Boolean();
        if (n == "INT" || n == "INTEGER") return SqlType::Int();
        if (n == "BIGINT") return SqlType::Bigint();
        if (n == "DOUBLE") return SqlType::Double();
        if (n == "STRING" || n == "VARCHAR") return SqlType::String();
        if (n == "BYTES") return SqlType::Bytes();
        if (n == "DATE") return SqlType::Date();
        if (n == "TIME") return SqlType::Time();
        if (n == "TIMESTAMP") return SqlType::Timestamp();
    }
    return SqlType::Named(std::move(name.name));
}

Result<PropertyValue> AstBuilder::BuildPropertyValue(P::PropertyValueContext* ctx) {
    if (auto* str = dynamic_cast<P::StringPropertyContext*>(ctx)) {
        return PropertyValue{LiteralKind::kString, UnquoteString(str->STRING()->getText())};
    }
    if (auto* num = dynamic_cast<P::NumberPropertyContext*>(ctx)) {
        ASSIGN_OR_RETURN(ExprPtr literal,
                         BuildNumber(num->number(), num->MINUS() != nullptr, Loc(ctx)));
        return PropertyValue{literal->literal_kind, literal->text};
    }
    if (auto* boolean = dynamic_cast<P::BooleanPropertyContext*>(ctx)) {
        return PropertyValue{LiteralKind::kBoolean, boolean->TRUE() != nullptr ? "TRUE" : "FALSE"};
    }
    if (dynamic_cast<P::NullPropertyContext*>(ctx) != nullptr) {
        return PropertyValue{LiteralKind::kNull, "NULL"};
    }
    if (dynamic_cast<P::VariablePropertyContext*>(ctx) != nullptr) {
        return ErrorAt(ctx, "undefined variable " + ctx->getText());
    }
    return ErrorAt(ctx, "unsupported property value");
}

Result<Properties> AstBuilder::BuildProperties(P::WithClauseContext* ctx) {
    Properties properties;
    if (ctx == nullptr) return properties;
    for (P::PropertyContext* property : ctx->property()) {
        std::string key;
        if (property->identifier() != nullptr) {
            ASSIGN_OR_RETURN(Identifier id, BuildIdentifier(property->identifier()));
            key = ToUpperAscii(id.name);
        } else {
            key = ToUpperAscii(UnquoteString(property->STRING()->getText()));
        }
        ASSIGN_OR_RETURN(PropertyValue value, BuildPropertyValue(property->propertyValue()));
        if (!properties.emplace(key, std::move(value)).second) {
            return ErrorAt(property, "duplicate property: " + key);
        }
    }
    return properties;
}

Result<std::string> AstBuilder::BuildVariableName(P::VariableNameContext* ctx) {
    return ToUpperAscii(ctx->getText());
}

}  // namespace runnel::parser
