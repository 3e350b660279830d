#include "tests/runner/topic_expectation.h"

#include "tests/runner/text_util.h"
#include "tests/runner/value_matcher.h"

namespace runnel::runner {

namespace {

std::optional<std::string> CompareSide(const FieldSpec& expected,
                                       const std::optional<std::string>& actual,
                                       const RecordSide& side, bool is_key) {
    const char* what = is_key ? "key" : "value";
    if (expected.kind == FieldSpec::Kind::kBytes) {
        if (actual && *actual == expected.text) return std::nullopt;
        return std::string(what) + ": expected bytes hex:" + HexEncode(expected.text) + ", got " +
               (actual ? "hex:" + HexEncode(*actual) : "null");
    }
    auto e = ExpectedField(expected, side, is_key);
    if (!e.ok()) return std::string(what) + ": " + e.status().message();
    auto a = DecodeField(actual, side);
    if (!a.ok()) {
        if (e->is_null()) return std::string(what) + ": expected null, got " + Printable(*actual);
        return std::string(what) + ": " + a.status().message();
    }
    auto type = SideType(side);
    auto diff = MatchJson(e.value(), a.value(), type ? &*type : nullptr);
    if (!diff) return std::nullopt;
    return std::string(what) + " " + *diff;
}

std::optional<std::string> CompareHeaders(const std::vector<HeaderSpec>& expected,
                                          const TopicRecord& actual) {
    auto describe = [](const std::vector<HeaderSpec>& hs) {
        std::string out = "[";
        for (size_t i = 0; i < hs.size(); ++i) {
            if (i) out += ",";
            out += hs[i].key + ":" + (hs[i].value ? Base64Encode(*hs[i].value) : "null");
        }
        return out + "]";
    };
    std::vector<HeaderSpec> got;
    for (const auto& h : actual.headers) {
        got.push_back({h.key, h.value_null ? std::nullopt : std::optional<std::string>(h.value)});
    }
    bool same = got.size() == expected.size();
    for (size_t i = 0; same && i < got.size(); ++i) {
        same = got[i].key == expected[i].key && got[i].value == expected[i].value;
    }
    if (same) return std::nullopt;
    return "headers: expected " + describe(expected) + ", got " + describe(got);
}

// The actual key without its window suffix, and the window.
SplitKey ActualKey(const TopicRecord& record, const TopicLayout& layout) {
    if (!layout.window) return SplitKey{record.key, std::nullopt, ""};
    return SplitWindowedKey(record.key, *layout.window);
}

bool KeysMatch(const RecordSpec& expected, const TopicRecord& actual, const TopicLayout& layout) {
    SplitKey k = ActualKey(actual, layout);
    if (!k.error.empty()) return false;
    return !CompareSide(expected.key, k.key, layout.key, true);
}

}  // namespace

std::string DescribeActual(const TopicRecord& record, const TopicLayout& layout) {
    std::string out = "key=";
    SplitKey k = ActualKey(record, layout);
    auto key = DecodeField(k.key, layout.key);
    out += key.ok() ? key->Dump() : Printable(record.key.value_or("null"));
    if (k.window) {
        out += " window=[" + std::to_string(k.window->start) + "," + std::to_string(k.window->end) +
               (k.window->session ? "]" : ")");
    }
    out += " ts=" + std::to_string(record.timestamp);
    out += " value=" + (record.value ? Printable(*record.value) : std::string("null"));
    return out;
}

std::optional<std::string> CompareRecord(const RecordSpec& expected, const TopicRecord& actual,
                                         const TopicLayout& layout) {
    SplitKey k = ActualKey(actual, layout);
    if (!k.error.empty()) return "key: " + k.error;
    if (expected.window && !layout.window) {
        return std::string("expected a windowed key, but the topic's source is not windowed");
    }
    if (expected.window && k.window) {
        const WindowSpec& e = *expected.window;
        const WindowSpec& a = *k.window;
        bool end_known = a.session || layout.window->size_ms > 0;
        if (e.start != a.start || (end_known && e.end != a.end) || e.session != a.session) {
            return "window: expected [" + std::to_string(e.start) + "," + std::to_string(e.end) +
                   "] (" + (e.session ? "session" : "time") + "), got [" + std::to_string(a.start) +
                   "," + (end_known ? std::to_string(a.end) : "?") + "] (" +
                   (a.session ? "session" : "time") + ")";
        }
        if (!end_known) return std::string("window: the window size of the sink is unknown");
    }
    if (auto d = CompareSide(expected.key, k.key, layout.key, true)) return d;
    if (auto d = CompareSide(expected.value, actual.value, layout.value, false)) return d;
    if (expected.timestamp && *expected.timestamp != actual.timestamp) {
        return "timestamp: expected " + std::to_string(*expected.timestamp) + ", got " +
               std::to_string(actual.timestamp);
    }
    if (expected.partition && *expected.partition != actual.partition) {
        return "partition: expected " + std::to_string(*expected.partition) + ", got " +
               std::to_string(actual.partition);
    }
    if (expected.headers) {
        if (auto d = CompareHeaders(*expected.headers, actual)) return d;
    }
    return std::nullopt;
}

std::optional<std::string> CompareTopic(const std::vector<RecordSpec>& expected,
                                        const std::vector<TopicRecord>& actual,
                                        const TopicLayout& layout, RecordOrder order) {
    auto where = [](const RecordSpec& r, size_t i) {
        return r.line > 0 ? "line " + std::to_string(r.line) : "record " + std::to_string(i + 1);
    };
    std::string counts = "expected " + std::to_string(expected.size()) + " records, got " +
                         std::to_string(actual.size());
    if (order == RecordOrder::kExact) {
        size_t n = std::min(expected.size(), actual.size());
        for (size_t i = 0; i < n; ++i) {
            if (auto d = CompareRecord(expected[i], actual[i], layout)) {
                return where(expected[i], i) + ": " + *d +
                       "\n    expected: " + expected[i].Describe() +
                       "\n    actual:   " + DescribeActual(actual[i], layout) +
                       (expected.size() != actual.size() ? "\n    (" + counts + ")" : "");
            }
        }
        if (expected.size() > actual.size()) {
            return counts + "; first missing: " + expected[n].Describe();
        }
        if (actual.size() > expected.size()) {
            return counts + "; first extra: " + DescribeActual(actual[n], layout);
        }
        return std::nullopt;
    }
    std::vector<bool> used(actual.size(), false);
    for (size_t i = 0; i < expected.size(); ++i) {
        const RecordSpec& e = expected[i];
        bool per_key = order == RecordOrder::kPerKey && !e.key.is_null();
        std::optional<std::string> first_diff;
        bool matched = false;
        for (size_t j = 0; j < actual.size(); ++j) {
            if (used[j]) continue;
            if (per_key) {
                // The first unused record of the same key must be this one.
                if (!KeysMatch(e, actual[j], layout)) continue;
                first_diff = CompareRecord(e, actual[j], layout);
                if (!first_diff) {
                    used[j] = true;
                    matched = true;
                } else {
                    first_diff =
                        *first_diff + "\n    actual:   " + DescribeActual(actual[j], layout);
                }
                break;
            }
            if (!CompareRecord(e, actual[j], layout)) {
                used[j] = true;
                matched = true;
                break;
            }
        }
        if (!matched) {
            std::string why = per_key ? "next record of its key differs" : "no matching record";
            return where(e, i) + ": " + why + "\n    expected: " + e.Describe() +
                   (first_diff ? "\n    difference: " + *first_diff : "") + "\n    (" + counts +
                   ")";
        }
    }
    for (size_t j = 0; j < actual.size(); ++j) {
        if (!used[j]) return counts + "; first unexpected: " + DescribeActual(actual[j], layout);
    }
    return std::nullopt;
}

}  // namespace runnel::runner
