// Recognises what a single statement is for the CLI: a query that goes to POST /query (SELECT,
// PRINT), a client-side session command (SET / UNSET of a property, DEFINE / UNDEFINE of a
// variable, which the ksqlDB CLI keeps locally and sends with later requests), or anything else
// (POST /ksql). Stateless functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace runnel::protocol {

enum class StatementKind { kOther, kQuery, kSet, kUnset, kDefine, kUndefine };

struct ClassifiedStatement {
    StatementKind kind = StatementKind::kOther;
    std::string name;   // property or variable name (SET/UNSET/DEFINE/UNDEFINE)
    std::string value;  // SET / DEFINE value
};

// `statement` is one statement as StatementSplitter returns it (comments already removed).
// Malformed SET/UNSET/DEFINE/UNDEFINE statements are kOther, so the server reports the error.
ClassifiedStatement ClassifyStatement(std::string_view statement);

}  // namespace runnel::protocol
