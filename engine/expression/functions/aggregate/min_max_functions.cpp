// MIN and MAX of a column of an ordered type (INT, BIGINT, DOUBLE, DECIMAL, STRING, BYTES, DATE,
// TIME, TIMESTAMP), in that type. Nulls are skipped; null until the first value. They merge
// (session windows) but cannot undo, so ksqlDB allows them on streams only.
#include "engine/expression/functions/aggregate/aggregate_functions.h"
#include "engine/expression/functions/aggregate/aggregate_util.h"
#include "engine/expression/value_compare.h"

namespace runnel::expression {

namespace {

class ExtremeAggregator final : public Aggregator {
public:
    // keep_if < 0: MIN (keep a value below the current one); > 0: MAX.
    ExtremeAggregator(TypeKind kind, int keep_if) : kind_(kind), keep_if_(keep_if) {}

    Value Init() const override { return Value(); }
    void Add(const Args& args, Value& acc) const override {
        if (args.size() > 0) Offer(args[0], acc);
    }
    void Merge(const Value& other, Value& acc) const override { Offer(other, acc); }
    void Result(const Value& acc, Value& out) const override { out = acc; }

private:
    void Offer(const Value& v, Value& acc) const {
        if (v.is_null()) return;
        if (acc.is_null() || CompareValues(v, acc, kind_) * keep_if_ > 0) acc = v;
    }
    TypeKind kind_;
    int keep_if_;
};

AggregateFunction MakeExtreme(std::string name, int keep_if, std::string description) {
    auto bind = [name, keep_if](const AggregateCall& call) -> Result<BoundAggregate> {
        if (call.arg_types.size() != 1 || !aggregate::IsOrdered(call.arg_types[0])) {
            return aggregate::NotAccepted(name, call);
        }
        const SqlType& t = call.arg_types[0];
        return aggregate::Bound(std::make_shared<ExtremeAggregator>(t.kind(), keep_if), t, {t}, t);
    };
    std::vector<std::pair<std::string, std::string>> sigs;
    for (const char* t : {"INTEGER", "BIGINT", "DOUBLE", "DECIMAL", "STRING", "BYTES", "DATE",
                          "TIME", "TIMESTAMP"}) {
        sigs.emplace_back(t, t);
    }
    return {std::move(name), std::move(description), std::move(sigs), std::move(bind)};
}

}  // namespace

void RegisterMinMaxFunctions(AggregateRegistry& registry) {
    registry.Add(
        MakeExtreme("MIN", -1, "The smallest non-null value of a column in the group and window."));
    registry.Add(
        MakeExtreme("MAX", 1, "The largest non-null value of a column in the group and window."));
}

}  // namespace runnel::expression
