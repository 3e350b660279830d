// WindowKeyCodec: encode/decode of the two local layouts and the changelog key.

#include "engine/state/window_key_codec.h"

#include <fmt/format.h>

#include "engine/state/byte_codec.h"

namespace runnel::state {

void WindowKeyCodec::Encode(std::string_view key, int64_t start, std::string* out) const {
    out->clear();
    if (layout_ == WindowLayout::kKeyFirst) {
        AppendOrderedInt64(*out, Segment(start));
        AppendVarint(*out, key.size());
        out->append(key.data(), key.size());
        AppendOrderedInt64(*out, start);
    } else {
        AppendOrderedInt64(*out, start);
        out->append(key.data(), key.size());
    }
}

void WindowKeyCodec::KeyPrefix(int64_t segment, std::string_view key, std::string* out) const {
    out->clear();
    AppendOrderedInt64(*out, segment);
    AppendVarint(*out, key.size());
    out->append(key.data(), key.size());
}

std::string WindowKeyCodec::SegmentLower(int64_t segment) const {
    std::string out;
    AppendOrderedInt64(out, layout_ == WindowLayout::kKeyFirst ? segment : segment * interval_);
    return out;
}

bool WindowKeyCodec::Decode(std::string_view store_key, std::string_view* key, int64_t* start,
                            int64_t* end) const {
    if (store_key.size() < 8) return false;
    if (layout_ == WindowLayout::kKeyFirst) {
        std::string_view rest = store_key.substr(8);
        uint64_t len;
        if (!ConsumeVarint(rest, &len) || rest.size() != len + 8) return false;
        *key = rest.substr(0, len);
        *start = DecodeOrderedInt64(rest.data() + len);
    } else {
        *start = DecodeOrderedInt64(store_key.data());
        *key = store_key.substr(8);
    }
    *end = *start + size_;
    return true;
}

bool WindowKeyCodec::ToChangelogKey(std::string_view store_key, std::string* out) const {
    std::string_view key;
    int64_t start, end;
    out->clear();
    if (!Decode(store_key, &key, &start, &end)) return true;  // cannot happen: we encoded it
    out->append(key.data(), key.size());
    AppendBigEndian64(*out, static_cast<uint64_t>(start));
    AppendBigEndian32(*out, 0);
    return true;
}

bool WindowKeyCodec::FromChangelogKey(std::string_view changelog_key, std::string* store_key,
                                      int64_t* segment_time) const {
    if (changelog_key.size() < 12) return false;
    const size_t key_size = changelog_key.size() - 12;
    const auto start = static_cast<int64_t>(DecodeBigEndian64(changelog_key.data() + key_size));
    Encode(changelog_key.substr(0, key_size), start, store_key);
    *segment_time = start;
    return true;
}

std::string WindowKeyCodec::LayoutTag() const {
    return fmt::format("window/1/{}/{}",
                       layout_ == WindowLayout::kKeyFirst ? "key-first" : "time-first", interval_);
}

}  // namespace runnel::state
