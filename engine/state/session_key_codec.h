// SessionKeyCodec: local keys of a session store.
//   [segment id of end: ordered int64][varint key length][key][end: ordered int64]
//   [start: ordered int64]
// Changelog key (Kafka Streams' SessionKeySchema): [key][end: big-endian][start: big-endian].
// Internal to engine/state. Thread-safe: immutable.
#pragma once

#include <string>

#include "engine/state/store_codec.h"

namespace runnel::state {

class SessionKeyCodec final : public WindowedCodec {
public:
    explicit SessionKeyCodec(int64_t segment_interval_ms) : interval_(segment_interval_ms) {}

    bool ToChangelogKey(std::string_view store_key, std::string* out) const override;
    bool FromChangelogKey(std::string_view changelog_key, std::string* store_key,
                          int64_t* segment_time) const override;
    std::string LayoutTag() const override;
    bool Decode(std::string_view store_key, std::string_view* key, int64_t* start,
                int64_t* end) const override;

    void Encode(std::string_view key, int64_t start, int64_t end, std::string* out) const;
    // [segment][varint length][key]: the prefix of a key's sessions in a segment.
    void KeyPrefix(int64_t segment, std::string_view key, std::string* out) const;
    std::string SegmentLower(int64_t segment) const;
    int64_t Segment(int64_t end) const { return SegmentId(end, interval_); }

private:
    int64_t interval_;
};

}  // namespace runnel::state
