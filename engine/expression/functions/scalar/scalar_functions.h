// Registration of the built-in scalar function families into a FunctionRegistry. One file per
// family under functions/scalar/; each registers its functions with their metadata.
#pragma once

#include "engine/expression/function_registry.h"

namespace runnel::expression {

void RegisterStringFunctions(FunctionRegistry& registry);     // string_functions.cpp
void RegisterRegexFunctions(FunctionRegistry& registry);      // regex_functions.cpp
void RegisterJsonFunctions(FunctionRegistry& registry);       // json_functions.cpp
void RegisterBytesFunctions(FunctionRegistry& registry);      // bytes_functions.cpp
void RegisterUrlFunctions(FunctionRegistry& registry);        // url_functions.cpp
void RegisterNullFunctions(FunctionRegistry& registry);       // null_functions.cpp
void RegisterMathFunctions(FunctionRegistry& registry);       // math_functions.cpp
void RegisterDateTimeFunctions(FunctionRegistry& registry);   // datetime_functions.cpp
void RegisterArrayFunctions(FunctionRegistry& registry);      // array_functions.cpp
void RegisterMapFunctions(FunctionRegistry& registry);        // map_functions.cpp
void RegisterGeoFunctions(FunctionRegistry& registry);        // geo_functions.cpp
void RegisterLambdaFunctions(FunctionRegistry& registry);     // lambda_functions.cpp

}  // namespace runnel::expression
