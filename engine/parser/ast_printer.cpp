// AST printer: identifiers, types, literals and expressions (ExprToSql).
#include "engine/parser/ast_printer.h"

#include <charconv>
#include <string_view>

#include "engine/parser/keywords.h"
#include "engine/parser/parser.h"

namespace runnel::parser {

namespace {

std::string Backticked(std::string_view name) {
    std::string out = "`";
    for (char c : name) {
        out.push_back(c);
        if (c == '`') out.push_back('`');
    }
    out.push_back('`');
    return out;
}

bool IsBuiltinTypeName(std::string_view name) {
    static constexpr std::string_view kNames[] = {
        "BOOLEAN", "INT", "INTEGER", "BIGINT", "DOUBLE", "STRING", "VARCHAR",
        "BYTES", "DATE", "TIME", "TIMESTAMP", "DECIMAL"};
    for (std::string_view builtin : kNames) {
        if (name == builtin) return true;
    }
    return false;
}

bool IsTimeUnitWord(std::string_view name) {
    static constexpr std::string_view kUnits[] = {
        "MILLISECOND", "MILLISECONDS", "SECOND", "SECONDS", "MINUTE",
        "MINUTES", "HOUR", "HOURS", "DAY", "DAYS"};
    for (std::string_view unit : kUnits) {
        if (name == unit) return true;
    }
    return false;
}

bool IsNumericLiteral(const Expr& expr) {
    if (expr.kind != ExprKind::kLiteral) return false;
    switch (expr.literal_kind) {
        case LiteralKind::kInteger:
        case LiteralKind::kBigint:
        case LiteralKind::kDecimal:
        case LiteralKind::kDouble: return true;
        default: return false;
    }
}

bool IsNegativeLiteral(const Expr& expr) {
    return IsNumericLiteral(expr) && !expr.text.empty() && expr.text[0] == '-';
}

std::string NumberText(const Expr& expr) {
    if (!expr.text.empty()) return expr.text;
    if (expr.literal_kind == LiteralKind::kInteger || expr.literal_kind == LiteralKind::kBigint) {
        return std::to_string(expr.int_value);
    }
    char buffer[64];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), expr.double_value);
    std::string text = error == std::errc() ? std::string(buffer, end) : "0";
    const bool has_exponent = text.find_first_of("eE") != std::string::npos;
    const bool has_point = text.find('.') != std::string::npos;
    if (expr.literal_kind == LiteralKind::kDouble && !has_exponent) text += "E0";
    if (expr.literal_kind == LiteralKind::kDecimal && !has_point && !has_exponent) text += ".0";
    return text;
}

std::string LiteralToSql(const Expr& expr) {
    switch (expr.literal_kind) {
        case LiteralKind::kNull: return "NULL";
        case LiteralKind::kBoolean: return expr.bool_value ? "TRUE" : "FALSE";
        case LiteralKind::kString: return StringLiteralToSql(expr.text);
        default: return NumberText(expr);
    }
}


std::string Join(const std::vector<ExprPtr>& list, size_t from = 0) {
    std::string out;
    for (size_t i = from; i < list.size(); ++i) {
        if (i > from) out += ", ";
        out += ExprToSql(*list[i]);
    }
    return out;
}

// The base of a postfix operator ([i], ->f, ->*) must read back as a primary expression.
std::string PostfixBaseSql(const Expr& base) {
    std::string sql = ExprToSql(base);
    if (IsNegativeLiteral(base)) return "(" + sql + ")";
    return sql;
}

// A bare time-unit word as a whole function argument would read back as an interval unit.
std::string FunctionArgumentSql(const Expr& arg) {
    std::string sql = ExprToSql(arg);
    const bool column_like = (arg.kind == ExprKind::kColumnRef && arg.qualifier.name.empty()) ||
                             arg.kind == ExprKind::kLambdaVar;
    if (column_like && !arg.name.quoted && IsTimeUnitWord(arg.name.name)) return "(" + sql + ")";
    return sql;
}

std::string CaseSql(const Expr& expr) {
    std::string out = "CASE";
    size_t first = 0;
    if (expr.kind == ExprKind::kSimpleCase && !expr.args.empty()) {
        out += " " + ExprToSql(*expr.args[0]);
        first = 1;
    }
    for (size_t i = first; i + 1 < expr.args.size(); i += 2) {
        out += " WHEN " + ExprToSql(*expr.args[i]) + " THEN " + ExprToSql(*expr.args[i + 1]);
    }
    if (expr.else_expr) out += " ELSE " + ExprToSql(*expr.else_expr);
    return out + " END";
}

}  // namespace

const char* BinaryOpToSql(Op op) {
    switch (op) {
        case Op::kAdd: return "+";
        case Op::kSub: return "-";
        case Op::kMul: return "*";
        case Op::kDiv: return "/";
        case Op::kMod: return "%";
        case Op::kEq: return "=";
        case Op::kNe: return "<>";
        case Op::kLt: return "<";
        case Op::kLe: return "<=";
        case Op::kGt: return ">";
        case Op::kGe: return ">=";
        case Op::kAnd: return "AND";
        case Op::kOr: return "OR";
        case Op::kConcat: return "||";
        default: return "?";
    }
}

std::string IdentifierToSql(const Identifier& id) {
    if (!id.quoted && IsBareIdentifier(id.name)) return id.name;
    return Backticked(id.name);
}

std::string NameToSql(std::string_view name) {
    if (IsBareIdentifier(name)) return std::string(name);
    return Backticked(name);
}

std::string StringLiteralToSql(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        out.push_back(c);
        if (c == '\'') out.push_back('\'');
    }
    out.push_back('\'');
    return out;
}

std::string TypeToSql(const SqlType& type) {
    switch (type.kind()) {
        case TypeKind::kBoolean: return "BOOLEAN";
        case TypeKind::kInt: return "INTEGER";
        case TypeKind::kBigint: return "BIGINT";
        case TypeKind::kDouble: return "DOUBLE";
        case TypeKind::kDecimal:
            return "DECIMAL(" + std::to_string(type.precision()) + ", " +
                   std::to_string(type.scale()) + ")";
        case TypeKind::kString: return "STRING";
        case TypeKind::kBytes: return "BYTES";
        case TypeKind::kDate: return "DATE";
        case TypeKind::kTime: return "TIME";
        case TypeKind::kTimestamp: return "TIMESTAMP";
        case TypeKind::kArray: return "ARRAY<" + TypeToSql(type.element()) + ">";
        case TypeKind::kMap:
            return "MAP<" + TypeToSql(type.map_key()) + ", " + TypeToSql(type.map_value()) + ">";
        case TypeKind::kStruct: {
            std::string out = "STRUCT<";
            bool first = true;
            for (const StructField& field : type.fields()) {
                if (!first) out += ", ";
                first = false;
                out += NameToSql(field.name) + " " + TypeToSql(field.type);
            }
            return out + ">";
        }
        case TypeKind::kNamed:
            if (IsBuiltinTypeName(type.name())) return Backticked(type.name());
            return NameToSql(type.name());
        case TypeKind::kNull: return "NULL";
    }
    return "NULL";
}

std::string DurationToSql(int64_t millis) {
    struct Unit {
        int64_t millis;
        const char* name;
    };
    static constexpr Unit kUnits[] = {{24LL * 60 * 60 * 1000, "DAYS"},
                                      {60LL * 60 * 1000, "HOURS"},
                                      {60LL * 1000, "MINUTES"},
                                      {1000, "SECONDS"}};
    if (millis != 0) {
        for (const Unit& unit : kUnits) {
            if (millis % unit.millis == 0) {
                return std::to_string(millis / unit.millis) + " " + unit.name;
            }
        }
    }
    return std::to_string(millis) + " MILLISECONDS";
}

std::string ExprToSql(const Expr& expr) {
    switch (expr.kind) {
        case ExprKind::kLiteral: return LiteralToSql(expr);
        case ExprKind::kColumnRef:
            if (expr.qualifier.name.empty()) return IdentifierToSql(expr.name);
            return IdentifierToSql(expr.qualifier) + "." + IdentifierToSql(expr.name);
        case ExprKind::kDereference:
            return PostfixBaseSql(*expr.args[0]) + "->" + IdentifierToSql(expr.name);
        case ExprKind::kDereferenceAll: return PostfixBaseSql(*expr.args[0]) + "->*";
        case ExprKind::kSubscript:
            return PostfixBaseSql(*expr.args[0]) + "[" + ExprToSql(*expr.args[1]) + "]";
        case ExprKind::kUnary: {
            const Expr& operand = *expr.args[0];
            std::string inner = ExprToSql(operand);
            if (expr.op == Op::kNot) return "(NOT " + inner + ")";
            // (-(5)) keeps a negation of a literal apart from the literal -5.
            if (IsNumericLiteral(operand)) inner = "(" + inner + ")";
            return std::string("(") + (expr.op == Op::kNeg ? "-" : "+") + inner + ")";
        }
        case ExprKind::kBinary:
            return "(" + ExprToSql(*expr.args[0]) + " " + BinaryOpToSql(expr.op) + " " +
                   ExprToSql(*expr.args[1]) + ")";
        case ExprKind::kIsNull: return "(" + ExprToSql(*expr.args[0]) + " IS NULL)";
        case ExprKind::kIsNotNull: return "(" + ExprToSql(*expr.args[0]) + " IS NOT NULL)";
        case ExprKind::kIsDistinctFrom:
            return "(" + ExprToSql(*expr.args[0]) + (expr.negated ? " IS NOT" : " IS") +
                   " DISTINCT FROM " + ExprToSql(*expr.args[1]) + ")";
        case ExprKind::kFunctionCall: {
            std::string out = IdentifierToSql(expr.name) + "(";
            if (expr.star) return out + "*)";
            for (size_t i = 0; i < expr.args.size(); ++i) {
                if (i > 0) out += ", ";
                out += FunctionArgumentSql(*expr.args[i]);
            }
            return out + ")";
        }
        case ExprKind::kCast:
            return "CAST(" + ExprToSql(*expr.args[0]) + " AS " + TypeToSql(expr.type) + ")";
        case ExprKind::kCase:
        case ExprKind::kSimpleCase: return CaseSql(expr);
        case ExprKind::kIn:
            return "(" + ExprToSql(*expr.args[0]) + (expr.negated ? " NOT IN (" : " IN (") +
                   Join(expr.args, 1) + "))";
        case ExprKind::kBetween:
            return "(" + ExprToSql(*expr.args[0]) + (expr.negated ? " NOT BETWEEN " : " BETWEEN ") +
                   ExprToSql(*expr.args[1]) + " AND " + ExprToSql(*expr.args[2]) + ")";
        case ExprKind::kLike: {
            std::string out = "(" + ExprToSql(*expr.args[0]) +
                              (expr.negated ? " NOT LIKE " : " LIKE ") + ExprToSql(*expr.args[1]);
            if (expr.escape) out += " ESCAPE " + StringLiteralToSql(*expr.escape);
            return out + ")";
        }
        case ExprKind::kArrayCtor: return "ARRAY[" + Join(expr.args) + "]";
        case ExprKind::kMapCtor: {
            std::string out = "MAP(";
            for (size_t i = 0; i + 1 < expr.args.size(); i += 2) {
                if (i > 0) out += ", ";
                out += ExprToSql(*expr.args[i]) + " := " + ExprToSql(*expr.args[i + 1]);
            }
            return out + ")";
        }
        case ExprKind::kStructCtor: {
            std::string out = "STRUCT(";
            for (size_t i = 0; i < expr.args.size() && i < expr.field_names.size(); ++i) {
                if (i > 0) out += ", ";
                out += IdentifierToSql(expr.field_names[i]) + " := " + ExprToSql(*expr.args[i]);
            }
            return out + ")";
        }
        case ExprKind::kLambda: {
            std::string out = "(";
            for (size_t i = 0; i < expr.lambda_params.size(); ++i) {
                if (i > 0) out += ", ";
                out += IdentifierToSql(expr.lambda_params[i]);
            }
            return out + ") => " + ExprToSql(*expr.args[0]);
        }
        case ExprKind::kLambdaVar: return IdentifierToSql(expr.name);
        case ExprKind::kIntervalUnit: return expr.name.name;
        case ExprKind::kVariable: return "${" + expr.name.name + "}";
    }
    return "NULL";
}

}  // namespace runnel::parser
