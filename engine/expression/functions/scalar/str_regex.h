// Java regular expressions for the REGEXP_* functions, run on std::wregex (ECMAScript) over
// UTF-32 text, so that '.' and classes see code points as java.util.regex does.
//
// A Java pattern is translated once into ECMAScript (str_regex_translate.h): character classes
// become explicit code point sets (unions, intersections, negated nested classes, \p{...}
// properties, Java's ASCII \d \w \s), inline flags are applied where they hold ((?i) by
// case-closing literals and classes, (?s) (?d) (?x) by the translation itself), named groups
// become numbered ones, Java's '.', '$' and \Z line-terminator rules are spelled out, and a
// back reference to a group that cannot have matched never matches. The regex runs with the
// C.UTF-8 locale so that \b sees Unicode letters and digits as Java does. Possessive quantifiers
// (x*+) and atomic groups (?>...) run as their greedy / non-capturing forms. Lookbehind, \G and
// a MULTILINE flag changing inside the pattern are not supported: Compile reports them (the
// functions then give null, as ksqlDB does for a pattern it cannot compile).
//
// Compiled patterns are cached per thread, keyed by the pattern text, so a constant pattern is
// compiled once per thread. libstdc++'s matcher recurses per character: long inputs are matched
// on a helper thread with a stack sized for them (RunWithStackFor).
// JavaRegex is immutable and thread-safe; RegexMatcher is not (one per call).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"

namespace runnel::expression::str {

class JavaRegex {
public:
    // The compiled pattern from this thread's cache; an error status for an invalid or
    // unsupported pattern (also cached).
    static Result<std::shared_ptr<const JavaRegex>> Get(std::string_view pattern);
    static Result<std::shared_ptr<const JavaRegex>> Compile(std::string_view pattern);

    // Java's Matcher.groupCount().
    size_t group_count() const { return group_count_; }
    // The number of a named group, or -1.
    int GroupNumber(std::string_view name) const;
    const std::wregex& regex() const { return regex_; }
    // True when the Java pattern matches the empty string (Pattern.matcher("").matches()).
    bool matches_empty() const { return matches_empty_; }

private:
    std::wregex regex_;
    size_t group_count_ = 0;
    std::vector<std::pair<std::string, int>> names_;
    bool matches_empty_ = false;
};

// Java's Matcher over one input: find() semantics (an empty match moves the next search on by
// one character), positions in code points.
class RegexMatcher {
public:
    RegexMatcher(const JavaRegex& re, std::string_view input);

    // The next match; false at the end, or when matching failed (see failed()).
    bool Find();
    // The first match starting at or after code point `from` (Java's find(int): a fresh search,
    // anchors and \b still see the whole input).
    bool FindFrom(size_t from);
    bool failed() const { return failed_; }

    size_t start() const { return start_; }
    size_t end() const { return end_; }
    size_t length() const { return text_.size(); }
    bool GroupMatched(size_t group) const;
    // Appends group `group` of the current match as UTF-8 (nothing if it did not participate).
    void AppendGroup(size_t group, std::string& out) const;
    // Appends the input's code points [from, to) as UTF-8.
    void AppendSlice(size_t from, size_t to, std::string& out) const;

private:
    const JavaRegex& re_;
    std::wstring text_;
    std::wsmatch match_;
    size_t start_ = 0, end_ = 0;
    bool matched_ = false;  // a previous match exists
    bool done_ = false;     // no further matches
    bool failed_ = false;
};

// Number of code points of `s` (for sizing the stack).
size_t CodePointCount(std::string_view s);

// Runs `work` on this thread for short inputs, or on a helper thread whose stack fits an input
// of `code_points` characters. False (work not run) for inputs too long to match safely.
bool RunWithStackFor(size_t code_points, const std::function<void()>& work);

// Java's Matcher.appendReplacement rules for the replacement text: $n and ${name} insert
// groups, a backslash quotes the next character. False for an illegal reference.
bool AppendJavaReplacement(const RegexMatcher& m, const JavaRegex& re, std::string_view replacement,
                           std::string& out);

}  // namespace runnel::expression::str
