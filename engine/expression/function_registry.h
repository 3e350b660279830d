// Scalar functions and their metadata (name, overloads, category, description), kept as data so
// SHOW FUNCTIONS and DESCRIBE FUNCTION list them from the same table that resolves calls.
// The registry is built once and immutable afterwards: thread-safe for lookups.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/sql_type.h"
#include "engine/common/status.h"
#include "engine/common/value.h"

namespace runnel::expression {

// The evaluated arguments of one call, viewed in place (no copies).
class Args {
public:
    Args(const Value* const* values, size_t count) : values_(values), count_(count) {}
    const Value& operator[](size_t i) const { return *values_[i]; }
    size_t size() const { return count_; }

private:
    const Value* const* values_;
    size_t count_;
};

// Computes one result from evaluated arguments. Arguments already have the overload's parameter
// types. Must not throw; a failure sets out to null.
using ScalarImpl = std::function<void(const Args& args, Value& out)>;

// Decides, for a generic overload, whether it accepts these argument types and what it
// returns; `params` then holds the types the arguments are cast to (same length as args).
using TypeResolver = std::function<Result<SqlType>(const std::vector<SqlType>& args,
                                                   std::vector<SqlType>& params)>;

struct ScalarFunction {
    std::string name;                // upper-case
    std::vector<SqlType> params;     // for variadic, the last one repeats
    bool variadic = false;
    SqlType return_type;
    // Set for generic overloads (ARRAY_LENGTH(ARRAY<T>), COALESCE(T, T...)): used instead of
    // params/return_type to type a call.
    TypeResolver resolve;
    // Display signature for DESCRIBE FUNCTION when `resolve` is set, e.g. "ARRAY<T>".
    std::string signature;
    bool null_on_null_input = true;  // any null argument -> null without calling impl
    ScalarImpl impl;
    // Optional: builds the implementation for one call site from its argument types, once,
    // when the expression is compiled (for functions whose result depends on the types, such
    // as TO_JSON_STRING of a STRUCT, which needs the field names). Used instead of impl.
    std::function<ScalarImpl(const std::vector<SqlType>& arg_types)> bind;
    std::string description;
    std::string category;
};

class FunctionRegistry {
public:
    // The built-in functions.
    static const FunctionRegistry& Builtins();

    void Add(ScalarFunction fn);

    // Picks the overload for argument types: exact match first, then one reachable by implicit
    // widening (INT -> BIGINT -> DOUBLE), then generic overloads. NotFound names the function
    // and the argument types. `param_types` receives the types the arguments must be cast to
    // and `return_type` the call's type.
    Result<const ScalarFunction*> Resolve(std::string_view name,
                                          const std::vector<SqlType>& arg_types,
                                          std::vector<SqlType>* param_types = nullptr,
                                          SqlType* return_type = nullptr) const;
    bool Has(std::string_view name) const;
    const std::map<std::string, std::vector<std::unique_ptr<ScalarFunction>>>& all() const {
        return functions_;
    }

private:
    std::map<std::string, std::vector<std::unique_ptr<ScalarFunction>>> functions_;
};

// True when a value of type `from` may be used where `to` is expected without an explicit CAST.
bool CanWiden(const SqlType& from, const SqlType& to);

}  // namespace runnel::expression
