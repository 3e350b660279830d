// Helpers shared by the parser unit tests. Not thread-safe (test code).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "engine/parser/ast.h"
#include "engine/parser/parser.h"

namespace runnel::parser::testing {

// Parses exactly one statement; fails the test otherwise.
inline Statement ParseOne(const std::string& sql) {
    auto result = ParseStatements(sql);
    EXPECT_TRUE(result.ok()) << sql << "\n" << result.status().ToString();
    if (!result.ok()) return Statement{};
    EXPECT_EQ(result.value().size(), 1u) << sql;
    if (result.value().empty()) return Statement{};
    return result.value()[0];
}

template <typename T>
T ParseAs(const std::string& sql) {
    Statement statement = ParseOne(sql);
    const T* body = std::get_if<T>(&statement.body);
    EXPECT_NE(body, nullptr) << sql << " parsed into variant index " << statement.body.index();
    return body != nullptr ? *body : T{};
}

inline ExprPtr ParseExpr(const std::string& sql) {
    auto result = ParseExpression(sql);
    EXPECT_TRUE(result.ok()) << sql << "\n" << result.status().ToString();
    return result.ok() ? result.value() : nullptr;
}

// The fully parenthesised form of an expression: the easiest way to check its structure.
inline std::string Canonical(const std::string& sql) {
    ExprPtr expr = ParseExpr(sql);
    return expr ? ExprToSql(*expr) : "<error>";
}

// The Status message of a failing parse, or "" when it parsed.
inline std::string ErrorOf(const std::string& sql) {
    auto result = ParseStatements(sql);
    return result.ok() ? "" : result.status().message();
}

}  // namespace runnel::parser::testing
