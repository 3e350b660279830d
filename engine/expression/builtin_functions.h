// Registration of the built-in scalar function families into a FunctionRegistry.
#pragma once

#include "engine/expression/function_registry.h"

namespace runnel::expression {

void RegisterStringFunctions(FunctionRegistry& registry);
void RegisterMathFunctions(FunctionRegistry& registry);

}  // namespace runnel::expression
