#include "engine/expression/function_registry.h"

#include <algorithm>

#include "engine/expression/functions/scalar/scalar_functions.h"

namespace runnel::expression {

namespace {

int WidenRank(TypeKind k) {
    switch (k) {
        case TypeKind::kInt: return 1;
        case TypeKind::kBigint: return 2;
        case TypeKind::kDouble: return 3;
        default: return 0;
    }
}

std::string Upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

const SqlType& ParamAt(const ScalarFunction& fn, size_t i) {
    return i < fn.params.size() ? fn.params[i] : fn.params.back();
}

bool ArityFits(const ScalarFunction& fn, size_t n) {
    if (fn.variadic) return n + 1 >= fn.params.size();
    return n == fn.params.size();
}

}  // namespace

bool CanWiden(const SqlType& from, const SqlType& to) {
    if (from.kind() == TypeKind::kNull) return true;
    if (from == to) return true;
    if (from.kind() == TypeKind::kDecimal) return to.kind() == TypeKind::kDouble;
    if (to.kind() == TypeKind::kDecimal) {
        return from.kind() == TypeKind::kInt || from.kind() == TypeKind::kBigint;
    }
    int f = WidenRank(from.kind()), t = WidenRank(to.kind());
    return f > 0 && t > 0 && f < t;
}

const FunctionRegistry& FunctionRegistry::Builtins() {
    static const FunctionRegistry* registry = [] {
        auto* r = new FunctionRegistry();
        RegisterStringFunctions(*r);
        RegisterRegexFunctions(*r);
        RegisterJsonFunctions(*r);
        RegisterBytesFunctions(*r);
        RegisterUrlFunctions(*r);
        RegisterNullFunctions(*r);
        RegisterMathFunctions(*r);
        RegisterDateTimeFunctions(*r);
        RegisterArrayFunctions(*r);
        RegisterMapFunctions(*r);
        RegisterGeoFunctions(*r);
        RegisterLambdaFunctions(*r);
        return r;
    }();
    return *registry;
}

void FunctionRegistry::Add(ScalarFunction fn) {
    fn.name = Upper(fn.name);
    auto name = fn.name;
    functions_[name].push_back(std::make_unique<ScalarFunction>(std::move(fn)));
}

bool FunctionRegistry::Has(std::string_view name) const {
    return functions_.count(Upper(name)) > 0;
}

Result<const ScalarFunction*> FunctionRegistry::Resolve(std::string_view name,
                                                        const std::vector<SqlType>& arg_types,
                                                        std::vector<SqlType>* param_types,
                                                        SqlType* return_type) const {
    auto it = functions_.find(Upper(name));
    auto describe_args = [&] {
        std::string s;
        for (size_t i = 0; i < arg_types.size(); ++i) {
            if (i) s += ", ";
            s += arg_types[i].ToString();
        }
        return s;
    };
    if (it == functions_.end()) {
        return Status::NotFound("Can't find any functions with the name '" + Upper(name) + "'");
    }
    auto chosen = [&](const ScalarFunction* fn) -> Result<const ScalarFunction*> {
        if (param_types) {
            param_types->clear();
            for (size_t i = 0; i < arg_types.size(); ++i) param_types->push_back(ParamAt(*fn, i));
        }
        if (return_type) *return_type = fn->return_type;
        return fn;
    };
    for (const auto& fn : it->second) {
        if (fn->resolve || !ArityFits(*fn, arg_types.size())) continue;
        bool exact = true;
        for (size_t i = 0; i < arg_types.size(); ++i) {
            if (arg_types[i] != ParamAt(*fn, i) && arg_types[i].kind() != TypeKind::kNull) exact = false;
        }
        if (exact) return chosen(fn.get());
    }
    for (const auto& fn : it->second) {
        if (fn->resolve || !ArityFits(*fn, arg_types.size())) continue;
        bool ok = true;
        for (size_t i = 0; i < arg_types.size(); ++i) {
            if (!CanWiden(arg_types[i], ParamAt(*fn, i))) ok = false;
        }
        if (ok) return chosen(fn.get());
    }
    for (const auto& fn : it->second) {
        if (!fn->resolve) continue;
        std::vector<SqlType> params;
        auto rt = fn->resolve(arg_types, params);
        if (!rt.ok()) continue;
        if (param_types) *param_types = params;
        if (return_type) *return_type = rt.value();
        return fn.get();
    }
    return Status::Invalid("Function '" + Upper(name) +
                           "' does not accept parameters (" + describe_args() + ").");
}

}  // namespace runnel::expression
