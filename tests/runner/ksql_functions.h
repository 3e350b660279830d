// The names of ksqlDB's built-in functions (from its public function reference), so the runner
// can tell "Runnel lacks this function" (a missing feature) from "no such function" (what a
// negative case may expect). Pure function; thread-safe.
#pragma once

#include <string_view>

namespace runnel::runner {

// `name` upper-case.
bool IsKsqlBuiltinFunction(std::string_view name);

}  // namespace runnel::runner
