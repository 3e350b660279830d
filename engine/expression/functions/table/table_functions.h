// Registration of the built-in table functions into a TableFunctionRegistry. One file per
// family under functions/table/; each registers its functions with their metadata.
#pragma once

#include "engine/expression/table_function.h"

namespace runnel::expression {

void RegisterExplodeFunctions(TableFunctionRegistry& registry);  // explode_functions.cpp

}  // namespace runnel::expression
