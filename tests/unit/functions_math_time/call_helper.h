// Test helper: resolves a built-in scalar function by name and argument types, converts the
// arguments to the chosen overload's parameter types (as the analyzer's implicit casts would),
// and calls it once.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "engine/expression/cast.h"
#include "engine/expression/function_registry.h"

namespace runnel::expression::testing {

struct Arg {
    SqlType type;
    Value value;
};

inline Arg I(int64_t v) { return {SqlType::Int(), Value::Int(v)}; }
inline Arg L(int64_t v) { return {SqlType::Bigint(), Value::Int(v)}; }
inline Arg D(double v) { return {SqlType::Double(), Value::Double(v)}; }
inline Arg S(std::string_view v) { return {SqlType::String(), Value::String(v)}; }
inline Arg B(bool v) { return {SqlType::Boolean(), Value::Bool(v)}; }
inline Arg Dec(__int128 unscaled, int precision, int scale) {
    return {SqlType::Decimal(precision, scale), Value::Decimal(unscaled)};
}
inline Arg Null(SqlType t) { return {std::move(t), Value()}; }
inline Arg Typed(SqlType t, Value v) { return {std::move(t), std::move(v)}; }

struct CallResult {
    bool resolved = false;
    std::string error;
    SqlType type;
    Value value;
};

inline CallResult Call(std::string_view name, const std::vector<Arg>& args) {
    CallResult r;
    std::vector<SqlType> types;
    for (const auto& a : args) types.push_back(a.type);
    std::vector<SqlType> params;
    auto fn = FunctionRegistry::Builtins().Resolve(name, types, &params, &r.type);
    if (!fn.ok()) {
        r.error = fn.status().message();
        return r;
    }
    r.resolved = true;
    std::vector<Value> converted(args.size());
    std::vector<const Value*> ptrs;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i].value.is_null() || args[i].type == params[i]) {
            converted[i] = args[i].value;
        } else {
            EXPECT_TRUE(CastValue(args[i].value, args[i].type, params[i], converted[i]))
                << "cast " << args[i].type.ToString() << " -> " << params[i].ToString();
        }
        ptrs.push_back(&converted[i]);
    }
    for (const auto* p : ptrs) {
        if (p->is_null() && fn.value()->null_on_null_input) return r;  // null result
    }
    fn.value()->impl(Args(ptrs.data(), ptrs.size()), r.value);
    return r;
}

// The value of a call that must resolve.
inline Value Eval(std::string_view name, const std::vector<Arg>& args) {
    auto r = Call(name, args);
    EXPECT_TRUE(r.resolved) << name << ": " << r.error;
    return r.value;
}

inline Value Arr(std::vector<Value> v) { return Value::List(std::move(v)); }

}  // namespace runnel::expression::testing
