// Translation of a Java regular expression (java.util.regex syntax) into an ECMAScript pattern
// for std::wregex over UTF-32 text; see str_regex.h for what is supported. Pure function;
// thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/common/status.h"

namespace runnel::expression::str {

struct TranslatedRegex {
    std::wstring pattern;                            // ECMAScript
    bool icase = false;                              // compile with std::regex_constants::icase
    bool multiline = false;                          // compile with std::regex_constants::multiline
    size_t groups = 0;                               // Java's group count
    std::vector<std::pair<std::string, int>> names;  // named groups and their numbers
};

// Invalid for a pattern Java rejects or that uses an unsupported construct.
Status TranslateJavaRegex(std::u32string_view pattern, TranslatedRegex* out);

}  // namespace runnel::expression::str
