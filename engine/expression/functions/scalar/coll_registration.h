// Small builders shared by the math, date/time, array, map and geo function families: a fixed
// overload, a generic overload (typed by a TypeResolver), and the per-scale registration of
// DECIMAL overloads whose results depend on the argument's scale (ROUND, FLOOR, ARRAY_JOIN...).
// Used only while the registry is built; the functions made here are immutable afterwards.
// Thread-safe: pure builders.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "engine/expression/function_registry.h"

namespace runnel::expression::builtin {

// Metadata categories as ksqlDB's DESCRIBE FUNCTION prints them.
inline constexpr const char* kCategoryMath = "MATHEMATICAL";
inline constexpr const char* kCategoryDateTime = "DATE / TIME";
inline constexpr const char* kCategoryArray = "ARRAY";
inline constexpr const char* kCategoryMap = "MAP";
inline constexpr const char* kCategoryGeo = "GEOGRAPHIC";

// The largest DECIMAL scale (and precision) a value can have.
inline constexpr int kMaxDecimalScale = 38;

inline ScalarFunction Fixed(std::string name, std::vector<SqlType> params, SqlType ret,
                            ScalarImpl impl, std::string description, std::string category) {
    ScalarFunction f;
    f.name = std::move(name);
    f.params = std::move(params);
    f.return_type = std::move(ret);
    f.impl = std::move(impl);
    f.description = std::move(description);
    f.category = std::move(category);
    return f;
}

inline ScalarFunction Generic(std::string name, std::string signature, TypeResolver resolve,
                              ScalarImpl impl, std::string description, std::string category) {
    ScalarFunction f;
    f.name = std::move(name);
    f.signature = std::move(signature);
    f.resolve = std::move(resolve);
    f.impl = std::move(impl);
    f.description = std::move(description);
    f.category = std::move(category);
    return f;
}

// Adds make(scale) for every DECIMAL scale 0..38. A ScalarImpl only sees values, and a DECIMAL
// value is an unscaled integer, so functions that need the scale get one overload per scale,
// each capturing its own; their resolvers must accept only DECIMAL arguments of that scale.
// All of them carry the same display signature.
inline void AddPerDecimalScale(FunctionRegistry& registry,
                               const std::function<ScalarFunction(int scale)>& make) {
    for (int s = 0; s <= kMaxDecimalScale; ++s) registry.Add(make(s));
}

// The failure every resolver returns when it does not accept the arguments; the registry then
// tries the next overload and reports "does not accept parameters (...)" if none fits.
inline Status NoMatch() { return Status::Invalid("arguments do not match"); }

}  // namespace runnel::expression::builtin
