// Math functions (a first set; the full ksqlDB library is tracked by the functions issue).
#include <cmath>

#include "engine/expression/functions/scalar/scalar_functions.h"

namespace runnel::expression {

namespace {

ScalarFunction Fn(std::string name, std::vector<SqlType> params, SqlType ret, ScalarImpl impl,
                  std::string description) {
    ScalarFunction f;
    f.name = std::move(name);
    f.params = std::move(params);
    f.return_type = std::move(ret);
    f.impl = std::move(impl);
    f.description = std::move(description);
    f.category = "MATHEMATICAL";
    return f;
}

}  // namespace

void RegisterMathFunctions(FunctionRegistry& r) {
    const SqlType i = SqlType::Int(), b = SqlType::Bigint(), d = SqlType::Double();
    auto abs_int = [](const Args& a, Value& out) { out.SetInt(a[0].AsInt() < 0 ? -a[0].AsInt() : a[0].AsInt()); };
    r.Add(Fn("ABS", {i}, i, abs_int, "Absolute value."));
    r.Add(Fn("ABS", {b}, b, abs_int, "Absolute value."));
    r.Add(Fn("ABS", {d}, d, [](const Args& a, Value& out) { out.SetDouble(std::fabs(a[0].AsDouble())); },
             "Absolute value."));
    r.Add(Fn("CEIL", {d}, d, [](const Args& a, Value& out) { out.SetDouble(std::ceil(a[0].AsDouble())); },
             "Smallest integer value not less than the argument."));
    r.Add(Fn("FLOOR", {d}, d, [](const Args& a, Value& out) { out.SetDouble(std::floor(a[0].AsDouble())); },
             "Largest integer value not greater than the argument."));
    r.Add(Fn("SQRT", {d}, d, [](const Args& a, Value& out) { out.SetDouble(std::sqrt(a[0].AsDouble())); },
             "Square root."));
    r.Add(Fn("ROUND", {d}, b,
             [](const Args& a, Value& out) {
                 // Java Math.round: half up.
                 out.SetInt(static_cast<int64_t>(std::floor(a[0].AsDouble() + 0.5)));
             },
             "Rounds to the nearest integer, half up."));
}

}  // namespace runnel::expression
