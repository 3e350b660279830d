// Regular expression functions with Java pattern syntax (str_regex.h): REGEXP_EXTRACT,
// REGEXP_EXTRACT_ALL, REGEXP_REPLACE and REGEXP_SPLIT_TO_ARRAY. A pattern that does not compile
// (or uses a construct the translation lacks) gives null, as ksqlDB returns null for a failing
// call; so does a group number beyond the pattern's groups.
#include "engine/expression/functions/scalar/scalar_functions.h"
#include "engine/expression/functions/scalar/str_fn.h"
#include "engine/expression/functions/scalar/str_regex.h"

namespace runnel::expression {

namespace {

using str::JavaRegex;
using str::MakeFn;
using str::RegexMatcher;

constexpr const char* kRegex = str::kCategoryRegex;

// REGEXP_EXTRACT(pattern, input[, group]): the first match (or one of its groups).
void RegexpExtract(const Args& a, Value& out) {
    auto re = JavaRegex::Get(a[0].AsString());
    const int64_t group = a.size() > 2 ? a[2].AsInt() : 0;
    if (!re.ok() || group < 0 || static_cast<size_t>(group) > (*re)->group_count()) {
        return out.SetNull();
    }
    std::string_view input = a[1].AsString();
    out.SetNull();
    bool ran = str::RunWithStackFor(str::CodePointCount(input), [&] {
        RegexMatcher m(**re, input);
        if (!m.Find() || !m.GroupMatched(static_cast<size_t>(group))) return;
        std::string& o = out.MutableString();
        o.clear();
        m.AppendGroup(static_cast<size_t>(group), o);
    });
    if (!ran) out.SetNull();
}

// REGEXP_EXTRACT_ALL(pattern, input[, group]): every match (null for a group that did not
// take part).
void RegexpExtractAll(const Args& a, Value& out) {
    auto re = JavaRegex::Get(a[0].AsString());
    const int64_t group = a.size() > 2 ? a[2].AsInt() : 0;
    if (!re.ok() || group < 0 || static_cast<size_t>(group) > (*re)->group_count()) {
        return out.SetNull();
    }
    std::string_view input = a[1].AsString();
    ValueList items;
    bool failed = false;
    bool ran = str::RunWithStackFor(str::CodePointCount(input), [&] {
        RegexMatcher m(**re, input);
        std::string s;
        while (m.Find()) {
            if (!m.GroupMatched(static_cast<size_t>(group))) {
                items.emplace_back();
                continue;
            }
            s.clear();
            m.AppendGroup(static_cast<size_t>(group), s);
            items.push_back(Value::String(s));
        }
        failed = m.failed();
    });
    if (!ran || failed) return out.SetNull();
    str::SetStringList(std::move(items), out);
}

// REGEXP_REPLACE(input, pattern, replacement): Java's String.replaceAll.
void RegexpReplace(const Args& a, Value& out) {
    auto re = JavaRegex::Get(a[1].AsString());
    if (!re.ok()) return out.SetNull();
    std::string_view input = a[0].AsString(), replacement = a[2].AsString();
    bool ok = true;
    std::string& o = out.MutableString();
    o.clear();
    bool ran = str::RunWithStackFor(str::CodePointCount(input), [&] {
        RegexMatcher m(**re, input);
        size_t last = 0;
        while (ok && m.Find()) {
            m.AppendSlice(last, m.start(), o);
            ok = str::AppendJavaReplacement(m, **re, replacement, o);
            last = m.end();
        }
        ok = ok && !m.failed();
        m.AppendSlice(last, m.length(), o);
    });
    if (!ran || !ok) out.SetNull();
}

// REGEXP_SPLIT_TO_ARRAY(input, pattern): a pattern that matches the empty string splits as
// Java's Pattern.split (no leading empty piece for a match at 0, trailing empties removed);
// any other pattern as Guava's Splitter.on(Pattern) (every empty piece kept; an empty match,
// e.g. of \b, right where a piece starts is skipped).
void RegexpSplitToArray(const Args& a, Value& out) {
    auto re = JavaRegex::Get(a[1].AsString());
    if (!re.ok()) return out.SetNull();
    std::string_view input = a[0].AsString();
    const bool java_split = a[1].AsString().empty() || (*re)->matches_empty();
    ValueList items;
    bool failed = false;
    bool ran = str::RunWithStackFor(str::CodePointCount(input), [&] {
        RegexMatcher m(**re, input);
        std::string piece;
        auto add = [&](size_t from, size_t to) {
            piece.clear();
            m.AppendSlice(from, to, piece);
            items.push_back(Value::String(piece));
        };
        if (java_split) {
            size_t index = 0;
            while (m.Find()) {
                if (index == 0 && m.start() == 0 && m.end() == 0) continue;
                add(index, m.start());
                index = m.end();
            }
            failed = m.failed();
            if (index == 0) {  // nothing split off: the input itself
                items.clear();
                add(0, m.length());
                return;
            }
            add(index, m.length());
            while (!items.empty() && items.back().AsString().empty()) items.pop_back();
            return;
        }
        const size_t len = m.length();
        size_t next_start = 0, offset = 0;
        bool more = true;
        while (more) {
            size_t start = next_start, end;
            if (m.FindFrom(offset)) {
                end = m.start();
                offset = m.end();
            } else {
                if (m.failed()) break;
                end = len;
                more = false;
            }
            if (more && offset == next_start) {  // an empty separator where the piece starts
                if (++offset > len) more = false;  // (the rest is empty and not returned)
                continue;
            }
            add(start, end);
            next_start = offset;
        }
        failed = m.failed();
    });
    if (!ran || failed) return out.SetNull();
    str::SetStringList(std::move(items), out);
}

}  // namespace

void RegisterRegexFunctions(FunctionRegistry& r) {
    const SqlType s = SqlType::String(), i = SqlType::Int(), list = SqlType::Array(s);
    r.Add(MakeFn("REGEXP_EXTRACT", {s, s}, s, RegexpExtract,
                 "Returns the first substring of the input matched by the pattern "
                 "(REGEXP_EXTRACT(pattern, input)).",
                 kRegex));
    r.Add(MakeFn("REGEXP_EXTRACT", {s, s, i}, s, RegexpExtract,
                 "Returns the given capturing group of the first match of the pattern in the "
                 "input (REGEXP_EXTRACT(pattern, input, group)).",
                 kRegex));
    r.Add(MakeFn("REGEXP_EXTRACT_ALL", {s, s}, list, RegexpExtractAll,
                 "Returns every substring of the input matched by the pattern.", kRegex));
    r.Add(MakeFn("REGEXP_EXTRACT_ALL", {s, s, i}, list, RegexpExtractAll,
                 "Returns the given capturing group of every match of the pattern in the input.",
                 kRegex));
    r.Add(MakeFn("REGEXP_REPLACE", {s, s, s}, s, RegexpReplace,
                 "Replaces every match of the pattern in the input; $n and ${name} in the "
                 "replacement insert groups.",
                 kRegex));
    r.Add(MakeFn("REGEXP_SPLIT_TO_ARRAY", {s, s}, list, RegexpSplitToArray,
                 "Splits a string into an array of substrings around the matches of a pattern; "
                 "matches at either end or next to each other give empty strings.",
                 kRegex));
}

}  // namespace runnel::expression
