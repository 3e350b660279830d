// VariableSubstituter: replaces ${name} references in one statement with variable values before
// it is parsed, as ksqlDB does (DEFINE name = 'value'). Names are case-insensitive: the map's
// keys must be upper-case. A value is inserted as written in code; inside a '...' string or a
// quoted identifier its quote characters are doubled so that it stays inside. Comments are left
// alone. $${name} is the escape for the literal text ${name}. An unknown name is left as written:
// the parser then reports it where it is used. Thread-safe: pure function.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace runnel::parser {

using VariableMap = std::map<std::string, std::string>;

struct SubstitutedText {
    std::string text;
    // origin[i] is the input offset of output byte i, with one extra entry for the end. Empty
    // when nothing was replaced (the mapping is the identity).
    std::vector<size_t> origin;
};

SubstitutedText SubstituteVariables(std::string_view text, const VariableMap& upper_case_vars);

// ASCII upper-casing, for variable names and unquoted identifiers.
std::string ToUpperAscii(std::string_view text);

}  // namespace runnel::parser
