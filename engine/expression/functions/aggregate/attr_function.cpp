// ATTR(col): the column's value when the group holds exactly one distinct value (null counts
// as a value), else null; for columns that should be constant within a group. Keeps each
// distinct value with its count, so it undoes (tables: counts go down, never below zero) and
// merges (session windows). Any type.
#include "engine/expression/functions/aggregate/aggregate_functions.h"
#include "engine/expression/functions/aggregate/aggregate_util.h"

namespace runnel::expression {

namespace {

using aggregate::ListValue;

class AttrAggregator final : public Aggregator {
public:
    explicit AttrAggregator(SqlType type) : type_(std::move(type)) {}

    Value Init() const override { return ListValue({}); }
    void Add(const Args& args, Value& acc) const override {
        if (args.size() > 0) Count(args[0], 1, acc);
    }
    bool can_undo() const override { return true; }
    void Undo(const Args& args, Value& acc) const override {
        if (args.size() > 0) Count(args[0], -1, acc);
    }
    void Merge(const Value& other, Value& acc) const override {
        for (const auto& e : other.AsList()) Count(e.AsList()[0], e.AsList()[1].AsInt(), acc);
    }
    void Result(const Value& acc, Value& out) const override {
        const Value* only = nullptr;
        for (const auto& e : acc.AsList()) {
            if (e.AsList()[1].AsInt() <= 0) continue;
            if (only) {
                out.SetNull();
                return;
            }
            only = &e.AsList()[0];
        }
        if (only) {
            out = *only;
        } else {
            out.SetNull();
        }
    }

private:
    // Entries are [value, count]; a count that reaches zero keeps its entry, as ksqlDB does.
    void Count(const Value& v, int64_t delta, Value& acc) const {
        const auto& list = acc.AsList();
        ValueList next;
        next.reserve(list.size() + 1);
        bool found = false;
        for (const auto& e : list) {
            const auto& pair = e.AsList();
            if (!found && aggregate::SameValue(pair[0], v, type_)) {
                found = true;
                int64_t n = std::max<int64_t>(0, pair[1].AsInt() + delta);
                next.push_back(ListValue({pair[0], Value::Int(n)}));
            } else {
                next.push_back(e);
            }
        }
        if (!found) {
            if (delta <= 0) return;
            next.push_back(ListValue({v, Value::Int(delta)}));
        }
        acc = ListValue(std::move(next));
    }

    SqlType type_;
};

Result<BoundAggregate> BindAttr(const AggregateCall& call) {
    if (call.arg_types.size() != 1 || call.arg_types[0].kind() == TypeKind::kNull) {
        return aggregate::NotAccepted("ATTR", call);
    }
    const SqlType& t = call.arg_types[0];
    SqlType entry = aggregate::StructOf({{"VALUE", t}, {"COUNT", SqlType::Int()}});
    return aggregate::Bound(std::make_shared<AttrAggregator>(t), t, {t}, SqlType::Array(entry));
}

}  // namespace

void RegisterAttrFunction(AggregateRegistry& registry) {
    registry.Add({"ATTR",
                  "The value of a column that is expected to hold a single value per group: that "
                  "value when the group holds one distinct value (null counts as one), else "
                  "null.",
                  {{"T", "T"}},
                  BindAttr});
}

}  // namespace runnel::expression
