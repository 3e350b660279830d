// runnel-test: the statement-file test runner and ksqlDB conformance harness (usage in
// cli_options.cpp, formats in docs/testing.md).
#include <iostream>

#include "engine/common/log.h"
#include "engine/kafka/rdkafka/rdkafka_client_factory.h"
#include "tests/runner/case_plan.h"
#include "tests/runner/cli_options.h"
#include "tests/runner/ratchet.h"
#include "tests/runner/report.h"

namespace runnel::runner {
namespace {

std::optional<LogLevel> ParseLevel(const std::string& s) {
    if (s == "debug") return LogLevel::kDebug;
    if (s == "info") return LogLevel::kInfo;
    if (s == "warn") return LogLevel::kWarn;
    if (s == "error") return LogLevel::kError;
    return std::nullopt;
}

int Main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    auto cli = ParseCli(args);
    if (!cli.ok()) {
        std::cerr << "runnel-test: " << cli.status().message() << "\n\n" << kUsage;
        return 2;
    }
    if (cli->help) {
        std::cout << kUsage;
        return 0;
    }
    auto level = ParseLevel(cli->log_level);
    if (!level) {
        std::cerr << "runnel-test: bad --log-level " << cli->log_level << "\n";
        return 2;
    }
    SetLogLevel(*level);

    RunOptions base;
    base.timeout_ms = cli->timeout_ms;
    if (!cli->bootstrap_servers.empty()) {
        auto factory = kafka::MakeRdKafkaClientFactory(cli->bootstrap_servers, {});
        if (!factory.ok()) {
            std::cerr << "runnel-test: " << factory.status().message() << "\n";
            return 2;
        }
        base.kafka = std::shared_ptr<kafka::ClientFactory>(std::move(factory).value());
        base.settle_ms = 1000;
    }
    auto plan = MakePlan(cli.value(), base);
    if (!plan.ok()) {
        std::cerr << "runnel-test: " << plan.status().message() << "\n";
        return 2;
    }

    Reporter reporter(std::cout, cli->verbose);
    for (const auto& pc : plan->cases) reporter.Add(pc.test, RunCase(pc.test, pc.options));

    int status = reporter.failed() > 0 ? 1 : 0;
    if (!cli->ratchet.empty()) {
        auto baseline = ReadBaseline(cli->ratchet);
        if (!baseline.ok()) {
            std::cout << "ratchet: " << baseline.status().message() << "\n";
            status = 1;
        } else {
            auto report = CheckRatchet(baseline.value(), reporter.records(), plan->qtt_loaded);
            for (const auto& v : report.violations) std::cout << "RATCHET " << v << "\n";
            std::cout << "ratchet: " << report.checked << " baseline cases checked, "
                      << report.violations.size() << " no longer pass";
            if (report.not_loaded) std::cout << ", " << report.not_loaded << " not run";
            std::cout << "\n";
            if (report.new_passes > 0) {
                std::cout << "ratchet: " << report.new_passes
                          << " passing cases are not in the baseline yet: raise it with "
                             "--write-baseline "
                          << cli->ratchet << "\n";
            }
            status = report.violations.empty() ? 0 : 1;
        }
    }
    if (!cli->write_baseline.empty()) {
        Status st = WriteBaseline(cli->write_baseline, reporter.records());
        if (!st.ok()) {
            std::cout << "runnel-test: " << st.message() << "\n";
            status = 1;
        }
    }
    if (!cli->json_report.empty()) {
        Status st = reporter.WriteJson(cli->json_report);
        if (!st.ok()) std::cout << "runnel-test: " << st.message() << "\n";
    }
    if (!cli->markdown.empty()) {
        std::string corpus = cli->qtt_paths.empty() ? "" : cli->qtt_paths.front();
        Status st = reporter.WriteMarkdown(cli->markdown, corpus);
        if (!st.ok()) std::cout << "runnel-test: " << st.message() << "\n";
    }
    reporter.PrintNegativeSummary();
    std::cout << reporter.ClosingLine() << std::endl;
    return status;
}

}  // namespace
}  // namespace runnel::runner

int main(int argc, char** argv) { return runnel::runner::Main(argc, argv); }
