// TimestampExtractor: a record's timestamp from a column (TIMESTAMP='col'): BIGINT millis, a
// TIMESTAMP value, or a STRING parsed with TIMESTAMP_FORMAT (a Java pattern, UTC unless the text
// carries a zone). Built once per task; Extract is per row and allocates only on failure.
// Not thread-safe (one per task).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "engine/common/row.h"
#include "engine/common/status.h"
#include "engine/expression/functions/scalar/time_pattern.h"

namespace runnel::runtime {

class TimestampExtractor {
public:
    // `format` empty: the column holds millis (BIGINT or TIMESTAMP).
    static Result<TimestampExtractor> Make(size_t column, std::string column_name,
                                           std::string format);

    // The timestamp of `row`; false with *error set when the value is null, negative or does
    // not match the format (the caller sends the record to the processing log).
    bool Extract(const Row& row, int64_t* millis, std::string* error) const;

private:
    size_t column_ = 0;
    std::string column_name_;
    std::string format_;
    std::shared_ptr<const expression::builtin::DateTimePattern> pattern_;
};

}  // namespace runnel::runtime
