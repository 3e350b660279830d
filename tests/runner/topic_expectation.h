// Comparing the records a topic holds with the records a test expects: exactly the expected
// number, pairwise in order (or as a multiset with `unordered`, or in order per key when the
// topic has several partitions); keys, values, windows, timestamps, partitions and headers as
// the expectation gives them. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tests/runner/record_codec.h"
#include "tests/runner/test_case.h"
#include "tests/runner/topic_io.h"

namespace runnel::runner {

enum class RecordOrder {
    kExact,    // pairwise in order
    kPerKey,   // in order among records of the same key (several partitions); null keys any order
    kAnyOrder  // as a multiset
};

// nullopt when the topic matches; else the first difference.
std::optional<std::string> CompareTopic(const std::vector<RecordSpec>& expected,
                                        const std::vector<TopicRecord>& actual,
                                        const TopicLayout& layout, RecordOrder order);

// nullopt when one record matches; else how it differs.
std::optional<std::string> CompareRecord(const RecordSpec& expected, const TopicRecord& actual,
                                         const TopicLayout& layout);

// "key=1 ts=1000 value={...}" for messages.
std::string DescribeActual(const TopicRecord& record, const TopicLayout& layout);

}  // namespace runnel::runner
