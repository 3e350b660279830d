// Lambda functions: TRANSFORM, FILTER and REDUCE over arrays and maps. Typing (lambda_function.h)
// for the analyzer, evaluators binding the lambda parameters' slots to each element in place (no
// copy of the element), and their SHOW FUNCTIONS metadata.
//
// ksqlDB's semantics: a null collection gives null (REDUCE: the initial state); a null initial
// state gives null; FILTER keeps the elements whose predicate is TRUE; TRANSFORM of a map that
// produces a duplicate key fails the expression (ksqlDB throws), as does any failure inside a
// lambda body (see evaluator_internal.h).
#include <algorithm>
#include <string_view>
#include <utility>

#include "engine/expression/evaluator_internal.h"
#include "engine/expression/function_registry.h"
#include "engine/expression/functions/scalar/scalar_functions.h"
#include "engine/expression/lambda_function.h"
#include "engine/expression/value_compare.h"

namespace runnel::expression {

namespace {

using internal::CompiledLambda;
using internal::EvalPtr;

std::string TypeList(const std::vector<SqlType>& types) {
    std::string s;
    for (size_t i = 0; i < types.size(); ++i) {
        if (i) s += ", ";
        s += types[i].ToString();
    }
    return s;
}

class TransformArrayEval final : public Evaluator {
public:
    TransformArrayEval(SqlType t, EvalPtr coll, CompiledLambda fn)
        : Evaluator(std::move(t)), coll_(std::move(coll)), fn_(std::move(fn)) {}
    const Value& Eval(const Row& row) override {
        const Value& a = coll_->Eval(row);
        if (a.is_null()) {
            out_.SetNull();
            return out_;
        }
        const auto& items = a.AsList();
        ValueList res;
        res.reserve(items.size());
        for (const Value& x : items) {
            *fn_.params[0] = &x;
            res.push_back(fn_.body->Eval(row));
        }
        out_.SetList(std::make_shared<const ValueList>(std::move(res)));
        return out_;
    }

private:
    EvalPtr coll_;
    CompiledLambda fn_;
};

class TransformMapEval final : public Evaluator {
public:
    TransformMapEval(SqlType t, EvalPtr coll, CompiledLambda key_fn, CompiledLambda value_fn)
        : Evaluator(std::move(t)), coll_(std::move(coll)), key_fn_(std::move(key_fn)),
          value_fn_(std::move(value_fn)) {}
    const Value& Eval(const Row& row) override {
        const Value& m = coll_->Eval(row);
        if (m.is_null()) {
            out_.SetNull();
            return out_;
        }
        const auto& entries = m.AsMap();
        ValueMap res;
        res.reserve(entries.size());
        for (const auto& [k, v] : entries) {
            *key_fn_.params[0] = &k;
            *key_fn_.params[1] = &v;
            *value_fn_.params[0] = &k;
            *value_fn_.params[1] = &v;
            Value key = key_fn_.body->Eval(row);
            for (const auto& entry : res) {
                if (entry.first == key) {  // duplicate key: ksqlDB's collector throws
                    internal::RaiseEvalFailure();
                    out_.SetNull();
                    return out_;
                }
            }
            res.emplace_back(std::move(key), value_fn_.body->Eval(row));
        }
        out_.SetMap(std::make_shared<const ValueMap>(std::move(res)));
        return out_;
    }

private:
    EvalPtr coll_;
    CompiledLambda key_fn_, value_fn_;
};

class FilterArrayEval final : public Evaluator {
public:
    FilterArrayEval(SqlType t, EvalPtr coll, CompiledLambda fn)
        : Evaluator(std::move(t)), coll_(std::move(coll)), fn_(std::move(fn)) {}
    const Value& Eval(const Row& row) override {
        const Value& a = coll_->Eval(row);
        if (a.is_null()) {
            out_.SetNull();
            return out_;
        }
        ValueList res;
        for (const Value& x : a.AsList()) {
            *fn_.params[0] = &x;
            if (IsTrue(fn_.body->Eval(row))) res.push_back(x);
        }
        out_.SetList(std::make_shared<const ValueList>(std::move(res)));
        return out_;
    }

private:
    EvalPtr coll_;
    CompiledLambda fn_;
};

class FilterMapEval final : public Evaluator {
public:
    FilterMapEval(SqlType t, EvalPtr coll, CompiledLambda fn)
        : Evaluator(std::move(t)), coll_(std::move(coll)), fn_(std::move(fn)) {}
    const Value& Eval(const Row& row) override {
        const Value& m = coll_->Eval(row);
        if (m.is_null()) {
            out_.SetNull();
            return out_;
        }
        ValueMap res;
        for (const auto& entry : m.AsMap()) {
            *fn_.params[0] = &entry.first;
            *fn_.params[1] = &entry.second;
            if (IsTrue(fn_.body->Eval(row))) res.push_back(entry);
        }
        out_.SetMap(std::make_shared<const ValueMap>(std::move(res)));
        return out_;
    }

private:
    EvalPtr coll_;
    CompiledLambda fn_;
};

// Java's String.hashCode over the UTF-16 code units of UTF-8 text.
int32_t JavaStringHash(std::string_view s) {
    uint32_t h = 0;
    auto add = [&](uint32_t unit) { h = 31 * h + unit; };
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        uint32_t cp;
        size_t len;
        if (c < 0x80) { cp = c; len = 1; }
        else if ((c >> 5) == 6) { cp = c & 0x1f; len = 2; }
        else if ((c >> 4) == 14) { cp = c & 0x0f; len = 3; }
        else { cp = c & 0x07; len = 4; }
        for (size_t k = 1; k < len && i + k < s.size(); ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
        }
        i += len;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            add(0xD800 + (cp >> 10));
            add(0xDC00 + (cp & 0x3ff));
        } else {
            add(cp);
        }
    }
    return static_cast<int32_t>(h);
}

// The order in which ksqlDB iterates a map it read (a java.util.HashMap sized for the entries and
// filled in record order): by bucket of the spread hash, then insertion order.
// Keys other than STRING / INT / BIGINT keep record order.
class JavaMapOrder {
public:
    explicit JavaMapOrder(TypeKind key_kind) : key_kind_(key_kind) {}
    const std::vector<uint32_t>& Of(const ValueMap& map) {
        order_.resize(map.size());
        for (uint32_t i = 0; i < map.size(); ++i) order_[i] = i;
        bool hashable = key_kind_ == TypeKind::kString || key_kind_ == TypeKind::kInt ||
                        key_kind_ == TypeKind::kBigint;
        if (!hashable || map.size() < 2) return order_;
        // new HashMap<>(n): the table starts at the power of two >= n, and doubles while
        // the entries exceed 3/4 of it.
        uint32_t capacity = 1;
        while (capacity < map.size()) capacity *= 2;
        while (map.size() > capacity * 3 / 4) capacity *= 2;
        buckets_.resize(map.size());
        for (size_t i = 0; i < map.size(); ++i) {
            const Value& k = map[i].first;
            uint32_t h = 0;
            if (!k.is_null()) {
                if (key_kind_ == TypeKind::kString) {
                    h = static_cast<uint32_t>(JavaStringHash(k.AsString()));
                } else if (key_kind_ == TypeKind::kInt) {
                    h = static_cast<uint32_t>(static_cast<int32_t>(k.AsInt()));
                } else {
                    uint64_t v = static_cast<uint64_t>(k.AsInt());
                    h = static_cast<uint32_t>(v ^ (v >> 32));
                }
                h ^= h >> 16;
            }
            buckets_[i] = h & (capacity - 1);
        }
        std::stable_sort(order_.begin(), order_.end(),
                         [&](uint32_t a, uint32_t b) { return buckets_[a] < buckets_[b]; });
        return order_;
    }

private:
    TypeKind key_kind_;
    std::vector<uint32_t> order_;
    std::vector<uint32_t> buckets_;
};

// REDUCE: the state lives in this node; each step writes the body's result into `next_` and
// swaps, so a body that returns part of the state never reads freed memory.
template <bool kIsMap>
class ReduceEval final : public Evaluator {
public:
    ReduceEval(SqlType t, TypeKind key_kind, EvalPtr coll, EvalPtr init, CompiledLambda fn)
        : Evaluator(std::move(t)), coll_(std::move(coll)), init_(std::move(init)), fn_(std::move(fn)),
          order_(key_kind) {}
    const Value& Eval(const Row& row) override {
        const Value& c = coll_->Eval(row);
        const Value& init = init_->Eval(row);
        if (init.is_null()) {
            state_.SetNull();
            return state_;
        }
        state_ = init;
        if (c.is_null()) return state_;
        *fn_.params[0] = &state_;
        if constexpr (kIsMap) {
            const auto& entries = c.AsMap();
            for (uint32_t i : order_.Of(entries)) {
                *fn_.params[1] = &entries[i].first;
                *fn_.params[2] = &entries[i].second;
                Step(row);
            }
        } else {
            for (const Value& x : c.AsList()) {
                *fn_.params[1] = &x;
                Step(row);
            }
        }
        return state_;
    }

private:
    void Step(const Row& row) {
        next_ = fn_.body->Eval(row);
        std::swap(state_, next_);
    }

    EvalPtr coll_, init_;
    CompiledLambda fn_;
    JavaMapOrder order_;
    Value state_, next_;
};

ScalarFunction Meta(std::string name, std::string signature, std::string description) {
    ScalarFunction f;
    f.name = std::move(name);
    f.signature = std::move(signature);
    f.description = std::move(description);
    f.category = "LAMBDA";
    std::string fn_name = f.name;
    f.resolve = [fn_name](const std::vector<SqlType>& args, std::vector<SqlType>&) -> Result<SqlType> {
        return Status::Invalid("Function '" + fn_name + "' needs a lambda argument, e.g. " + fn_name +
                               "(arr, x => x + 1); got (" + TypeList(args) + ")");
    };
    f.impl = [](const Args&, Value& out) { out.SetNull(); };
    return f;
}

}  // namespace

bool IsLambdaFunctionName(std::string_view n) {
    return n == "TRANSFORM" || n == "FILTER" || n == "REDUCE";
}

Result<LambdaCallPlan> PlanLambdaCall(std::string_view name, const std::vector<SqlType>& plain,
                                      const std::vector<size_t>& arities) {
    auto mismatch = [&]() {
        std::string args = TypeList(plain);
        for (size_t a : arities) {
            if (!args.empty()) args += ", ";
            args += "LAMBDA<" + std::to_string(a) + ">";
        }
        return Status::Invalid("Function '" + std::string(name) + "' does not accept parameters (" +
                               args + ").");
    };
    if (plain.empty()) return mismatch();
    const SqlType& coll = plain[0];
    bool is_map = coll.kind() == TypeKind::kMap;
    bool is_array = coll.kind() == TypeKind::kArray;
    if (!is_map && !is_array) return mismatch();
    LambdaCallPlan plan;
    if (name == "TRANSFORM") {
        if (plain.size() != 1) return mismatch();
        if (is_array) {
            if (arities != std::vector<size_t>{1}) return mismatch();
            plan.fn = LambdaFn::kTransformArray;
            plan.lambda_params = {{coll.element()}};
        } else {
            if (arities != std::vector<size_t>{2, 2}) return mismatch();
            plan.fn = LambdaFn::kTransformMap;
            plan.lambda_params = {{coll.map_key(), coll.map_value()}, {coll.map_key(), coll.map_value()}};
        }
    } else if (name == "FILTER") {
        if (plain.size() != 1) return mismatch();
        if (is_array) {
            if (arities != std::vector<size_t>{1}) return mismatch();
            plan.fn = LambdaFn::kFilterArray;
            plan.lambda_params = {{coll.element()}};
        } else {
            if (arities != std::vector<size_t>{2}) return mismatch();
            plan.fn = LambdaFn::kFilterMap;
            plan.lambda_params = {{coll.map_key(), coll.map_value()}};
        }
    } else if (name == "REDUCE") {
        if (plain.size() != 2) return mismatch();
        SqlType state = plain[1].kind() == TypeKind::kNull ? SqlType::String() : plain[1];
        if (is_array) {
            if (arities != std::vector<size_t>{2}) return mismatch();
            plan.fn = LambdaFn::kReduceArray;
            plan.lambda_params = {{state, coll.element()}};
        } else {
            if (arities != std::vector<size_t>{3}) return mismatch();
            plan.fn = LambdaFn::kReduceMap;
            plan.lambda_params = {{state, coll.map_key(), coll.map_value()}};
        }
    } else {
        return Status::NotFound("Can't find any functions with the name '" + std::string(name) + "'");
    }
    return plan;
}

Result<SqlType> LambdaCallResultType(const LambdaCallPlan& plan, const std::vector<SqlType>& plain,
                                     const std::vector<SqlType>& body_types,
                                     std::vector<SqlType>* body_targets) {
    *body_targets = body_types;
    auto concrete = [](const SqlType& t) { return t.kind() == TypeKind::kNull ? SqlType::String() : t; };
    switch (plan.fn) {
        case LambdaFn::kTransformArray:
            (*body_targets)[0] = concrete(body_types[0]);
            return SqlType::Array((*body_targets)[0]);
        case LambdaFn::kTransformMap:
            (*body_targets)[0] = concrete(body_types[0]);
            (*body_targets)[1] = concrete(body_types[1]);
            return SqlType::Map((*body_targets)[0], (*body_targets)[1]);
        case LambdaFn::kFilterArray:
        case LambdaFn::kFilterMap:
            if (body_types[0].kind() != TypeKind::kBoolean && body_types[0].kind() != TypeKind::kNull) {
                return Status::Invalid("The lambda of FILTER must return BOOLEAN, not " +
                                       body_types[0].ToString());
            }
            (*body_targets)[0] = SqlType::Boolean();
            return plain[0];
        case LambdaFn::kReduceArray:
        case LambdaFn::kReduceMap: {
            SqlType state = plan.lambda_params[0][0];
            bool decimals = body_types[0].kind() == TypeKind::kDecimal &&
                            state.kind() == TypeKind::kDecimal;
            if (body_types[0] != state && !decimals && !CanWiden(body_types[0], state)) {
                return Status::Invalid("The lambda of REDUCE returns " + body_types[0].ToString() +
                                       ", which does not match the initial state's type " +
                                       state.ToString());
            }
            (*body_targets)[0] = state;
            return state;
        }
    }
    return Status::Internal("unknown lambda function");
}

namespace internal {

Result<EvalPtr> MakeLambdaCallEval(const TypedExpr& expr, std::vector<EvalPtr> plain,
                                   std::vector<CompiledLambda> lambdas) {
    switch (expr.lambda_fn) {
        case LambdaFn::kTransformArray:
            return EvalPtr(new TransformArrayEval(expr.type, std::move(plain[0]), std::move(lambdas[0])));
        case LambdaFn::kTransformMap:
            return EvalPtr(new TransformMapEval(expr.type, std::move(plain[0]), std::move(lambdas[0]),
                                                std::move(lambdas[1])));
        case LambdaFn::kFilterArray:
            return EvalPtr(new FilterArrayEval(expr.type, std::move(plain[0]), std::move(lambdas[0])));
        case LambdaFn::kFilterMap:
            return EvalPtr(new FilterMapEval(expr.type, std::move(plain[0]), std::move(lambdas[0])));
        case LambdaFn::kReduceArray:
            return EvalPtr(new ReduceEval<false>(expr.type, TypeKind::kNull, std::move(plain[0]),
                                                 std::move(plain[1]), std::move(lambdas[0])));
        case LambdaFn::kReduceMap:
            return EvalPtr(new ReduceEval<true>(expr.type, expr.args[0]->type.map_key().kind(),
                                                std::move(plain[0]), std::move(plain[1]),
                                                std::move(lambdas[0])));
    }
    return Status::Internal("unknown lambda function");
}

}  // namespace internal

void RegisterLambdaFunctions(FunctionRegistry& r) {
    r.Add(Meta("TRANSFORM", "ARRAY<T>, (T) => O",
               "Applies the lambda to each element of the array and returns the array of results."));
    r.Add(Meta("TRANSFORM", "MAP<K, V>, (K, V) => K2, (K, V) => V2",
               "Applies the two lambdas to each entry of the map, giving the new key and the new "
               "value."));
    r.Add(Meta("FILTER", "ARRAY<T>, (T) => BOOLEAN",
               "Keeps the elements of the array for which the lambda returns true."));
    r.Add(Meta("FILTER", "MAP<K, V>, (K, V) => BOOLEAN",
               "Keeps the entries of the map for which the lambda returns true."));
    r.Add(Meta("REDUCE", "ARRAY<T>, S, (S, T) => S",
               "Folds the array into one value, starting from the initial state."));
    r.Add(Meta("REDUCE", "MAP<K, V>, S, (S, K, V) => S",
               "Folds the map's entries into one value, starting from the initial state."));
}

}  // namespace runnel::expression
