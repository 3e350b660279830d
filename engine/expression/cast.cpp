#include "engine/expression/cast.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "engine/serde/serde.h"

namespace runnel::expression {

namespace {

bool IsIntegral(TypeKind k) { return k == TypeKind::kInt || k == TypeKind::kBigint; }

std::string_view Trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool ParseInt64(std::string_view s, int64_t& v) {
    s = Trim(s);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

bool ParseDouble(std::string_view s, double& v) {
    std::string tmp(Trim(s));
    if (tmp.empty()) return false;
    char* end = nullptr;
    errno = 0;
    v = std::strtod(tmp.c_str(), &end);
    return end == tmp.c_str() + tmp.size();
}

// Java's (int)/(long) cast of a double: NaN -> 0, saturating at the range.
template <typename T>
T JavaNarrow(double d) {
    if (std::isnan(d)) return 0;
    if (d >= static_cast<double>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
    if (d <= static_cast<double>(std::numeric_limits<T>::min())) return std::numeric_limits<T>::min();
    return static_cast<T>(d);
}

}  // namespace

bool CanCast(const SqlType& from, const SqlType& to) {
    if (from.kind() == TypeKind::kNull) return true;
    if (from == to) return true;
    auto f = from.kind(), t = to.kind();
    bool f_num = from.IsNumeric(), t_num = to.IsNumeric();
    if (t == TypeKind::kString) return from.IsPrimitive() || true;
    if (f_num && t_num) return true;
    if (f == TypeKind::kString && (t_num || t == TypeKind::kBoolean)) return true;
    if (f == TypeKind::kBoolean && t == TypeKind::kBoolean) return true;
    return false;
}

__int128 Pow10(int n) {
    __int128 p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

bool CastValue(const Value& in, const SqlType& from, const SqlType& to, Value& out) {
    auto f = from.kind(), t = to.kind();
    if (from == to) {
        out = in;
        return true;
    }
    if (f == TypeKind::kDecimal) {
        __int128 u = in.AsDecimal();
        switch (t) {
            case TypeKind::kDouble:
                out.SetDouble(static_cast<double>(u) / static_cast<double>(Pow10(from.scale())));
                return true;
            case TypeKind::kInt:
            case TypeKind::kBigint: {
                int64_t v = static_cast<int64_t>(u / Pow10(from.scale()));
                out.SetInt(t == TypeKind::kInt ? static_cast<int32_t>(v) : v);
                return true;
            }
            case TypeKind::kDecimal: {
                int ds = to.scale() - from.scale();
                __int128 v = ds >= 0 ? u * Pow10(ds) : u / Pow10(-ds);
                if (v >= Pow10(to.precision()) || v <= -Pow10(to.precision())) return false;
                out.SetDecimal(v);
                return true;
            }
            case TypeKind::kString: {
                std::string& s = out.MutableString();
                s.clear();
                serde::AppendJsonValue(in, from, s);
                return true;
            }
            default:
                return false;
        }
    }
    if (t == TypeKind::kDecimal && (f == TypeKind::kInt || f == TypeKind::kBigint)) {
        __int128 v = static_cast<__int128>(in.AsInt()) * Pow10(to.scale());
        if (v >= Pow10(to.precision()) || v <= -Pow10(to.precision())) return false;
        out.SetDecimal(v);
        return true;
    }
    switch (t) {
        case TypeKind::kInt:
        case TypeKind::kBigint: {
            int64_t v = 0;
            if (IsIntegral(f)) {
                v = in.AsInt();
            } else if (f == TypeKind::kDouble) {
                v = t == TypeKind::kInt ? JavaNarrow<int32_t>(in.AsDouble())
                                        : JavaNarrow<int64_t>(in.AsDouble());
            } else if (f == TypeKind::kString) {
                if (!ParseInt64(in.AsString(), v)) return false;
                if (t == TypeKind::kInt && (v < INT32_MIN || v > INT32_MAX)) return false;
            } else {
                return false;
            }
            if (t == TypeKind::kInt) v = static_cast<int32_t>(v);  // Java narrowing wraps
            out.SetInt(v);
            return true;
        }
        case TypeKind::kDouble: {
            if (IsIntegral(f)) { out.SetDouble(static_cast<double>(in.AsInt())); return true; }
            if (f == TypeKind::kString) {
                double d;
                if (!ParseDouble(in.AsString(), d)) return false;
                out.SetDouble(d);
                return true;
            }
            return false;
        }
        case TypeKind::kBoolean: {
            if (f != TypeKind::kString) return false;
            std::string_view s = Trim(in.AsString());
            std::string lower;
            for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (lower == "true" || lower == "t" || lower == "yes" || lower == "y") { out.SetBool(true); return true; }
            if (lower == "false" || lower == "f" || lower == "no" || lower == "n") { out.SetBool(false); return true; }
            return false;
        }
        case TypeKind::kString: {
            std::string& s = out.MutableString();
            s.clear();
            switch (f) {
                case TypeKind::kInt:
                case TypeKind::kBigint: s += std::to_string(in.AsInt()); return true;
                case TypeKind::kDouble: serde::AppendJavaDouble(in.AsDouble(), s); return true;
                case TypeKind::kBoolean: s += in.AsBool() ? "true" : "false"; return true;
                case TypeKind::kString: s.assign(in.AsString()); return true;
                default:
                    serde::AppendJsonValue(in, from, s);
                    return true;
            }
        }
        default:
            return false;
    }
}

}  // namespace runnel::expression
