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
    // Folds one row's evaluated column arguments (the non-constant ones, in call order; COUNT(*)
    // gets none) into acc. Never throws; bad input leaves acc unchanged.
    virtual void Add(const Args& args, Value& acc) const = 0;
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
};

struct BoundAggregate {
    std::shared_ptr<const Aggregator> aggregator;
    SqlType return_type;
    // Types the column arguments must be cast to before Add (same count as the non-constant
    // arguments), e.g. SUM(INT) may take BIGINT.
    std::vector<SqlType> column_param_types;
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
