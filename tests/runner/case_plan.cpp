#include "tests/runner/case_plan.h"

#include <algorithm>
#include <filesystem>
#include <regex>

#include "tests/runner/qtt_loader.h"
#include "tests/runner/sql_test_parser.h"

namespace runnel::runner {

namespace fs = std::filesystem;

namespace {

constexpr int32_t kMatrixPartitions = 4;

// The path of a .test file relative to the directory it was found in, for case names.
std::string Display(const std::string& root, const std::string& file) {
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
        auto rel = fs::relative(file, root, ec);
        if (!ec) return rel.generic_string();
    }
    return fs::path(file).filename().string();
}

}  // namespace

std::vector<std::string> FindFiles(const std::string& path, const std::string& suffix) {
    std::vector<std::string> out;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        for (auto it = fs::recursive_directory_iterator(path, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (!it->is_regular_file()) continue;
            std::string p = it->path().string();
            if (p.size() >= suffix.size() &&
                p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0) {
                out.push_back(p);
            }
        }
        std::sort(out.begin(), out.end());
    } else {
        out.push_back(path);
    }
    return out;
}

std::vector<PlannedCase> MatrixVariants(const TestCase& test, const RunOptions& base) {
    std::vector<PlannedCase> out;
    out.push_back({test, base});

    PlannedCase restart{test, base};
    restart.test.name += " [restart]";
    restart.options.restart_after_each_record = true;
    out.push_back(std::move(restart));

    PlannedCase partitions{test, base};
    partitions.test.name += " [partitions=" + std::to_string(kMatrixPartitions) + "]";
    partitions.options.partitions = kMatrixPartitions;
    if (test.single_partition_reason && !test.skip_reason) {
        partitions.test.skip_reason =
            "opted out of the partition matrix: " + *test.single_partition_reason;
    }
    out.push_back(std::move(partitions));

    PlannedCase rocksdb{test, base};
    rocksdb.test.name += " [rocksdb]";
    rocksdb.options.rocksdb = true;
    out.push_back(std::move(rocksdb));
    return out;
}

Result<Plan> MakePlan(const CliOptions& cli, const RunOptions& base) {
    std::optional<std::regex> filter;
    if (cli.filter) {
        try {
            filter = std::regex(*cli.filter);
        } catch (const std::regex_error& e) {
            return Status::Invalid("bad --filter: " + std::string(e.what()));
        }
    }
    Plan plan;
    auto add = [&](PlannedCase pc) {
        if (filter && !std::regex_search(pc.test.name, *filter)) return;
        plan.cases.push_back(std::move(pc));
    };
    for (const auto& root : cli.test_paths) {
        if (!fs::exists(root)) return Status::NotFound("no such file or directory: " + root);
        for (const auto& file : FindFiles(root, ".test")) {
            for (auto& test : LoadSqlTestFile(file, Display(root, file))) {
                if (cli.matrix) {
                    for (auto& v : MatrixVariants(test, base)) add(std::move(v));
                } else {
                    add({std::move(test), base});
                }
            }
        }
    }
    for (const auto& root : cli.qtt_paths) {
        if (!fs::exists(root)) return Status::NotFound("no such file or directory: " + root);
        for (const auto& file : FindFiles(root, ".json")) {
            for (auto& test : LoadQttFile(file)) {
                plan.qtt_loaded.emplace_back(test.file, test.name);
                add({std::move(test), base});
            }
        }
    }
    if (!cli.statements.empty()) {
        add({LoadTestingToolCase(cli.statements, cli.input, cli.output), base});
    }
    return plan;
}

}  // namespace runnel::runner
