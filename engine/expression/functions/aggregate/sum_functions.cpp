// SUM and SUM_LIST.
//
// SUM(INT) is an INT, SUM(BIGINT) a BIGINT (both wrap around on overflow, as Java's int and
// long do), SUM(DOUBLE) a DOUBLE and SUM(DECIMAL(p, s)) a DECIMAL(p, s): a decimal sum whose
// absolute value reaches 10^(p - s) is rejected ("Numeric field overflow ..."), which ksqlDB
// reports as an error of the query; cast the argument to a wider DECIMAL to sum further.
// SUM_LIST(ARRAY<INT|BIGINT|DOUBLE>) adds up the elements of each row's array. Nulls (values,
// arrays and elements) are skipped. Both undo (tables) and merge (session windows).
#include "engine/expression/decimal_math.h"
#include "engine/expression/functions/aggregate/aggregate_functions.h"
#include "engine/expression/functions/aggregate/aggregate_util.h"
#include "engine/serde/decimal_text.h"

namespace runnel::expression {

namespace {

using aggregate::AddLong;
using aggregate::Bound;
using aggregate::NotAccepted;
using aggregate::SubLong;
using aggregate::WrapInt;

// Adds (sign 1) or subtracts (sign -1) `v` to `acc`, both of the numeric kind.
void Accumulate(TypeKind kind, const Value& v, int sign, Value& acc) {
    switch (kind) {
        case TypeKind::kInt:
            acc.SetInt(WrapInt(sign > 0 ? acc.AsInt() + v.AsInt() : acc.AsInt() - v.AsInt()));
            return;
        case TypeKind::kDouble:
            acc.SetDouble(sign > 0 ? acc.AsDouble() + v.AsDouble() : acc.AsDouble() - v.AsDouble());
            return;
        case TypeKind::kDecimal: {
            __int128 r;
            bool overflow = sign > 0 ? __builtin_add_overflow(acc.AsDecimal(), v.AsDecimal(), &r)
                                     : __builtin_sub_overflow(acc.AsDecimal(), v.AsDecimal(), &r);
            if (!overflow) acc.SetDecimal(r);
            return;
        }
        default:
            acc.SetInt(sign > 0 ? AddLong(acc.AsInt(), v.AsInt())
                                : SubLong(acc.AsInt(), v.AsInt()));
            return;
    }
}

Value Zero(TypeKind kind) {
    switch (kind) {
        case TypeKind::kDouble:
            return Value::Double(0.0);
        case TypeKind::kDecimal:
            return Value::Decimal(0);
        default:
            return Value::Int(0);
    }
}

class SumAggregator final : public Aggregator {
public:
    explicit SumAggregator(SqlType type) : type_(std::move(type)) {}

    Value Init() const override { return Zero(type_.kind()); }
    void Add(const Args& args, Value& acc) const override { (void)TryAdd(args, acc); }
    Status TryAdd(const Args& args, Value& acc) const override {
        if (args.size() == 0 || args[0].is_null()) return Status::Ok();
        if (type_.kind() != TypeKind::kDecimal) {
            Accumulate(type_.kind(), args[0], 1, acc);
            return Status::Ok();
        }
        __int128 sum;
        bool overflow = __builtin_add_overflow(acc.AsDecimal(), args[0].AsDecimal(), &sum);
        if (overflow || !FitsPrecision(sum, type_.precision())) {
            int digits = type_.precision() - type_.scale();
            return Status::Invalid(
                "Numeric field overflow: A field with precision " +
                std::to_string(type_.precision()) + " and scale " + std::to_string(type_.scale()) +
                " must round to an absolute value less than 10^" + std::to_string(digits) +
                ". Got " + (overflow ? std::string("a larger value") : RoundedText(sum)));
        }
        acc.SetDecimal(sum);
        return Status::Ok();
    }
    bool can_undo() const override { return true; }
    void Undo(const Args& args, Value& acc) const override {
        if (args.size() == 0 || args[0].is_null()) return;
        Accumulate(type_.kind(), args[0], -1, acc);
    }
    void Merge(const Value& other, Value& acc) const override {
        Accumulate(type_.kind(), other, 1, acc);
    }
    void Result(const Value& acc, Value& out) const override { out = acc; }

private:
    // The sum as ksqlDB prints it in the overflow message: rounded HALF_UP to the type's
    // precision in significant digits (1202.5 in DECIMAL(4, 1) prints as 1203).
    std::string RoundedText(__int128 v) const {
        bool neg = v < 0;
        unsigned __int128 mag = neg ? -static_cast<unsigned __int128>(v) : v;
        int digits = 0;
        for (unsigned __int128 t = mag; t != 0; t /= 10) ++digits;
        int drop = digits - type_.precision();
        int scale = type_.scale();
        if (drop > 0) {
            unsigned __int128 p = 1;
            for (int i = 0; i < drop; ++i) p *= 10;
            unsigned __int128 q = mag / p, r = mag % p;
            if (r * 2 >= p) ++q;
            mag = q;
            scale -= drop;
        }
        std::string text;
        if (scale >= 0) {
            text = serde::DecimalToString(static_cast<__int128>(mag), scale);
        } else {
            text = serde::DecimalToString(static_cast<__int128>(mag), 0) + std::string(-scale, '0');
        }
        return neg ? "-" + text : text;
    }

    SqlType type_;
};

class SumListAggregator final : public Aggregator {
public:
    explicit SumListAggregator(TypeKind kind) : kind_(kind) {}

    Value Init() const override { return Zero(kind_); }
    void Add(const Args& args, Value& acc) const override { Fold(args, 1, acc); }
    bool can_undo() const override { return true; }
    void Undo(const Args& args, Value& acc) const override { Fold(args, -1, acc); }
    void Merge(const Value& other, Value& acc) const override { Accumulate(kind_, other, 1, acc); }
    void Result(const Value& acc, Value& out) const override { out = acc; }

private:
    void Fold(const Args& args, int sign, Value& acc) const {
        if (args.size() == 0 || args[0].tag() != Value::Tag::kList) return;
        Value total = Zero(kind_);
        for (const auto& item : args[0].AsList()) {
            if (!item.is_null()) Accumulate(kind_, item, 1, total);
        }
        Accumulate(kind_, total, sign, acc);
    }
    TypeKind kind_;
};

Result<BoundAggregate> BindSum(const AggregateCall& call) {
    if (call.arg_types.size() != 1) return NotAccepted("SUM", call);
    auto param = aggregate::PickParam(
        call.arg_types[0],
        {SqlType::Int(), SqlType::Bigint(), SqlType::Double(), SqlType::Decimal(38, 0)});
    if (!param) return NotAccepted("SUM", call);
    return Bound(std::make_shared<SumAggregator>(*param), *param, {*param}, *param);
}

Result<BoundAggregate> BindSumList(const AggregateCall& call) {
    if (call.arg_types.size() != 1 || call.arg_types[0].kind() != TypeKind::kArray) {
        return NotAccepted("SUM_LIST", call);
    }
    const SqlType& element = call.arg_types[0].element();
    switch (element.kind()) {
        case TypeKind::kInt:
        case TypeKind::kBigint:
        case TypeKind::kDouble:
            return Bound(std::make_shared<SumListAggregator>(element.kind()), element,
                         {call.arg_types[0]}, element);
        default:
            return NotAccepted("SUM_LIST", call);
    }
}

}  // namespace

void RegisterSumFunctions(AggregateRegistry& registry) {
    registry.Add({"SUM",
                  "Sums the values of a column; nulls are skipped.",
                  {{"INTEGER", "INTEGER"},
                   {"BIGINT", "BIGINT"},
                   {"DOUBLE", "DOUBLE"},
                   {"DECIMAL", "DECIMAL"}},
                  BindSum});
    registry.Add(
        {"SUM_LIST",
         "Sums the elements of the arrays in a column; null arrays and elements are "
         "skipped.",
         {{"ARRAY<INTEGER>", "INTEGER"}, {"ARRAY<BIGINT>", "BIGINT"}, {"ARRAY<DOUBLE>", "DOUBLE"}},
         BindSumList});
}

}  // namespace runnel::expression
