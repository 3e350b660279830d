#include "engine/expression/functions/scalar/str_uri.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "engine/expression/functions/scalar/str_codec.h"
#include "engine/expression/functions/scalar/str_text.h"

namespace runnel::expression::str {

namespace {

bool IsAlpha(char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }
bool IsHex(char c) { return IsDigit(c) || ((c | 32) >= 'a' && (c | 32) <= 'f'); }
bool In(char c, const char* set) { return c != 0 && std::strchr(set, c) != nullptr; }

// RFC 2396 character classes as java.net.URI names them.
enum Mask : unsigned {
    kAlpha = 1,
    kDigit = 2,
    kDash = 4,
    kMark = 8,
    kReserved = 16,
    kPcharExtra = 32,
    kPathExtra = 64,
    kUserinfoExtra = 128,
    kRegExtra = 256,
    kServerExtra = 512,
    kSchemeExtra = 1024,
    kDot = 2048,
    kEscaped = 4096,  // %XX escapes and non-ASCII "other" characters are allowed
};
constexpr unsigned kAlnum = kAlpha | kDigit;
constexpr unsigned kUnreserved = kAlnum | kMark | kEscaped;
constexpr unsigned kUric = kReserved | kUnreserved;
constexpr unsigned kPath = kUnreserved | kPcharExtra | kPathExtra;
constexpr unsigned kUserinfo = kUnreserved | kUserinfoExtra;
constexpr unsigned kRegName = kUnreserved | kRegExtra;
constexpr unsigned kServer = kUserinfo | kAlnum | kDash | kServerExtra;
constexpr unsigned kScheme = kAlnum | kSchemeExtra;

unsigned ClassesOf(char c) {
    unsigned m = 0;
    if (IsAlpha(c)) m |= kAlpha;
    if (IsDigit(c)) m |= kDigit;
    if (c == '-') m |= kDash;
    if (c == '.') m |= kDot;
    if (In(c, "-_.!~*'()")) m |= kMark;
    if (In(c, ";/?:@&=+$,[]")) m |= kReserved;
    if (In(c, ":@&=+$,")) m |= kPcharExtra;
    if (In(c, ";/")) m |= kPathExtra;
    if (In(c, ";:&=+$,")) m |= kUserinfoExtra;
    if (In(c, "$,;:@&=+")) m |= kRegExtra;
    if (In(c, ".:@[]")) m |= kServerExtra;
    if (In(c, "+-.")) m |= kSchemeExtra;
    return m;
}

// Whether an ASCII character belongs to any of the classes in `mask` (a table lookup).
bool Matches(char c, unsigned mask) {
    static const auto table = [] {
        std::array<uint16_t, 128> t{};
        for (int c = 1; c < 128; ++c) t[c] = static_cast<uint16_t>(ClassesOf(static_cast<char>(c)));
        return t;
    }();
    auto u = static_cast<unsigned char>(c);
    return u < 128 && (table[u] & mask) != 0;
}

// Java's Character.isSpaceChar (Zs, Zl, Zp) and isISOControl.
bool IsSpaceChar(char32_t c) {
    return c == 0x20 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}
bool IsIsoControl(char32_t c) { return c <= 0x1F || (c >= 0x7F && c <= 0x9F); }

class Parser {
public:
    Parser(std::string_view s, ParsedUri* u) : s_(s), u_(u) {}

    bool Parse() {
        const size_t n = s_.size();
        size_t p = ScanStop(0, n, "/?#", ":");
        if (p != kNone && At(p, ':')) {
            if (p == 0 || !IsAlpha(s_[0])) return false;
            for (size_t k = 1; k < p; ++k) {
                if (!Matches(s_[k], kScheme)) return false;
            }
            u_->has_scheme = true;
            u_->scheme = s_.substr(0, p);
            ++p;
            if (At(p, '/')) {
                if (!Hierarchical(p, &p)) return false;
            } else {
                size_t q = ScanStop(p, n, "", "#");
                if (q <= p) return false;  // expected scheme-specific part
                if (!Check(p, q, kUric)) return false;
                u_->opaque = true;
                p = q;
            }
        } else {
            if (!Hierarchical(0, &p)) return false;
        }
        if (At(p, '#')) {
            if (!Check(p + 1, n, kUric)) return false;
            u_->has_fragment = true;
            u_->raw_fragment = s_.substr(p + 1);
            p = n;
        }
        return p >= n;
    }

private:
    static constexpr size_t kNone = static_cast<size_t>(-1);

    bool At(size_t p, char c) const { return p < s_.size() && s_[p] == c; }

    // Forward from `start` to the first char in `stop` (its index) or the end; kNone when a
    // char in `err` comes first.
    size_t ScanStop(size_t start, size_t end, const char* err, const char* stop) const {
        size_t p = start;
        for (; p < end; ++p) {
            if (In(s_[p], err)) return kNone;
            if (In(s_[p], stop)) break;
        }
        return p;
    }

    // One escape ("%XX") or allowed non-ASCII character at p: its end, p when neither, kNone
    // for a malformed escape.
    size_t Escape(size_t p, size_t end) const {
        if (s_[p] == '%') {
            if (p + 3 <= end && IsHex(s_[p + 1]) && IsHex(s_[p + 2])) return p + 3;
            return kNone;
        }
        if (static_cast<unsigned char>(s_[p]) >= 0x80) {
            size_t q = p;
            char32_t c = NextCodePoint(s_, q);
            if (c == kInvalidUtf8) c = kReplacementChar;
            if (c > 128 && !IsSpaceChar(c) && !IsIsoControl(c)) return q;
        }
        return p;
    }

    // Forward over chars in `mask` (and escapes / other chars); kNone on a malformed escape.
    size_t Scan(size_t start, size_t end, unsigned mask) const {
        size_t p = start;
        while (p < end) {
            if (Matches(s_[p], mask)) {
                ++p;
                continue;
            }
            if (mask & kEscaped) {
                size_t q = Escape(p, end);
                if (q == kNone) return kNone;
                if (q > p) {
                    p = q;
                    continue;
                }
            }
            break;
        }
        return p;
    }

    bool Check(size_t start, size_t end, unsigned mask) const {
        return start >= end || Scan(start, end, mask) == end;
    }

    bool Hierarchical(size_t start, size_t* end) {
        const size_t n = s_.size();
        size_t p = start;
        if (At(p, '/') && At(p + 1, '/')) {
            p += 2;
            size_t q = ScanStop(p, n, "", "/?#");
            if (q > p) {
                if (!Authority(p, q)) return false;
                p = q;
            } else if (q >= n) {
                return false;  // expected authority
            }
        }
        size_t q = ScanStop(p, n, "", "?#");
        if (!Check(p, q, kPath)) return false;
        u_->has_path = true;
        u_->raw_path = s_.substr(p, q - p);
        p = q;
        if (At(p, '?')) {
            ++p;
            q = ScanStop(p, n, "", "#");
            if (!Check(p, q, kUric)) return false;
            u_->has_query = true;
            u_->raw_query = s_.substr(p, q - p);
            p = q;
        }
        *end = p;
        return true;
    }

    bool Authority(size_t p, size_t n) {
        size_t server_end = Scan(p, n, kServer);
        size_t reg_end = Scan(p, n, kRegName);
        if (server_end == kNone || reg_end == kNone) return false;
        const bool server_chars = server_end == n, reg_chars = reg_end == n;
        if (reg_chars && !server_chars) return true;  // registry-based: no host
        if (server_chars) {
            ParsedUri saved = *u_;
            size_t q;
            if (Server(p, n, &q) && q >= n) return true;
            *u_ = saved;  // not a server authority
            u_->has_host = false;
            u_->port = -1;
        }
        return reg_chars;
    }

    bool Server(size_t start, size_t n, size_t* end) {
        size_t p = start;
        size_t q = ScanStop(p, n, "/?#", "@");
        if (q != kNone && At(q, '@') && q < n) {
            if (!Check(p, q, kUserinfo)) return false;
            p = q + 1;
        }
        if (At(p, '[')) {
            ++p;
            q = ScanStop(p, n, "/?#", "]");
            if (q == kNone || q <= p || !At(q, ']')) return false;
            for (size_t k = p; k < q; ++k) {  // hex digits, ':' and '.', or a %scope
                char c = s_[k];
                if (!(IsHex(c) || c == ':' || c == '.' || c == '%' || IsAlnum(c))) return false;
            }
            u_->has_host = true;
            u_->host = s_.substr(p - 1, q - p + 2);
            p = q + 1;
        } else {
            q = IPv4(p, n);
            if (q <= p && !Hostname(p, n, &q)) return false;
            u_->has_host = true;
            u_->host = s_.substr(p, q - p);
            p = q;
        }
        if (At(p, ':')) {
            ++p;
            q = ScanStop(p, n, "", "/");
            if (q > p) {
                int64_t port = 0;
                for (size_t k = p; k < q; ++k) {
                    if (!IsDigit(s_[k])) return false;
                    port = port * 10 + (s_[k] - '0');
                    if (port > 2147483647) return false;  // malformed port number
                }
                u_->port = static_cast<int>(port);
                p = q;
            }
        }
        *end = p;
        return p >= n;
    }

    // A dotted IPv4 address ending at n or ':'; its end, or start when not one.
    size_t IPv4(size_t start, size_t n) const {
        size_t p = start;
        for (int part = 0; part < 4; ++part) {
            if (part > 0) {
                if (!At(p, '.')) return start;
                ++p;
            }
            size_t q = p;
            int v = 0;
            while (q < n && IsDigit(s_[q]) && q - p < 3) v = v * 10 + (s_[q++] - '0');
            if (q == p || v > 255) return start;
            p = q;
        }
        if (p < n && !At(p, ':')) return start;
        return p;
    }

    bool Hostname(size_t start, size_t n, size_t* end) const {
        size_t p = start;
        size_t last_label = kNone;
        do {
            size_t q = Scan(p, n, kAlnum);
            if (q == kNone) return false;
            if (q <= p) break;
            last_label = p;
            p = q;
            q = Scan(p, n, kAlnum | kDash);
            if (q == kNone) return false;
            if (q > p) {
                if (s_[q - 1] == '-') return false;
                p = q;
            }
            if (!At(p, '.')) break;
            ++p;
        } while (p < n);
        if (p < n && !At(p, ':')) return false;
        if (last_label == kNone) return false;
        if (last_label > start && !IsAlpha(s_[last_label])) {
            return false;  // the rightmost label of a qualified name starts with a letter
        }
        *end = p;
        return true;
    }

    std::string_view s_;
    ParsedUri* u_;
};

int HexValue(char c) {
    if (IsDigit(c)) return c - '0';
    return (c | 32) - 'a' + 10;
}

}  // namespace

bool ParseUri(std::string_view text, ParsedUri* out) {
    *out = ParsedUri();
    return Parser(text, out).Parse();
}

void AppendUriDecoded(std::string_view raw, std::string& out) {
    if (raw.find('%') == std::string_view::npos) {
        out.append(raw);
        return;
    }
    thread_local std::string bytes;
    for (size_t i = 0; i < raw.size();) {
        if (!(raw[i] == '%' && i + 2 < raw.size() && IsHex(raw[i + 1]) && IsHex(raw[i + 2]))) {
            out.push_back(raw[i++]);
            continue;
        }
        bytes.clear();
        while (i + 2 < raw.size() && raw[i] == '%' && IsHex(raw[i + 1]) && IsHex(raw[i + 2])) {
            bytes.push_back(static_cast<char>(HexValue(raw[i + 1]) * 16 + HexValue(raw[i + 2])));
            i += 3;
        }
        AppendDecodedUtf8(bytes, out);
    }
}

void AppendFormEncoded(std::string_view text, std::string& out) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (char c : text) {
        if (IsAlnum(c) || c == '-' || c == '_' || c == '.' || c == '*') {
            out.push_back(c);
        } else if (c == ' ') {
            out.push_back('+');
        } else {
            auto b = static_cast<unsigned char>(c);
            out.push_back('%');
            out.push_back(kHex[b >> 4]);
            out.push_back(kHex[b & 15]);
        }
    }
}

bool AppendFormDecoded(std::string_view text, std::string& out) {
    thread_local std::string bytes;
    for (size_t i = 0; i < text.size();) {
        char c = text[i];
        if (c == '+') {
            out.push_back(' ');
            ++i;
        } else if (c == '%') {
            bytes.clear();
            while (i < text.size() && text[i] == '%') {
                if (i + 2 >= text.size() || !IsHex(text[i + 1]) || !IsHex(text[i + 2])) {
                    return false;  // incomplete or illegal hex escape
                }
                bytes.push_back(
                    static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
                i += 3;
            }
            AppendDecodedUtf8(bytes, out);
        } else {
            out.push_back(c);
            ++i;
        }
    }
    return true;
}

}  // namespace runnel::expression::str
