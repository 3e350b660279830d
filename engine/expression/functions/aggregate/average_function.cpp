// AVG: the mean of the non-null values of an INT, BIGINT or DOUBLE column (a DECIMAL column is
// averaged as DOUBLE), as a DOUBLE; 0.0 before any value. The accumulator is [sum, count]; the
// sum has the column's type and wraps around like Java's int and long. Undoes (tables) and
// merges (session windows).
#include "engine/expression/functions/aggregate/aggregate_functions.h"
#include "engine/expression/functions/aggregate/aggregate_util.h"

namespace runnel::expression {

namespace {

using aggregate::AddLong;
using aggregate::Bound;
using aggregate::ListValue;
using aggregate::NotAccepted;
using aggregate::SubLong;
using aggregate::WrapInt;

class AverageAggregator final : public Aggregator {
public:
    explicit AverageAggregator(TypeKind kind) : kind_(kind) {}

    Value Init() const override {
        return ListValue(
            {kind_ == TypeKind::kDouble ? Value::Double(0) : Value::Int(0), Value::Int(0)});
    }
    void Add(const Args& args, Value& acc) const override {
        if (args.size() == 0 || args[0].is_null()) return;
        Update(acc, args[0], 1, 1);
    }
    bool can_undo() const override { return true; }
    void Undo(const Args& args, Value& acc) const override {
        if (args.size() == 0 || args[0].is_null()) return;
        Update(acc, args[0], -1, -1);
    }
    void Merge(const Value& other, Value& acc) const override {
        const auto& o = other.AsList();
        Update(acc, o[0], 1, o[1].AsInt());
    }
    void Result(const Value& acc, Value& out) const override {
        const auto& a = acc.AsList();
        int64_t count = a[1].AsInt();
        if (count == 0) {
            out.SetDouble(0.0);
            return;
        }
        double sum =
            kind_ == TypeKind::kDouble ? a[0].AsDouble() : static_cast<double>(a[0].AsInt());
        out.SetDouble(sum / static_cast<double>(count));
    }

private:
    // sum += sign * v; count += dcount.
    void Update(Value& acc, const Value& v, int sign, int64_t dcount) const {
        const auto& a = acc.AsList();
        Value sum = a[0];
        switch (kind_) {
            case TypeKind::kDouble:
                sum.SetDouble(sign > 0 ? sum.AsDouble() + v.AsDouble()
                                       : sum.AsDouble() - v.AsDouble());
                break;
            case TypeKind::kInt:
                sum.SetInt(WrapInt(sign > 0 ? sum.AsInt() + v.AsInt() : sum.AsInt() - v.AsInt()));
                break;
            default:
                sum.SetInt(sign > 0 ? AddLong(sum.AsInt(), v.AsInt())
                                    : SubLong(sum.AsInt(), v.AsInt()));
                break;
        }
        acc = ListValue({std::move(sum), Value::Int(AddLong(a[1].AsInt(), dcount))});
    }

    TypeKind kind_;
};

Result<BoundAggregate> BindAverage(const AggregateCall& call) {
    if (call.arg_types.size() != 1) return NotAccepted("AVG", call);
    auto param = aggregate::PickParam(call.arg_types[0],
                                      {SqlType::Int(), SqlType::Bigint(), SqlType::Double()});
    if (!param) return NotAccepted("AVG", call);
    SqlType intermediate = aggregate::StructOf({{"SUM", *param}, {"COUNT", SqlType::Bigint()}});
    return Bound(std::make_shared<AverageAggregator>(param->kind()), SqlType::Double(), {*param},
                 intermediate);
}

}  // namespace

void RegisterAverageFunction(AggregateRegistry& registry) {
    registry.Add({"AVG",
                  "The average of the non-null values of a numeric column: their sum divided by "
                  "their count.",
                  {{"INTEGER", "DOUBLE"}, {"BIGINT", "DOUBLE"}, {"DOUBLE", "DOUBLE"}},
                  BindAverage});
}

}  // namespace runnel::expression
