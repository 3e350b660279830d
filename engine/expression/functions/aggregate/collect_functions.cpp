// COLLECT_LIST and COLLECT_SET: gather a column's values (nulls included) into an ARRAY of the
// column's type, in arrival order; COLLECT_SET keeps each distinct value once (Java equality:
// MAP entries in any order). The arrays stop growing at ksql.functions.collect_list.limit /
// ksql.functions.collect_set.limit entries (unlimited when unset or negative); later values are
// ignored, and merged session windows keep the earlier window's entries first.
// COLLECT_LIST undoes (tables: removes the last equal entry); COLLECT_SET is for streams only.
#include <climits>

#include "engine/expression/functions/aggregate/aggregate_functions.h"
#include "engine/expression/functions/aggregate/aggregate_util.h"

namespace runnel::expression {

namespace {

using aggregate::ListValue;
using aggregate::SameValue;

constexpr const char* kListLimit = "ksql.functions.collect_list.limit";
constexpr const char* kSetLimit = "ksql.functions.collect_set.limit";

class CollectAggregator final : public Aggregator {
public:
    CollectAggregator(SqlType element, bool distinct, size_t limit)
        : element_(std::move(element)), distinct_(distinct), limit_(limit) {}

    Value Init() const override { return ListValue({}); }
    void Add(const Args& args, Value& acc) const override {
        if (args.size() == 0) return;
        const auto& list = acc.AsList();
        if (list.size() >= limit_ || (distinct_ && Contains(list, args[0]))) return;
        ValueList next;
        next.reserve(list.size() + 1);
        next.insert(next.end(), list.begin(), list.end());
        next.push_back(args[0]);
        acc = ListValue(std::move(next));
    }
    bool can_undo() const override { return !distinct_; }
    void Undo(const Args& args, Value& acc) const override {
        if (args.size() == 0) return;
        const auto& list = acc.AsList();
        for (size_t i = list.size(); i-- > 0;) {
            if (!SameValue(list[i], args[0], element_)) continue;
            ValueList next;
            next.reserve(list.size() - 1);
            next.insert(next.end(), list.begin(), list.begin() + static_cast<ptrdiff_t>(i));
            next.insert(next.end(), list.begin() + static_cast<ptrdiff_t>(i) + 1, list.end());
            acc = ListValue(std::move(next));
            return;
        }
    }
    void Merge(const Value& other, Value& acc) const override {
        const auto& list = acc.AsList();
        const auto& more = other.AsList();
        if (more.empty() || list.size() >= limit_) return;
        ValueList next(list.begin(), list.end());
        for (const auto& v : more) {
            if (next.size() >= limit_) break;
            if (distinct_ && Contains(next, v)) continue;
            next.push_back(v);
        }
        acc = ListValue(std::move(next));
    }
    void Result(const Value& acc, Value& out) const override { out = acc; }

private:
    bool Contains(const ValueList& list, const Value& v) const {
        for (const auto& x : list) {
            if (SameValue(x, v, element_)) return true;
        }
        return false;
    }

    SqlType element_;
    bool distinct_;
    size_t limit_;
};

AggregateFunction MakeCollect(std::string name, bool distinct, const char* limit_key,
                              std::string description) {
    auto bind = [name, distinct, limit_key](const AggregateCall& call) -> Result<BoundAggregate> {
        if (call.arg_types.size() != 1 || call.arg_types[0].kind() == TypeKind::kNull) {
            return aggregate::NotAccepted(name, call);
        }
        int64_t limit = aggregate::ConfigInt(call, limit_key, -1);
        // ksqlDB reads the setting as a Java int.
        if (limit > INT_MAX || limit < INT_MIN) limit = static_cast<int32_t>(limit);
        size_t cap = limit < 0 ? SIZE_MAX : static_cast<size_t>(limit);
        const SqlType& t = call.arg_types[0];
        SqlType array = SqlType::Array(t);
        return aggregate::Bound(std::make_shared<CollectAggregator>(t, distinct, cap), array, {t},
                                array);
    };
    return {std::move(name), std::move(description), {{"T", "ARRAY<T>"}}, std::move(bind)};
}

}  // namespace

void RegisterCollectFunctions(AggregateRegistry& registry) {
    registry.Add(MakeCollect(
        "COLLECT_LIST", false, kListLimit,
        "Gathers the values of a column, nulls included, into one array per group. On a table "
        "the order of the entries is not guaranteed. The setting "
        "ksql.functions.collect_list.limit caps the array's size; later values are ignored."));
    registry.Add(MakeCollect(
        "COLLECT_SET", true, kSetLimit,
        "Gathers the distinct values of a column into one array per group (streams only). The "
        "setting ksql.functions.collect_set.limit caps the array's size; later values are "
        "ignored."));
}

}  // namespace runnel::expression
