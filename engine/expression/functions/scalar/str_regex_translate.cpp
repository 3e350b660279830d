#include "engine/expression/functions/scalar/str_regex_translate.h"

#include "engine/expression/functions/scalar/str_regex_ranges.h"

namespace runnel::expression::str {

namespace {

// Characters with a meaning in ECMAScript patterns, escaped when they stand for themselves.
bool IsSyntaxChar(char32_t c) {
    switch (c) {
        case '^':
        case '$':
        case '\\':
        case '.':
        case '*':
        case '+':
        case '?':
        case '(':
        case ')':
        case '[':
        case ']':
        case '{':
        case '}':
        case '|':
        case '/':
        case '-':
            return true;
        default:
            return false;
    }
}

bool IsAsciiLetter(char32_t c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }

int HexValue(char32_t c) {
    if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
    return -1;
}

struct Flags {
    bool icase = false, dotall = false, multiline = false, comments = false;
    bool unix_lines = false, unicode_case = false;
};

// Translates a Java pattern (as code points) into an ECMAScript pattern for std::wregex.
// Character classes are computed as sets of code point ranges (so unions, intersections,
// negated nested classes and case-insensitivity work) and written out explicitly.
class Translator {
public:
    Translator(std::u32string_view p, size_t total_groups) : p_(p), total_groups_(total_groups) {}

    Status Run() {
        RETURN_IF_ERROR(LeadingFlags());
        global_ = flags_;
        while (i_ < p_.size()) RETURN_IF_ERROR(Atom());
        if (!saved_.empty()) return Err("Unclosed group");
        return Status::Ok();
    }

    const std::wstring& out() const { return out_; }
    // Flags for the whole std::wregex: case-insensitivity only when it holds everywhere (it
    // then also covers back references); MULTILINE never changes after the start.
    bool regex_icase() const {
        // Literals and classes are case-closed here already; the regex flag is only needed for
        // back references (it folds case with the locale's Unicode rules).
        return global_.icase && !icase_changed_ && max_backref_ > 0;
    }
    bool regex_multiline() const { return global_.multiline; }
    size_t groups() const { return groups_; }
    size_t max_backref() const { return max_backref_; }
    std::vector<std::pair<std::string, int>>& names() { return names_; }

private:
    Status Err(const std::string& what) const {
        return Status::Invalid("Invalid or unsupported regular expression (" + what + ")");
    }

    bool At(char32_t c, size_t ahead = 0) const {
        return i_ + ahead < p_.size() && p_[i_ + ahead] == c;
    }

    void Emit(const wchar_t* s) { out_.append(s); }
    void EmitChar(char32_t c) { out_.push_back(static_cast<wchar_t>(c)); }

    // A character standing for itself outside a class.
    void Literal(char32_t c) {
        MarkAtom(out_.size());
        if (flags_.icase) {
            Ranges r = CaseClose({{c, c}}, flags_.unicode_case);
            if (r.size() > 1 || r[0].first != r[0].second) {
                EmitClass(r, false);
                return;
            }
        }
        if (IsSyntaxChar(c)) out_.push_back(L'\\');
        EmitChar(c);
    }

    // A range endpoint inside a class.
    void ClassChar(char32_t c, std::wstring& body) {
        if (c == '\\' || c == ']' || c == '[' || c == '^' || c == '-') body.push_back(L'\\');
        body.push_back(static_cast<wchar_t>(c));
    }

    void EmitClass(const Ranges& r, bool negate) {
        if (r.empty()) {
            Emit(negate ? L"[\\s\\S]" : L"[^\\s\\S]");
            return;
        }
        std::wstring body;
        for (const auto& [lo, hi] : r) {
            ClassChar(lo, body);
            if (hi != lo) {
                if (hi > lo + 1) body.push_back(L'-');
                ClassChar(hi, body);
            }
        }
        out_.append(negate ? L"[^" : L"[");
        out_.append(body);
        out_.push_back(L']');
    }

    // Flag letters up to ':' or ')', applied to `f`.
    Status ParseFlags(Flags* f) {
        bool on = true;
        while (i_ < p_.size() && p_[i_] != ')' && p_[i_] != ':') {
            char32_t c = p_[i_++];
            switch (c) {
                case '-':
                    on = false;
                    break;
                case 'i':
                    f->icase = on;
                    break;
                case 's':
                    f->dotall = on;
                    break;
                case 'm':
                    f->multiline = on;
                    break;
                case 'x':
                    f->comments = on;
                    break;
                case 'd':
                    f->unix_lines = on;
                    break;
                case 'u':
                    f->unicode_case = on;
                    break;
                case 'U':
                    break;  // UNICODE_CHARACTER_CLASS: classes stay ASCII here
                default:
                    return Err("unknown inline flag");
            }
        }
        if (i_ >= p_.size()) return Err("unclosed inline flags");
        return Status::Ok();
    }

    // (?flags) groups at the very start set the flags of the whole pattern.
    Status LeadingFlags() {
        while (At('(') && At('?', 1) && i_ + 2 < p_.size() &&
               (IsAsciiLetter(p_[i_ + 2]) || p_[i_ + 2] == '-')) {
            size_t save = i_;
            i_ += 2;
            Flags f = flags_;
            RETURN_IF_ERROR(ParseFlags(&f));
            if (p_[i_] != ')') {  // (?i:...) scoped: handled as a group
                i_ = save;
                break;
            }
            ++i_;
            flags_ = f;
        }
        return Status::Ok();
    }

    // A flag change inside the pattern. MULTILINE cannot change: ECMAScript has it only for a
    // whole pattern.
    Status ChangeFlags(const Flags& f) {
        if (f.multiline != flags_.multiline) return Err("MULTILINE changed inside the pattern");
        if (f.icase != flags_.icase) icase_changed_ = true;
        flags_ = f;
        return Status::Ok();
    }

    void SkipCommentsAndSpace() {
        while (flags_.comments && i_ < p_.size()) {
            char32_t c = p_[i_];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                ++i_;
            } else if (c == '#') {
                while (i_ < p_.size() && p_[i_] != '\n') ++i_;
            } else {
                break;
            }
        }
    }

    // What the last emitted item can take as a quantifier target.
    enum class Last : uint8_t { kNothing, kAtom, kZeroWidth, kQuantifier };

    void MarkAtom(size_t start, bool zero_width = false) {
        last_start_ = start;
        last_ = zero_width ? Last::kZeroWidth : Last::kAtom;
    }

    Status Atom() {
        SkipCommentsAndSpace();
        if (i_ >= p_.size()) return Status::Ok();
        const size_t before = out_.size();
        char32_t c = p_[i_++];
        switch (c) {
            case '\\':
                return Escape();
            case '[': {
                Ranges r;
                RETURN_IF_ERROR(Class(&r));
                EmitClass(r, false);
                MarkAtom(before);
                return Status::Ok();
            }
            case '(':
                return Group();
            case ')': {
                if (saved_.empty()) return Err("Unmatched closing ')'");
                const OpenGroup g = saved_.back();
                saved_.pop_back();
                if (g.capture > 0) closed_[g.capture] = true;
                flags_ = g.flags;
                Emit(L")");
                MarkAtom(g.out_pos, g.zero_width);
                return Status::Ok();
            }
            case '.':
                if (flags_.dotall) {
                    Emit(L"[\\s\\S]");
                } else if (flags_.unix_lines) {
                    Emit(L"[^\\n]");
                } else {
                    Emit(L"[^\\n\\r\\u0085\\u2028\\u2029]");
                }
                MarkAtom(before);
                return Status::Ok();
            case '$':
                if (flags_.multiline) {
                    Emit(L"$");
                } else if (flags_.unix_lines) {
                    Emit(L"(?=\\n?$)");
                } else {
                    Emit(L"(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?$)");
                }
                MarkAtom(before, true);
                return Status::Ok();
            case '^':
                Emit(L"^");
                MarkAtom(before, true);
                return Status::Ok();
            case '|':
                Emit(L"|");
                last_ = Last::kNothing;
                return Status::Ok();
            case '*':
            case '+':
            case '?':
                RETURN_IF_ERROR(QuantifierTarget(c));
                EmitChar(c);
                return QuantifierSuffix();
            case '{':
                return Repetition();
            default:
                Literal(c);
                return Status::Ok();
        }
    }

    // Checks that a quantifier has something to repeat; a zero-width item (an anchor or a
    // lookahead, which Java lets one quantify) is wrapped in a group for ECMAScript.
    Status QuantifierTarget(char32_t q) {
        if (last_ == Last::kNothing || last_ == Last::kQuantifier) {
            return Err(std::string("Dangling meta character '") + static_cast<char>(q) + "'");
        }
        if (last_ == Last::kZeroWidth) {
            out_.insert(last_start_, L"(?:");
            out_.append(L")");
        }
        return Status::Ok();
    }

    // Lazy ('?') stays; possessive ('+') runs as greedy.
    Status QuantifierSuffix() {
        if (At('?')) {
            ++i_;
            Emit(L"?");
        } else if (At('+')) {
            ++i_;
        }
        last_ = Last::kQuantifier;
        return Status::Ok();
    }

    Status Repetition() {
        size_t start = i_;
        while (i_ < p_.size() && IsAsciiDigit(p_[i_])) ++i_;
        if (i_ == start) return Err("Illegal repetition");
        if (At(',')) {
            ++i_;
            while (i_ < p_.size() && IsAsciiDigit(p_[i_])) ++i_;
        }
        if (!At('}')) return Err("Unclosed counted closure");
        ++i_;
        if (last_ == Last::kNothing || last_ == Last::kQuantifier) {
            // Java repeats an empty atom here (it matches the empty string): nothing to write.
            if (At('?') || At('+')) ++i_;
            last_ = Last::kQuantifier;
            return Status::Ok();
        }
        RETURN_IF_ERROR(QuantifierTarget('{'));
        out_.push_back(L'{');
        for (size_t k = start; k < i_; ++k) EmitChar(p_[k]);
        return QuantifierSuffix();
    }

    void Open(const wchar_t* text, bool zero_width = false, size_t capture = 0) {
        saved_.push_back({flags_, out_.size(), zero_width, capture});
        Emit(text);
        last_ = Last::kNothing;
    }

    void OpenCapture() {
        ++groups_;
        closed_.resize(groups_ + 1, false);
        Open(L"(", false, groups_);
    }

    Status Group() {
        if (!At('?')) {
            OpenCapture();
            return Status::Ok();
        }
        ++i_;
        if (At(':') || At('=') || At('!')) {
            char32_t kind = p_[i_++];
            Open(kind == ':' ? L"(?:" : kind == '=' ? L"(?=" : L"(?!", kind != ':');
            return Status::Ok();
        }
        if (At('>')) {  // atomic group: run as a plain group
            ++i_;
            Open(L"(?:");
            return Status::Ok();
        }
        if (At('<')) {
            if (At('=', 1) || At('!', 1)) return Err("lookbehind is not supported");
            ++i_;
            std::string name;
            while (i_ < p_.size() && (IsAsciiLetter(p_[i_]) || IsAsciiDigit(p_[i_]))) {
                name.push_back(static_cast<char>(p_[i_++]));
            }
            if (name.empty() || !IsAsciiLetter(static_cast<char32_t>(name[0])) || !At('>')) {
                return Err("bad named group");
            }
            ++i_;
            OpenCapture();
            names_.emplace_back(name, static_cast<int>(groups_));
            return Status::Ok();
        }
        Flags f = flags_;
        RETURN_IF_ERROR(ParseFlags(&f));
        if (p_[i_++] == ':') {  // (?flags:X): the flags hold inside the group
            Open(L"(?:");
            return ChangeFlags(f);
        }
        last_ = Last::kNothing;  // nothing before the flags can be quantified after them
        return ChangeFlags(f);   // (?flags): up to the end of the enclosing group
    }

    // An escape standing for one character (after the backslash and the letter `e`).
    Status CharEscape(char32_t e, char32_t* out, bool* is_char) {
        *is_char = true;
        switch (e) {
            case 't':
                *out = '\t';
                return Status::Ok();
            case 'n':
                *out = '\n';
                return Status::Ok();
            case 'r':
                *out = '\r';
                return Status::Ok();
            case 'f':
                *out = '\f';
                return Status::Ok();
            case 'a':
                *out = 0x07;
                return Status::Ok();
            case 'e':
                *out = 0x1B;
                return Status::Ok();
            case 'c':
                if (i_ >= p_.size()) return Err("Illegal control escape sequence");
                *out = p_[i_++] ^ 64;
                return Status::Ok();
            case '0': {
                int v = 0, digits = 0;
                int max_digits = (i_ < p_.size() && p_[i_] >= '0' && p_[i_] <= '3') ? 3 : 2;
                while (digits < max_digits && i_ < p_.size() && p_[i_] >= '0' && p_[i_] <= '7') {
                    v = v * 8 + static_cast<int>(p_[i_++] - '0');
                    ++digits;
                }
                if (digits == 0) return Err("Illegal octal escape sequence");
                *out = static_cast<char32_t>(v);
                return Status::Ok();
            }
            case 'x': {
                char32_t v = 0;
                if (At('{')) {
                    ++i_;
                    size_t start = i_;
                    while (i_ < p_.size() && HexValue(p_[i_]) >= 0) v = v * 16 + HexValue(p_[i_++]);
                    if (i_ == start || !At('}') || v > kMaxCodePoint)
                        return Err("Illegal hex escape");
                    ++i_;
                } else {
                    for (int k = 0; k < 2; ++k) {
                        if (i_ >= p_.size() || HexValue(p_[i_]) < 0)
                            return Err("Illegal hex escape");
                        v = v * 16 + HexValue(p_[i_++]);
                    }
                }
                *out = v;
                return Status::Ok();
            }
            case 'u': {
                auto read4 = [&](char32_t* v) {
                    if (i_ + 4 > p_.size()) return false;
                    char32_t x = 0;
                    for (int k = 0; k < 4; ++k) {
                        int h = HexValue(p_[i_ + k]);
                        if (h < 0) return false;
                        x = x * 16 + h;
                    }
                    i_ += 4;
                    *v = x;
                    return true;
                };
                char32_t v;
                if (!read4(&v)) return Err("Illegal Unicode escape sequence");
                if (v >= 0xD800 && v <= 0xDBFF && At('\\') && At('u', 1)) {
                    size_t save = i_;
                    i_ += 2;
                    char32_t low;
                    if (read4(&low) && low >= 0xDC00 && low <= 0xDFFF) {
                        v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00);
                    } else {
                        i_ = save;
                    }
                }
                *out = v;
                return Status::Ok();
            }
            default:
                *is_char = false;
                return Status::Ok();
        }
    }

    // \p{Name}, \pL (after the 'p' or 'P').
    Status Property(Ranges* r) {
        std::u32string_view name;
        if (At('{')) {
            size_t start = ++i_;
            while (i_ < p_.size() && p_[i_] != '}') ++i_;
            if (i_ >= p_.size()) return Err("Unclosed character family");
            name = p_.substr(start, i_ - start);
            ++i_;
        } else {
            if (i_ >= p_.size()) return Err("Illegal character family");
            name = p_.substr(i_++, 1);
        }
        if (name.size() > 2 && name[0] == 'I' && name[1] == 's') {
            Ranges tmp;
            if (PropertyRanges(name.substr(2), &tmp)) {  // IsAlpha style for the POSIX names too
                *r = tmp;
                return Status::Ok();
            }
        }
        if (!PropertyRanges(name, r)) return Err("unsupported character property");
        if (flags_.icase) CaseInsensitiveProperty(name, r);
        return Status::Ok();
    }

    // Under CASE_INSENSITIVE Java lets the case properties match letters of either case.
    static void CaseInsensitiveProperty(std::u32string_view name, Ranges* r) {
        auto is = [&](std::string_view n) {
            return n.size() == name.size() && std::equal(n.begin(), n.end(), name.begin());
        };
        Ranges upper, lower;
        if (is("Upper") || is("Lower") || is("IsUpper") || is("IsLower")) {
            PropertyRanges(U"Upper", &upper);
            PropertyRanges(U"Lower", &lower);
        } else if (is("Lu") || is("Ll") || is("IsLu") || is("IsLl") || is("IsUppercase") ||
                   is("IsLowercase") || is("javaUpperCase") || is("javaLowerCase")) {
            PropertyRanges(U"Lu", &upper);
            PropertyRanges(U"Ll", &lower);
        } else {
            return;
        }
        *r = Union(upper, lower);
    }

    // A set-valued escape (\d, \w, \s, \h, \v, \p and their negations) as ranges; false in
    // *is_set when `e` is not one.
    Status SetEscape(char32_t e, Ranges* r, bool* is_set) {
        *is_set = true;
        switch (e) {
            case 'd':
                *r = kDigitClass;
                return Status::Ok();
            case 'D':
                *r = Complement(kDigitClass);
                return Status::Ok();
            case 'w':
                *r = kWordClass;
                return Status::Ok();
            case 'W':
                *r = Complement(kWordClass);
                return Status::Ok();
            case 's':
                *r = kSpaceClass;
                return Status::Ok();
            case 'S':
                *r = Complement(kSpaceClass);
                return Status::Ok();
            case 'h':
                *r = kHorizontalSpace;
                return Status::Ok();
            case 'H':
                *r = Complement(kHorizontalSpace);
                return Status::Ok();
            case 'v':
                *r = kVerticalSpace;
                return Status::Ok();
            case 'V':
                *r = Complement(kVerticalSpace);
                return Status::Ok();
            case 'p':
            case 'P': {
                RETURN_IF_ERROR(Property(r));
                if (e == 'P') *r = Complement(*r);
                return Status::Ok();
            }
            default:
                *is_set = false;
                return Status::Ok();
        }
    }

    // \n: a group that never exists (Java fails such a reference) matches nothing.
    void BackReference(size_t ref) {
        max_backref_ = std::max(max_backref_, ref);
        // A group that does not exist, or is not complete yet (Java fails a reference to a
        // group that has not matched; ECMAScript would match the empty string).
        if (ref > total_groups_ || ref >= closed_.size() || !closed_[ref]) {
            Emit(L"[^\\s\\S]");
            return;
        }
        Emit(L"(?:\\");
        for (wchar_t d : std::to_wstring(ref)) out_.push_back(d);
        Emit(L")");
    }

    Status Escape() {
        if (i_ >= p_.size()) return Err("Unexpected internal error: trailing backslash");
        const size_t before = out_.size();
        char32_t e = p_[i_++];
        char32_t ch;
        bool is_char;
        RETURN_IF_ERROR(CharEscape(e, &ch, &is_char));
        if (is_char) {
            Literal(ch);
            return Status::Ok();
        }
        switch (e) {
            case 'b':  // word boundary: the regex's locale makes it Unicode, as Java's
            case 'B':
                out_.push_back(L'\\');
                EmitChar(e);
                MarkAtom(before, true);
                return Status::Ok();
            case 'R':
                Emit(L"(?:\\r\\n|[\\n\\u000B\\f\\r\\u0085\\u2028\\u2029])");
                MarkAtom(before);
                return Status::Ok();
            case 'A':
                if (global_.multiline) return Err("\\A with MULTILINE");
                Emit(L"^");
                MarkAtom(before, true);
                return Status::Ok();
            case 'z':
                if (global_.multiline) return Err("\\z with MULTILINE");
                Emit(L"$");
                MarkAtom(before, true);
                return Status::Ok();
            case 'Z':
                if (global_.multiline) return Err("\\Z with MULTILINE");
                Emit(L"(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?$)");
                MarkAtom(before, true);
                return Status::Ok();
            case 'Q': {
                while (i_ < p_.size() && !(At('\\') && At('E', 1))) Literal(p_[i_++]);
                if (i_ < p_.size()) i_ += 2;
                return Status::Ok();
            }
            case 'E':  // \E without \Q
                return Err("Illegal/unsupported escape sequence");
            case 'k': {
                if (!At('<')) return Err("\\k is not followed by '<' for named capturing group");
                size_t start = ++i_;
                while (i_ < p_.size() && p_[i_] != '>') ++i_;
                if (i_ >= p_.size()) return Err("named capturing group is missing trailing '>'");
                std::string name;
                for (size_t k = start; k < i_; ++k) name.push_back(static_cast<char>(p_[k]));
                ++i_;
                for (const auto& [n, g] : names_) {
                    if (n == name) {
                        BackReference(static_cast<size_t>(g));
                        MarkAtom(before);
                        return Status::Ok();
                    }
                }
                return Err("named capturing group <" + name + "> does not exist");
            }
            default:
                break;
        }
        Ranges set;
        bool is_set;
        RETURN_IF_ERROR(SetEscape(e, &set, &is_set));
        if (is_set) {
            EmitClass(set, false);
            MarkAtom(before);
            return Status::Ok();
        }
        if (e >= '1' && e <= '9') {  // back reference: more digits while such a group exists
            size_t ref = e - '0';
            while (i_ < p_.size() && IsAsciiDigit(p_[i_]) && ref * 10 + (p_[i_] - '0') <= groups_) {
                ref = ref * 10 + (p_[i_++] - '0');
            }
            BackReference(ref);
            MarkAtom(before);
            return Status::Ok();
        }
        if (IsAsciiLetter(e) || IsAsciiDigit(e)) return Err("Illegal/unsupported escape sequence");
        Literal(e);
        return Status::Ok();
    }

    void SkipClassSpace() {
        while (flags_.comments && i_ < p_.size() &&
               (p_[i_] == ' ' || p_[i_] == '\t' || p_[i_] == '\n' || p_[i_] == '\r' ||
                p_[i_] == '\f' || p_[i_] == 0x0B)) {
            ++i_;
        }
    }

    // One class member that is a single character (a literal or a character escape); false in
    // *is_char when the next member is a set instead (returned in *set).
    Status ClassAtom(char32_t* ch, bool* is_char, Ranges* set) {
        char32_t c = p_[i_++];
        *is_char = true;
        if (c != '\\') {
            *ch = c;
            return Status::Ok();
        }
        if (i_ >= p_.size()) return Err("Unclosed character class");
        char32_t e = p_[i_++];
        RETURN_IF_ERROR(CharEscape(e, ch, is_char));
        if (*is_char) return Status::Ok();
        bool is_set;
        RETURN_IF_ERROR(SetEscape(e, set, &is_set));
        if (is_set) return Status::Ok();
        if (IsAsciiLetter(e) || IsAsciiDigit(e)) return Err("Illegal/unsupported escape sequence");
        *ch = e;
        *is_char = true;
        return Status::Ok();
    }

    // A character class after its '[': unions, ranges, nested classes and && intersections.
    Status Class(Ranges* result) {
        bool negate = false;
        if (At('^')) {
            ++i_;
            negate = true;
        }
        Ranges acc, inter;
        bool has_inter = false, first = true;
        while (true) {
            SkipClassSpace();
            if (i_ >= p_.size()) return Err("Unclosed character class");
            if (At(']') && !first) {
                ++i_;
                break;
            }
            first = false;
            if (At('&') && At('&', 1)) {
                i_ += 2;
                inter = has_inter ? Intersect(inter, acc) : acc;
                has_inter = true;
                acc.clear();
                continue;
            }
            if (At('[')) {
                ++i_;
                Ranges nested;
                RETURN_IF_ERROR(Class(&nested));
                acc = Union(acc, nested);
                continue;
            }
            if (At('\\') && At('Q', 1)) {
                i_ += 2;
                Ranges quoted;
                while (i_ < p_.size() && !(At('\\') && At('E', 1)))
                    quoted.emplace_back(p_[i_], p_[i_]), ++i_;
                if (i_ < p_.size()) i_ += 2;
                acc = Union(acc, flags_.icase ? CaseClose(quoted, flags_.unicode_case) : quoted);
                continue;
            }
            char32_t lo;
            bool is_char;
            Ranges set;
            RETURN_IF_ERROR(ClassAtom(&lo, &is_char, &set));
            if (!is_char) {
                acc = Union(acc, set);
                continue;
            }
            char32_t hi = lo;
            if (At('-') && i_ + 1 < p_.size() && p_[i_ + 1] != ']' && p_[i_ + 1] != '[') {
                ++i_;
                bool hi_is_char;
                Ranges hi_set;
                RETURN_IF_ERROR(ClassAtom(&hi, &hi_is_char, &hi_set));
                if (!hi_is_char) return Err("Illegal character range");
                if (hi < lo) return Err("Illegal character range");
            }
            Ranges item = {{lo, hi}};
            acc = Union(acc, flags_.icase ? CaseClose(item, flags_.unicode_case) : item);
        }
        Ranges r = has_inter ? Intersect(inter, acc) : acc;
        *result = negate ? Complement(r) : r;
        return Status::Ok();
    }

    std::u32string_view p_;
    size_t i_ = 0;
    size_t groups_ = 0;
    Flags flags_, global_;
    bool icase_changed_ = false;
    struct OpenGroup {
        Flags flags;      // restored at the group's ')'
        size_t out_pos;   // where the group starts in out_
        bool zero_width;  // a lookahead
        size_t capture;   // its group number, 0 if not capturing
    };
    std::vector<bool> closed_;  // per group number: its ')' has been seen
    std::vector<OpenGroup> saved_;
    Last last_ = Last::kNothing;
    size_t last_start_ = 0;
    size_t max_backref_ = 0;
    size_t total_groups_;  // the pattern's group count, when known (a second pass)
    std::wstring out_;
    std::vector<std::pair<std::string, int>> names_;
};

Status Finish(Translator& t, TranslatedRegex* out) {
    out->pattern = t.out();
    out->icase = t.regex_icase();
    out->multiline = t.regex_multiline();
    out->groups = t.groups();
    out->names = std::move(t.names());
    return Status::Ok();
}

}  // namespace

Status TranslateJavaRegex(std::u32string_view pattern, TranslatedRegex* out) {
    Translator first(pattern, SIZE_MAX);
    RETURN_IF_ERROR(first.Run());
    if (first.max_backref() <= first.groups()) return Finish(first, out);
    Translator t(pattern, first.groups());  // again, knowing which references are void
    RETURN_IF_ERROR(t.Run());
    return Finish(t, out);
}

}  // namespace runnel::expression::str
