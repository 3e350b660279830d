#include "tests/runner/report.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <map>
#include <ostream>

#include "tests/runner/fnv1a.h"
#include "tests/runner/json_value.h"
#include "tests/runner/text_util.h"

namespace runnel::runner {

namespace {

const char* OutcomeName(CaseResult::Outcome o) {
    switch (o) {
        case CaseResult::Outcome::kPass:
            return "pass";
        case CaseResult::Outcome::kFail:
            return "fail";
        case CaseResult::Outcome::kSkip:
            return "skip";
    }
    return "?";
}

std::string OneLine(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\n') {
            while (i + 1 < s.size() && s[i + 1] == ' ') ++i;
            out += " | ";
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

std::string Percent(size_t num, size_t den) {
    if (den == 0) return "n/a";
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.1f%%", 100.0 * static_cast<double>(num) / den);
    return buf;
}

std::string MarkdownCell(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == '|') {
            out += "\\|";
        } else if (c == '\n') {
            out += " ";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

}  // namespace

std::string ReasonGroup(const std::string& reason) {
    std::string line = reason.substr(0, reason.find('\n'));
    if (StartsWith(line, "topic ")) {
        size_t colon = line.find(": ");
        if (colon != std::string::npos) line = "topic: " + line.substr(colon + 2);
    }
    std::string out;
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        bool opens = i == 0 || !std::isalnum(static_cast<unsigned char>(line[i - 1]));
        if ((c == '\'' || c == '`' || c == '"') && opens) {
            size_t close = line.find(c, i + 1);
            if (close != std::string::npos && close - i < 200) {
                out += c;
                out += "_";
                out += c;
                i = close;
                continue;
            }
        }
        if (c >= '0' && c <= '9') {
            while (i + 1 < line.size() && line[i + 1] >= '0' && line[i + 1] <= '9') ++i;
            out += "N";
            continue;
        }
        out.push_back(c);
    }
    if (out.size() > 110) out = out.substr(0, 107) + "...";
    return out;
}

void Reporter::Add(const TestCase& test, const CaseResult& result) {
    CaseRecord r;
    r.name = test.name;
    r.file = test.file;
    r.qtt = test.qtt;
    r.negative = test.qtt && test.expected_failure.has_value();
    r.result = result;
    switch (result.outcome) {
        case CaseResult::Outcome::kPass:
            ++passed_;
            if (verbose_) {
                char secs[32];
                std::snprintf(secs, sizeof(secs), "%.2fs", result.seconds);
                out_ << "PASS " << r.name << " (" << secs << ")";
                if (result.message_matched) {
                    out_ << (*result.message_matched ? " [ksqlDB's message matches]"
                                                     : " [ksqlDB's message differs: " +
                                                           OneLine(result.actual_error) + "]");
                }
                out_ << "\n";
            }
            break;
        case CaseResult::Outcome::kFail:
            ++failed_;
            if (verbose_) {
                out_ << "FAIL " << r.name << ": " << result.reason << "\n";
            } else {
                out_ << "FAIL " << r.name << ": " << OneLine(result.reason) << "\n";
            }
            break;
        case CaseResult::Outcome::kSkip:
            ++skipped_;
            if (verbose_) out_ << "SKIP " << r.name << ": " << result.reason << "\n";
            break;
    }
    out_.flush();
    records_.push_back(std::move(r));
}

void Reporter::PrintNegativeSummary() const {
    size_t negative_passed = 0, matched = 0;
    for (const auto& r : records_) {
        if (r.negative && r.result.outcome == CaseResult::Outcome::kPass) {
            ++negative_passed;
            if (r.result.message_matched.value_or(false)) ++matched;
        }
    }
    if (negative_passed > 0) {
        out_ << "negative cases passed: " << negative_passed << ", of which " << matched
             << " with ksqlDB's message as a substring of ours\n";
    }
}

std::string Reporter::ClosingLine() const {
    return std::to_string(passed_) + " passed, " + std::to_string(failed_) + " failed, " +
           std::to_string(skipped_) + " skipped";
}

Status Reporter::WriteJson(const std::string& path) const {
    JsonArray cases;
    for (const auto& r : records_) {
        JsonObject o;
        o.emplace_back("name", JsonValue::String(r.name));
        o.emplace_back("file", JsonValue::String(r.file));
        o.emplace_back("status", JsonValue::String(OutcomeName(r.result.outcome)));
        o.emplace_back("reason", JsonValue::String(r.result.reason));
        if (!r.result.category.empty()) {
            o.emplace_back("category", JsonValue::String(r.result.category));
        }
        o.emplace_back("hash", JsonValue::String(Fnv1a64Hex(r.name)));
        char secs[32];
        std::snprintf(secs, sizeof(secs), "%.3f", r.result.seconds);
        o.emplace_back("seconds", JsonValue::Number(secs));
        if (r.result.message_matched) {
            o.emplace_back("message_matched", JsonValue::Bool(*r.result.message_matched));
            o.emplace_back("actual_error", JsonValue::String(r.result.actual_error));
        }
        cases.push_back(JsonValue::Object(std::move(o)));
    }
    JsonObject root;
    root.emplace_back("passed", JsonValue::Integer(static_cast<int64_t>(passed_)));
    root.emplace_back("failed", JsonValue::Integer(static_cast<int64_t>(failed_)));
    root.emplace_back("skipped", JsonValue::Integer(static_cast<int64_t>(skipped_)));
    root.emplace_back("cases", JsonValue::Array(std::move(cases)));
    std::ofstream out(path);
    if (!out) return Status::IoError("cannot write " + path);
    out << JsonValue::Object(std::move(root)).Dump() << "\n";
    return out ? Status::Ok() : Status::IoError("cannot write " + path);
}

Status Reporter::WriteMarkdown(const std::string& path, const std::string& corpus) const {
    struct Counts {
        size_t passed = 0, failed = 0, skipped = 0;
    };
    std::map<std::string, Counts> by_file;
    std::map<std::string, size_t> fail_groups, skip_groups;
    size_t negative_passed = 0, matched = 0;
    for (const auto& r : records_) {
        Counts& c = by_file[r.file];
        switch (r.result.outcome) {
            case CaseResult::Outcome::kPass:
                ++c.passed;
                if (r.negative) {
                    ++negative_passed;
                    if (r.result.message_matched.value_or(false)) ++matched;
                }
                break;
            case CaseResult::Outcome::kFail:
                ++c.failed;
                ++fail_groups[r.result.category.empty() ? ReasonGroup(r.result.reason)
                                                        : r.result.category];
                break;
            case CaseResult::Outcome::kSkip:
                ++c.skipped;
                ++skip_groups[r.result.reason];
                break;
        }
    }
    auto top = [](const std::map<std::string, size_t>& groups, size_t n) {
        std::vector<std::pair<std::string, size_t>> v(groups.begin(), groups.end());
        std::stable_sort(v.begin(), v.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        if (v.size() > n) v.resize(n);
        return v;
    };
    std::ofstream out(path);
    if (!out) return Status::IoError("cannot write " + path);
    out << "# ksqlDB conformance\n\n"
        << "Generated by `make conformance` (scripts/conformance.sh): `runnel-test --qtt` over\n"
        << "ksqlDB's query-validation tests in `" << corpus << "`, in-memory broker.\n"
        << "Do not edit by hand. How cases are judged: docs/testing.md.\n\n"
        << "## Totals\n\n"
        << "| passed | failed | skipped | pass rate (passed / (passed + failed)) |\n"
        << "|---:|---:|---:|---:|\n"
        << "| " << passed_ << " | " << failed_ << " | " << skipped_ << " | "
        << Percent(passed_, passed_ + failed_) << " |\n\n"
        << "Negative cases passed: " << negative_passed << ", of which " << matched
        << " with ksqlDB's message as a substring of ours.\n\n"
        << "## Most common failure reasons\n\n| cases | reason (names and numbers elided) |\n"
        << "|---:|---|\n";
    for (const auto& [reason, n] : top(fail_groups, 25)) {
        out << "| " << n << " | " << MarkdownCell(reason) << " |\n";
    }
    out << "\n## Skip reasons\n\n| cases | reason |\n|---:|---|\n";
    for (const auto& [reason, n] : top(skip_groups, 20)) {
        out << "| " << n << " | " << MarkdownCell(reason) << " |\n";
    }
    out << "\n## Per file\n\n| file | passed | failed | skipped |\n|---|---:|---:|---:|\n";
    for (const auto& [file, c] : by_file) {
        out << "| " << MarkdownCell(file) << " | " << c.passed << " | " << c.failed << " | "
            << c.skipped << " |\n";
    }
    return out ? Status::Ok() : Status::IoError("cannot write " + path);
}

}  // namespace runnel::runner
