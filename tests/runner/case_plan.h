// What a run executes: the cases of the files named on the command line, in a stable order
// (directories searched recursively, files sorted), with the matrix variants of .test cases
// ("[restart]", "[partitions=4]", "[rocksdb]") and their run options. Not thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "tests/runner/case_executor.h"
#include "tests/runner/cli_options.h"
#include "tests/runner/test_case.h"

namespace runnel::runner {

struct PlannedCase {
    TestCase test;
    RunOptions options;
};

struct Plan {
    std::vector<PlannedCase> cases;  // after --filter
    // (file, name) of every QTT case loaded, before --filter (for the ratchet).
    std::vector<std::pair<std::string, std::string>> qtt_loaded;
};

// Files under `path` ending in `suffix` (the path itself when it is a file), sorted.
std::vector<std::string> FindFiles(const std::string& path, const std::string& suffix);

Result<Plan> MakePlan(const CliOptions& cli, const RunOptions& base);

// The matrix variants of one .test case (the case itself first).
std::vector<PlannedCase> MatrixVariants(const TestCase& test, const RunOptions& base);

}  // namespace runnel::runner
