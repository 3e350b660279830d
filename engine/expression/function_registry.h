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

// Computes one result from evaluated arguments. Arguments already have the overload's parameter
// types. Must not throw; a failure sets out to null.
using ScalarImpl = std::function<void(const Value* args, size_t count, Value& out)>;

struct ScalarFunction {
    std::string name;                // upper-case
    std::vector<SqlType> params;     // for variadic, the last one repeats
    bool variadic = false;
    SqlType return_type;
    bool null_on_null_input = true;  // any null argument -> null without calling impl
    ScalarImpl impl;
    std::string description;
    std::string category;
};

class FunctionRegistry {
public:
    // The built-in functions.
    static const FunctionRegistry& Builtins();

    void Add(ScalarFunction fn);

    // Picks the overload for argument types: exact match first, then one reachable by implicit
    // widening (INT -> BIGINT -> DOUBLE). NotFound names the function and the argument types.
    Result<const ScalarFunction*> Resolve(std::string_view name,
                                          const std::vector<SqlType>& arg_types) const;
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
