#include "engine/expression/functions/scalar/str_regex.h"

#include <pthread.h>

#include <algorithm>
#include <locale>

#include "engine/expression/functions/scalar/str_regex_translate.h"
#include "engine/expression/functions/scalar/str_text.h"

namespace runnel::expression::str {

namespace {

void AppendWide(const wchar_t* b, const wchar_t* e, std::string& out) {
    for (; b != e; ++b) AppendUtf8(static_cast<char32_t>(*b), out);
}

}  // namespace

Result<std::shared_ptr<const JavaRegex>> JavaRegex::Compile(std::string_view pattern) {
    std::u32string cps;
    for (size_t i = 0; i < pattern.size();) {
        char32_t c = NextCodePoint(pattern, i);
        cps.push_back(c == kInvalidUtf8 ? kReplacementChar : c);
    }
    TranslatedRegex t;
    RETURN_IF_ERROR(TranslateJavaRegex(cps, &t));
    auto re = std::make_shared<JavaRegex>();
    auto syntax = std::regex_constants::ECMAScript;
    if (t.icase) syntax |= std::regex_constants::icase;
    if (t.multiline) syntax |= std::regex_constants::multiline;
    try {
        // The C.UTF-8 locale makes \b see Unicode letters and digits as word characters (Java's
        // rule); \w, \d, \s and case-insensitivity are spelled out by the translation.
        static const std::locale utf8 = [] {
            try {
                return std::locale("C.UTF-8");
            } catch (const std::exception&) {
                return std::locale::classic();
            }
        }();
        re->regex_.imbue(utf8);
        re->regex_.assign(t.pattern, syntax);
        re->matches_empty_ = std::regex_match(std::wstring(), re->regex_);
    } catch (const std::exception& e) {
        return Status::Invalid(std::string("Invalid regular expression pattern: ") + e.what());
    }
    re->group_count_ = t.groups;
    re->names_ = std::move(t.names);
    return std::shared_ptr<const JavaRegex>(std::move(re));
}

Result<std::shared_ptr<const JavaRegex>> JavaRegex::Get(std::string_view pattern) {
    struct Entry {
        std::string pattern;
        Result<std::shared_ptr<const JavaRegex>> compiled = Status::Internal("empty");
        uint64_t used = 0;
    };
    constexpr size_t kCapacity = 16;
    thread_local std::vector<Entry> cache;
    thread_local uint64_t clock = 0;
    ++clock;
    for (Entry& e : cache) {
        if (e.pattern == pattern) {
            e.used = clock;
            return e.compiled;
        }
    }
    Entry* slot;
    if (cache.size() < kCapacity) {
        slot = &cache.emplace_back();
    } else {
        slot = &*std::min_element(cache.begin(), cache.end(),
                                  [](const Entry& a, const Entry& b) { return a.used < b.used; });
    }
    slot->pattern.assign(pattern);
    slot->compiled = Compile(pattern);
    slot->used = clock;
    return slot->compiled;
}

int JavaRegex::GroupNumber(std::string_view name) const {
    for (const auto& [n, g] : names_) {
        if (n == name) return g;
    }
    return -1;
}

RegexMatcher::RegexMatcher(const JavaRegex& re, std::string_view input) : re_(re) {
    text_.reserve(input.size());
    for (size_t i = 0; i < input.size();) {
        char32_t c = NextCodePoint(input, i);
        text_.push_back(static_cast<wchar_t>(c == kInvalidUtf8 ? kReplacementChar : c));
    }
}

bool RegexMatcher::Find() {
    if (failed_ || done_) return false;
    size_t from = 0;
    if (matched_) from = end_ == start_ ? end_ + 1 : end_;
    if (!FindFrom(from)) {
        done_ = true;
        return false;
    }
    return true;
}

bool RegexMatcher::FindFrom(size_t from) {
    matched_ = false;
    if (failed_ || from > text_.size()) return false;
    auto flags = std::regex_constants::match_default;
    if (from > 0) flags |= std::regex_constants::match_prev_avail;
    bool found;
    try {
        found = std::regex_search(text_.cbegin() + static_cast<std::ptrdiff_t>(from), text_.cend(),
                                  match_, re_.regex(), flags);
    } catch (const std::exception&) {
        failed_ = true;
        return false;
    }
    if (!found) return false;
    start_ = static_cast<size_t>(match_[0].first - text_.cbegin());
    end_ = static_cast<size_t>(match_[0].second - text_.cbegin());
    matched_ = true;
    return true;
}

bool RegexMatcher::GroupMatched(size_t group) const {
    return matched_ && group < match_.size() && match_[group].matched;
}

void RegexMatcher::AppendGroup(size_t group, std::string& out) const {
    if (!GroupMatched(group)) return;
    AppendWide(&*match_[group].first, &*match_[group].first + match_[group].length(), out);
}

void RegexMatcher::AppendSlice(size_t from, size_t to, std::string& out) const {
    to = std::min(to, text_.size());
    if (from >= to) return;
    AppendWide(text_.data() + from, text_.data() + to, out);
}

size_t CodePointCount(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

namespace {

void* RunWork(void* arg) {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
}

}  // namespace

bool RunWithStackFor(size_t code_points, const std::function<void()>& work) {
    constexpr size_t kDirectLimit = 1000;        // fits any thread's stack
    constexpr size_t kBytesPerCodePoint = 2048;  // measured need is ~300 bytes; margin
    constexpr size_t kMaxCodePoints = size_t{1} << 19;
    if (code_points <= kDirectLimit) {
        work();
        return true;
    }
    if (code_points > kMaxCodePoints) return false;
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) return false;
    size_t stack = std::max<size_t>(size_t{16} << 20, code_points * kBytesPerCodePoint);
    pthread_attr_setstacksize(&attr, stack);
    pthread_t thread;
    int rc = pthread_create(&thread, &attr, RunWork, const_cast<std::function<void()>*>(&work));
    pthread_attr_destroy(&attr);
    if (rc != 0) return false;
    pthread_join(thread, nullptr);
    return true;
}

bool AppendJavaReplacement(const RegexMatcher& m, const JavaRegex& re, std::string_view rep,
                           std::string& out) {
    for (size_t i = 0; i < rep.size();) {
        char c = rep[i];
        if (c == '\\') {
            if (++i >= rep.size()) return false;  // character to be escaped is missing
            size_t start = i;
            NextCodePoint(rep, i);
            out.append(rep.substr(start, i - start));
            continue;
        }
        if (c != '$') {
            out.push_back(c);
            ++i;
            continue;
        }
        if (++i >= rep.size()) return false;  // group index is missing
        size_t group;
        if (rep[i] == '{') {
            size_t close = rep.find('}', i);
            if (close == std::string_view::npos || close == i + 1) return false;
            int g = re.GroupNumber(rep.substr(i + 1, close - i - 1));
            if (g < 0) return false;  // no group with that name
            group = static_cast<size_t>(g);
            i = close + 1;
        } else {
            if (rep[i] < '0' || rep[i] > '9') return false;  // illegal group reference
            group = static_cast<size_t>(rep[i++] - '0');
            while (i < rep.size() && rep[i] >= '0' && rep[i] <= '9') {
                size_t next = group * 10 + static_cast<size_t>(rep[i] - '0');
                if (next > re.group_count()) break;
                group = next;
                ++i;
            }
            if (group > re.group_count()) return false;  // no such group
        }
        m.AppendGroup(group, out);
    }
    return true;
}

}  // namespace runnel::expression::str
