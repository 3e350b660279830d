// SessionKeyCodec: encode/decode of session keys.

#include "engine/state/session_key_codec.h"

#include <fmt/format.h>

#include "engine/state/byte_codec.h"

namespace runnel::state {

void SessionKeyCodec::Encode(std::string_view key, int64_t start, int64_t end,
                             std::string* out) const {
    KeyPrefix(Segment(end), key, out);
    AppendOrderedInt64(*out, end);
    AppendOrderedInt64(*out, start);
}

void SessionKeyCodec::KeyPrefix(int64_t segment, std::string_view key, std::string* out) const {
    out->clear();
    AppendOrderedInt64(*out, segment);
    AppendVarint(*out, key.size());
    out->append(key.data(), key.size());
}

std::string SessionKeyCodec::SegmentLower(int64_t segment) const {
    std::string out;
    AppendOrderedInt64(out, segment);
    return out;
}

bool SessionKeyCodec::Decode(std::string_view store_key, std::string_view* key, int64_t* start,
                             int64_t* end) const {
    if (store_key.size() < 8) return false;
    std::string_view rest = store_key.substr(8);
    uint64_t len;
    if (!ConsumeVarint(rest, &len) || rest.size() != len + 16) return false;
    *key = rest.substr(0, len);
    *end = DecodeOrderedInt64(rest.data() + len);
    *start = DecodeOrderedInt64(rest.data() + len + 8);
    return true;
}

bool SessionKeyCodec::ToChangelogKey(std::string_view store_key, std::string* out) const {
    std::string_view key;
    int64_t start, end;
    out->clear();
    if (!Decode(store_key, &key, &start, &end)) return true;  // cannot happen: we encoded it
    out->append(key.data(), key.size());
    AppendBigEndian64(*out, static_cast<uint64_t>(end));
    AppendBigEndian64(*out, static_cast<uint64_t>(start));
    return true;
}

bool SessionKeyCodec::FromChangelogKey(std::string_view changelog_key, std::string* store_key,
                                       int64_t* segment_time) const {
    if (changelog_key.size() < 16) return false;
    const size_t key_size = changelog_key.size() - 16;
    const auto end = static_cast<int64_t>(DecodeBigEndian64(changelog_key.data() + key_size));
    const auto start = static_cast<int64_t>(DecodeBigEndian64(changelog_key.data() + key_size + 8));
    Encode(changelog_key.substr(0, key_size), start, end, store_key);
    *segment_time = end;
    return true;
}

std::string SessionKeyCodec::LayoutTag() const { return fmt::format("session/1/{}", interval_); }

}  // namespace runnel::state
