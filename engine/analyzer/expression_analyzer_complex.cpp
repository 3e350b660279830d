// Structs, arrays, maps and lambdas: s->f, arr[i], map[k], ARRAY[...], MAP(k := v), STRUCT(f := v),
// and TRANSFORM / FILTER / REDUCE with their lambda arguments.
#include <algorithm>
#include <cctype>
#include <set>

#include "engine/analyzer/expression_analyzer.h"
#include "engine/analyzer/expression_analyzer_util.h"
#include "engine/expression/lambda_function.h"
#include "engine/parser/parser.h"
#include "engine/serde/text_number.h"

namespace runnel::analyzer {

using expression::TypedExpr;
using expression::TypedExprPtr;
using expression::TypedKind;
using parser::Expr;
using parser::ExprKind;

namespace {

bool IsStringLiteral(const TypedExpr& e) {
    return e.kind == TypedKind::kLiteral && e.type.kind() == TypeKind::kString && !e.literal.is_null();
}

// The numeric type of number text, as ksqlDB reads a string literal among numbers: INT, BIGINT,
// else the DECIMAL of its digits ('2e1' -> DECIMAL(2, 0)).
std::optional<SqlType> NumericTextType(std::string_view s) {
    int64_t v;
    if (serde::ParseJavaInt(s, &v)) return SqlType::Int();
    if (serde::ParseJavaLong(s, &v)) return SqlType::Bigint();
    size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    int digits = 0, frac = 0;
    bool point = false, leading = true;
    for (; i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.'); ++i) {
        if (s[i] == '.') {
            if (point) return std::nullopt;
            point = true;
            continue;
        }
        if (point) ++frac;
        if (s[i] != '0' || !leading || point) {
            leading = false;
            ++digits;
        }
    }
    if (digits == 0 && frac == 0) return std::nullopt;
    int64_t exp = 0;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        if (!serde::ParseJavaLong(s.substr(i + 1), &exp) || exp > 38 || exp < -38) return std::nullopt;
        i = s.size();
    }
    if (i != s.size()) return std::nullopt;
    int scale = static_cast<int>(frac - exp);
    int precision = std::max(digits, 1);
    if (scale < 0) {
        precision += -scale;
        scale = 0;
    }
    precision = std::max(precision, scale);
    if (precision > 38) return std::nullopt;
    return SqlType::Decimal(precision, scale);
}

// The element type of a collection constructor: the common type of the elements that are not
// string literals; string literals among numbers count with their number's type (ksqlDB reads
// them as numbers), and are coerced to the result.
Result<SqlType> ElementType(const std::vector<TypedExprPtr>& items, const char* what) {
    SqlType t = SqlType::Null();
    auto mismatch = [&](const SqlType& other) {
        return Status::Invalid(std::string("Cannot construct ") + what + " with mismatching types: " +
                               t.ToString() + " and " + other.ToString());
    };
    for (const auto& item : items) {
        if (IsStringLiteral(*item)) continue;
        auto c = CommonType(t, item->type);
        if (!c) return mismatch(item->type);
        t = *c;
    }
    for (const auto& item : items) {
        if (!IsStringLiteral(*item)) continue;
        if (t.IsNumeric()) {
            std::string_view text = item->literal.AsString();
            auto nt = NumericTextType(text);
            if (!nt) {
                return Status::Invalid("invalid input syntax for type " + t.ToString() + ": \"" +
                                       std::string(text) + "\"");
            }
            auto c = CommonType(t, *nt);
            if (!c) return mismatch(*nt);
            t = *c;
        } else if (t.kind() == TypeKind::kNull) {
            t = SqlType::String();
        }
    }
    return t;
}

}  // namespace

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeDereference(const Expr& e, Ctx& ctx) const {
    ASSIGN_OR_RETURN(auto base, Visit(*e.args[0], ctx));
    if (base->type.kind() != TypeKind::kStruct) {
        return Status::Invalid("Expected STRUCT type for dereference of " + ExprToMessage(*e.args[0]) +
                               ", but got " + base->type.ToString() + ".");
    }
    const auto& fields = base->type.fields();
    auto find = [&](bool ignore_case) -> std::optional<size_t> {
        for (size_t i = 0; i < fields.size(); ++i) {
            const std::string& n = fields[i].name;
            if (n == e.name.name) return i;
            if (ignore_case && n.size() == e.name.name.size() &&
                std::equal(n.begin(), n.end(), e.name.name.begin(), [](char a, char b) {
                    return std::toupper(static_cast<unsigned char>(a)) ==
                           std::toupper(static_cast<unsigned char>(b));
                })) {
                return i;
            }
        }
        return std::nullopt;
    };
    auto idx = find(false);
    if (!idx && !e.name.quoted) idx = find(true);
    if (!idx) {
        return Status::Invalid("Could not find field '" + e.name.name + "' in '" +
                               ExprToMessage(*e.args[0]) + "'.");
    }
    TypedExpr t;
    t.kind = TypedKind::kDereference;
    t.column = *idx;
    t.type = fields[*idx].type;
    t.args = {std::move(base)};
    t.sql = parser::ExprToSql(e);
    return MakeTyped(std::move(t));
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeSubscript(const Expr& e, Ctx& ctx) const {
    ASSIGN_OR_RETURN(auto base, Visit(*e.args[0], ctx));
    ASSIGN_OR_RETURN(auto index, Visit(*e.args[1], ctx));
    TypedExpr t;
    t.kind = TypedKind::kSubscript;
    t.sql = parser::ExprToSql(e);
    if (base->type.kind() == TypeKind::kArray) {
        auto k = index->type.kind();
        if (k != TypeKind::kInt && k != TypeKind::kBigint && k != TypeKind::kNull) {
            return Status::Invalid("Array index must be an INTEGER, but " + ExprToMessage(*e.args[1]) +
                                   " is " + index->type.ToString() + ".");
        }
        t.type = base->type.element();
        t.args = {std::move(base), CastTo(std::move(index), SqlType::Bigint())};
        return MakeTyped(std::move(t));
    }
    if (base->type.kind() == TypeKind::kMap) {
        const SqlType& key = base->type.map_key();
        auto c = CommonType(key, index->type);
        if (!c || *c != key) {
            return Status::Invalid("Map key must be " + key.ToString() + ", but " +
                                   ExprToMessage(*e.args[1]) + " is " + index->type.ToString() + ".");
        }
        t.type = base->type.map_value();
        ASSIGN_OR_RETURN(auto k, CoerceTo(std::move(index), key));
        t.args = {std::move(base), std::move(k)};
        return MakeTyped(std::move(t));
    }
    return Status::Invalid("Subscript expects an ARRAY or a MAP, but " + ExprToMessage(*e.args[0]) +
                           " is " + base->type.ToString() + ".");
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeArrayCtor(const Expr& e, Ctx& ctx) const {
    if (e.args.empty()) {
        return Status::Invalid("Array constructor cannot be empty. Please supply at least one element "
                               "(see https://github.com/confluentinc/ksql/issues/4239).");
    }
    std::vector<TypedExprPtr> items;
    for (const auto& a : e.args) {
        ASSIGN_OR_RETURN(auto t, Visit(*a, ctx));
        items.push_back(std::move(t));
    }
    ASSIGN_OR_RETURN(auto element, ElementType(items, "an array"));
    if (element.kind() == TypeKind::kNull) {
        return Status::Invalid("Cannot construct an array with all NULL elements (see "
                               "https://github.com/confluentinc/ksql/issues/4239). As a workaround, "
                               "you may cast a NULL value to the desired type.");
    }
    TypedExpr t;
    t.kind = TypedKind::kArrayCtor;
    t.type = SqlType::Array(element);
    for (auto& item : items) {
        ASSIGN_OR_RETURN(auto c, CoerceTo(std::move(item), element));
        t.args.push_back(std::move(c));
    }
    t.sql = parser::ExprToSql(e);
    return MakeTyped(std::move(t));
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeMapCtor(const Expr& e, Ctx& ctx) const {
    if (e.args.empty()) {
        return Status::Invalid("Map constructor cannot be empty. Please supply at least one key "
                               "value pair (see https://github.com/confluentinc/ksql/issues/4239).");
    }
    std::vector<TypedExprPtr> keys, values;
    for (size_t i = 0; i + 1 < e.args.size(); i += 2) {
        ASSIGN_OR_RETURN(auto k, Visit(*e.args[i], ctx));
        ASSIGN_OR_RETURN(auto v, Visit(*e.args[i + 1], ctx));
        keys.push_back(std::move(k));
        values.push_back(std::move(v));
    }
    ASSIGN_OR_RETURN(auto key_type, ElementType(keys, "a map's keys"));
    ASSIGN_OR_RETURN(auto value_type, ElementType(values, "a map's values"));
    if (key_type.kind() == TypeKind::kNull || value_type.kind() == TypeKind::kNull) {
        return Status::Invalid("Cannot construct a map with all NULL keys or values (see "
                               "https://github.com/confluentinc/ksql/issues/4239). As a workaround, "
                               "you may cast a NULL value to the desired type.");
    }
    TypedExpr t;
    t.kind = TypedKind::kMapCtor;
    t.type = SqlType::Map(key_type, value_type);
    for (size_t i = 0; i < keys.size(); ++i) {
        ASSIGN_OR_RETURN(auto k, CoerceTo(std::move(keys[i]), key_type));
        ASSIGN_OR_RETURN(auto v, CoerceTo(std::move(values[i]), value_type));
        t.args.push_back(std::move(k));
        t.args.push_back(std::move(v));
    }
    t.sql = parser::ExprToSql(e);
    return MakeTyped(std::move(t));
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeStructCtor(const Expr& e, Ctx& ctx) const {
    std::set<std::string> names;
    std::vector<StructField> fields;
    TypedExpr t;
    t.kind = TypedKind::kStructCtor;
    for (size_t i = 0; i < e.args.size(); ++i) {
        const std::string& name = e.field_names[i].name;
        if (!names.insert(name).second) {
            return Status::Invalid("Duplicate field names found in STRUCT");
        }
        ASSIGN_OR_RETURN(auto v, Visit(*e.args[i], ctx));
        if (v->type.kind() == TypeKind::kNull) {
            return Status::Invalid("Can't infer a type of null. Please explicitly cast it to a "
                                   "required type, e.g. CAST(null AS VARCHAR).");
        }
        fields.push_back({name, v->type});
        t.args.push_back(std::move(v));
    }
    t.type = SqlType::Struct(std::move(fields));
    t.sql = parser::ExprToSql(e);
    return MakeTyped(std::move(t));
}

Result<TypedExprPtr> ExpressionAnalyzer::AnalyzeLambdaCall(const Expr& e, Ctx& ctx) const {
    const std::string& name = e.name.name;
    std::vector<TypedExprPtr> plain;
    std::vector<SqlType> plain_types;
    std::vector<const Expr*> lambdas;
    std::vector<size_t> arities;
    for (const auto& a : e.args) {
        if (a->kind == ExprKind::kLambda) {
            lambdas.push_back(a.get());
            arities.push_back(a->lambda_params.size());
            continue;
        }
        if (!lambdas.empty()) {
            return Status::Invalid("Function '" + name + "': lambda arguments must come last.");
        }
        ASSIGN_OR_RETURN(auto t, Visit(*a, ctx));
        plain_types.push_back(t->type);
        plain.push_back(std::move(t));
    }
    ASSIGN_OR_RETURN(auto plan, expression::PlanLambdaCall(name, plain_types, arities));

    // Each lambda's parameters get fresh slots and shadow outer names in its body.
    std::vector<TypedExprPtr> bodies;
    std::vector<std::vector<size_t>> slots;
    std::vector<SqlType> body_types;
    for (size_t i = 0; i < lambdas.size(); ++i) {
        const Expr& lambda = *lambdas[i];
        std::set<std::string> seen;
        size_t mark = ctx.lambda_vars.size();
        std::vector<size_t> my_slots;
        for (size_t p = 0; p < lambda.lambda_params.size(); ++p) {
            const std::string& pname = lambda.lambda_params[p].name;
            if (!seen.insert(pname).second) {
                return Status::Invalid("Duplicate lambda parameter name: " + pname);
            }
            size_t slot = ctx.next_slot++;
            my_slots.push_back(slot);
            ctx.lambda_vars.push_back({pname, slot, plan.lambda_params[i][p]});
        }
        auto body = Visit(*lambda.args[0], ctx);
        ctx.lambda_vars.resize(mark);
        if (!body.ok()) return body.status();
        body_types.push_back(body.value()->type);
        bodies.push_back(std::move(body).value());
        slots.push_back(std::move(my_slots));
    }
    std::vector<SqlType> targets;
    ASSIGN_OR_RETURN(auto result, expression::LambdaCallResultType(plan, plain_types, body_types, &targets));

    TypedExpr t;
    t.kind = TypedKind::kLambdaCall;
    t.lambda_fn = plan.fn;
    t.type = result;
    for (size_t i = 0; i < plain.size(); ++i) {
        // REDUCE's initial state is the state type; the collection keeps its own.
        if (i == 1) {
            t.args.push_back(CastTo(plain[i], plan.lambda_params[0][0]));
        } else {
            t.args.push_back(plain[i]);
        }
    }
    for (size_t i = 0; i < bodies.size(); ++i) {
        TypedExpr l;
        l.kind = TypedKind::kLambda;
        l.type = targets[i];
        l.slots = slots[i];
        l.args = {CastTo(bodies[i], targets[i])};
        l.sql = parser::ExprToSql(*lambdas[i]);
        t.args.push_back(MakeTyped(std::move(l)));
    }
    t.sql = parser::ExprToSql(e);
    return MakeTyped(std::move(t));
}

}  // namespace runnel::analyzer
