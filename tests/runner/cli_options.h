// runnel-test's command line. Pure parsing; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/common/status.h"

namespace runnel::runner {

struct CliOptions {
    std::vector<std::string> test_paths;    // .test files or directories (positional)
    std::vector<std::string> qtt_paths;     // --qtt FILE_OR_DIR...
    std::string statements, input, output;  // ksql-test-runner trio
    std::string bootstrap_servers;
    bool matrix = false;
    std::optional<std::string> filter;
    bool verbose = false;
    std::string json_report;
    std::string markdown;
    std::string ratchet;
    std::string write_baseline;
    int timeout_ms = 10000;
    std::string log_level = "error";
    bool help = false;
};

Result<CliOptions> ParseCli(const std::vector<std::string>& args);

extern const char* const kUsage;

}  // namespace runnel::runner
