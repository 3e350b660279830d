// Test helper: resolves a built-in scalar function for argument types and calls it on values,
// applying null_on_null_input as the evaluator does. Arguments must already have the types the
// overload wants (no casts are inserted here). Not thread-safe (test use).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "engine/expression/function_registry.h"

namespace runnel::expression::testing {

struct Arg {
    SqlType type;
    Value value;
};

inline Arg S(std::string_view s) { return {SqlType::String(), Value::String(s)}; }
inline Arg B(std::string_view bytes) { return {SqlType::Bytes(), Value::String(bytes)}; }
inline Arg I(int64_t v) { return {SqlType::Int(), Value::Int(v)}; }
inline Arg L(int64_t v) { return {SqlType::Bigint(), Value::Int(v)}; }
inline Arg D(double v) { return {SqlType::Double(), Value::Double(v)}; }
inline Arg Bool(bool v) { return {SqlType::Boolean(), Value::Bool(v)}; }
inline Arg Null(SqlType t) { return {std::move(t), Value()}; }
inline Arg NullLit() { return {SqlType::Null(), Value()}; }

struct CallResult {
    bool resolved = false;
    std::string error;
    SqlType type;
    Value value;
};

inline CallResult CallFn(const std::string& name, const std::vector<Arg>& args) {
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
    std::vector<const Value*> ptrs;
    for (const auto& a : args) {
        if (a.value.is_null() && fn.value()->null_on_null_input) return r;  // null result
        ptrs.push_back(&a.value);
    }
    fn.value()->impl(Args(ptrs.data(), ptrs.size()), r.value);
    return r;
}

// The value of a call that must resolve.
inline Value Call(const std::string& name, const std::vector<Arg>& args) {
    CallResult r = CallFn(name, args);
    EXPECT_TRUE(r.resolved) << name << ": " << r.error;
    return r.value;
}

inline std::string Str(const Value& v) {
    if (v.is_null()) return "<null>";
    return std::string(v.AsString());
}

inline std::vector<std::string> StrList(const Value& v) {
    std::vector<std::string> out;
    if (v.is_null()) return {"<null>"};
    for (const auto& e : v.AsList()) out.push_back(Str(e));
    return out;
}

inline std::vector<std::pair<std::string, std::string>> StrMap(const Value& v) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [k, val] : v.AsMap()) out.emplace_back(Str(k), Str(val));
    return out;
}

}  // namespace runnel::expression::testing
