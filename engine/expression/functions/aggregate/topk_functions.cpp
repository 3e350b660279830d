// TOPK(col, k) and TOPKDISTINCT(col, k): the k largest non-null values of a column of an ordered
// type (INT, BIGINT, DOUBLE, DECIMAL, STRING, BYTES, DATE, TIME, TIMESTAMP), largest first, as
// an ARRAY of the column's type; TOPKDISTINCT counts equal values once. k is an INTEGER literal.
// Streams only (no undo); session windows merge the two sorted lists.
#include "engine/expression/functions/aggregate/aggregate_functions.h"
#include "engine/expression/functions/aggregate/aggregate_util.h"
#include "engine/expression/value_compare.h"

namespace runnel::expression {

namespace {

using aggregate::ListValue;

class TopkAggregator final : public Aggregator {
public:
    TopkAggregator(TypeKind kind, size_t k, bool distinct)
        : kind_(kind), k_(k), distinct_(distinct) {}

    Value Init() const override { return ListValue({}); }
    void Add(const Args& args, Value& acc) const override {
        if (args.size() == 0 || args[0].is_null()) return;
        const Value& v = args[0];
        const auto& list = acc.AsList();
        if (list.size() == k_ && Cmp(v, list.back()) <= 0) return;
        // Insertion point: after every entry >= v (equal values keep arrival order).
        size_t at = 0;
        while (at < list.size() && Cmp(list[at], v) >= 0) {
            if (distinct_ && Cmp(list[at], v) == 0) return;
            ++at;
        }
        ValueList next;
        next.reserve(std::min(list.size() + 1, k_));
        next.insert(next.end(), list.begin(), list.begin() + static_cast<ptrdiff_t>(at));
        next.push_back(v);
        for (size_t i = at; i < list.size() && next.size() < k_; ++i) next.push_back(list[i]);
        acc = ListValue(std::move(next));
    }
    void Merge(const Value& other, Value& acc) const override {
        const auto& a = acc.AsList();
        const auto& b = other.AsList();
        ValueList merged;
        merged.reserve(std::min(k_, a.size() + b.size()));
        size_t i = 0, j = 0;
        while (merged.size() < k_ && (i < a.size() || j < b.size())) {
            if (j >= b.size()) {
                merged.push_back(a[i++]);
            } else if (i >= a.size()) {
                merged.push_back(b[j++]);
            } else {
                int c = Cmp(a[i], b[j]);
                if (c > 0 || (c == 0 && !distinct_)) {
                    merged.push_back(a[i++]);
                } else if (c < 0) {
                    merged.push_back(b[j++]);
                } else {
                    merged.push_back(a[i++]);
                    ++j;
                }
            }
        }
        acc = ListValue(std::move(merged));
    }
    void Result(const Value& acc, Value& out) const override { out = acc; }

private:
    int Cmp(const Value& x, const Value& y) const { return CompareValues(x, y, kind_); }

    TypeKind kind_;
    size_t k_;
    bool distinct_;
};

AggregateFunction MakeTopk(std::string name, bool distinct, std::string description) {
    auto bind = [name, distinct](const AggregateCall& call) -> Result<BoundAggregate> {
        if (call.arg_types.size() != 2) return aggregate::NotAccepted(name, call);
        RETURN_IF_ERROR(aggregate::RequireLiteral(name, call, 1));
        const SqlType& t = call.arg_types[0];
        if (!aggregate::IsOrdered(t) || call.arg_types[1].kind() != TypeKind::kInt) {
            return aggregate::NotAccepted(name, call);
        }
        const Value* k = aggregate::LiteralAt(call, 1);
        if (!k || k->is_null() || k->AsInt() < 1) {
            return Status::Invalid("Function '" + name + "' needs k to be 1 or greater.");
        }
        SqlType array = SqlType::Array(t);
        return aggregate::Bound(
            std::make_shared<TopkAggregator>(t.kind(), static_cast<size_t>(k->AsInt()), distinct),
            array, {t}, array);
    };
    std::vector<std::pair<std::string, std::string>> sigs;
    for (const char* t : {"INTEGER", "BIGINT", "DOUBLE", "DECIMAL", "STRING", "BYTES", "DATE",
                          "TIME", "TIMESTAMP"}) {
        sigs.emplace_back(std::string(t) + ", INTEGER", "ARRAY<" + std::string(t) + ">");
    }
    return {std::move(name), std::move(description), std::move(sigs), std::move(bind)};
}

}  // namespace

void RegisterTopkFunctions(AggregateRegistry& registry) {
    registry.Add(MakeTopk("TOPK", false,
                          "The k largest non-null values of a column in the group and window, "
                          "largest first."));
    registry.Add(MakeTopk("TOPKDISTINCT", true,
                          "The k largest distinct non-null values of a column in the group and "
                          "window, largest first."));
}

}  // namespace runnel::expression
