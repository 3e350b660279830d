// The runner's model of one test case, whatever file it came from (our .test files, ksqlDB QTT
// JSON, or the ksql-test-runner trio): a list of steps run in order on a fresh engine and broker.
// Records are kept as the file wrote them; their bytes are only known once the engine's catalog
// says which format and columns the topic has (see record_codec.h). Plain data; not thread-safe
// to mutate.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/runner/json_value.h"

namespace runnel::runner {

// One side (key or value) of a record as written in a test file.
struct FieldSpec {
    enum class Kind {
        kAbsent,  // not given: a null key (QTT and .test alike)
        kNull,    // null: a null key or a tombstone
        kJson,    // a JSON value (QTT files), meaning depends on the format
        kText,    // text in the topic's format (.test files)
        kBytes,   // exact bytes (.test hex:...)
    };
    Kind kind = Kind::kAbsent;
    JsonValue json;
    std::string text;
    // kText: the text was a key token, where a JSON string literal stands for its content in
    // every format but JSON (values are taken verbatim except for KAFKA).
    bool is_key_token = false;

    static FieldSpec Null() { return FieldSpec{Kind::kNull, {}, {}, false}; }
    static FieldSpec Json(JsonValue v) {
        if (v.is_null()) return Null();
        return FieldSpec{Kind::kJson, std::move(v), {}, false};
    }
    bool is_null() const { return kind == Kind::kAbsent || kind == Kind::kNull; }
    // For messages.
    std::string Describe() const;
};

struct WindowSpec {
    int64_t start = 0;
    int64_t end = 0;
    bool session = false;
};

struct HeaderSpec {
    std::string key;
    std::optional<std::string> value;  // raw bytes; nullopt: a null header value
};

struct RecordSpec {
    std::string topic;
    FieldSpec key;
    FieldSpec value;
    std::optional<int64_t> timestamp;  // inputs: 0 when absent; expectations: unchecked
    std::optional<int32_t> partition;  // inputs: default partitioner; expectations: unchecked
    std::optional<WindowSpec> window;
    std::optional<std::vector<HeaderSpec>> headers;  // expectations: unchecked when absent
    int line = 0;                                    // .test line, for messages

    std::string Describe() const;
};

// A statement's expected error: a substring of the engine's message, or a regex.
struct ErrorPattern {
    std::string pattern;
    bool regex = false;
};

// A post-condition on a catalog source (QTT post.sources, .test `source` blocks).
struct SourceCheck {
    std::string name;
    std::optional<std::string> type;  // STREAM | TABLE
    std::optional<std::string> schema;
    std::optional<std::string> key_format;
    std::optional<std::string> value_format;
    std::optional<std::string> window_type;  // TUMBLING | HOPPING | SESSION
    std::optional<int64_t> window_size_ms;
    std::optional<bool> wrap_single_value;  // from value features (UN)WRAP_SINGLES
    std::optional<bool> is_source;
    std::optional<std::string> topic;
};

struct Step {
    enum class Kind { kTopic, kStatement, kSet, kProduce, kExpect, kPush, kCheckSources };
    Kind kind = Kind::kStatement;
    int line = 0;
    // kTopic; kProduce/kExpect: the topic (kExpect with no topic: every query sink must be empty)
    std::string topic;
    int32_t partitions = 1;
    bool explicit_partitions = false;  // kTopic: the file gave the count (matrix keeps others)
    // kStatement / kPush: SQL; kSet: property name and value
    std::string sql;
    std::optional<ErrorPattern> error;  // must fail with this message
    // kStatement of a QTT case: its statements, run as one script (`sql` joins them with "\n",
    // as ksqlDB's runner does, so error positions count lines across statements).
    std::vector<std::string> script;
    std::string name;
    std::string value;
    // kProduce / kExpect
    std::vector<RecordSpec> records;
    bool unordered = false;
    // kPush
    std::vector<JsonValue> rows;
    bool latest = false;
    // kCheckSources
    std::vector<SourceCheck> sources;
};

// A QTT negative case: the last statement, or the processing of the inputs, must fail.
struct ExpectedFailure {
    std::string type;
    std::string message;
};

struct TestCase {
    std::string name;  // the variant's full name: what --filter matches and the baseline hashes
    std::string file;  // file name (QTT) or path relative to the argument (.test)
    std::string path;  // the file as given on the command line
    std::vector<Step> steps;
    // Engine configuration properties for this case (QTT `properties`).
    std::map<std::string, std::string> properties;
    std::optional<ExpectedFailure> expected_failure;
    std::optional<std::string> skip_reason;
    // QTT semantics: statement errors are judged by expected_failure, and a positive case must
    // start a persistent query.
    bool qtt = false;
    // A file-level problem (e.g. a parse error): the case fails with this reason.
    std::optional<std::string> load_error;
    // Matrix hints from .test files.
    std::optional<std::string> single_partition_reason;
    bool stateful = false;
    // .test `known-bug <what>`: the case shows an engine bug. Failing, it is reported as skipped
    // with this reason (never as passed); passing, it fails so the mark gets removed.
    std::optional<std::string> known_bug;
};

}  // namespace runnel::runner
