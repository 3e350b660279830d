// A light SQL scanner for the test runner: splits scripts into statements and reads what the
// runner must know before the engine sees a statement (the topic a CREATE names and its
// PARTITIONS, formats, function names), and rewrites PARTITIONS for the partition matrix.
// It tokenizes ksqlDB's lexical syntax (strings, `quoted` identifiers, comments) but does not
// parse SQL; anything it cannot read is left to the engine. Pure functions; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace runnel::runner {

struct SqlToken {
    enum class Kind { kWord, kQuoted, kString, kNumber, kPunct };
    Kind kind = Kind::kPunct;
    std::string text;  // kString: the decoded literal; kQuoted: the name inside the quotes
    size_t begin = 0;  // byte range in the statement
    size_t end = 0;
};

std::vector<SqlToken> TokenizeSql(std::string_view sql);

// Statements of a script, each with its terminating ';' (a last statement without one is kept).
std::vector<std::string> SplitStatements(std::string_view script);

// What a CREATE STREAM/TABLE statement says about its topic.
struct CreateInfo {
    bool is_table = false;
    bool has_columns = false;  // CREATE ... name (columns) WITH (...)
    bool as_select = false;    // CREATE ... AS SELECT
    std::string name;          // canonical: upper-case unless quoted
    // WITH properties: upper-case name -> value token (string literals decoded).
    std::map<std::string, SqlToken> with;
    std::optional<std::string> Property(const std::string& name) const;
    // The topic the statement names (KAFKA_TOPIC, else the source name).
    std::string Topic() const;
    std::optional<int> Partitions() const;
};

// nullopt unless the statement is CREATE [OR REPLACE] [SOURCE] STREAM|TABLE.
std::optional<CreateInfo> ScanCreate(std::string_view sql);

// Every WITH-clause format a statement names (KEY_FORMAT, VALUE_FORMAT, FORMAT), upper-case.
std::set<std::string> FormatsNamed(std::string_view sql);

// Upper-case names of everything called like a function: NAME(...).
std::set<std::string> FunctionNames(std::string_view sql);

// Whether a statement needs state stores: CREATE TABLE, GROUP BY, JOIN, WINDOW.
bool NeedsState(std::string_view sql);

// For a CREATE with columns: the statement with its PARTITIONS value replaced by `partitions`
// (unchanged when it has none, or is not such a statement).
std::string RewritePartitions(std::string_view sql, int partitions);

// Window of a windowed source or sink, as far as its statement says.
struct WindowInfo {
    std::string kind;  // TUMBLING | HOPPING | SESSION; empty when unknown
    bool session = false;
    int64_t size_ms = 0;  // 0: unknown (or session)
};
std::optional<WindowInfo> WindowFromSql(std::string_view sql);

// "30 SECONDS", "1 HOUR", "500 MILLISECONDS" -> milliseconds.
std::optional<int64_t> ParseDuration(int64_t amount, std::string_view unit);

}  // namespace runnel::runner
