// Shared pieces of the aggregate function families: ksqlDB's binding errors, reading init
// (literal) arguments and function settings, Java integer wrap-around, and accumulator lists.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/sql_type.h"
#include "engine/common/status.h"
#include "engine/common/value.h"
#include "engine/expression/aggregate_function.h"

namespace runnel::expression::aggregate {

// "INTEGER, STRING" (ksqlDB's spelling of a call's argument types).
std::string DescribeTypes(const std::vector<SqlType>& types);

// "Function 'SUM' does not accept parameters (STRING)."
Status NotAccepted(std::string_view name, const AggregateCall& call);

// OK when argument `index` is a literal, else ksqlDB's "Parameter 2 passed to function
// EARLIEST_BY_OFFSET must be a literal constant, but was expression: 'F0'".
Status RequireLiteral(std::string_view name, const AggregateCall& call, size_t index);

// The value of literal argument `index`, or nullptr when it is missing or not a literal.
const Value* LiteralAt(const AggregateCall& call, size_t index);

// Java's Objects.equals on two values of `type`: null equals null only; collections compare
// element-wise (MAP ignoring entry order).
bool SameValue(const Value& a, const Value& b, const SqlType& type);

// A function setting from call.config as an integer; `fallback` when absent or not a number.
int64_t ConfigInt(const AggregateCall& call, const std::string& key, int64_t fallback);

// The type among `accepted` that `arg` binds to: an exact match first, then one reached by
// implicit widening (INT -> BIGINT -> DOUBLE, DECIMAL -> DOUBLE), in the order given.
std::optional<SqlType> PickParam(const SqlType& arg, const std::vector<SqlType>& accepted);

// Types with an order (MIN, MAX, TOPK): numbers, DECIMAL, STRING, BYTES, DATE, TIME, TIMESTAMP.
bool IsOrdered(const SqlType& type);

// Java's int and long arithmetic: results wrap around instead of overflowing.
inline int64_t WrapInt(int64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(v)); }
inline int64_t AddLong(int64_t a, int64_t b) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
inline int64_t SubLong(int64_t a, int64_t b) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}
inline int64_t MulLong(int64_t a, int64_t b) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}

// A list value owning `items`.
Value ListValue(ValueList items);

// STRUCT<name1 type1, ...> for intermediate types.
SqlType StructOf(std::vector<std::pair<std::string, SqlType>> fields);

// Fills a BoundAggregate.
BoundAggregate Bound(std::shared_ptr<const Aggregator> aggregator, SqlType return_type,
                     std::vector<SqlType> column_param_types, SqlType intermediate_type);

}  // namespace runnel::expression::aggregate
