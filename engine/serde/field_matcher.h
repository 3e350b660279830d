// FieldMatcher: finds which declared field (column or STRUCT field) a JSON object key names,
// with ksqlDB's rule: an exact match first, else an ASCII case-insensitive match. Built once
// per (de)serializer; per lookup it allocates nothing in the steady state.
//
// Speed: it expects fields in the order the previous record had them and remembers, per field,
// the last key spelling that matched it, so a record that repeats its predecessor's layout
// costs one short compare per key, done on the raw (still escaped) key bytes without
// unescaping. Keys that matched no field are remembered too (a few of them).
// Not thread-safe (the caches mutate on lookup); one instance per deserializer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace runnel::serde {

class FieldMatcher {
public:
    struct Match {
        int index = -1;  // -1: the key names no field
        bool exact = false;
    };

    FieldMatcher() = default;
    explicit FieldMatcher(std::vector<std::string> names);

    size_t size() const { return names_.size(); }
    const std::string& name(size_t i) const { return names_[i]; }

    // Fast path: `raw` points at a key's first byte after its opening quote, with `avail`
    // readable bytes. True (and *match set) when the raw key is exactly the spelling last seen
    // for the field expected next; false means "use Find on the unescaped key".
    bool FindExpectedRaw(const char* raw, size_t avail, Match* match);

    // General lookup on an unescaped key.
    Match Find(std::string_view key);

private:
    struct Spelling {
        std::string text;     // the last key spelling that matched the field
        bool exact = true;    // text == the field's name
        bool raw_ok = true;   // no '"' or '\\' in text, so raw bytes can be compared
    };

    Match Scan(std::string_view key);
    void Remember(size_t field, std::string_view key, bool exact);
    Match Advance(size_t field, bool exact) {
        next_ = (field + 1 == names_.size()) ? 0 : field + 1;
        return {int(field), exact};
    }

    std::vector<std::string> names_;
    std::vector<std::string> folded_;  // ASCII upper-case of names_
    std::vector<Spelling> spellings_;
    std::vector<std::string> unknown_;  // recent keys that named no field
    size_t next_ = 0;                   // the field expected next
    bool ambiguous_ = false;            // two names differ only in case
};

// ASCII case-insensitive equality (bytes >= 0x80 compare exactly).
bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b);

}  // namespace runnel::serde
