// LogicalSchema: the columns of a stream, table or query result, ksqlDB style: key columns first,
// then value columns (header columns are value-side columns filled from record headers).
// Pseudo columns (ROWTIME, ROWPARTITION, ROWOFFSET, WINDOWSTART, WINDOWEND) are not stored here;
// they are read from the Row's metadata. Immutable after construction; thread-safe to share.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/sql_type.h"

namespace runnel {

enum class ColumnNamespace : uint8_t { kKey, kValue, kHeaders, kHeader };

struct Column {
    std::string name;  // canonical: upper-case unless quoted in the statement
    SqlType type;
    ColumnNamespace ns = ColumnNamespace::kValue;
    std::string header_key;  // kHeader only: HEADER('key')
};

class LogicalSchema {
public:
    LogicalSchema() = default;
    explicit LogicalSchema(std::vector<Column> columns);

    const std::vector<Column>& columns() const { return columns_; }
    size_t size() const { return columns_.size(); }
    const Column& column(size_t i) const { return columns_[i]; }
    size_t key_count() const { return key_count_; }

    // Exact (already canonicalised) name lookup.
    std::optional<size_t> Find(std::string_view name) const;

    // "`ID` INTEGER KEY, `NAME` STRING" as ksqlDB prints it.
    std::string ToString() const;

private:
    std::vector<Column> columns_;
    size_t key_count_ = 0;
};

// Pseudo columns readable in expressions.
inline constexpr std::string_view kRowTime = "ROWTIME";
inline constexpr std::string_view kRowPartition = "ROWPARTITION";
inline constexpr std::string_view kRowOffset = "ROWOFFSET";
inline constexpr std::string_view kWindowStart = "WINDOWSTART";
inline constexpr std::string_view kWindowEnd = "WINDOWEND";

}  // namespace runnel
