// Keyword classification derived from the generated grammar: which words are keywords and which
// of them are reserved (not usable as unquoted identifiers). Used to decide when the printer must
// quote a name and to explain syntax errors. Thread-safe: the tables are built once on first use.
#pragma once

#include <string_view>

namespace runnel::parser {

// Case-insensitive.
bool IsKeyword(std::string_view word);
bool IsReservedKeyword(std::string_view word);

// True when `name` can be written without quotes and reads back as the same upper-case name:
// [A-Z_][A-Z0-9_@]* and not a reserved keyword.
bool IsBareIdentifier(std::string_view name);

}  // namespace runnel::parser
