// EARLIEST_BY_OFFSET and LATEST_BY_OFFSET: the first or last value of a column in arrival
// (offset) order, of any type. Forms:
//   F(col)                     the value; nulls ignored
//   F(col, ignoreNulls)        BOOLEAN literal: whether nulls are ignored
//   F(col, n)                  INTEGER literal n >= 1: ARRAY of the first/last n values (nulls
//   F(col, n, ignoreNulls)     ignored unless ignoreNulls is false), oldest first
// Streams only (no undo). Session windows merge: the accumulators remember a sequence number
// per value, taken from a process-wide counter when the value arrives, so merging keeps the
// values that arrived first (earliest) or last (latest).
//
// Accumulators: single forms hold null before any value is taken, then [seq, value]; the n
// forms hold a list of [seq, value] in arrival order.
#include <atomic>
#include <chrono>

#include "engine/expression/functions/aggregate/aggregate_functions.h"
#include "engine/expression/functions/aggregate/aggregate_util.h"

namespace runnel::expression {

namespace {

using aggregate::ListValue;

// Sequence numbers grow across restarts too: the counter starts at the wall clock in
// nanoseconds, far ahead of any count of values one process could have taken before.
int64_t NextSequence() {
    static std::atomic<int64_t> next{std::chrono::duration_cast<std::chrono::nanoseconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count()};
    return next.fetch_add(1, std::memory_order_relaxed);
}

Value Entry(const Value& v) { return ListValue({Value::Int(NextSequence()), v}); }

int64_t SeqOf(const Value& entry) { return entry.AsList()[0].AsInt(); }
const Value& ValOf(const Value& entry) { return entry.AsList()[1]; }

class OffsetAggregator final : public Aggregator {
public:
    // n == 0: the single-value form.
    OffsetAggregator(bool latest, int64_t n, bool ignore_nulls)
        : latest_(latest), n_(n), ignore_nulls_(ignore_nulls) {}

    Value Init() const override { return n_ == 0 ? Value() : ListValue({}); }

    void Add(const Args& args, Value& acc) const override {
        if (args.size() == 0) return;
        const Value& v = args[0];
        if (v.is_null() && ignore_nulls_) return;
        if (n_ == 0) {
            if (latest_ || acc.is_null()) acc = Entry(v);
            return;
        }
        const auto& list = acc.AsList();
        if (!latest_) {
            if (static_cast<int64_t>(list.size()) >= n_) return;
            ValueList next(list.begin(), list.end());
            next.push_back(Entry(v));
            acc = ListValue(std::move(next));
            return;
        }
        size_t keep =
            static_cast<int64_t>(list.size()) >= n_ ? static_cast<size_t>(n_ - 1) : list.size();
        ValueList next(list.end() - static_cast<ptrdiff_t>(keep), list.end());
        next.push_back(Entry(v));
        acc = ListValue(std::move(next));
    }

    void Merge(const Value& other, Value& acc) const override {
        if (n_ == 0) {
            if (other.is_null()) return;
            if (acc.is_null() || Prefer(other, acc)) acc = other;
            return;
        }
        const auto& a = acc.AsList();
        const auto& b = other.AsList();
        if (b.empty()) return;
        ValueList merged;
        merged.reserve(a.size() + b.size());
        size_t i = 0, j = 0;
        while (i < a.size() || j < b.size()) {
            if (j >= b.size() || (i < a.size() && SeqOf(a[i]) <= SeqOf(b[j]))) {
                merged.push_back(a[i++]);
            } else {
                merged.push_back(b[j++]);
            }
        }
        if (static_cast<int64_t>(merged.size()) > n_) {
            if (latest_) {
                merged.erase(merged.begin(), merged.end() - static_cast<ptrdiff_t>(n_));
            } else {
                merged.resize(static_cast<size_t>(n_));
            }
        }
        acc = ListValue(std::move(merged));
    }

    void Result(const Value& acc, Value& out) const override {
        if (n_ == 0) {
            if (acc.is_null()) {
                out.SetNull();
            } else {
                out = ValOf(acc);
            }
            return;
        }
        ValueList values;
        values.reserve(acc.AsList().size());
        for (const auto& e : acc.AsList()) values.push_back(ValOf(e));
        out = ListValue(std::move(values));
    }

private:
    // Whether entry `x` wins over entry `y` when sessions merge.
    bool Prefer(const Value& x, const Value& y) const {
        if (ignore_nulls_ && ValOf(x).is_null() != ValOf(y).is_null()) return ValOf(y).is_null();
        return latest_ ? SeqOf(x) > SeqOf(y) : SeqOf(x) < SeqOf(y);
    }

    bool latest_;
    int64_t n_;
    bool ignore_nulls_;
};

AggregateFunction MakeOffset(std::string name, bool latest, std::string description) {
    auto bind = [name, latest](const AggregateCall& call) -> Result<BoundAggregate> {
        size_t argc = call.arg_types.size();
        if (argc < 1 || argc > 3) return aggregate::NotAccepted(name, call);
        for (size_t i = 1; i < argc; ++i) RETURN_IF_ERROR(aggregate::RequireLiteral(name, call, i));
        int64_t n = 0;
        bool ignore_nulls = true;
        auto kind = [&](size_t i) { return call.arg_types[i].kind(); };
        if (argc == 2) {
            if (kind(1) == TypeKind::kBoolean) {
                const Value* b = aggregate::LiteralAt(call, 1);
                ignore_nulls = !b || b->is_null() || b->AsBool();
            } else if (kind(1) == TypeKind::kInt) {
                const Value* v = aggregate::LiteralAt(call, 1);
                n = v && !v->is_null() ? v->AsInt() : 0;
                if (n <= 0) return Status::Invalid("earliestN must be 1 or greater");
            } else {
                return aggregate::NotAccepted(name, call);
            }
        } else if (argc == 3) {
            if (kind(1) != TypeKind::kInt || kind(2) != TypeKind::kBoolean) {
                return aggregate::NotAccepted(name, call);
            }
            const Value* v = aggregate::LiteralAt(call, 1);
            n = v && !v->is_null() ? v->AsInt() : 0;
            if (n <= 0) return Status::Invalid("earliestN must be 1 or greater");
            const Value* b = aggregate::LiteralAt(call, 2);
            ignore_nulls = !b || b->is_null() || b->AsBool();
        }
        const SqlType& t = call.arg_types[0];
        if (t.kind() == TypeKind::kNull) return aggregate::NotAccepted(name, call);
        SqlType entry = aggregate::StructOf({{"SEQ", SqlType::Bigint()}, {"VAL", t}});
        auto agg = std::make_shared<OffsetAggregator>(latest, n, ignore_nulls);
        if (n == 0) return aggregate::Bound(std::move(agg), t, {t}, entry);
        return aggregate::Bound(std::move(agg), SqlType::Array(t), {t}, SqlType::Array(entry));
    };
    return {std::move(name),
            std::move(description),
            {{"T", "T"},
             {"T, BOOLEAN", "T"},
             {"T, INTEGER", "ARRAY<T>"},
             {"T, INTEGER, BOOLEAN", "ARRAY<T>"}},
            std::move(bind)};
}

}  // namespace

void RegisterOffsetFunctions(AggregateRegistry& registry) {
    registry.Add(MakeOffset(
        "EARLIEST_BY_OFFSET", false,
        "The first value of a column by offset, or with an INTEGER n the first n values as an "
        "array. Nulls are ignored unless the optional BOOLEAN ignoreNulls is false."));
    registry.Add(MakeOffset(
        "LATEST_BY_OFFSET", true,
        "The last value of a column by offset, or with an INTEGER n the last n values as an "
        "array. Nulls are ignored unless the optional BOOLEAN ignoreNulls is false."));
}

}  // namespace runnel::expression
