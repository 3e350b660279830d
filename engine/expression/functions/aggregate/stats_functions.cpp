// STDDEV_SAMP, STDDEV_SAMPLE and CORRELATION, as DOUBLE; all undo (tables) and merge (session
// windows).
//
// STDDEV_SAMP(col) and STDDEV_SAMPLE(col) over INT, BIGINT or DOUBLE (a DECIMAL column is taken
// as DOUBLE) keep [sum, count, m2] and update m2, the sum of squared deviations, with the
// Youngs-Cramer recurrence; both give 0.0 for fewer than two values. Matching ksqlDB,
// STDDEV_SAMP returns m2 / (count - 1), the sample variance, while STDDEV_SAMPLE returns its
// square root, the sample standard deviation; sums of INT and BIGINT wrap around like Java's
// int and long, and STDDEV_SAMP merges INT/BIGINT means with integer division.
//
// CORRELATION(x, y) over two DOUBLE columns (INT and BIGINT widen) gives Pearson's coefficient
// from running sums of x, y, x^2, y^2 and x*y; rows where either is null are skipped. With no
// variance the result is NaN, as in Java.
#include <cmath>

#include "engine/expression/functions/aggregate/aggregate_functions.h"
#include "engine/expression/functions/aggregate/aggregate_util.h"

namespace runnel::expression {

namespace {

using aggregate::AddLong;
using aggregate::ListValue;
using aggregate::MulLong;
using aggregate::SubLong;
using aggregate::WrapInt;

class StddevAggregator final : public Aggregator {
public:
    StddevAggregator(TypeKind kind, bool take_root) : kind_(kind), take_root_(take_root) {}

    Value Init() const override {
        return ListValue(
            {IsDouble() ? Value::Double(0) : Value::Int(0), Value::Int(0), Value::Double(0)});
    }
    void Add(const Args& args, Value& acc) const override {
        if (args.size() == 0 || args[0].is_null()) return;
        const auto& a = acc.AsList();
        int64_t count = a[1].AsInt();
        int64_t new_count = count + 1;
        double m2 = a[2].AsDouble();
        if (count > 0) {
            double delta = Delta(a, args[0]);
            m2 += delta * delta / static_cast<double>(MulLong(new_count, count));
        }
        acc = ListValue({SumWith(a[0], args[0], 1), Value::Int(new_count), Value::Double(m2)});
    }
    bool can_undo() const override { return true; }
    void Undo(const Args& args, Value& acc) const override {
        if (args.size() == 0 || args[0].is_null()) return;
        const auto& a = acc.AsList();
        int64_t new_count = a[1].AsInt() - 1;
        double remove = 0;
        if (new_count > 0) {
            double delta = Delta(a, args[0]);
            remove = delta * delta / static_cast<double>(MulLong(new_count, new_count + 1));
        }
        acc = ListValue({SumWith(a[0], args[0], -1), Value::Int(new_count),
                         Value::Double(a[2].AsDouble() - remove)});
    }
    void Merge(const Value& other, Value& acc) const override {
        const auto& a = acc.AsList();
        const auto& b = other.AsList();
        int64_t ca = a[1].AsInt(), cb = b[1].AsInt();
        double m2 = a[2].AsDouble() + b[2].AsDouble();
        if (ca != 0 && cb != 0) {
            double inner = MeanGap(a, b);
            m2 +=
                static_cast<double>(MulLong(ca, cb)) * inner * inner / static_cast<double>(ca + cb);
        }
        acc = ListValue({SumWith(a[0], b[0], 1), Value::Int(ca + cb), Value::Double(m2)});
    }
    void Result(const Value& acc, Value& out) const override {
        const auto& a = acc.AsList();
        int64_t count = a[1].AsInt();
        if (count < 2) {
            out.SetDouble(0.0);
            return;
        }
        double variance = a[2].AsDouble() / static_cast<double>(count - 1);
        out.SetDouble(take_root_ ? std::sqrt(variance) : variance);
    }

private:
    bool IsDouble() const { return kind_ == TypeKind::kDouble; }

    Value SumWith(const Value& sum, const Value& v, int sign) const {
        if (IsDouble())
            return Value::Double(sign > 0 ? sum.AsDouble() + v.AsDouble()
                                          : sum.AsDouble() - v.AsDouble());
        if (kind_ == TypeKind::kInt) {
            return Value::Int(
                WrapInt(sign > 0 ? sum.AsInt() + v.AsInt() : sum.AsInt() - v.AsInt()));
        }
        return Value::Int(sign > 0 ? AddLong(sum.AsInt(), v.AsInt())
                                   : SubLong(sum.AsInt(), v.AsInt()));
    }

    // v * (count + 1) - (sum + v), in the column's arithmetic (Java's, for INT: the product is
    // a long, the sum an int).
    double Delta(const ValueList& a, const Value& v) const {
        int64_t count = a[1].AsInt();
        if (IsDouble()) {
            double x = v.AsDouble();
            return x * static_cast<double>(count + 1) - (a[0].AsDouble() + x);
        }
        int64_t x = v.AsInt();
        int64_t sum_plus =
            kind_ == TypeKind::kInt ? WrapInt(a[0].AsInt() + x) : AddLong(a[0].AsInt(), x);
        return static_cast<double>(SubLong(MulLong(x, count + 1), sum_plus));
    }

    // mean(a) - mean(b); integer division for INT/BIGINT in STDDEV_SAMP, as ksqlDB.
    double MeanGap(const ValueList& a, const ValueList& b) const {
        int64_t ca = a[1].AsInt(), cb = b[1].AsInt();
        if (IsDouble()) {
            return a[0].AsDouble() / static_cast<double>(ca) -
                   b[0].AsDouble() / static_cast<double>(cb);
        }
        if (take_root_) {
            return static_cast<double>(a[0].AsInt()) / static_cast<double>(ca) -
                   static_cast<double>(b[0].AsInt()) / static_cast<double>(cb);
        }
        return static_cast<double>(SubLong(a[0].AsInt() / ca, b[0].AsInt() / cb));
    }

    TypeKind kind_;
    bool take_root_;
};

AggregateFunction MakeStddev(std::string name, bool take_root, std::string description) {
    auto bind = [name, take_root](const AggregateCall& call) -> Result<BoundAggregate> {
        if (call.arg_types.size() != 1) return aggregate::NotAccepted(name, call);
        auto param = aggregate::PickParam(call.arg_types[0],
                                          {SqlType::Int(), SqlType::Bigint(), SqlType::Double()});
        if (!param) return aggregate::NotAccepted(name, call);
        SqlType intermediate = aggregate::StructOf(
            {{"SUM", *param}, {"COUNT", SqlType::Bigint()}, {"M2", SqlType::Double()}});
        return aggregate::Bound(std::make_shared<StddevAggregator>(param->kind(), take_root),
                                SqlType::Double(), {*param}, intermediate);
    };
    return {std::move(name),
            std::move(description),
            {{"INTEGER", "DOUBLE"}, {"BIGINT", "DOUBLE"}, {"DOUBLE", "DOUBLE"}},
            std::move(bind)};
}

// [sum x, sum y, sum x^2, sum y^2, sum xy, count]
class CorrelationAggregator final : public Aggregator {
public:
    Value Init() const override {
        return ListValue({Value::Double(0), Value::Double(0), Value::Double(0), Value::Double(0),
                          Value::Double(0), Value::Int(0)});
    }
    void Add(const Args& args, Value& acc) const override { Fold(args, 1, acc); }
    bool can_undo() const override { return true; }
    void Undo(const Args& args, Value& acc) const override { Fold(args, -1, acc); }
    void Merge(const Value& other, Value& acc) const override {
        const auto& a = acc.AsList();
        const auto& b = other.AsList();
        ValueList next;
        next.reserve(6);
        for (int i = 0; i < 5; ++i)
            next.push_back(Value::Double(a[i].AsDouble() + b[i].AsDouble()));
        next.push_back(Value::Int(AddLong(a[5].AsInt(), b[5].AsInt())));
        acc = ListValue(std::move(next));
    }
    void Result(const Value& acc, Value& out) const override {
        const auto& a = acc.AsList();
        double sx = a[0].AsDouble(), sy = a[1].AsDouble(), sxx = a[2].AsDouble(),
               syy = a[3].AsDouble(), sxy = a[4].AsDouble();
        double n = static_cast<double>(a[5].AsInt());
        double numerator = n * sxy - sx * sy;
        double dx = n * sxx - sx * sx;
        double dy = n * syy - sy * sy;
        out.SetDouble(numerator / std::sqrt(dx * dy));
    }

private:
    static void Fold(const Args& args, int sign, Value& acc) {
        if (args.size() < 2 || args[0].is_null() || args[1].is_null()) return;
        double x = args[0].AsDouble(), y = args[1].AsDouble();
        const auto& a = acc.AsList();
        double s = sign;
        acc = ListValue(
            {Value::Double(a[0].AsDouble() + s * x), Value::Double(a[1].AsDouble() + s * y),
             Value::Double(a[2].AsDouble() + s * x * x), Value::Double(a[3].AsDouble() + s * y * y),
             Value::Double(a[4].AsDouble() + s * x * y), Value::Int(AddLong(a[5].AsInt(), sign))});
    }
};

Result<BoundAggregate> BindCorrelation(const AggregateCall& call) {
    if (call.arg_types.size() != 2) return aggregate::NotAccepted("CORRELATION", call);
    for (const auto& t : call.arg_types) {
        if (!aggregate::PickParam(t, {SqlType::Double()})) {
            return aggregate::NotAccepted("CORRELATION", call);
        }
    }
    SqlType intermediate = aggregate::StructOf({{"X_SUM", SqlType::Double()},
                                                {"Y_SUM", SqlType::Double()},
                                                {"X_SQUARED_SUM", SqlType::Double()},
                                                {"Y_SQUARED_SUM", SqlType::Double()},
                                                {"XY_SUM", SqlType::Double()},
                                                {"COUNT", SqlType::Bigint()}});
    return aggregate::Bound(std::make_shared<CorrelationAggregator>(), SqlType::Double(),
                            {SqlType::Double(), SqlType::Double()}, intermediate);
}

}  // namespace

void RegisterStatsFunctions(AggregateRegistry& registry) {
    registry.Add(MakeStddev("STDDEV_SAMP", false,
                            "The sample variance of a numeric column, sum of squared deviations "
                            "over count - 1 (kept as ksqlDB computes it; STDDEV_SAMPLE gives the "
                            "standard deviation)."));
    registry.Add(
        MakeStddev("STDDEV_SAMPLE", true, "The sample standard deviation of a numeric column."));
    registry.Add({"CORRELATION",
                  "Pearson's correlation coefficient of two numeric columns; rows where either "
                  "is null are skipped.",
                  {{"DOUBLE, DOUBLE", "DOUBLE"}},
                  BindCorrelation});
}

}  // namespace runnel::expression
