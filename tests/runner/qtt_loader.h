// Reading ksqlDB's query-validation-test (QTT) JSON files, and the ksql-test-runner trio
// (statements, input and output files), into runner test cases. Follows the conformance README:
// one variant per format x config value (named "<file> - <case>[ - <FORMAT>][ - <prop>=<value>]",
// a repeated name gets " (2)", " (3)"...), topics to create before the statements, skips with a
// reason (disabled cases, schema-registry formats, ksqlDB's test-only functions).
// Pure functions over file contents; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "tests/runner/json_value.h"
#include "tests/runner/test_case.h"

namespace runnel::runner {

// All variants of the cases of one QTT file. A file that cannot be read gives one failing case.
std::vector<TestCase> LoadQttFile(const std::string& path);

// Variants of a QTT document already parsed; `file` is the file's name ("project-filter.json").
std::vector<TestCase> QttCasesFromJson(const JsonValue& doc, const std::string& file,
                                       const std::string& path);

// The ksql-test-runner trio: SQL statements, {"inputs": [...]} and {"outputs": [...]}.
TestCase LoadTestingToolCase(const std::string& statements_path, const std::string& input_path,
                             const std::string& output_path);

// Reads a QTT record object (input or output).
Result<RecordSpec> QttRecordFromJson(const JsonValue& record);

// Reads a header list: [{"KEY": "k", "VALUE": "<base64>" | null}, ...].
Result<std::vector<HeaderSpec>> HeadersFromJson(const JsonValue& headers);

// A JSON number as an integer; nullopt when it is not one.
std::optional<int64_t> JsonInteger(const JsonValue& v);

}  // namespace runnel::runner
