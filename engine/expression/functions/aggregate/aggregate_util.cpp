#include "engine/expression/functions/aggregate/aggregate_util.h"

#include <charconv>

#include "engine/expression/function_registry.h"
#include "engine/expression/value_compare.h"

namespace runnel::expression::aggregate {

std::string DescribeTypes(const std::vector<SqlType>& types) {
    std::string s;
    for (size_t i = 0; i < types.size(); ++i) {
        if (i) s += ", ";
        s += types[i].ToString();
    }
    return s;
}

Status NotAccepted(std::string_view name, const AggregateCall& call) {
    return Status::Invalid("Function '" + std::string(name) + "' does not accept parameters (" +
                           DescribeTypes(call.arg_types) + ").");
}

Status RequireLiteral(std::string_view name, const AggregateCall& call, size_t index) {
    if (index < call.is_constant.size() && call.is_constant[index]) return Status::Ok();
    std::string text = index < call.arg_sql.size() ? call.arg_sql[index] : std::string();
    return Status::Invalid("Parameter " + std::to_string(index + 1) + " passed to function " +
                           std::string(name) +
                           " must be a literal constant, but was expression: '" + text + "'");
}

const Value* LiteralAt(const AggregateCall& call, size_t index) {
    if (index >= call.is_constant.size() || !call.is_constant[index]) return nullptr;
    if (index >= call.constant_values.size()) return nullptr;
    return &call.constant_values[index];
}

bool SameValue(const Value& a, const Value& b, const SqlType& type) {
    if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
    return ValuesEqual(a, b, type);
}

int64_t ConfigInt(const AggregateCall& call, const std::string& key, int64_t fallback) {
    auto it = call.config.find(key);
    if (it == call.config.end()) return fallback;
    std::string_view s = it->second;
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return fallback;
    return v;
}

std::optional<SqlType> PickParam(const SqlType& arg, const std::vector<SqlType>& accepted) {
    for (const auto& t : accepted) {
        if (arg == t) return t;
        // DECIMAL parameters accept any DECIMAL (the bound type keeps precision and scale).
        if (arg.kind() == TypeKind::kDecimal && t.kind() == TypeKind::kDecimal) return arg;
    }
    if (arg.kind() == TypeKind::kNull) return std::nullopt;
    for (const auto& t : accepted) {
        if (t.kind() == TypeKind::kDecimal) continue;
        if (CanWiden(arg, t)) return t;
    }
    return std::nullopt;
}

bool IsOrdered(const SqlType& type) {
    switch (type.kind()) {
        case TypeKind::kInt:
        case TypeKind::kBigint:
        case TypeKind::kDouble:
        case TypeKind::kDecimal:
        case TypeKind::kString:
        case TypeKind::kBytes:
        case TypeKind::kDate:
        case TypeKind::kTime:
        case TypeKind::kTimestamp:
            return true;
        default:
            return false;
    }
}

Value ListValue(ValueList items) {
    Value v;
    v.SetList(std::make_shared<ValueList>(std::move(items)));
    return v;
}

SqlType StructOf(std::vector<std::pair<std::string, SqlType>> fields) {
    std::vector<StructField> out;
    out.reserve(fields.size());
    for (auto& [name, type] : fields) out.push_back({std::move(name), std::move(type)});
    return SqlType::Struct(std::move(out));
}

BoundAggregate Bound(std::shared_ptr<const Aggregator> aggregator, SqlType return_type,
                     std::vector<SqlType> column_param_types, SqlType intermediate_type) {
    BoundAggregate b;
    b.aggregator = std::move(aggregator);
    b.return_type = std::move(return_type);
    b.column_param_types = std::move(column_param_types);
    b.intermediate_type = std::move(intermediate_type);
    return b;
}

}  // namespace runnel::expression::aggregate
