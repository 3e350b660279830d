// Reading our own statement-file tests (tests/sql/**/*.test, format in docs/testing.md) into
// runner test cases: blocks of `statement ok|error`, `produce`, `expect`, `push`, `source`,
// `topic`, `set`, split into independent `case`s that share the blocks written before the first
// case. A file that does not parse gives one failing case naming the line.
// Pure functions over file contents; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tests/runner/test_case.h"

namespace runnel::runner {

// `display` names the file in case names (its path relative to the directory given).
std::vector<TestCase> ParseSqlTest(std::string_view text, const std::string& display,
                                   const std::string& path);

std::vector<TestCase> LoadSqlTestFile(const std::string& path, const std::string& display);

// One record line: `key=<token> ts=<ms> partition=<n> window=[s,e) headers=[...] value=<rest>`.
Result<RecordSpec> ParseRecordLine(std::string_view line);

}  // namespace runnel::runner
