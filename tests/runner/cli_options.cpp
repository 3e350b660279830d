#include "tests/runner/cli_options.h"

namespace runnel::runner {

const char* const kUsage = R"(usage: runnel-test [options] [FILE_OR_DIR...]

Runs statement-file tests (*.test; directories are searched recursively) and ksqlDB
query-validation tests on the engine, in-process on an in-memory broker unless
--bootstrap-servers is given.

  FILE_OR_DIR...              our .test files (format: docs/testing.md)
  --qtt FILE_OR_DIR...        ksqlDB QTT JSON files (*.json in directories)
  --statements FILE --input FILE --output FILE
                              ksql-test-runner's trio: SQL, {"inputs":[...]}, {"outputs":[...]}
  --bootstrap-servers H:P     run against a real Kafka cluster (queries on threads)
  --matrix                    also run each .test case restarted after every produced record,
                              with 4 partitions, and with RocksDB state
  --filter REGEX              only cases whose name matches (search)
  -v, --verbose               a line for every case, not only failures
  --json FILE                 machine-readable report
  --markdown FILE             conformance summary (per file, totals, pass rate, reasons)
  --ratchet BASELINE          fail when a QTT case of the baseline no longer passes; then only
                              the ratchet decides the exit status
  --write-baseline FILE       write the passing QTT cases as a new baseline
  --timeout MS                wait for outputs and push rows (default 10000)
  --log-level LEVEL           engine log: debug, info, warn, error (default error)
  -h, --help                  this text

The last line is "N passed, N failed, N skipped"; the exit status is 1 when a case failed
(or, with --ratchet, when the ratchet failed).
)";

Result<CliOptions> ParseCli(const std::vector<std::string>& args) {
    CliOptions o;
    bool in_qtt = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const std::string& name) -> Result<std::string> {
            if (i + 1 >= args.size()) return Status::Invalid(name + " needs a value");
            return args[++i];
        };
        if (a.size() > 1 && a[0] == '-') in_qtt = false;
        if (a == "--qtt") {
            in_qtt = true;
        } else if (a == "--statements") {
            ASSIGN_OR_RETURN(o.statements, value(a));
        } else if (a == "--input") {
            ASSIGN_OR_RETURN(o.input, value(a));
        } else if (a == "--output") {
            ASSIGN_OR_RETURN(o.output, value(a));
        } else if (a == "--bootstrap-servers") {
            ASSIGN_OR_RETURN(o.bootstrap_servers, value(a));
        } else if (a == "--matrix") {
            o.matrix = true;
        } else if (a == "--filter") {
            ASSIGN_OR_RETURN(std::string f, value(a));
            o.filter = f;
        } else if (a == "-v" || a == "--verbose") {
            o.verbose = true;
        } else if (a == "--json") {
            ASSIGN_OR_RETURN(o.json_report, value(a));
        } else if (a == "--markdown") {
            ASSIGN_OR_RETURN(o.markdown, value(a));
        } else if (a == "--ratchet") {
            ASSIGN_OR_RETURN(o.ratchet, value(a));
        } else if (a == "--write-baseline") {
            ASSIGN_OR_RETURN(o.write_baseline, value(a));
        } else if (a == "--timeout") {
            ASSIGN_OR_RETURN(std::string t, value(a));
            try {
                o.timeout_ms = std::stoi(t);
            } catch (...) {
                return Status::Invalid("--timeout needs milliseconds");
            }
        } else if (a == "--log-level") {
            ASSIGN_OR_RETURN(o.log_level, value(a));
        } else if (a == "-h" || a == "--help") {
            o.help = true;
        } else if (a.size() > 1 && a[0] == '-') {
            return Status::Invalid("unknown option " + a);
        } else if (in_qtt) {
            o.qtt_paths.push_back(a);
        } else {
            o.test_paths.push_back(a);
        }
    }
    bool trio = !o.statements.empty() || !o.input.empty() || !o.output.empty();
    if (trio && (o.statements.empty() || o.input.empty() || o.output.empty())) {
        return Status::Invalid("--statements, --input and --output go together");
    }
    if (!o.help && !trio && o.test_paths.empty() && o.qtt_paths.empty()) {
        return Status::Invalid("nothing to run: give .test files, --qtt paths or the trio");
    }
    return o;
}

}  // namespace runnel::runner
