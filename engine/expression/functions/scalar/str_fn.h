// Small builders shared by the string, regex, JSON, bytes, URL and null function families, and
// the registration entry points of the helper files that hold part of a family. Thread-safe
// (registration runs once, before the registry is shared).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/expression/function_registry.h"

namespace runnel::expression::str {

// One fixed-signature overload.
inline ScalarFunction MakeFn(std::string name, std::vector<SqlType> params, SqlType ret,
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

// The same, with the last parameter repeating.
inline ScalarFunction MakeVariadic(std::string name, std::vector<SqlType> params, SqlType ret,
                                   ScalarImpl impl, std::string description, std::string category) {
    ScalarFunction f = MakeFn(std::move(name), std::move(params), std::move(ret), std::move(impl),
                              std::move(description), std::move(category));
    f.variadic = true;
    return f;
}

// Overloads whose impl sees null arguments (the impl decides what a null means).
inline ScalarFunction SeesNulls(ScalarFunction f) {
    f.null_on_null_input = false;
    return f;
}

// Sets `out` to a list of strings (ARRAY<STRING>).
inline void SetStringList(std::vector<Value> items, Value& out) {
    out.SetList(std::make_shared<const ValueList>(std::move(items)));
}

// Function categories as ksqlDB names them in DESCRIBE FUNCTION.
inline constexpr const char* kCategoryString = "STRING";
inline constexpr const char* kCategoryRegex = "REGULAR EXPRESSION";
inline constexpr const char* kCategoryJson = "JSON";
inline constexpr const char* kCategoryUrl = "URL";
inline constexpr const char* kCategoryConditional = "CONDITIONAL";
inline constexpr const char* kCategoryOther = "OTHER";

// Parts of the string family kept in their own files (str_*.cpp).
void RegisterMaskFunctions(FunctionRegistry& registry);         // str_mask_functions.cpp
void RegisterStringSplitFunctions(FunctionRegistry& registry);  // str_split_functions.cpp

}  // namespace runnel::expression::str
