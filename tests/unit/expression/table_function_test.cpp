// The table function registry and the EXPLODE / CUBE_EXPLODE implementations.
#include <gtest/gtest.h>

#include "engine/expression/table_function.h"

namespace runnel::expression {
namespace {

const TableFunctionRegistry& Registry() { return TableFunctionRegistry::Builtins(); }

// Runs `name` on one array argument; `status` receives the call's outcome.
ValueList CallTable(const std::string& name, const Value& array, Status* status = nullptr) {
    SqlType type;
    auto fn = Registry().Resolve(name, {SqlType::Array(SqlType::String())}, nullptr, &type);
    EXPECT_TRUE(fn.ok()) << fn.status().ToString();
    const Value* ptrs[] = {&array};
    ValueList out;
    Status st = fn.value()->impl(Args(ptrs, 1), out);
    if (status) *status = st;
    return out;
}

Value Strings(std::initializer_list<const char*> items) {
    ValueList list;
    for (const char* s : items) list.push_back(s ? Value::String(s) : Value());
    return Value::List(std::move(list));
}

TEST(TableFunctionRegistryTest, ResolvesArrayElementTypes) {
    SqlType type;
    std::vector<SqlType> params;
    auto dec = SqlType::Array(SqlType::Decimal(5, 2));
    auto fn = Registry().Resolve("explode", {dec}, &params, &type);
    ASSERT_TRUE(fn.ok());
    EXPECT_EQ(fn.value()->name, "EXPLODE");
    EXPECT_EQ(type, SqlType::Decimal(5, 2));
    ASSERT_EQ(params.size(), 1u);
    EXPECT_EQ(params[0], dec);
    ASSERT_TRUE(Registry().Resolve("CUBE_EXPLODE", {dec}, &params, &type).ok());
    EXPECT_EQ(type, dec);
    EXPECT_TRUE(Registry().Has("Cube_Explode"));
    EXPECT_FALSE(Registry().Has("UCASE"));
}

TEST(TableFunctionRegistryTest, RejectsOtherArguments) {
    SqlType type;
    auto bad = Registry().Resolve("EXPLODE", {SqlType::Int()}, nullptr, &type);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().message(), "Function 'EXPLODE' does not accept parameters (INTEGER).");
    auto none = Registry().Resolve("EXPLODE", {}, nullptr, &type);
    EXPECT_FALSE(none.ok());
    auto unknown = Registry().Resolve("NOPE", {SqlType::Int()}, nullptr, &type);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
}

TEST(ExplodeTest, OneValuePerElementNullsIncluded) {
    auto out = CallTable("EXPLODE", Strings({"a", nullptr, "c"}));
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[0].AsString(), "a");
    EXPECT_TRUE(out[1].is_null());
    EXPECT_EQ(out[2].AsString(), "c");
    EXPECT_TRUE(CallTable("EXPLODE", Strings({})).empty());
    EXPECT_TRUE(CallTable("EXPLODE", Value()).empty());
}

// The rows as text: "[a,-]" for ["a", null].
std::vector<std::string> Rows(const ValueList& out) {
    std::vector<std::string> rows;
    for (const auto& row : out) {
        std::string s = "[";
        for (size_t i = 0; i < row.AsList().size(); ++i) {
            if (i) s += ",";
            const Value& v = row.AsList()[i];
            s += v.is_null() ? "-" : v.AsString();
        }
        rows.push_back(s + "]");
    }
    return rows;
}

TEST(CubeExplodeTest, EveryCombinationInBinaryOrder) {
    EXPECT_EQ(Rows(CallTable("CUBE_EXPLODE", Strings({"a", "b"}))),
              (std::vector<std::string>{"[-,-]", "[-,b]", "[a,-]", "[a,b]"}));
    EXPECT_EQ(Rows(CallTable("CUBE_EXPLODE", Strings({"a", "b", "c"}))).size(), 8u);
}

TEST(CubeExplodeTest, NullElementsDoNotRepeatRows) {
    EXPECT_EQ(Rows(CallTable("CUBE_EXPLODE", Strings({"a", nullptr, "c"}))),
              (std::vector<std::string>{"[-,-,-]", "[-,-,c]", "[a,-,-]", "[a,-,c]"}));
    EXPECT_EQ(Rows(CallTable("CUBE_EXPLODE", Strings({nullptr}))),
              (std::vector<std::string>{"[-]"}));
    EXPECT_EQ(Rows(CallTable("CUBE_EXPLODE", Strings({}))), (std::vector<std::string>{"[]"}));
    EXPECT_TRUE(CallTable("CUBE_EXPLODE", Value()).empty());
}

TEST(CubeExplodeTest, RefusesMoreThanTwentyColumns) {
    ValueList big(21, Value::String("x"));
    Status st;
    auto out = CallTable("CUBE_EXPLODE", Value::List(big), &st);
    EXPECT_FALSE(st.ok());
    EXPECT_NE(st.message().find("exceeds the maximum of 20"), std::string::npos);
    big.resize(10);
    EXPECT_EQ(CallTable("CUBE_EXPLODE", Value::List(big), &st).size(), 1u << 10);
    EXPECT_TRUE(st.ok());
}

}  // namespace
}  // namespace runnel::expression
