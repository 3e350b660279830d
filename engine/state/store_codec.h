// StoreCodec: how a store kind lays out its keys, locally and in its changelog topic.
// - KeyValueCodec: the store key is the user key, and so is the changelog key.
// - WindowKeyCodec (window_key_codec.h) and SessionKeyCodec (session_key_codec.h): local keys
//   carry a segment id and order-preserving times; changelog keys use Kafka Streams' encodings
//   (window: key + 8-byte start + 4-byte sequence number; session: key + 8-byte end + 8-byte
//   start, big-endian), so the changelog does not depend on the local layout and a layout or
//   segment change only needs a restore.
// Internal to engine/state. Thread-safe: immutable.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace runnel::state {

class StoreCodec {
public:
    virtual ~StoreCodec() = default;
    // Writes the changelog key of store_key into *out and returns true; false when the
    // changelog key is store_key itself (nothing written).
    virtual bool ToChangelogKey(std::string_view store_key, std::string* out) const = 0;
    // Store key of a changelog key, and the time that segments it (window start, session end;
    // INT64_MIN for key-value stores). False when the key is malformed.
    virtual bool FromChangelogKey(std::string_view changelog_key, std::string* store_key,
                                  int64_t* segment_time) const = 0;
    // Identifies the local layout; kept in the store's metadata, a different tag on open means
    // the local data is wiped and restored from the changelog.
    virtual std::string LayoutTag() const = 0;
};

// Windowed codecs also decode their local keys.
class WindowedCodec : public StoreCodec {
public:
    // Splits a local key into user key, window/session start and end. False when malformed.
    virtual bool Decode(std::string_view store_key, std::string_view* key, int64_t* start,
                        int64_t* end) const = 0;
};

class KeyValueCodec final : public StoreCodec {
public:
    bool ToChangelogKey(std::string_view, std::string*) const override { return false; }
    bool FromChangelogKey(std::string_view changelog_key, std::string* store_key,
                          int64_t* segment_time) const override {
        store_key->assign(changelog_key.data(), changelog_key.size());
        *segment_time = std::numeric_limits<int64_t>::min();
        return true;
    }
    std::string LayoutTag() const override { return "kv/1"; }
};

// floor(t / interval) for any t (interval > 0).
inline int64_t SegmentId(int64_t t, int64_t interval) {
    if (t >= 0) return t / interval;
    return -((-(t + 1)) / interval) - 1;
}

// a - b + 1 clamped to int64 (for "observed - retention + 1"); INT64_MIN when a is INT64_MIN.
inline int64_t MinLiveTime(int64_t observed, int64_t retention) {
    if (observed == std::numeric_limits<int64_t>::min()) return observed;
    int64_t r;
    if (__builtin_sub_overflow(observed, retention - 1, &r)) {
        return std::numeric_limits<int64_t>::min();
    }
    return r;
}

}  // namespace runnel::state
