// Evaluators for CAST, STRUCT dereference, ARRAY / MAP subscripts, the ARRAY[...], MAP(...) and
// STRUCT(...) constructors, and lambda parameter references.
#include "engine/expression/cast.h"
#include "engine/expression/evaluator_internal.h"
#include "engine/expression/value_compare.h"

namespace runnel::expression::internal {

namespace {

class CastEval final : public Evaluator {
public:
    CastEval(SqlType to, SqlType from, EvalPtr a) : Evaluator(std::move(to)), from_(std::move(from)), a_(std::move(a)) {}
    const Value& Eval(const Row& row) override {
        const Value& v = a_->Eval(row);
        if (v.is_null() || !CastValue(v, from_, type_, out_)) out_.SetNull();
        return out_;
    }

private:
    SqlType from_;
    EvalPtr a_;
};

class DereferenceEval final : public Evaluator {
public:
    DereferenceEval(SqlType t, size_t field, EvalPtr a) : Evaluator(std::move(t)), field_(field), a_(std::move(a)) {}
    const Value& Eval(const Row& row) override {
        const Value& v = a_->Eval(row);
        if (v.is_null() || field_ >= v.AsList().size()) {
            out_.SetNull();
            return out_;
        }
        return v.AsList()[field_];
    }

private:
    size_t field_;
    EvalPtr a_;
};

// arr[i]: 1-based, negative counts from the end, anything else out of range is null.
class ArrayIndexEval final : public Evaluator {
public:
    ArrayIndexEval(SqlType t, EvalPtr a, EvalPtr i) : Evaluator(std::move(t)), a_(std::move(a)), i_(std::move(i)) {}
    const Value& Eval(const Row& row) override {
        const Value& arr = a_->Eval(row);
        const Value& idx = i_->Eval(row);
        if (arr.is_null() || idx.is_null()) return Null();
        const auto& items = arr.AsList();
        int64_t n = static_cast<int64_t>(items.size());
        int64_t i = idx.AsInt();
        int64_t pos = i > 0 ? i - 1 : n + i;
        if (i == 0 || pos < 0 || pos >= n) return Null();
        return items[static_cast<size_t>(pos)];
    }

private:
    const Value& Null() {
        out_.SetNull();
        return out_;
    }
    EvalPtr a_, i_;
};

class MapLookupEval final : public Evaluator {
public:
    MapLookupEval(SqlType t, SqlType key_type, EvalPtr m, EvalPtr k)
        : Evaluator(std::move(t)), key_type_(std::move(key_type)), m_(std::move(m)), k_(std::move(k)) {}
    const Value& Eval(const Row& row) override {
        const Value& map = m_->Eval(row);
        const Value& key = k_->Eval(row);
        if (!map.is_null() && !key.is_null()) {
            for (const auto& [k, v] : map.AsMap()) {
                if (!k.is_null() && ValuesEqual(k, key, key_type_)) return v;
            }
        }
        out_.SetNull();
        return out_;
    }

private:
    SqlType key_type_;
    EvalPtr m_, k_;
};

class ArrayCtorEval final : public Evaluator {
public:
    ArrayCtorEval(SqlType t, std::vector<EvalPtr> items) : Evaluator(std::move(t)), items_(std::move(items)) {}
    const Value& Eval(const Row& row) override {
        ValueList list;
        list.reserve(items_.size());
        for (auto& e : items_) list.push_back(e->Eval(row));
        out_.SetList(std::make_shared<const ValueList>(std::move(list)));
        return out_;
    }

private:
    std::vector<EvalPtr> items_;
};

class MapCtorEval final : public Evaluator {
public:
    MapCtorEval(SqlType t, std::vector<EvalPtr> args) : Evaluator(std::move(t)), args_(std::move(args)) {}
    const Value& Eval(const Row& row) override {
        ValueMap map;
        map.reserve(args_.size() / 2);
        for (size_t i = 0; i + 1 < args_.size(); i += 2) {
            const Value& k = args_[i]->Eval(row);
            const Value& v = args_[i + 1]->Eval(row);
            bool replaced = false;
            for (auto& entry : map) {
                if (entry.first == k) {
                    entry.second = v;
                    replaced = true;
                    break;
                }
            }
            if (!replaced) map.emplace_back(k, v);
        }
        out_.SetMap(std::make_shared<const ValueMap>(std::move(map)));
        return out_;
    }

private:
    std::vector<EvalPtr> args_;
};

class StructCtorEval final : public Evaluator {
public:
    StructCtorEval(SqlType t, std::vector<EvalPtr> fields) : Evaluator(std::move(t)), fields_(std::move(fields)) {}
    const Value& Eval(const Row& row) override {
        ValueList list;
        list.reserve(fields_.size());
        for (auto& e : fields_) list.push_back(e->Eval(row));
        out_.SetList(std::make_shared<const ValueList>(std::move(list)));
        return out_;
    }

private:
    std::vector<EvalPtr> fields_;
};

class LambdaVarEval final : public Evaluator {
public:
    LambdaVarEval(SqlType t, const Value* const* slot) : Evaluator(std::move(t)), slot_(slot) {}
    const Value& Eval(const Row&) override {
        if (*slot_ == nullptr) {
            out_.SetNull();
            return out_;
        }
        return **slot_;
    }

private:
    const Value* const* slot_;
};

}  // namespace

EvalPtr MakeCastEval(const TypedExpr& expr, std::vector<EvalPtr> args) {
    return EvalPtr(new CastEval(expr.type, expr.args[0]->type, std::move(args[0])));
}

EvalPtr MakeDereferenceEval(const TypedExpr& expr, std::vector<EvalPtr> args) {
    return EvalPtr(new DereferenceEval(expr.type, expr.column, std::move(args[0])));
}

EvalPtr MakeSubscriptEval(const TypedExpr& expr, std::vector<EvalPtr> args) {
    const SqlType& base = expr.args[0]->type;
    if (base.kind() == TypeKind::kMap) {
        return EvalPtr(new MapLookupEval(expr.type, base.map_key(), std::move(args[0]), std::move(args[1])));
    }
    return EvalPtr(new ArrayIndexEval(expr.type, std::move(args[0]), std::move(args[1])));
}

EvalPtr MakeArrayCtorEval(const TypedExpr& expr, std::vector<EvalPtr> args) {
    return EvalPtr(new ArrayCtorEval(expr.type, std::move(args)));
}

EvalPtr MakeMapCtorEval(const TypedExpr& expr, std::vector<EvalPtr> args) {
    return EvalPtr(new MapCtorEval(expr.type, std::move(args)));
}

EvalPtr MakeStructCtorEval(const TypedExpr& expr, std::vector<EvalPtr> args) {
    return EvalPtr(new StructCtorEval(expr.type, std::move(args)));
}

EvalPtr MakeLambdaVarEval(const TypedExpr& expr, CompileContext& ctx) {
    return EvalPtr(new LambdaVarEval(expr.type, &(*ctx.slots)[expr.column]));
}

}  // namespace runnel::expression::internal
