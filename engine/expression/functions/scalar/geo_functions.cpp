// Geo functions. (No function of this family is registered yet: calls fail with
// "Can't find any functions with the name ...".)
#include "engine/expression/functions/scalar/scalar_functions.h"

namespace runnel::expression {

void RegisterGeoFunctions(FunctionRegistry& registry) { (void)registry; }

}  // namespace runnel::expression
