#include "engine/runtime/timestamp_extractor.h"

#include "engine/expression/functions/scalar/time_zone.h"

namespace runnel::runtime {

Result<TimestampExtractor> TimestampExtractor::Make(size_t column, std::string column_name,
                                                    std::string format) {
    TimestampExtractor t;
    t.column_ = column;
    t.column_name_ = std::move(column_name);
    t.format_ = std::move(format);
    if (!t.format_.empty()) {
        ASSIGN_OR_RETURN(t.pattern_, expression::builtin::DateTimePattern::Compile(t.format_));
    }
    return t;
}

bool TimestampExtractor::Extract(const Row& row, int64_t* millis, std::string* error) const {
    const Value& ts = row.values[column_];
    if (ts.is_null()) {
        *error = "null timestamp in column " + column_name_;
        return false;
    }
    if (pattern_) {
        expression::builtin::ParsedDateTime parsed;
        if (!expression::builtin::ParseDateTime(*pattern_, ts.AsString(), &parsed) ||
            !expression::builtin::ResolveInstant(parsed, expression::builtin::UtcZone(), millis)) {
            *error = "timestamp '" + std::string(ts.AsString()) + "' does not match TIMESTAMP_FORMAT '" +
                     format_ + "'";
            return false;
        }
        return true;
    }
    if (ts.AsInt() < 0) {
        *error = "unusable timestamp in column " + column_name_;
        return false;
    }
    *millis = ts.AsInt();
    return true;
}

}  // namespace runnel::runtime
