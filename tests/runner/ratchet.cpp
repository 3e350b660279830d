#include "tests/runner/ratchet.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "tests/runner/fnv1a.h"
#include "tests/runner/text_util.h"

namespace runnel::runner {

Result<std::vector<BaselineEntry>> ReadBaseline(const std::string& path) {
    auto text = ReadFile(path);
    if (!text) return Status::IoError("cannot read baseline " + path);
    std::vector<BaselineEntry> out;
    int n = 0;
    for (const auto& raw : SplitLines(*text)) {
        ++n;
        auto line = Trim(raw);
        if (line.empty() || line.front() == '#') continue;
        std::istringstream in{std::string(line)};
        BaselineEntry e;
        std::string extra;
        if (!(in >> e.file >> e.hash) || (in >> extra) || e.hash.size() != 16) {
            return Status::Invalid(path + ":" + std::to_string(n) + ": expected '<file> <hash>'");
        }
        out.push_back(std::move(e));
    }
    return out;
}

Status WriteBaseline(const std::string& path, const std::vector<CaseRecord>& records) {
    std::set<std::pair<std::string, std::string>> lines;
    for (const auto& r : records) {
        if (r.qtt && r.result.outcome == CaseResult::Outcome::kPass) {
            lines.insert({r.file, Fnv1a64Hex(r.name)});
        }
    }
    std::ofstream out(path);
    if (!out) return Status::IoError("cannot write " + path);
    out << "# Conformance ratchet: the ksqlDB QTT cases that pass, as '<file> <FNV-1a 64 of the\n"
        << "# case variant name>'. Checked by runnel-test --ratchet; rewritten with\n"
        << "# runnel-test --qtt ../shared/conformance/ksql-qtt --write-baseline <this file>.\n";
    for (const auto& [file, hash] : lines) out << file << " " << hash << "\n";
    return out ? Status::Ok() : Status::IoError("cannot write " + path);
}

RatchetReport CheckRatchet(const std::vector<BaselineEntry>& baseline,
                           const std::vector<CaseRecord>& records,
                           const std::vector<std::pair<std::string, std::string>>& loaded) {
    RatchetReport report;
    std::map<std::pair<std::string, std::string>, const CaseRecord*> ran;
    for (const auto& r : records) {
        if (r.qtt) ran[{r.file, Fnv1a64Hex(r.name)}] = &r;
    }
    std::map<std::pair<std::string, std::string>, std::string> names;  // (file, hash) -> name
    std::set<std::string> files;
    for (const auto& [file, name] : loaded) {
        names[{file, Fnv1a64Hex(name)}] = name;
        files.insert(file);
    }
    std::set<std::pair<std::string, std::string>> in_baseline;
    for (const auto& e : baseline) {
        in_baseline.insert({e.file, e.hash});
        auto key = std::make_pair(e.file, e.hash);
        if (!files.count(e.file)) {
            ++report.not_loaded;
            continue;
        }
        auto name = names.find(key);
        if (name == names.end()) {
            report.violations.push_back(
                e.file + " " + e.hash +
                " (no case with this hash in the file: renamed or removed?)");
            continue;
        }
        auto it = ran.find(key);
        if (it == ran.end()) {
            ++report.not_loaded;  // filtered out
            continue;
        }
        ++report.checked;
        const CaseResult& r = it->second->result;
        if (r.outcome == CaseResult::Outcome::kPass) continue;
        std::string reason = r.reason.substr(0, r.reason.find('\n'));
        report.violations.push_back(
            e.file + " " + e.hash + " (" + name->second + "): now " +
            (r.outcome == CaseResult::Outcome::kFail ? "fails: " : "skipped: ") + reason);
    }
    for (const auto& [key, rec] : ran) {
        if (rec->result.outcome == CaseResult::Outcome::kPass && !in_baseline.count(key)) {
            ++report.new_passes;
        }
    }
    return report;
}

}  // namespace runnel::runner
