// Aggregate functions (COUNT, SUM, TOPK, ...) and their metadata, kept as data like the scalar
// registry so SHOW FUNCTIONS / DESCRIBE FUNCTION list them from the table that resolves calls.
//
// A call site is bound once, at plan/compile time, to its argument types and its constant
// (literal) init arguments, giving an Aggregator. The aggregator keeps its running state in a
// Value (the accumulator), which the aggregate operator stores in the state store between
// records with the self-describing Value codec (engine/common/value_codec.h), so an accumulator
// may use any Value shape (an int, a list of [sum, count], a map...).
//
// The registry is built once and immutable afterwards: thread-safe for lookups. An Aggregator
// is immutable after Bind and may be shared by the tasks of a query.
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

namespace runnel::expression {

class Aggregator {
public:
    virtual ~Aggregator() = default;
    // The accumulator before any row (e.g. Int(0) for COUNT, null for MIN).
    virtual Value Init() const = 0;
    // Folds one row's evaluated column arguments into acc: the leading arguments of the call
    // that are not init parameters, in call order, cast to BoundAggregate::column_param_types
    // (a literal in a column position, as in SUM(2) or COUNT(1), is still a column argument and
    // is passed on every row; COUNT(*) gets none). Never throws; input the function rejects
    // (a DECIMAL SUM overflowing its precision) leaves acc unchanged.
    virtual void Add(const Args& args, Value& acc) const = 0;
    // Add that reports rejected input instead of ignoring it, with ksqlDB's message, for the
    // processing log (e.g. "Numeric field overflow: ..."); acc is unchanged on error. The
    // default forwards to Add.
    virtual Status TryAdd(const Args& args, Value& acc) const {
        Add(args, acc);
        return Status::Ok();
    }
    // Table aggregation retracts the old row before adding the new one. Only called when
    // can_undo() is true.
    virtual bool can_undo() const { return false; }
    virtual void Undo(const Args& args, Value& acc) const { (void)args; (void)acc; }
    // Session windows merge the accumulators of sessions that a record joins together:
    // folds `other` into acc.
    virtual void Merge(const Value& other, Value& acc) const = 0;
    // The SQL result from the accumulator (e.g. AVG = sum / count), of the bound return type.
    virtual void Result(const Value& acc, Value& out) const = 0;
};

// What a call looks like to Bind: the types of all arguments in call order, and which of them
// are constants (literals) with their values. Column arguments come first in ksqlDB's UDAFs;
// constant arguments (TOPK's k, LATEST_BY_OFFSET's n and ignore-nulls) follow them.
struct AggregateCall {
    std::vector<SqlType> arg_types;
    std::vector<bool> is_constant;      // same length as arg_types
    std::vector<Value> constant_values;  // same length; meaningful where is_constant
    // Optional: the SQL text of each argument (same length, or empty), for ksqlDB's message
    // "Parameter 2 passed to function X must be a literal constant, but was expression: 'F0'".
    std::vector<std::string> arg_sql;
    // The query's function settings ("ksql.functions.collect_list.limit" ...), from the server
    // config overlaid with the statement's properties. Absent keys take ksqlDB's defaults.
    std::map<std::string, std::string> config;
};

struct BoundAggregate {
    std::shared_ptr<const Aggregator> aggregator;
    SqlType return_type;
    // One entry per column argument (the arguments Add receives, see Aggregator::Add): the type
    // each must be cast to before Add, e.g. AVG(DECIMAL) takes DOUBLE. The remaining arguments
    // of the call were init parameters, consumed by Bind.
    std::vector<SqlType> column_param_types;
    // ksqlDB's type for the accumulator (e.g. STRUCT<SUM BIGINT, COUNT BIGINT> for AVG). ksqlDB
    // rejects a query whose value format cannot hold it: "One of the functions used in the
    // statement has an intermediate type that the value format can not handle. Please remove
    // the function or change the format." (DELIMITED and ARRAY/MAP/STRUCT).
    SqlType intermediate_type;
};

struct AggregateFunction {
    std::string name;         // upper-case
    std::string description;
    // Display signatures for DESCRIBE FUNCTION, e.g. {"INT", "BIGINT"} per overload:
    // each entry is (params text, return type text).
    std::vector<std::pair<std::string, std::string>> signatures;
    // Binds a call; InvalidArgument/NotFound with ksqlDB's wording when the types or constants
    // do not fit (e.g. "Function 'SUM' does not accept parameters (STRING).").
    std::function<Result<BoundAggregate>(const AggregateCall& call)> bind;
};

class AggregateRegistry {
public:
    static const AggregateRegistry& Builtins();

    void Add(AggregateFunction fn);
    bool Has(std::string_view name) const;  // case-insensitive
    // NotFound "Can't find any functions with the name 'X'" when unknown.
    Result<BoundAggregate> Bind(std::string_view name, const AggregateCall& call) const;
    const std::map<std::string, AggregateFunction>& all() const { return functions_; }

private:
    std::map<std::string, AggregateFunction> functions_;
};

}  // namespace runnel::expression
