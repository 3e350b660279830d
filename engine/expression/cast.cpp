#include "engine/expression/cast.h"

#include <cctype>
#include <cmath>
#include <limits>
#include <string>

#include "engine/expression/decimal_math.h"
#include "engine/expression/temporal_text.h"
#include "engine/expression/value_text.h"
#include "engine/serde/decimal_text.h"
#include "engine/serde/json_format.h"
#include "engine/serde/serde.h"
#include "engine/serde/text_number.h"

namespace runnel::expression {

namespace {

bool IsTemporal(TypeKind k) {
    return k == TypeKind::kDate || k == TypeKind::kTime || k == TypeKind::kTimestamp;
}
bool IsComplex(TypeKind k) {
    return k == TypeKind::kArray || k == TypeKind::kMap || k == TypeKind::kStruct;
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

// Java's (int)/(long) cast of a double: NaN -> 0, saturating at the range.
template <typename T>
T JavaNarrow(double d) {
    if (std::isnan(d)) return 0;
    if (d >= static_cast<double>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
    if (d <= static_cast<double>(std::numeric_limits<T>::min())) return std::numeric_limits<T>::min();
    return static_cast<T>(d);
}

double DecimalToDouble(__int128 u, int scale) {
    // Through the exact text, as BigDecimal.doubleValue() rounds correctly.
    std::string s;
    serde::AppendDecimalText(u, scale, s);
    double d = 0;
    if (!serde::ParseJavaDouble(s, &d)) return static_cast<double>(u) / std::pow(10.0, scale);
    return d;
}

bool CastToDecimal(const Value& in, const SqlType& from, const SqlType& to, Value& out) {
    const int p = to.precision(), s = to.scale();
    __int128 r;
    switch (from.kind()) {
        case TypeKind::kInt:
        case TypeKind::kBigint:
            if (!RescaleDecimal(static_cast<__int128>(in.AsInt()), 0, s, p, &r)) return false;
            break;
        case TypeKind::kDecimal:
            if (!RescaleDecimal(in.AsDecimal(), from.scale(), s, p, &r)) return false;
            break;
        case TypeKind::kDouble: {
            double d = in.AsDouble();
            if (!std::isfinite(d)) return false;
            std::string text;
            serde::AppendJavaDouble(d, text);
            auto parsed = serde::ParseDecimalText(text, p, s, serde::DecimalRounding::kHalfUp);
            if (!parsed.ok()) return false;
            r = parsed.value();
            break;
        }
        case TypeKind::kString: {
            auto parsed = serde::ParseDecimalText(Trim(in.AsString()), p, s,
                                                  serde::DecimalRounding::kHalfUp);
            if (!parsed.ok()) return false;
            r = parsed.value();
            break;
        }
        default:
            return false;
    }
    out.SetDecimal(r);
    return true;
}

bool CastToIntegral(const Value& in, const SqlType& from, TypeKind t, Value& out) {
    int64_t v = 0;
    switch (from.kind()) {
        case TypeKind::kInt:
        case TypeKind::kBigint: v = in.AsInt(); break;
        case TypeKind::kDouble:
            v = t == TypeKind::kInt ? JavaNarrow<int32_t>(in.AsDouble())
                                    : JavaNarrow<int64_t>(in.AsDouble());
            break;
        case TypeKind::kDecimal: {
            // BigDecimal.longValue(): truncate toward zero, keep the low 64 bits.
            __int128 q = in.AsDecimal() / Pow10(from.scale());
            v = static_cast<int64_t>(static_cast<uint64_t>(static_cast<unsigned __int128>(q)));
            break;
        }
        case TypeKind::kString: {
            std::string_view s = Trim(in.AsString());
            bool ok = t == TypeKind::kInt ? serde::ParseJavaInt(s, &v) : serde::ParseJavaLong(s, &v);
            if (!ok) return false;
            break;
        }
        default:
            return false;
    }
    if (t == TypeKind::kInt) v = static_cast<int32_t>(static_cast<uint32_t>(v));  // Java wraps
    out.SetInt(v);
    return true;
}

bool CastToDouble(const Value& in, const SqlType& from, Value& out) {
    switch (from.kind()) {
        case TypeKind::kInt:
        case TypeKind::kBigint: out.SetDouble(static_cast<double>(in.AsInt())); return true;
        case TypeKind::kDecimal: out.SetDouble(DecimalToDouble(in.AsDecimal(), from.scale())); return true;
        case TypeKind::kString: {
            double d;
            if (!serde::ParseJavaDouble(in.AsString(), &d)) return false;
            out.SetDouble(d);
            return true;
        }
        default: return false;
    }
}

bool CastToBoolean(const Value& in, const SqlType& from, Value& out) {
    if (from.kind() != TypeKind::kString) return false;
    std::string lower;
    for (char c : Trim(in.AsString())) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "true" || lower == "t" || lower == "yes" || lower == "y") { out.SetBool(true); return true; }
    if (lower == "false" || lower == "f" || lower == "no" || lower == "n") { out.SetBool(false); return true; }
    return false;
}

bool CastToTemporal(const Value& in, const SqlType& from, TypeKind t, Value& out) {
    auto f = from.kind();
    int64_t v = 0;
    if (f == TypeKind::kString) {
        std::string_view s = Trim(in.AsString());
        bool ok = t == TypeKind::kDate ? ParseDateText(s, &v)
                  : t == TypeKind::kTime ? ParseTimeText(s, &v)
                                         : ParseTimestampText(s, &v);
        if (!ok) return false;
    } else if (f == TypeKind::kTimestamp && t == TypeKind::kDate) {
        v = FloorDiv(in.AsInt(), kMillisPerDay);
    } else if (f == TypeKind::kTimestamp && t == TypeKind::kTime) {
        v = FloorMod(in.AsInt(), kMillisPerDay);
    } else if (f == TypeKind::kDate && t == TypeKind::kTimestamp) {
        v = in.AsInt() * kMillisPerDay;
    } else {
        return false;
    }
    out.SetInt(v);
    return true;
}

bool CastComplex(const Value& in, const SqlType& from, const SqlType& to, Value& out) {
    switch (to.kind()) {
        case TypeKind::kArray: {
            const auto& items = in.AsList();
            ValueList res(items.size());
            for (size_t i = 0; i < items.size(); ++i) {
                if (items[i].is_null()) continue;
                if (!CastValue(items[i], from.element(), to.element(), res[i])) return false;
            }
            out = Value::List(std::move(res));
            return true;
        }
        case TypeKind::kMap: {
            const auto& entries = in.AsMap();
            ValueMap res(entries.size());
            for (size_t i = 0; i < entries.size(); ++i) {
                const auto& [k, v] = entries[i];
                if (!k.is_null() && !CastValue(k, from.map_key(), to.map_key(), res[i].first)) return false;
                if (!v.is_null() && !CastValue(v, from.map_value(), to.map_value(), res[i].second)) return false;
            }
            out = Value::Map(std::move(res));
            return true;
        }
        case TypeKind::kStruct: {
            // By field name; fields the source lacks are null.
            const auto& items = in.AsList();
            const auto& src = from.fields();
            const auto& dst = to.fields();
            ValueList res(dst.size());
            for (size_t i = 0; i < dst.size(); ++i) {
                for (size_t j = 0; j < src.size() && j < items.size(); ++j) {
                    if (src[j].name != dst[i].name) continue;
                    if (!items[j].is_null() && !CastValue(items[j], src[j].type, dst[i].type, res[i])) {
                        return false;
                    }
                    break;
                }
            }
            out = Value::List(std::move(res));
            return true;
        }
        default:
            return false;
    }
}

}  // namespace

bool CanCast(const SqlType& from, const SqlType& to) {
    auto f = from.kind(), t = to.kind();
    if (f == TypeKind::kNull) return true;
    if (from == to) return true;
    if (t == TypeKind::kString) return f != TypeKind::kBytes;
    if (from.IsNumeric() && to.IsNumeric()) return true;
    if (f == TypeKind::kString) {
        return to.IsNumeric() || t == TypeKind::kBoolean || IsTemporal(t) || IsComplex(t);
    }
    if (f == TypeKind::kTimestamp) return t == TypeKind::kDate || t == TypeKind::kTime;
    if (f == TypeKind::kDate) return t == TypeKind::kTimestamp;
    if (f == TypeKind::kArray && t == TypeKind::kArray) return CanCast(from.element(), to.element());
    if (f == TypeKind::kMap && t == TypeKind::kMap) {
        return CanCast(from.map_key(), to.map_key()) && CanCast(from.map_value(), to.map_value());
    }
    if (f == TypeKind::kStruct && t == TypeKind::kStruct) {
        for (const auto& d : to.fields()) {
            for (const auto& s : from.fields()) {
                if (s.name == d.name && !CanCast(s.type, d.type)) return false;
            }
        }
        return true;
    }
    return false;
}

bool CastValue(const Value& in, const SqlType& from, const SqlType& to, Value& out) {
    auto f = from.kind(), t = to.kind();
    if (from == to) {
        out = in;
        return true;
    }
    switch (t) {
        case TypeKind::kInt:
        case TypeKind::kBigint: return CastToIntegral(in, from, t, out);
        case TypeKind::kDouble: return CastToDouble(in, from, out);
        case TypeKind::kDecimal: return CastToDecimal(in, from, to, out);
        case TypeKind::kBoolean: return CastToBoolean(in, from, out);
        case TypeKind::kDate:
        case TypeKind::kTime:
        case TypeKind::kTimestamp: return CastToTemporal(in, from, t, out);
        case TypeKind::kString: {
            if (f == TypeKind::kBytes) return false;
            std::string& s = out.MutableString();
            if (f == TypeKind::kString) {
                s.assign(in.AsString());
                return true;
            }
            s.clear();
            AppendValueText(in, from, s);
            return true;
        }
        case TypeKind::kArray:
        case TypeKind::kMap:
        case TypeKind::kStruct: {
            if (f == TypeKind::kString) {
                auto parsed = serde::ParseJsonValue(in.AsString(), to);
                if (!parsed.ok()) return false;
                out = std::move(parsed).value();
                return true;
            }
            if (f != t) return false;
            return CastComplex(in, from, to, out);
        }
        default:
            return false;
    }
}

}  // namespace runnel::expression
