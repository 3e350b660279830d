// HISTOGRAM(STRING): a MAP from each distinct string of a column to the number of times it
// occurs, with at most 1000 distinct strings (later new strings are ignored; ones already
// present keep counting). Null values are not counted. Undoes (tables: a string whose count
// drops to zero leaves the map) and merges (session windows).
#include "engine/expression/functions/aggregate/aggregate_functions.h"
#include "engine/expression/functions/aggregate/aggregate_util.h"

namespace runnel::expression {

namespace {

constexpr size_t kMaxEntries = 1000;

Value MapValue(ValueMap entries) {
    Value v;
    v.SetMap(std::make_shared<ValueMap>(std::move(entries)));
    return v;
}

class HistogramAggregator final : public Aggregator {
public:
    Value Init() const override { return MapValue({}); }
    void Add(const Args& args, Value& acc) const override {
        if (args.size() > 0 && !args[0].is_null()) Count(args[0].AsString(), 1, acc);
    }
    bool can_undo() const override { return true; }
    void Undo(const Args& args, Value& acc) const override {
        if (args.size() > 0 && !args[0].is_null()) Count(args[0].AsString(), -1, acc);
    }
    void Merge(const Value& other, Value& acc) const override {
        for (const auto& [k, v] : other.AsMap()) {
            if (!k.is_null()) Count(k.AsString(), v.AsInt(), acc);
        }
    }
    void Result(const Value& acc, Value& out) const override { out = acc; }

private:
    static void Count(std::string_view key, int64_t delta, Value& acc) {
        const auto& map = acc.AsMap();
        ValueMap next;
        next.reserve(map.size() + 1);
        bool found = false;
        for (const auto& [k, v] : map) {
            if (!k.is_null() && k.AsString() == key) {
                found = true;
                int64_t n = aggregate::AddLong(v.AsInt(), delta);
                if (n >= 1) next.emplace_back(k, Value::Int(n));
            } else {
                next.emplace_back(k, v);
            }
        }
        if (!found) {
            if (delta <= 0 || map.size() >= kMaxEntries) return;
            next.emplace_back(Value::String(key), Value::Int(delta));
        }
        acc = MapValue(std::move(next));
    }
};

Result<BoundAggregate> BindHistogram(const AggregateCall& call) {
    if (call.arg_types.size() != 1 || (call.arg_types[0].kind() != TypeKind::kString &&
                                       call.arg_types[0].kind() != TypeKind::kNull)) {
        return aggregate::NotAccepted("HISTOGRAM", call);
    }
    SqlType map = SqlType::Map(SqlType::String(), SqlType::Bigint());
    return aggregate::Bound(std::make_shared<HistogramAggregator>(), map, {SqlType::String()}, map);
}

}  // namespace

void RegisterHistogramFunction(AggregateRegistry& registry) {
    registry.Add({"HISTOGRAM",
                  "A map from each distinct string of a column to the number of times it "
                  "occurs in the group, holding at most 1000 distinct strings.",
                  {{"STRING", "MAP<STRING, BIGINT>"}},
                  BindHistogram});
}

}  // namespace runnel::expression
