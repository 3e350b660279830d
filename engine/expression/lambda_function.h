// Typing of the lambda functions TRANSFORM, FILTER and REDUCE for the analyzer: which overload
// a call is, the types its lambdas' parameters get, and the call's result type. Their
// evaluators and SHOW FUNCTIONS metadata live in functions/scalar/lambda_functions.cpp.
// Pure functions; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "engine/common/sql_type.h"
#include "engine/common/status.h"
#include "engine/expression/typed_expr.h"

namespace runnel::expression {

bool IsLambdaFunctionName(std::string_view upper_name);

struct LambdaCallPlan {
    LambdaFn fn = LambdaFn::kTransformArray;
    // For each lambda argument, in order: its parameters' types.
    std::vector<std::vector<SqlType>> lambda_params;
};

// `plain` are the types of the non-lambda arguments, which come first (the collection, then
// REDUCE's initial state); `arities` the parameter counts of the lambda arguments after them.
Result<LambdaCallPlan> PlanLambdaCall(std::string_view upper_name, const std::vector<SqlType>& plain,
                                      const std::vector<size_t>& arities);

// The call's type from the lambda bodies' types. For REDUCE the body must widen to the state
// type; `body_targets` receives the type each body is cast to (its own type otherwise).
Result<SqlType> LambdaCallResultType(const LambdaCallPlan& plan, const std::vector<SqlType>& plain,
                                     const std::vector<SqlType>& body_types,
                                     std::vector<SqlType>* body_targets);

}  // namespace runnel::expression
