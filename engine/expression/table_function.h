// Table functions (EXPLODE, CUBE_EXPLODE): functions that turn one input row into zero or more
// output rows, each with one value. Kept as data with their metadata, like the scalar registry,
// so SHOW FUNCTIONS / DESCRIBE FUNCTION list them (type TABLE) from the table that resolves
// calls. A call site, typed by the analyzer, is a TableFunctionCall, stored in the plan's
// FlatMapStep and evaluated by the runtime's FlatMapOperator.
//
// The registry is built once and immutable afterwards: thread-safe for lookups. TableFunction
// and TableFunctionCall are immutable values, shareable between threads.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/sql_type.h"
#include "engine/common/status.h"
#include "engine/common/value.h"
#include "engine/expression/function_registry.h"
#include "engine/expression/typed_expr.h"

namespace runnel::expression {

// Appends the values of one call's rows to `out` (left empty for no rows). Arguments already
// have the types the resolver asked for. Must not throw. A failure (e.g. an input too large to
// expand) returns an error: the runtime logs it to the processing log and skips the input row.
using TableImpl = std::function<Status(const Args& args, ValueList& out)>;

struct TableFunction {
    std::string name;  // upper-case
    // Types a call: the type of each produced value, and in `params` the types the arguments
    // are cast to (same length as the arguments). Any error means "does not fit".
    TypeResolver resolve;
    // Display for DESCRIBE FUNCTION, e.g. {"ARRAY<T>"} returning "T".
    std::vector<std::string> signature;
    std::string return_display;
    TableImpl impl;
    std::string description;
    std::string category = "TABLE";
};

// One table function call in a SELECT list: its function, its arguments over the flat map's
// input row, and the type of the values it produces.
struct TableFunctionCall {
    const TableFunction* function = nullptr;
    std::vector<TypedExprPtr> args;  // already cast to the resolver's parameter types
    SqlType type;
    std::string sql;  // the call as SQL text (EXPLAIN, messages)
};

class TableFunctionRegistry {
public:
    // The built-in table functions.
    static const TableFunctionRegistry& Builtins();

    void Add(TableFunction fn);
    bool Has(std::string_view name) const;  // case-insensitive

    // The overload for these argument types. NotFound "Can't find any functions with the name
    // 'X'" for an unknown name; Invalid "Function 'X' does not accept parameters (T, ...)."
    // when no overload fits. `param_types` receives the types the arguments must be cast to and
    // `return_type` the type of each produced value.
    Result<const TableFunction*> Resolve(std::string_view name,
                                         const std::vector<SqlType>& arg_types,
                                         std::vector<SqlType>* param_types,
                                         SqlType* return_type) const;

    const std::map<std::string, std::vector<std::unique_ptr<TableFunction>>>& all() const {
        return functions_;
    }

private:
    std::map<std::string, std::vector<std::unique_ptr<TableFunction>>> functions_;
};

}  // namespace runnel::expression
