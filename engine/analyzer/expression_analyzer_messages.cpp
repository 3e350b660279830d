// Expressions printed the way ksqlDB prints them in error messages: names bare where possible,
// booleans and null in lower case, binary operators parenthesised: "(ID >= 'not an int')".
#include "engine/analyzer/expression_analyzer.h"
#include "engine/parser/ast_printer.h"
#include "engine/parser/parser.h"

namespace runnel::analyzer {

using parser::Expr;
using parser::ExprKind;
using parser::Op;

namespace {

std::string List(const std::vector<parser::ExprPtr>& args, size_t from = 0) {
    std::string out;
    for (size_t i = from; i < args.size(); ++i) {
        if (i > from) out += ", ";
        out += ExprToMessage(*args[i]);
    }
    return out;
}

std::string Name(const parser::Identifier& id) { return parser::NameToSql(id.name); }

}  // namespace

std::string ExprToMessage(const Expr& e) {
    switch (e.kind) {
        case ExprKind::kLiteral:
            switch (e.literal_kind) {
                case parser::LiteralKind::kNull: return "null";
                case parser::LiteralKind::kBoolean: return e.bool_value ? "true" : "false";
                case parser::LiteralKind::kString: return parser::StringLiteralToSql(e.text);
                default: return e.text.empty() ? parser::ExprToSql(e) : e.text;
            }
        case ExprKind::kColumnRef:
            if (e.qualifier.name.empty()) return Name(e.name);
            return Name(e.qualifier) + "." + Name(e.name);
        case ExprKind::kLambdaVar: return Name(e.name);
        case ExprKind::kDereference: return ExprToMessage(*e.args[0]) + "->" + Name(e.name);
        case ExprKind::kDereferenceAll: return ExprToMessage(*e.args[0]) + "->*";
        case ExprKind::kSubscript:
            return ExprToMessage(*e.args[0]) + "[" + ExprToMessage(*e.args[1]) + "]";
        case ExprKind::kUnary:
            if (e.op == Op::kNot) return "(NOT " + ExprToMessage(*e.args[0]) + ")";
            return std::string(e.op == Op::kNeg ? "-" : "+") + ExprToMessage(*e.args[0]);
        case ExprKind::kBinary:
            return "(" + ExprToMessage(*e.args[0]) + " " + parser::BinaryOpToSql(e.op) + " " +
                   ExprToMessage(*e.args[1]) + ")";
        case ExprKind::kIsNull: return "(" + ExprToMessage(*e.args[0]) + " IS NULL)";
        case ExprKind::kIsNotNull: return "(" + ExprToMessage(*e.args[0]) + " IS NOT NULL)";
        case ExprKind::kIsDistinctFrom:
            return "(" + ExprToMessage(*e.args[0]) + (e.negated ? " IS NOT" : " IS") +
                   " DISTINCT FROM " + ExprToMessage(*e.args[1]) + ")";
        case ExprKind::kFunctionCall:
            if (e.star) return Name(e.name) + "(*)";
            return Name(e.name) + "(" + List(e.args) + ")";
        case ExprKind::kCast:
            return "CAST(" + ExprToMessage(*e.args[0]) + " AS " + parser::TypeToSql(e.type) + ")";
        case ExprKind::kCase:
        case ExprKind::kSimpleCase: {
            std::string out = "(CASE";
            size_t first = 0;
            if (e.kind == ExprKind::kSimpleCase) {
                out += " " + ExprToMessage(*e.args[0]);
                first = 1;
            }
            for (size_t i = first; i + 1 < e.args.size(); i += 2) {
                out += " WHEN " + ExprToMessage(*e.args[i]) + " THEN " + ExprToMessage(*e.args[i + 1]);
            }
            if (e.else_expr) out += " ELSE " + ExprToMessage(*e.else_expr);
            return out + " END)";
        }
        case ExprKind::kIn:
            return "(" + ExprToMessage(*e.args[0]) + (e.negated ? " NOT IN (" : " IN (") +
                   List(e.args, 1) + "))";
        case ExprKind::kBetween:
            return "(" + ExprToMessage(*e.args[0]) + (e.negated ? " NOT BETWEEN " : " BETWEEN ") +
                   ExprToMessage(*e.args[1]) + " AND " + ExprToMessage(*e.args[2]) + ")";
        case ExprKind::kLike: {
            std::string out = "(" + ExprToMessage(*e.args[0]) + (e.negated ? " NOT LIKE " : " LIKE ") +
                              ExprToMessage(*e.args[1]);
            if (e.escape) out += " ESCAPE " + parser::StringLiteralToSql(*e.escape);
            return out + ")";
        }
        case ExprKind::kArrayCtor: return "ARRAY[" + List(e.args) + "]";
        case ExprKind::kMapCtor: {
            std::string out = "MAP(";
            for (size_t i = 0; i + 1 < e.args.size(); i += 2) {
                if (i > 0) out += ", ";
                out += ExprToMessage(*e.args[i]) + ":=" + ExprToMessage(*e.args[i + 1]);
            }
            return out + ")";
        }
        case ExprKind::kStructCtor: {
            std::string out = "STRUCT(";
            for (size_t i = 0; i < e.args.size() && i < e.field_names.size(); ++i) {
                if (i > 0) out += ", ";
                out += Name(e.field_names[i]) + ":=" + ExprToMessage(*e.args[i]);
            }
            return out + ")";
        }
        case ExprKind::kLambda: {
            std::string out = "(";
            for (size_t i = 0; i < e.lambda_params.size(); ++i) {
                if (i > 0) out += ", ";
                out += Name(e.lambda_params[i]);
            }
            return out + ") => " + ExprToMessage(*e.args[0]);
        }
        case ExprKind::kIntervalUnit: return e.name.name;
        case ExprKind::kVariable: return "${" + e.name.name + "}";
    }
    return "null";
}

}  // namespace runnel::analyzer
