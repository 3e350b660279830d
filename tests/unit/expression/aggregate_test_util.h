// Helpers for the aggregate function tests: bind a call, feed rows, read results. Each step
// round-trips the accumulator through the value codec, as the aggregate operator stores it.
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "engine/common/value_codec.h"
#include "engine/expression/aggregate_function.h"

namespace runnel {
// Readable values in gtest failure messages.
inline void PrintTo(const Value& v, std::ostream* os) { *os << v.DebugString(); }
}  // namespace runnel

namespace runnel::expression::testing {

// A call with column arguments of `types`, followed by `literals` (type, value).
inline AggregateCall Call(std::vector<SqlType> types,
                          std::vector<std::pair<SqlType, Value>> literals = {}) {
    AggregateCall c;
    for (auto& t : types) {
        c.arg_types.push_back(t);
        c.is_constant.push_back(false);
        c.constant_values.emplace_back();
    }
    for (auto& [t, v] : literals) {
        c.arg_types.push_back(t);
        c.is_constant.push_back(true);
        c.constant_values.push_back(v);
    }
    return c;
}

inline BoundAggregate MustBind(std::string_view name, const AggregateCall& call) {
    auto r = AggregateRegistry::Builtins().Bind(name, call);
    EXPECT_TRUE(r.ok()) << name << ": " << r.status().message();
    return r.ok() ? r.value() : BoundAggregate{};
}

inline std::string BindError(std::string_view name, const AggregateCall& call) {
    auto r = AggregateRegistry::Builtins().Bind(name, call);
    return r.ok() ? std::string("<bound>") : r.status().message();
}

inline void RoundTrip(Value& acc) {
    std::string bytes;
    AppendValue(acc, bytes);
    std::string_view in = bytes;
    Value back;
    ASSERT_TRUE(ReadValue(in, back));
    ASSERT_TRUE(in.empty());
    ASSERT_EQ(back, acc);
    acc = back;
}

// Drives one bound aggregate over one group.
class Group {
public:
    explicit Group(BoundAggregate bound) : bound_(std::move(bound)) {
        if (bound_.aggregator) acc_ = bound_.aggregator->Init();
    }

    Group& Add(std::vector<Value> args) {
        Apply(args, false);
        return *this;
    }
    Group& Undo(std::vector<Value> args) {
        Apply(args, true);
        return *this;
    }
    Status TryAdd(std::vector<Value> args) {
        std::vector<const Value*> ptrs;
        for (auto& a : args) ptrs.push_back(&a);
        Status s = bound_.aggregator->TryAdd(Args(ptrs.data(), ptrs.size()), acc_);
        RoundTrip(acc_);
        return s;
    }
    // Folds another group's accumulator into this one (session merge).
    Group& Merge(const Group& other) {
        bound_.aggregator->Merge(other.acc_, acc_);
        RoundTrip(acc_);
        return *this;
    }
    Value Result() const {
        Value out;
        bound_.aggregator->Result(acc_, out);
        return out;
    }
    const Value& acc() const { return acc_; }

private:
    void Apply(std::vector<Value>& args, bool undo) {
        std::vector<const Value*> ptrs;
        for (auto& a : args) ptrs.push_back(&a);
        Args view(ptrs.data(), ptrs.size());
        if (undo) {
            ASSERT_TRUE(bound_.aggregator->can_undo());
            bound_.aggregator->Undo(view, acc_);
        } else {
            bound_.aggregator->Add(view, acc_);
        }
        RoundTrip(acc_);
    }

    BoundAggregate bound_;
    Value acc_;
};

inline Value L(std::vector<Value> items) { return Value::List(std::move(items)); }
inline Value I(int64_t v) { return Value::Int(v); }
inline Value D(double v) { return Value::Double(v); }
inline Value S(std::string_view v) { return Value::String(v); }
inline Value N() { return Value(); }

}  // namespace runnel::expression::testing
