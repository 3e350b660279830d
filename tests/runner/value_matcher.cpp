#include "tests/runner/value_matcher.h"

#include <cmath>
#include <cstdlib>

#include "tests/runner/text_util.h"

namespace runnel::runner {

namespace {

// A decimal number as sign, digits (no leading zeros; "" for zero) and scale.
struct DecimalParts {
    bool negative = false;
    std::string digits;
    int scale = 0;
};

std::optional<DecimalParts> ParseDecimal(std::string_view s) {
    DecimalParts d;
    size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) d.negative = s[i++] == '-';
    std::string digits;
    int fraction = 0;
    bool point = false, any = false;
    for (; i < s.size() && s[i] != 'e' && s[i] != 'E'; ++i) {
        if (s[i] == '.') {
            if (point) return std::nullopt;
            point = true;
        } else if (s[i] >= '0' && s[i] <= '9') {
            digits.push_back(s[i]);
            any = true;
            if (point) ++fraction;
        } else {
            return std::nullopt;
        }
    }
    if (!any) return std::nullopt;
    int exponent = 0;
    if (i < s.size()) {
        char* end = nullptr;
        std::string e(s.substr(i + 1));
        if (e.empty()) return std::nullopt;
        long v = std::strtol(e.c_str(), &end, 10);
        if (*end != '\0' || v > 10000 || v < -10000) return std::nullopt;
        exponent = static_cast<int>(v);
    }
    size_t nz = digits.find_first_not_of('0');
    d.digits = nz == std::string::npos ? "" : digits.substr(nz);
    d.scale = fraction - exponent;
    if (d.digits.empty()) d.negative = false;
    return d;
}

// Digits scaled up to `scale` (appending zeros).
std::string Rescaled(const DecimalParts& d, int scale) {
    if (d.digits.empty()) return "";
    return d.digits + std::string(static_cast<size_t>(scale - d.scale), '0');
}

bool IsIntegralLexeme(std::string_view s) {
    return s.find_first_of(".eE") == std::string_view::npos;
}

std::optional<double> ToDouble(const JsonValue& v) {
    if (v.is_string()) {
        if (v.text() == "NaN") return std::nan("");
        if (v.text() == "Infinity") return HUGE_VAL;
        if (v.text() == "-Infinity") return -HUGE_VAL;
        return std::nullopt;
    }
    if (!v.is_number()) return std::nullopt;
    return std::strtod(v.text().c_str(), nullptr);
}

std::string KindName(const JsonValue& v) {
    switch (v.kind()) {
        case JsonValue::Kind::kNull:
            return "null";
        case JsonValue::Kind::kBool:
            return "boolean";
        case JsonValue::Kind::kNumber:
            return "number";
        case JsonValue::Kind::kString:
            return "string";
        case JsonValue::Kind::kArray:
            return "array";
        case JsonValue::Kind::kObject:
            return "object";
    }
    return "?";
}

std::string Short(const JsonValue& v) {
    std::string s = v.Dump();
    if (s.size() > 120) s = s.substr(0, 117) + "...";
    return s;
}

class Matcher {
public:
    std::optional<std::string> Match(const JsonValue& e, const JsonValue& a, const SqlType* type,
                                     const std::string& path) {
        auto differ = [&](const std::string& why) {
            return std::optional<std::string>((path.empty() ? "" : "at " + path + ": ") + why);
        };
        auto mismatch = [&] { return differ("expected " + Short(e) + ", got " + Short(a)); };
        if (e.is_null() || a.is_null()) {
            if (e.is_null() && a.is_null()) return std::nullopt;
            return mismatch();
        }
        TypeKind kind = type ? type->kind() : TypeKind::kNull;
        switch (e.kind()) {
            case JsonValue::Kind::kBool:
                if (a.is_bool() && a.bool_value() == e.bool_value()) return std::nullopt;
                return mismatch();
            case JsonValue::Kind::kString:
                if (a.is_string()) {
                    if (a.text() == e.text()) return std::nullopt;
                    return mismatch();
                }
                if (a.is_number() && kind == TypeKind::kDecimal &&
                    DecimalTextEquals(e.text(), a.text(), true)) {
                    return std::nullopt;
                }
                return mismatch();
            case JsonValue::Kind::kNumber:
                if (!a.is_number()) {
                    // Jackson writes NaN and the infinities of DOUBLE as strings.
                    if (a.is_string() && kind == TypeKind::kDouble) {
                        auto ad = ToDouble(a), ed = ToDouble(e);
                        if (ad && ed && DoublesClose(*ed, *ad)) return std::nullopt;
                    }
                    return mismatch();
                }
                if (NumbersMatch(e.text(), a.text(), kind)) return std::nullopt;
                return mismatch();
            case JsonValue::Kind::kArray: {
                if (!a.is_array())
                    return differ("expected an array, got " + KindName(a) + " " + Short(a));
                const auto& ea = e.array();
                const auto& aa = a.array();
                if (ea.size() != aa.size()) {
                    return differ("expected " + std::to_string(ea.size()) + " elements, got " +
                                  std::to_string(aa.size()) + ": expected " + Short(e) + ", got " +
                                  Short(a));
                }
                const SqlType* element = kind == TypeKind::kArray ? &type->element() : nullptr;
                for (size_t i = 0; i < ea.size(); ++i) {
                    auto d = Match(ea[i], aa[i], element, path + "[" + std::to_string(i) + "]");
                    if (d) return d;
                }
                return std::nullopt;
            }
            case JsonValue::Kind::kObject: {
                if (!a.is_object())
                    return differ("expected an object, got " + KindName(a) + " " + Short(a));
                const auto& eo = e.object();
                const auto& ao = a.object();
                if (eo.size() != ao.size()) {
                    return differ("expected " + std::to_string(eo.size()) + " fields, got " +
                                  std::to_string(ao.size()) + ": expected " + Short(e) + ", got " +
                                  Short(a));
                }
                for (const auto& [name, ev] : eo) {
                    const JsonValue* av = a.Find(name);
                    std::string actual_name = name;
                    if (av == nullptr && kind != TypeKind::kMap) {
                        actual_name = Upper(name);
                        av = a.Find(actual_name);
                    }
                    if (av == nullptr) {
                        // As a lookup of a missing key in ksqlDB's comparator: null.
                        if (ev.is_null()) continue;
                        return differ("expected field " + name + ", got " + Short(a));
                    }
                    const SqlType* ft = nullptr;
                    if (kind == TypeKind::kMap) {
                        ft = &type->map_value();
                    } else if (kind == TypeKind::kStruct) {
                        for (const auto& f : type->fields()) {
                            if (f.name == actual_name) ft = &f.type;
                        }
                    }
                    auto d = Match(ev, *av, ft, path + "." + name);
                    if (d) return d;
                }
                return std::nullopt;
            }
            case JsonValue::Kind::kNull:
                break;
        }
        return mismatch();
    }

private:
    static bool NumbersMatch(const std::string& e, const std::string& a, TypeKind kind) {
        if (e == a) return true;
        switch (kind) {
            case TypeKind::kDecimal:
                return DecimalTextEquals(e, a, false);
            case TypeKind::kDouble:
                return DoublesClose(std::strtod(e.c_str(), nullptr),
                                    std::strtod(a.c_str(), nullptr));
            case TypeKind::kInt:
            case TypeKind::kBigint:
            case TypeKind::kDate:
            case TypeKind::kTime:
            case TypeKind::kTimestamp:
                return DecimalTextEquals(e, a, false);
            default:
                if (IsIntegralLexeme(e) && IsIntegralLexeme(a))
                    return DecimalTextEquals(e, a, false);
                return DoublesClose(std::strtod(e.c_str(), nullptr),
                                    std::strtod(a.c_str(), nullptr));
        }
    }
};

}  // namespace

bool DecimalTextEquals(std::string_view a, std::string_view b, bool with_scale) {
    auto da = ParseDecimal(a);
    auto db = ParseDecimal(b);
    if (!da || !db) return false;
    if (with_scale && da->scale != db->scale) return false;
    if (da->negative != db->negative) return false;
    int scale = std::max(da->scale, db->scale);
    return Rescaled(*da, scale) == Rescaled(*db, scale);
}

bool DoublesClose(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    if (a == b) return true;
    double diff = std::fabs(a - b);
    if (diff <= 1e-6) return true;
    return diff <= 1e-12 * std::max(std::fabs(a), std::fabs(b));
}

std::optional<std::string> MatchJson(const JsonValue& expected, const JsonValue& actual,
                                     const SqlType* type) {
    return Matcher().Match(expected, actual, type, "");
}

}  // namespace runnel::runner
