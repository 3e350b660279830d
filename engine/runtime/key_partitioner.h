// KeyPartitioner: the partition of a re-keyed row when it must land where another input keeps
// the same key: its key columns written in that input's key format, hashed as Kafka's default
// partitioner does (murmur2). -1 (the producer's own partitioner) when there is no such format,
// no partition count, or a null key. Single-threaded (owns a reused buffer).
#pragma once

#include <memory>
#include <string>

#include "engine/common/schema.h"
#include "engine/kafka/kafka.h"
#include "engine/runtime/operators.h"
#include "engine/serde/serde.h"

namespace runnel::runtime {

class KeyPartitioner {
public:
    // `schema`'s key columns are the row's key; must outlive the partitioner.
    void Init(const serde::FormatSpec& format, const LogicalSchema& schema, int32_t partitions) {
        serde::SideLayout value_layout;
        SplitLayouts(schema, key_layout_, value_layout);
        partitions_ = partitions;
        auto ser = serde::MakeSerializer(format, key_layout_, true);
        if (ser.ok()) serializer_ = std::move(ser).value();
    }

    int32_t Partition(const Row& row) {
        bool key_null = false;
        if (!serializer_ || partitions_ <= 0 || !serializer_->Serialize(row, buf_, &key_null).ok() || key_null) {
            return -1;
        }
        return kafka::DefaultPartition(buf_.data(), buf_.size(), partitions_);
    }

private:
    serde::SideLayout key_layout_;
    std::unique_ptr<serde::Serializer> serializer_;
    int32_t partitions_ = 0;
    std::string buf_;
};

}  // namespace runnel::runtime
