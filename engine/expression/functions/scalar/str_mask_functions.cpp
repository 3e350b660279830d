// MASK, MASK_LEFT, MASK_RIGHT, MASK_KEEP_LEFT and MASK_KEEP_RIGHT: replace upper-case letters,
// lower-case letters, digits and other characters with mask characters (defaults 'X', 'x', 'n',
// '-'; a NULL mask argument keeps that class unmasked). Positions count UTF-16 units and each
// unit is classified as Java's Character.getType sees it at that index.
#include "engine/expression/functions/scalar/str_fn.h"
#include "engine/expression/functions/scalar/str_text.h"

namespace runnel::expression::str {

namespace {

constexpr char32_t kNoMask = 0xFFFFFFFF;

struct Masks {
    char32_t upper = 'X', lower = 'x', digit = 'n', other = '-';
};

enum class Region : uint8_t { kAll, kLeft, kRight, kKeepLeft, kKeepRight };

// A mask argument: NULL keeps the class, otherwise exactly one UTF-16 unit.
bool MaskChar(const Value& v, char32_t* out) {
    if (v.is_null()) {
        *out = kNoMask;
        return true;
    }
    thread_local std::u16string u;
    ToUtf16(v.AsString(), u);
    if (u.size() != 1) return false;
    *out = u[0];
    return true;
}

char32_t MaskOne(char32_t c, const Masks& m) {
    char32_t mask = kNoMask;
    switch (ClassOf(c)) {
        case CharClass::kUpper:
            mask = m.upper;
            break;
        case CharClass::kLower:
            mask = m.lower;
            break;
        case CharClass::kDigit:
            mask = m.digit;
            break;
        case CharClass::kOther:
            mask = m.other;
            break;
    }
    return mask == kNoMask ? c : mask;
}

// Appends the units [begin, end) of `s`, masked, as Java's Masker does: the code point at each
// index (a full pair at a high surrogate, the low surrogate alone at the next index).
void AppendMasked(std::u16string_view s, size_t begin, size_t end, const Masks& m,
                  std::u16string& out) {
    for (size_t i = begin; i < end; ++i) {
        char32_t c = s[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < end && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
        }
        char32_t r = MaskOne(c, m);
        if (r >= 0x10000) {
            r -= 0x10000;
            out.push_back(static_cast<char16_t>(0xD800 + (r >> 10)));
            out.push_back(static_cast<char16_t>(0xDC00 + (r & 0x3FF)));
        } else {
            out.push_back(static_cast<char16_t>(r));
        }
    }
}

void DoMask(const Args& a, Value& out, Region region) {
    const bool counted = region != Region::kAll;
    const size_t first_mask_arg = counted ? 2 : 1;
    if (counted && a[1].is_null()) {
        out.SetNull();
        return;
    }
    if (counted && a[1].AsInt() < 0) {  // ksqlDB: requires a non-negative number of characters
        out.SetNull();
        return;
    }
    Masks m;
    if (a.size() > first_mask_arg) {
        if (!MaskChar(a[first_mask_arg], &m.upper) || !MaskChar(a[first_mask_arg + 1], &m.lower) ||
            !MaskChar(a[first_mask_arg + 2], &m.digit) ||
            !MaskChar(a[first_mask_arg + 3], &m.other)) {
            out.SetNull();
            return;
        }
    }
    if (a[0].is_null()) {
        out.SetNull();
        return;
    }
    thread_local std::u16string in, res;
    ToUtf16(a[0].AsString(), in);
    res.clear();
    const size_t len = in.size();
    const size_t n = counted ? std::min<size_t>(static_cast<size_t>(a[1].AsInt()), len) : len;
    std::u16string_view v = in;
    switch (region) {
        case Region::kAll:
            AppendMasked(v, 0, len, m, res);
            break;
        case Region::kLeft:  // mask the first n
            AppendMasked(v.substr(0, n), 0, n, m, res);
            res.append(v.substr(n));
            break;
        case Region::kRight:  // mask the last n
            res.append(v.substr(0, len - n));
            AppendMasked(v.substr(len - n), 0, n, m, res);
            break;
        case Region::kKeepLeft:  // keep the first n
            res.append(v.substr(0, n));
            AppendMasked(v.substr(n), 0, len - n, m, res);
            break;
        case Region::kKeepRight:  // keep the last n
            AppendMasked(v.substr(0, len - n), 0, len - n, m, res);
            res.append(v.substr(len - n));
            break;
    }
    std::string& o = out.MutableString();
    o.clear();
    AppendFromUtf16(res, o);
}

}  // namespace

void RegisterMaskFunctions(FunctionRegistry& r) {
    const SqlType s = SqlType::String(), i = SqlType::Int();
    struct Spec {
        const char* name;
        Region region;
        const char* doc;
    };
    const Spec specs[] = {
        {"MASK", Region::kAll, "Masks every character of a string"},
        {"MASK_LEFT", Region::kLeft, "Masks the first numChars characters of a string"},
        {"MASK_RIGHT", Region::kRight, "Masks the last numChars characters of a string"},
        {"MASK_KEEP_LEFT", Region::kKeepLeft,
         "Masks all but the first numChars characters of a string"},
        {"MASK_KEEP_RIGHT", Region::kKeepRight,
         "Masks all but the last numChars characters of a string"},
    };
    for (const Spec& spec : specs) {
        Region region = spec.region;
        auto impl = [region](const Args& a, Value& out) { DoMask(a, out, region); };
        const bool all = region == Region::kAll;
        std::vector<SqlType> base = all ? std::vector<SqlType>{s} : std::vector<SqlType>{s, i};
        std::vector<SqlType> with_masks =
            all ? std::vector<SqlType>{s, s, s, s, s} : std::vector<SqlType>{s, i, s, s, s, s};
        std::string doc = spec.doc;
        r.Add(SeesNulls(MakeFn(spec.name, base, s, impl,
                               doc + ": upper-case letters become 'X', lower-case 'x', digits "
                                     "'n' and other characters '-'.",
                               kCategoryString)));
        r.Add(SeesNulls(MakeFn(spec.name, with_masks, s, impl,
                               doc + " with the given upper-case, lower-case, digit and other "
                                     "mask characters (NULL leaves that class unmasked).",
                               kCategoryString)));
    }
}

}  // namespace runnel::expression::str
