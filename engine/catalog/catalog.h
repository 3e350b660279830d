// Catalog (metastore): the streams, tables and custom types the server knows. A Catalog is an
// immutable snapshot; changes produce a new snapshot (copy-on-write of a map of shared
// pointers), so readers hold a consistent view without locks. Thread-safe to share.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/schema.h"
#include "engine/common/status.h"
#include "engine/serde/serde.h"

namespace runnel::catalog {

enum class SourceKind : uint8_t { kStream, kTable };

struct DataSource {
    SourceKind kind = SourceKind::kStream;
    std::string name;
    LogicalSchema schema;
    std::string topic;
    serde::FormatSpec key_format;
    serde::FormatSpec value_format;
    std::optional<size_t> timestamp_column;  // index into schema
    std::string timestamp_format;
    std::string sql;          // the statement that created it
    bool is_source = false;   // CREATE SOURCE STREAM/TABLE: read-only
    bool is_windowed = false;
    // Windowed sources (WINDOW_TYPE, or the sink of a windowed aggregation): TUMBLING, HOPPING or
    // SESSION, and the size of time windows (0 when unknown or SESSION).
    std::string window_type;
    int64_t window_size_ms = 0;
    // A keyless source created WITH (FORMAT='X'): its key format is NONE, but queries that give
    // its rows a key write that key in X (ksqlDB keeps the format for derived keys).
    std::string keyless_format;

    const char* KindName() const { return kind == SourceKind::kStream ? "STREAM" : "TABLE"; }
};

using DataSourcePtr = std::shared_ptr<const DataSource>;

class Catalog {
public:
    DataSourcePtr Find(const std::string& name) const;
    const std::map<std::string, DataSourcePtr>& sources() const { return sources_; }
    std::optional<SqlType> FindType(const std::string& name) const;
    const std::map<std::string, SqlType>& types() const { return types_; }

    // New snapshots.
    std::shared_ptr<const Catalog> WithSource(DataSourcePtr source) const;
    std::shared_ptr<const Catalog> WithoutSource(const std::string& name) const;
    std::shared_ptr<const Catalog> WithType(const std::string& name, SqlType type) const;
    std::shared_ptr<const Catalog> WithoutType(const std::string& name) const;

private:
    std::map<std::string, DataSourcePtr> sources_;
    std::map<std::string, SqlType> types_;
};

using CatalogPtr = std::shared_ptr<const Catalog>;

}  // namespace runnel::catalog
