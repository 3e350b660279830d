// Array and map functions: generic typing, Java equality and ordering, null handling.
#include <gtest/gtest.h>

#include "tests/unit/functions_math_time/call_helper.h"

namespace runnel::expression::testing {
namespace {

const SqlType kInts = SqlType::Array(SqlType::Int());
const SqlType kStrings = SqlType::Array(SqlType::String());

Value Ints(std::initializer_list<int64_t> v) {
    ValueList l;
    for (auto x : v) l.push_back(Value::Int(x));
    return Value::List(std::move(l));
}
Value Strs(std::initializer_list<const char*> v) {
    ValueList l;
    for (auto x : v) l.push_back(x ? Value::String(x) : Value());
    return Value::List(std::move(l));
}
Arg IntArr(std::initializer_list<int64_t> v) { return Typed(kInts, Ints(v)); }
Arg StrArr(std::initializer_list<const char*> v) { return Typed(kStrings, Strs(v)); }

TEST(ArrayFunctions, LengthAndContains) {
    auto r = Call("ARRAY_LENGTH", {IntArr({1, 2, 3})});
    ASSERT_TRUE(r.resolved) << r.error;
    EXPECT_EQ(r.type, SqlType::Int());
    EXPECT_EQ(r.value.AsInt(), 3);
    EXPECT_TRUE(Eval("ARRAY_LENGTH", {Null(kInts)}).is_null());
    EXPECT_TRUE(Eval("ARRAY_CONTAINS", {StrArr({"Pink", nullptr}), S("Pink")}).AsBool());
    EXPECT_FALSE(Eval("ARRAY_CONTAINS", {StrArr({"Red"}), S("Pink")}).AsBool());
    EXPECT_FALSE(Eval("ARRAY_CONTAINS", {Null(kStrings), S("Pink")}).AsBool());
    EXPECT_TRUE(Eval("ARRAY_CONTAINS", {StrArr({"a", nullptr}), Null(SqlType::String())}).AsBool());
    // The value converts to the element type.
    auto big = Call("ARRAY_CONTAINS", {Typed(SqlType::Array(SqlType::Bigint()), Ints({5})), I(5)});
    ASSERT_TRUE(big.resolved) << big.error;
    EXPECT_TRUE(big.value.AsBool());
    EXPECT_FALSE(Call("ARRAY_CONTAINS", {IntArr({1}), S("x")}).resolved);
}

TEST(ArrayFunctions, SetOperations) {
    EXPECT_EQ(Eval("ARRAY_DISTINCT", {StrArr({"foo", "bar", "foo"})}), Strs({"foo", "bar"}));
    EXPECT_EQ(Eval("ARRAY_DISTINCT", {StrArr({"foo", nullptr, "Food", nullptr})}),
              Strs({"foo", nullptr, "Food"}));
    EXPECT_EQ(Eval("ARRAY_EXCEPT", {IntArr({0, 0, 1, 0, -1}), IntArr({1, -2})}), Ints({0, -1}));
    EXPECT_EQ(Eval("ARRAY_INTERSECT", {IntArr({0, 0, 1, 0, -1}), IntArr({1, -2, 0})}),
              Ints({0, 1}));
    EXPECT_EQ(Eval("ARRAY_UNION", {IntArr({0, 0, 1, 0, -1}), IntArr({1, -2, 0})}),
              Ints({0, 1, -1, -2}));
    EXPECT_TRUE(Eval("ARRAY_UNION", {Null(kInts), IntArr({1})}).is_null());
    EXPECT_TRUE(Eval("ARRAY_EXCEPT", {IntArr({1}), Null(kInts)}).is_null());
    EXPECT_EQ(Eval("ARRAY_CONCAT", {IntArr({0, 1}), IntArr({1})}), Ints({0, 1, 1}));
    EXPECT_EQ(Eval("ARRAY_CONCAT", {Null(kInts), IntArr({1, -2})}), Ints({1, -2}));
    EXPECT_EQ(Eval("ARRAY_CONCAT", {IntArr({3}), Null(kInts)}), Ints({3}));
    EXPECT_TRUE(Eval("ARRAY_CONCAT", {Null(kInts), Null(kInts)}).is_null());
    // Arrays of maps compare by content, ignoring entry order.
    const SqlType maps = SqlType::Array(SqlType::Map(SqlType::String(), SqlType::Int()));
    Value m1 =
        Value::Map({{Value::String("a"), Value::Int(1)}, {Value::String("b"), Value::Int(2)}});
    Value m2 =
        Value::Map({{Value::String("b"), Value::Int(2)}, {Value::String("a"), Value::Int(1)}});
    auto d = Eval("ARRAY_DISTINCT", {Typed(maps, Value::List({m1, m2, Value()}))});
    ASSERT_EQ(d.AsList().size(), 2u);
    EXPECT_TRUE(d.AsList()[1].is_null());
    // Element types unify by widening.
    auto u =
        Call("ARRAY_UNION", {IntArr({1}), Typed(SqlType::Array(SqlType::Bigint()), Ints({2}))});
    ASSERT_TRUE(u.resolved) << u.error;
    EXPECT_EQ(u.type, SqlType::Array(SqlType::Bigint()));
}

TEST(ArrayFunctions, Remove) {
    EXPECT_EQ(Eval("ARRAY_REMOVE", {IntArr({0, 0, 1, 0, -1}), I(-1)}), Ints({0, 0, 1, 0}));
    EXPECT_EQ(Eval("ARRAY_REMOVE", {StrArr({"foo", nullptr, "food"}), Null(SqlType::String())}),
              Strs({"foo", "food"}));
    EXPECT_TRUE(Eval("ARRAY_REMOVE", {Null(kInts), I(1)}).is_null());
    const SqlType lists = SqlType::Array(kStrings);
    auto r = Eval("ARRAY_REMOVE", {Typed(lists, Value::List({Strs({"foo"}), Value(), Strs({"a"})})),
                                   StrArr({"foo"})});
    EXPECT_EQ(r, Value::List({Value(), Strs({"a"})}));
}

TEST(ArrayFunctions, MaxMinSort) {
    const SqlType doubles = SqlType::Array(SqlType::Double());
    Value ds = Value::List({Value::Double(0.0), Value::Double(0.1), Value::Double(-12345.678),
                            Value(), Value::Double(0.3)});
    EXPECT_EQ(Eval("ARRAY_MAX", {Typed(doubles, ds)}).AsDouble(), 0.3);
    EXPECT_EQ(Eval("ARRAY_MIN", {Typed(doubles, ds)}).AsDouble(), -12345.678);
    EXPECT_EQ(Eval("ARRAY_MAX", {StrArr({"foo", "fo", "Food", nullptr, "F", "food"})}).AsString(),
              "food");
    EXPECT_EQ(Eval("ARRAY_MIN", {StrArr({"foo", "fo", "Food", nullptr, "F", "food"})}).AsString(),
              "F");
    EXPECT_TRUE(Eval("ARRAY_MAX", {IntArr({})}).is_null());
    EXPECT_EQ(
        Eval("ARRAY_MAX", {Typed(SqlType::Array(SqlType::Boolean()),
                                 Value::List({Value(), Value::Bool(false), Value::Bool(true)}))})
            .AsBool(),
        true);
    EXPECT_EQ(Eval("ARRAY_SORT", {StrArr({"foo", "fo", "Food", nullptr, "F", "food"})}),
              Strs({"F", "Food", "fo", "foo", "food", nullptr}));
    EXPECT_EQ(Eval("ARRAY_SORT", {StrArr({"foo", "fo", "Food", nullptr, "F", "food"}), S("desc")}),
              Strs({"food", "foo", "fo", "Food", "F", nullptr}));
    EXPECT_TRUE(Eval("ARRAY_SORT", {IntArr({2, 1}), S("sideways")}).is_null());
    const SqlType decimals = SqlType::Array(SqlType::Decimal(2, 1));
    auto sorted =
        Call("ARRAY_SORT", {Typed(decimals, Value::List({Value::Decimal(10), Value::Decimal(-99),
                                                         Value::Decimal(-2)}))});
    ASSERT_TRUE(sorted.resolved) << sorted.error;
    EXPECT_EQ(sorted.type, decimals);
    EXPECT_EQ(sorted.value,
              Value::List({Value::Decimal(-99), Value::Decimal(-2), Value::Decimal(10)}));
    // Arrays of arrays do not order.
    EXPECT_FALSE(Call("ARRAY_MAX", {Typed(SqlType::Array(kInts), Value::List({}))}).resolved);
}

TEST(ArrayFunctions, Join) {
    const SqlType bools = SqlType::Array(SqlType::Boolean());
    EXPECT_EQ(Eval("ARRAY_JOIN",
                   {Typed(bools, Value::List({Value::Bool(true), Value(), Value::Bool(false)}))})
                  .AsString(),
              "true,null,false");
    EXPECT_EQ(Eval("ARRAY_JOIN", {IntArr({1, 23, -42, 0}), S("?")}).AsString(), "1?23?-42?0");
    EXPECT_EQ(Eval("ARRAY_JOIN", {IntArr({1, 23}), Null(SqlType::String())}).AsString(), "123");
    const SqlType doubles = SqlType::Array(SqlType::Double());
    EXPECT_EQ(Eval("ARRAY_JOIN",
                   {Typed(doubles, Value::List({Value::Double(1.23), Value::Double(0.0)})), S(" ")})
                  .AsString(),
              "1.23 0.0");
    const SqlType decimals = SqlType::Array(SqlType::Decimal(5, 2));
    EXPECT_EQ(
        Eval("ARRAY_JOIN",
             {Typed(decimals, Value::List({Value::Decimal(12345), Value::Decimal(98765)})), S("#")})
            .AsString(),
        "123.45#987.65");
    // BigDecimal.toString switches to scientific notation for tiny values.
    const SqlType tiny = SqlType::Array(SqlType::Decimal(10, 8));
    EXPECT_EQ(Eval("ARRAY_JOIN", {Typed(tiny, Value::List({Value::Decimal(1), Value::Decimal(0)}))})
                  .AsString(),
              "1E-8,0E-8");
    EXPECT_TRUE(Eval("ARRAY_JOIN", {Null(kInts)}).is_null());
    EXPECT_FALSE(Call("ARRAY_JOIN", {Typed(SqlType::Array(kInts), Value::List({}))}).resolved);
}

TEST(ArrayFunctions, Slice) {
    EXPECT_EQ(Eval("SLICE", {StrArr({"a", "b", "c", "d"}), I(2), I(3)}), Strs({"b", "c"}));
    EXPECT_EQ(Eval("SLICE", {StrArr({"a", "b", "c"}), Null(SqlType::Int()), I(2)}),
              Strs({"a", "b"}));
    EXPECT_EQ(Eval("SLICE", {StrArr({"a", "b", "c"}), I(2), Null(SqlType::Int())}),
              Strs({"b", "c"}));
    EXPECT_TRUE(Eval("SLICE", {StrArr({"a"}), I(0), I(1)}).is_null());
    EXPECT_TRUE(Eval("SLICE", {StrArr({"a"}), I(1), I(5)}).is_null());
    EXPECT_TRUE(Eval("SLICE", {Null(kStrings), I(1), I(1)}).is_null());
}

TEST(MapFunctions, KeysValuesUnion) {
    const SqlType m = SqlType::Map(SqlType::String(), SqlType::Int());
    Value v = Value::Map({{Value::String("foo"), Value::Int(10)}, {Value::String("bar"), Value()}});
    auto keys = Call("MAP_KEYS", {Typed(m, v)});
    ASSERT_TRUE(keys.resolved) << keys.error;
    EXPECT_EQ(keys.type, kStrings);
    EXPECT_EQ(keys.value, Strs({"foo", "bar"}));
    EXPECT_EQ(Eval("MAP_VALUES", {Typed(m, v)}), Value::List({Value::Int(10), Value()}));
    EXPECT_EQ(Call("MAP_VALUES", {Typed(m, v)}).type, kInts);
    EXPECT_TRUE(Eval("MAP_KEYS", {Null(m)}).is_null());
    Value other = Value::Map(
        {{Value::String("foo"), Value::Int(99)}, {Value::String("apple"), Value::Int(-1)}});
    EXPECT_EQ(Eval("MAP_UNION", {Typed(m, v), Typed(m, other)}),
              Value::Map({{Value::String("foo"), Value::Int(99)},
                          {Value::String("bar"), Value()},
                          {Value::String("apple"), Value::Int(-1)}}));
    EXPECT_EQ(Eval("MAP_UNION", {Null(m), Typed(m, other)}), other);
    EXPECT_TRUE(Eval("MAP_UNION", {Null(m), Null(m)}).is_null());
}

TEST(MapFunctions, AsMapAndEntries) {
    auto r = Call("AS_MAP", {StrArr({"a", "b", "a", "c"}), IntArr({1, 2, 3})});
    ASSERT_TRUE(r.resolved) << r.error;
    EXPECT_EQ(r.type, SqlType::Map(SqlType::String(), SqlType::Int()));
    EXPECT_EQ(r.value, Value::Map({{Value::String("a"), Value::Int(3)},
                                   {Value::String("b"), Value::Int(2)},
                                   {Value::String("c"), Value()}}));
    const SqlType m = SqlType::Map(SqlType::String(), SqlType::Int());
    Value v =
        Value::Map({{Value::String("b"), Value::Int(2)}, {Value::String("a"), Value::Int(1)}});
    auto e = Call("ENTRIES", {Typed(m, v), B(true)});
    ASSERT_TRUE(e.resolved) << e.error;
    EXPECT_EQ(e.type.ToString(), "ARRAY<STRUCT<`K` STRING, `V` INTEGER>>");
    EXPECT_EQ(e.value, Value::List({Value::List({Value::String("a"), Value::Int(1)}),
                                    Value::List({Value::String("b"), Value::Int(2)})}));
    EXPECT_EQ(Eval("ENTRIES", {Typed(m, v), B(false)}).AsList()[0].AsList()[0].AsString(), "b");
}

}  // namespace
}  // namespace runnel::expression::testing
