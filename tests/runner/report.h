// Reporting of a run: a line per failing case (every case with --verbose), the closing
// "N passed, N failed, N skipped" line, a machine-readable JSON report, and the conformance
// summary in Markdown (per file, totals, pass rate, the most common failure and skip reasons).
// Not thread-safe: one run, one reporter.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "engine/common/status.h"
#include "tests/runner/case_executor.h"
#include "tests/runner/test_case.h"

namespace runnel::runner {

struct CaseRecord {
    std::string name;
    std::string file;
    bool qtt = false;
    bool negative = false;  // a QTT case with an expected exception
    CaseResult result;
};

// Groups reasons that differ only in names and numbers: first line, quoted text and numbers
// replaced, "topic X:" prefixes dropped.
std::string ReasonGroup(const std::string& reason);

class Reporter {
public:
    Reporter(std::ostream& out, bool verbose) : out_(out), verbose_(verbose) {}

    void Add(const TestCase& test, const CaseResult& result);
    const std::vector<CaseRecord>& records() const { return records_; }
    size_t passed() const { return passed_; }
    size_t failed() const { return failed_; }
    size_t skipped() const { return skipped_; }

    // Before the closing line: how many negative cases also match ksqlDB's message.
    void PrintNegativeSummary() const;
    // "N passed, N failed, N skipped".
    std::string ClosingLine() const;

    Status WriteJson(const std::string& path) const;
    Status WriteMarkdown(const std::string& path, const std::string& corpus) const;

private:
    std::ostream& out_;
    bool verbose_;
    std::vector<CaseRecord> records_;
    size_t passed_ = 0, failed_ = 0, skipped_ = 0;
};

}  // namespace runnel::runner
