// Types in expressions: implicit casts, the common type of mixed operands, coercion of string
// literals, named types (CREATE TYPE) and CAST.
#include <algorithm>

#include "engine/analyzer/expression_analyzer.h"
#include "engine/analyzer/expression_analyzer_util.h"
#include "engine/expression/cast.h"
#include "engine/expression/decimal_math.h"
#include "engine/parser/parser.h"

namespace runnel::analyzer {

using expression::TypedExpr;
using expression::TypedExprPtr;
using expression::TypedKind;
using parser::Expr;

namespace {

int NumericRank(TypeKind k) {
    switch (k) {
        case TypeKind::kInt: return 1;
        case TypeKind::kBigint: return 2;
        case TypeKind::kDecimal: return 3;
        case TypeKind::kDouble: return 4;
        default: return 0;
    }
}

SqlType AsDecimal(const SqlType& t) {
    if (t.kind() == TypeKind::kDecimal) return t;
    return expression::DecimalForIntegral(t.kind());
}

bool IsTemporal(TypeKind k) {
    return k == TypeKind::kDate || k == TypeKind::kTime || k == TypeKind::kTimestamp;
}

}  // namespace

TypedExprPtr CastTo(TypedExprPtr e, const SqlType& to) {
    if (e->type == to) return e;
    if (e->kind == TypedKind::kLiteral && e->literal.is_null()) {
        TypedExpr n = *e;
        n.type = to;
        return MakeTyped(std::move(n));
    }
    if (e->kind == TypedKind::kLiteral) {
        // Fold casts of literals, so that evaluation sees a literal of the right type.
        TypedExpr n = *e;
        n.type = to;
        n.literal = Value();
        if (expression::CastValue(e->literal, e->type, to, n.literal)) return MakeTyped(std::move(n));
    }
    TypedExpr c;
    c.kind = TypedKind::kCast;
    c.type = to;
    c.sql = e->sql;
    c.args.push_back(std::move(e));
    return MakeTyped(std::move(c));
}

std::optional<SqlType> CommonType(const SqlType& a, const SqlType& b) {
    if (a.kind() == TypeKind::kNull) return b;
    if (b.kind() == TypeKind::kNull) return a;
    if (a == b) return a;
    int ra = NumericRank(a.kind()), rb = NumericRank(b.kind());
    if (ra > 0 && rb > 0) {
        if (ra == 4 || rb == 4) return SqlType::Double();
        if (ra == 3 || rb == 3) {
            SqlType x = AsDecimal(a), y = AsDecimal(b);
            int scale = std::max(x.scale(), y.scale());
            int integral = std::max(x.precision() - x.scale(), y.precision() - y.scale());
            int precision = std::min(expression::kMaxDecimalDigits, integral + scale);
            return SqlType::Decimal(precision, std::min(scale, precision));
        }
        return ra >= rb ? a : b;
    }
    auto ka = a.kind(), kb = b.kind();
    if ((ka == TypeKind::kDate && kb == TypeKind::kTimestamp) ||
        (ka == TypeKind::kTimestamp && kb == TypeKind::kDate)) {
        return SqlType::Timestamp();
    }
    if (ka == TypeKind::kArray && kb == TypeKind::kArray) {
        auto e = CommonType(a.element(), b.element());
        if (!e) return std::nullopt;
        return SqlType::Array(*e);
    }
    if (ka == TypeKind::kMap && kb == TypeKind::kMap) {
        auto k = CommonType(a.map_key(), b.map_key());
        auto v = CommonType(a.map_value(), b.map_value());
        if (!k || !v) return std::nullopt;
        return SqlType::Map(*k, *v);
    }
    if (ka == TypeKind::kStruct && kb == TypeKind::kStruct) {
        // The union of the fields, in order of first appearance.
        std::vector<StructField> fields = a.fields();
        for (const auto& f : b.fields()) {
            auto it = std::find_if(fields.begin(), fields.end(),
                                   [&](const StructField& g) { return g.name == f.name; });
            if (it == fields.end()) {
                fields.push_back(f);
                continue;
            }
            auto t = CommonType(it->type, f.type);
            if (!t) return std::nullopt;
            it->type = *t;
        }
        return SqlType::Struct(std::move(fields));
    }
    return std::nullopt;
}

Result<TypedExprPtr> CoerceTo(TypedExprPtr e, const SqlType& to) {
    if (e->type == to) return e;
    bool string_literal = e->kind == TypedKind::kLiteral && e->type.kind() == TypeKind::kString &&
                          !e->literal.is_null();
    if (string_literal && (to.IsNumeric() || to.kind() == TypeKind::kBoolean || IsTemporal(to.kind()))) {
        TypedExpr n = *e;
        n.type = to;
        n.literal = Value();
        bool ok = false;
        if (to.kind() == TypeKind::kInt || to.kind() == TypeKind::kBigint) {
            // Lax like ksqlDB: '2e1' is a number too.
            Value d;
            ok = expression::CastValue(e->literal, SqlType::String(), SqlType::Decimal(38, 10), d) &&
                 expression::CastValue(d, SqlType::Decimal(38, 10), to, n.literal);
        } else {
            ok = expression::CastValue(e->literal, SqlType::String(), to, n.literal);
        }
        if (!ok) {
            return Status::Invalid("invalid input syntax for type " + to.ToString() + ": \"" +
                                   std::string(e->literal.AsString()) + "\"");
        }
        return MakeTyped(std::move(n));
    }
    return CastTo(std::move(e), to);
}

Result<SqlType> ExpressionAnalyzer::ResolveType(const SqlType& type) const {
    switch (type.kind()) {
        case TypeKind::kNamed: {
            if (scope_.types) {
                auto it = scope_.types->find(type.name());
                if (it != scope_.types->end()) return ResolveType(it->second);
            }
            return Status::Invalid("Unknown type: " + type.name());
        }
        case TypeKind::kArray: {
            ASSIGN_OR_RETURN(auto e, ResolveType(type.element()));
            return SqlType::Array(std::move(e));
        }
        case TypeKind::kMap: {
            ASSIGN_OR_RETURN(auto k, ResolveType(type.map_key()));
            ASSIGN_OR_RETURN(auto v, ResolveType(type.map_value()));
            return SqlType::Map(std::move(k), std::move(v));
        }
        case TypeKind::kStruct: {
            std::vector<StructField> fields;
            for (const auto& f : type.fields()) {
                ASSIGN_OR_RETURN(auto t, ResolveType(f.type));
                fields.push_back({f.name, std::move(t)});
            }
            return SqlType::Struct(std::move(fields));
        }
        default:
            return type;
    }
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeCast(const Expr& e, Ctx& ctx) const {
    ASSIGN_OR_RETURN(auto a, Visit(*e.args[0], ctx));
    ASSIGN_OR_RETURN(auto to, ResolveType(e.type));
    if (!expression::CanCast(a->type, to)) {
        return Status::Invalid("Cast of " + a->type.ToString() + " to " + to.ToString() +
                               " is not supported");
    }
    if (a->type == to) return a;
    if (IsNullLiteral(*a)) return CastTo(a, to);
    if (a->kind == TypedKind::kLiteral) {
        // Fold: TIMESTAMP '2020-01-01' and CAST('1' AS INT) become literals when they convert.
        TypedExpr n = *a;
        n.type = to;
        n.literal = Value();
        n.sql = parser::ExprToSql(e);
        if (expression::CastValue(a->literal, a->type, to, n.literal)) return MakeTyped(std::move(n));
    }
    TypedExpr t;
    t.kind = TypedKind::kCast;
    t.type = to;
    t.args = {a};
    t.sql = parser::ExprToSql(e);
    return MakeTyped(std::move(t));
}

}  // namespace runnel::analyzer
