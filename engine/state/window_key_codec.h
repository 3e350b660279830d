// WindowKeyCodec: local keys of a window store.
//   kKeyFirst:  [segment id: ordered int64][varint key length][key][start: ordered int64]
//   kTimeFirst: [start: ordered int64][key]
// (segment id = floor(start / segment interval); "ordered int64" = big-endian with the sign bit
// flipped, see byte_codec.h). Changelog key: [key][start: big-endian int64][seq: int32 = 0].
// Internal to engine/state. Thread-safe: immutable.
#pragma once

#include <string>

#include "engine/state/store_codec.h"
#include "engine/state/window_store.h"

namespace runnel::state {

class WindowKeyCodec final : public WindowedCodec {
public:
    WindowKeyCodec(WindowLayout layout, int64_t segment_interval_ms, int64_t window_size_ms)
        : layout_(layout), interval_(segment_interval_ms), size_(window_size_ms) {}

    bool ToChangelogKey(std::string_view store_key, std::string* out) const override;
    bool FromChangelogKey(std::string_view changelog_key, std::string* store_key,
                          int64_t* segment_time) const override;
    std::string LayoutTag() const override;
    bool Decode(std::string_view store_key, std::string_view* key, int64_t* start,
                int64_t* end) const override;

    // Local key of (key, start), written into *out (cleared first).
    void Encode(std::string_view key, int64_t start, std::string* out) const;
    // kKeyFirst: [segment][varint length][key], the prefix of a key's entries in a segment.
    void KeyPrefix(int64_t segment, std::string_view key, std::string* out) const;
    // The smallest local key of a segment (every key of earlier segments sorts below it).
    std::string SegmentLower(int64_t segment) const;

    int64_t Segment(int64_t start) const { return SegmentId(start, interval_); }
    WindowLayout layout() const { return layout_; }

private:
    WindowLayout layout_;
    int64_t interval_;
    int64_t size_;
};

}  // namespace runnel::state
