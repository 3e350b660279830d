// Evaluator: a compiled, typed expression. Built once per task from a TypedExpr (no AST walking
// at run time, no string lookups); evaluation writes into node-owned scratch values, so fixed-width
// results never allocate. Where ksqlDB's generated code would throw (arithmetic on null, integer
// or DECIMAL division by zero, DECIMAL overflow, LIKE on null), the whole compiled expression
// evaluates to null, as ksqlDB's select expressions do. Not thread-safe: one instance per task.
#pragma once

#include <memory>

#include "engine/common/row.h"
#include "engine/common/sql_type.h"
#include "engine/common/status.h"
#include "engine/expression/typed_expr.h"

namespace runnel::expression {

class Evaluator {
public:
    explicit Evaluator(SqlType type) : type_(std::move(type)) {}
    virtual ~Evaluator() = default;
    Evaluator(const Evaluator&) = delete;
    Evaluator& operator=(const Evaluator&) = delete;

    // The result stays valid until this evaluator runs again or the row changes.
    virtual const Value& Eval(const Row& row) = 0;
    const SqlType& type() const { return type_; }

protected:
    SqlType type_;
    Value out_;
};

Result<std::unique_ptr<Evaluator>> Compile(const TypedExpr& expr);

// Three-valued predicate result: true only when the value is a non-null TRUE.
inline bool IsTrue(const Value& v) { return v.tag() == Value::Tag::kBool && v.AsBool(); }

}  // namespace runnel::expression
