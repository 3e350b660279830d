// LikeMatcher: SQL LIKE with % and _ wildcards and an optional escape character, compiled once
// from a literal pattern. Thread-compatible (const Matches).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace runnel::expression {

class LikeMatcher {
public:
    LikeMatcher(std::string_view pattern, char escape);
    bool Matches(std::string_view s) const;

private:
    enum class Tok : uint8_t { kChar, kAny, kOne };
    struct Item { Tok tok; char c; };
    std::vector<Item> items_;
};

}  // namespace runnel::expression
