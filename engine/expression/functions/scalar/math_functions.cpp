// Mathematical functions: ABS, CEIL, FLOOR, ROUND, TRUNC, SIGN, SQRT, CBRT, EXP, LN, LOG, POWER,
// the trigonometric and hyperbolic functions, DEGREES, RADIANS, PI, RANDOM, GREATEST, LEAST,
// with ksqlDB's overloads (INT, BIGINT, DOUBLE, DECIMAL) and Java's numeric semantics:
// Math.round for ROUND(DOUBLE), BigDecimal.valueOf(d).setScale(n, ...) for ROUND/TRUNC with a
// scale (rounding on the shortest decimal text of the double, ties toward positive infinity).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <random>
#include <string>

#include "engine/expression/decimal_math.h"
#include "engine/expression/functions/scalar/coll_compare.h"
#include "engine/expression/functions/scalar/coll_registration.h"
#include "engine/expression/functions/scalar/scalar_functions.h"
#include "engine/serde/java_double.h"

namespace runnel::expression {

namespace {

using builtin::AddPerDecimalScale;
using builtin::Fixed;
using builtin::Generic;
using builtin::kCategoryMath;
using builtin::NoMatch;

// ---- rounding helpers --------------------------------------------------------------------

// How a rounding step treats the dropped digits.
enum class Mode : uint8_t {
    kHalfCeiling,  // ksqlDB's ROUND: nearest, ties toward +infinity (HALF_UP if > 0, else
                   // HALF_DOWN)
    kFloor,
    kCeiling,
    kDown,  // toward zero (TRUNC)
};

// u / 10^drop rounded by `mode` (drop > 0).
__int128 DivPow10(__int128 u, int drop, Mode mode) {
    if (drop > kMaxDecimalDigits) {
        // |u| < 10^38 <= 10^drop / 10: the quotient is a fraction below 0.1 in magnitude.
        if (mode == Mode::kFloor) return u < 0 ? -1 : 0;
        if (mode == Mode::kCeiling) return u > 0 ? 1 : 0;
        return 0;
    }
    const __int128 p = Pow10(drop);
    __int128 q = u / p, r = u % p;
    switch (mode) {
        case Mode::kDown:
            return q;
        case Mode::kFloor:
            return r < 0 ? q - 1 : q;
        case Mode::kCeiling:
            return r > 0 ? q + 1 : q;
        case Mode::kHalfCeiling:
            if (r > 0 && r >= p - r) return q + 1;
            if (r < 0 && -r > p + r) return q - 1;
            return q;
    }
    return q;
}

// Rounds a DECIMAL of `scale` to `digits` fraction digits and expresses it again at `scale`
// (ROUND(d, n), TRUNC(d, n), FLOOR(d), CEIL(d)). False when the result overflows `precision`.
bool RoundDecimalInPlace(__int128 u, int scale, int digits, int precision, Mode mode,
                         __int128* out) {
    if (digits >= scale) {
        *out = u;
        return true;
    }
    // Beyond 38 dropped digits every digit is gone; clamping keeps the arithmetic in range.
    const int drop = digits < -100 ? scale + 100 : scale - digits;
    __int128 q = DivPow10(u, drop, mode);
    if (q == 0) {
        *out = 0;
        return true;
    }
    if (drop > kMaxDecimalDigits || __builtin_mul_overflow(q, Pow10(drop), out)) return false;
    return FitsPrecision(*out, precision);
}

// The decimal text of a double as Java's Double.toString gives it: value = digits x 10^-scale.
struct DoubleDigits {
    bool negative = false;
    std::string digits;  // no sign, no point; may have leading zeros
    int scale = 0;
};

bool ToDoubleDigits(double v, DoubleDigits* out) {
    if (!std::isfinite(v)) return false;  // BigDecimal.valueOf(NaN / Infinity) throws
    char buf[serde::kMaxJavaDoubleChars];
    size_t n = serde::FormatJavaDouble(v, buf);
    std::string_view text(buf, n);
    size_t i = 0;
    if (i < text.size() && text[i] == '-') {
        out->negative = true;
        ++i;
    }
    int fraction_digits = 0;
    bool after_point = false;
    int exponent = 0;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c == '.') {
            after_point = true;
        } else if (c == 'E') {
            exponent = std::atoi(std::string(text.substr(i + 1)).c_str());
            break;
        } else {
            out->digits.push_back(c);
            if (after_point) ++fraction_digits;
        }
    }
    out->scale = fraction_digits - exponent;
    return true;
}

// Adds one unit in the last place of a digit string, growing it on carry ("99" -> "100").
void IncrementDigits(std::string& digits) {
    for (size_t i = digits.size(); i-- > 0;) {
        if (digits[i] != '9') {
            ++digits[i];
            return;
        }
        digits[i] = '0';
    }
    digits.insert(digits.begin(), '1');
}

// BigDecimal.valueOf(v).setScale(places, mode).doubleValue() for kHalfCeiling and kDown.
bool RoundDoubleToPlaces(double v, int places, Mode mode, double* out) {
    DoubleDigits d;
    if (!ToDoubleDigits(v, &d)) return false;
    // A double has at most 17 significant digits within 10^-343..10^309: clamping the places
    // changes nothing but keeps the arithmetic in range.
    places = std::max(-400, std::min(places, 400));
    if (places >= d.scale) {
        *out = v == 0 ? 0.0 : v;  // exact already (BigDecimal has no -0.0)
        return true;
    }
    const size_t drop = static_cast<size_t>(d.scale - places);
    std::string kept;
    bool round_up = false;
    if (drop > d.digits.size()) {
        // Every digit is dropped and the first dropped position is an implicit zero: the
        // remainder is below half a unit.
        kept = "0";
    } else {
        kept = d.digits.substr(0, d.digits.size() - drop);
        if (kept.empty()) kept = "0";
        std::string_view rest(d.digits);
        rest.remove_prefix(d.digits.size() - drop);
        if (mode == Mode::kHalfCeiling) {
            char first = rest[0];
            bool beyond = rest.find_first_not_of('0', 1) != std::string_view::npos;
            if (first > '5' || (first == '5' && beyond)) {
                round_up = true;
            } else if (first == '5') {
                round_up = !d.negative;  // a tie: toward +infinity
            }
        }
    }
    if (round_up) IncrementDigits(kept);
    if (kept.find_first_not_of('0') == std::string::npos) {
        *out = 0.0;
        return true;
    }
    std::string text = (d.negative ? "-" : "") + kept + "E" + std::to_string(-places);
    *out = std::strtod(text.c_str(), nullptr);
    return true;
}

// Java's Math.round(double): floor(a + 0.5) computed exactly, saturating to the long range.
int64_t JavaRound(double a) {
    uint64_t bits;
    std::memcpy(&bits, &a, sizeof bits);
    const int64_t biased_exp = static_cast<int64_t>((bits >> 52) & 0x7FF);
    const int64_t shift = 1074 - biased_exp;  // (52 + 1023 - 1) - exponent
    if (shift >= 0 && shift < 64) {
        int64_t r = static_cast<int64_t>((bits & 0x000FFFFFFFFFFFFFull) | 0x0010000000000000ull);
        if (static_cast<int64_t>(bits) < 0) r = -r;
        return ((r >> shift) + 1) >> 1;
    }
    // NaN, infinities, integral values, and magnitudes below 0.5: Java's (long) cast.
    if (std::isnan(a)) return 0;
    if (a >= 9.2233720368547758e18) return std::numeric_limits<int64_t>::max();
    if (a <= -9.2233720368547758e18) return std::numeric_limits<int64_t>::min();
    return static_cast<int64_t>(a);
}

// Java's (long) cast of a double.
int64_t JavaLong(double a) {
    if (std::isnan(a)) return 0;
    if (a >= 9.2233720368547758e18) return std::numeric_limits<int64_t>::max();
    if (a <= -9.2233720368547758e18) return std::numeric_limits<int64_t>::min();
    return static_cast<int64_t>(a);
}

// INT results wrap like Java int.
int64_t WrapInt(int64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(v)); }

// ---- resolvers ----------------------------------------------------------------------------

bool IsDecimalOfScale(const SqlType& t, int scale) {
    return t.kind() == TypeKind::kDecimal && t.scale() == scale;
}

// An overload for DOUBLE that is generic so the registry tries it after the DECIMAL ones
// (a fixed DOUBLE overload would capture DECIMAL arguments by implicit widening first).
// `extra` are the fixed trailing parameter types.
TypeResolver DoubleFirst(SqlType ret, std::vector<SqlType> extra = {}) {
    return [ret, extra](const std::vector<SqlType>& args,
                        std::vector<SqlType>& params) -> Result<SqlType> {
        if (args.size() != 1 + extra.size()) return NoMatch();
        if (!CanWiden(args[0], SqlType::Double())) return NoMatch();
        for (size_t i = 0; i < extra.size(); ++i) {
            if (!CanWiden(args[i + 1], extra[i])) return NoMatch();
        }
        params.assign(1, SqlType::Double());
        params.insert(params.end(), extra.begin(), extra.end());
        return ret;
    };
}

// DECIMAL(p, `scale`) [, INT]: returns what `ret(p, s)` says.
TypeResolver DecimalOfScale(int scale, bool with_places,
                            std::function<SqlType(const SqlType&)> ret) {
    return [=](const std::vector<SqlType>& args, std::vector<SqlType>& params) -> Result<SqlType> {
        if (args.size() != (with_places ? 2u : 1u)) return NoMatch();
        if (!IsDecimalOfScale(args[0], scale)) return NoMatch();
        params.assign(1, args[0]);
        if (with_places) {
            if (!CanWiden(args[1], SqlType::Int())) return NoMatch();
            params.push_back(SqlType::Int());
        }
        return ret(args[0]);
    };
}

SqlType SameType(const SqlType& t) { return t; }
// ROUND(d) / TRUNC(d) of DECIMAL(p, s): the integral digits only.
SqlType IntegralPart(const SqlType& t) {
    return SqlType::Decimal(std::max(1, t.precision() - t.scale()), 0);
}

// ---- registration helpers -----------------------------------------------------------------

using UnaryDouble = double (*)(double);

void AddDoubleFn(FunctionRegistry& r, const char* name, UnaryDouble fn, const char* description) {
    r.Add(Fixed(
        name, {SqlType::Double()}, SqlType::Double(),
        [fn](const Args& a, Value& out) { out.SetDouble(fn(a[0].AsDouble())); }, description,
        kCategoryMath));
}

void RegisterAbsCeilFloor(FunctionRegistry& r) {
    const SqlType i = SqlType::Int(), b = SqlType::Bigint(), d = SqlType::Double();
    r.Add(Fixed(
        "ABS", {i}, i,
        [](const Args& a, Value& out) {
            int64_t v = a[0].AsInt();
            out.SetInt(WrapInt(v < 0 ? -v : v));  // Math.abs(Integer.MIN_VALUE) wraps
        },
        "Returns the absolute value of its argument.", kCategoryMath));
    r.Add(Fixed(
        "ABS", {b}, b,
        [](const Args& a, Value& out) {
            int64_t v = a[0].AsInt();
            out.SetInt(v < 0 ? static_cast<int64_t>(0ull - static_cast<uint64_t>(v)) : v);
        },
        "Returns the absolute value of its argument.", kCategoryMath));
    // ABS of a DECIMAL keeps its type and does not need the scale.
    r.Add(Generic(
        "ABS", "DECIMAL",
        [](const std::vector<SqlType>& args, std::vector<SqlType>& params) -> Result<SqlType> {
            if (args.size() != 1 || args[0].kind() != TypeKind::kDecimal) return NoMatch();
            params = args;
            return args[0];
        },
        [](const Args& a, Value& out) {
            __int128 v = a[0].AsDecimal();
            out.SetDecimal(v < 0 ? -v : v);
        },
        "Returns the absolute value of its argument.", kCategoryMath));
    r.Add(Generic(
        "ABS", "DOUBLE", DoubleFirst(d),
        [](const Args& a, Value& out) { out.SetDouble(std::fabs(a[0].AsDouble())); },
        "Returns the absolute value of its argument.", kCategoryMath));

    struct Spec {
        const char* name;
        Mode mode;
        UnaryDouble fn;
        const char* description;
    };
    const Spec specs[] = {
        {"CEIL", Mode::kCeiling, static_cast<UnaryDouble>(std::ceil),
         "Returns the smallest integer value that is greater than or equal to the argument."},
        {"FLOOR", Mode::kFloor, static_cast<UnaryDouble>(std::floor),
         "Returns the largest integer value that is less than or equal to the argument."},
    };
    for (const auto& sp : specs) {
        auto identity = [](const Args& a, Value& out) { out.SetInt(a[0].AsInt()); };
        r.Add(Fixed(sp.name, {i}, i, identity, sp.description, kCategoryMath));
        r.Add(Fixed(sp.name, {b}, b, identity, sp.description, kCategoryMath));
        const Mode mode = sp.mode;
        const std::string description = sp.description;
        const std::string name = sp.name;
        AddPerDecimalScale(r, [&](int s) {
            return Generic(
                name, "DECIMAL", DecimalOfScale(s, false, SameType),
                [s, mode](const Args& a, Value& out) {
                    __int128 v;
                    // The integral result always fits: its digits do not grow past
                    // the input's unless rounding carries into a new digit.
                    if (RoundDecimalInPlace(a[0].AsDecimal(), s, 0, kMaxDecimalDigits, mode, &v)) {
                        out.SetDecimal(v);
                    } else {
                        out.SetNull();
                    }
                },
                description, kCategoryMath);
        });
        UnaryDouble fn = sp.fn;
        r.Add(Generic(
            sp.name, "DOUBLE", DoubleFirst(d),
            [fn](const Args& a, Value& out) { out.SetDouble(fn(a[0].AsDouble())); }, sp.description,
            kCategoryMath));
    }
}

// ROUND and TRUNC share their shape: integral overloads unchanged, DOUBLE -> BIGINT,
// (DOUBLE, INT) -> DOUBLE, DECIMAL -> DECIMAL(p - s, 0), (DECIMAL, INT) -> same DECIMAL.
void RegisterRoundLike(FunctionRegistry& r, const char* name, Mode mode, int64_t (*to_long)(double),
                       const char* description) {
    const SqlType i = SqlType::Int(), b = SqlType::Bigint(), d = SqlType::Double();
    auto identity = [](const Args& a, Value& out) { out.SetInt(a[0].AsInt()); };
    r.Add(Fixed(name, {i}, i, identity, description, kCategoryMath));
    r.Add(Fixed(name, {b}, b, identity, description, kCategoryMath));
    const std::string fname = name, desc = description;
    AddPerDecimalScale(r, [&](int s) {
        return Generic(
            fname, "DECIMAL", DecimalOfScale(s, false, IntegralPart),
            [s, mode](const Args& a, Value& out) {
                __int128 u = a[0].AsDecimal();
                out.SetDecimal(s == 0 ? u : DivPow10(u, s, mode));
            },
            desc, kCategoryMath);
    });
    AddPerDecimalScale(r, [&](int s) {
        return Generic(
            fname, "DECIMAL, INTEGER", DecimalOfScale(s, true, SameType),
            [s, mode](const Args& a, Value& out) {
                // The precision of the result type is at most 38 and at least the
                // input's; a carry past it (9.99 -> 10.0 in DECIMAL(3, 2)) is an
                // overflow, which ksqlDB reports when serializing: null here.
                __int128 v;
                int places = static_cast<int>(a[1].AsInt());
                if (RoundDecimalInPlace(a[0].AsDecimal(), s, places, kMaxDecimalDigits, mode, &v)) {
                    out.SetDecimal(v);
                } else {
                    out.SetNull();
                }
            },
            desc, kCategoryMath);
    });
    r.Add(Generic(
        name, "DOUBLE", DoubleFirst(b),
        [to_long](const Args& a, Value& out) { out.SetInt(to_long(a[0].AsDouble())); }, description,
        kCategoryMath));
    r.Add(Generic(
        name, "DOUBLE, INTEGER", DoubleFirst(d, {i}),
        [mode](const Args& a, Value& out) {
            double v;
            if (RoundDoubleToPlaces(a[0].AsDouble(), static_cast<int>(a[1].AsInt()), mode, &v)) {
                out.SetDouble(v);
            } else {
                out.SetNull();
            }
        },
        description, kCategoryMath));
}

// ---- GREATEST / LEAST ---------------------------------------------------------------------

bool IsTemporal(TypeKind k) {
    return k == TypeKind::kDate || k == TypeKind::kTime || k == TypeKind::kTimestamp;
}

// The common type of GREATEST/LEAST arguments: one numeric type (DOUBLE if any argument is a
// DOUBLE; INT, BIGINT and DECIMAL only among themselves, ksqlDB calls mixing them ambiguous),
// or one of STRING, BYTES, DATE, TIME, TIMESTAMP (a temporal type also takes STRING
// arguments, converted as by CAST). NULL literals take the common type.
Result<SqlType> CommonComparable(const std::vector<SqlType>& args, bool bytes) {
    std::optional<SqlType> common;
    bool mixed = false, has_double = false, all_numeric = true, has_string = false;
    std::optional<TypeKind> temporal;
    for (const auto& t : args) {
        const TypeKind k = t.kind();
        if (k == TypeKind::kNull) continue;
        if (k == TypeKind::kDouble) has_double = true;
        if (!t.IsNumeric()) all_numeric = false;
        if (k == TypeKind::kString) has_string = true;
        if (IsTemporal(k)) {
            if (temporal && *temporal != k) return NoMatch();
            temporal = k;
        }
        if (!common) {
            common = t;
        } else if (k == TypeKind::kDecimal && common->kind() == TypeKind::kDecimal) {
            const int scale = std::max(t.scale(), common->scale());
            const int integral =
                std::max(t.precision() - t.scale(), common->precision() - common->scale());
            common = SqlType::Decimal(std::min(kMaxDecimalDigits, integral + scale), scale);
        } else if (t != *common) {
            mixed = true;
        }
    }
    if (!common) return NoMatch();  // only NULLs: ambiguous
    SqlType result = *common;
    if (mixed) {
        if (all_numeric && has_double) {
            result = SqlType::Double();
        } else if (temporal && has_string) {
            result = SqlType(*temporal);  // every argument is that temporal type or STRING
        } else {
            return NoMatch();
        }
    }
    const TypeKind k = result.kind();
    const bool comparable =
        result.IsNumeric() || k == TypeKind::kString || k == TypeKind::kBytes || IsTemporal(k);
    if (!comparable || (k == TypeKind::kBytes) != bytes) return NoMatch();
    return result;
}

void RegisterGreatestLeast(FunctionRegistry& r) {
    for (int sign : {1, -1}) {
        const char* name = sign > 0 ? "GREATEST" : "LEAST";
        const char* description = sign > 0
                                      ? "Returns the largest non-null value of its arguments."
                                      : "Returns the smallest non-null value of its arguments.";
        for (bool bytes : {false, true}) {
            ScalarFunction f = Generic(
                name, bytes ? "BYTES, BYTES..." : "T, T...",
                [bytes](const std::vector<SqlType>& args,
                        std::vector<SqlType>& params) -> Result<SqlType> {
                    if (args.empty()) return NoMatch();
                    auto t = CommonComparable(args, bytes);
                    if (!t.ok()) return t.status();
                    params.assign(args.size(), t.value());
                    return t.value();
                },
                [sign, bytes](const Args& a, Value& out) {
                    const auto order =
                        bytes ? builtin::TextOrder::kBytes : builtin::TextOrder::kString;
                    const Value* best = nullptr;
                    for (size_t k = 0; k < a.size(); ++k) {
                        const Value& v = a[k];
                        if (v.is_null()) continue;
                        if (!best || builtin::CompareScalar(v, *best, order) * sign > 0) best = &v;
                    }
                    if (best) {
                        out = *best;
                    } else {
                        out.SetNull();
                    }
                },
                description, kCategoryMath);
            f.null_on_null_input = false;
            f.variadic = true;
            r.Add(std::move(f));
        }
    }
}

// ---- the rest ------------------------------------------------------------------------------

double Cot(double x) { return 1.0 / std::tan(x); }

// Java's Math.toDegrees / toRadians (JDK 9+: one multiplication by a constant).
double Degrees(double x) { return x * 57.29577951308232; }
double Radians(double x) { return x * 0.017453292519943295; }

// LOG(base, value) as ksqlDB documents it.
double LogBase(double base, double value) {
    if (value == 0.0) return -std::numeric_limits<double>::infinity();
    if (std::isnan(base) || std::isnan(value) || value < 0 || base <= 0 || base == 1.0) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return std::log(value) / std::log(base);
}

void RegisterElementary(FunctionRegistry& r) {
    const SqlType d = SqlType::Double();
    AddDoubleFn(r, "SQRT", static_cast<UnaryDouble>(std::sqrt),
                "Returns the square root of the argument.");
    AddDoubleFn(r, "CBRT", static_cast<UnaryDouble>(std::cbrt),
                "Returns the cube root of the argument.");
    AddDoubleFn(r, "EXP", static_cast<UnaryDouble>(std::exp),
                "Returns e raised to the power of the argument.");
    AddDoubleFn(r, "LN", static_cast<UnaryDouble>(std::log),
                "Returns the natural logarithm of the argument.");
    // ksqlDB documents LOG(value) as base 10 but computes Math.log (the natural logarithm), and
    // its conformance tests expect that; we follow the behaviour.
    AddDoubleFn(r, "LOG", static_cast<UnaryDouble>(std::log),
                "LOG(value): the natural logarithm of value (as ksqlDB computes it).");
    r.Add(Fixed(
        "LOG", {d, d}, d,
        [](const Args& a, Value& out) { out.SetDouble(LogBase(a[0].AsDouble(), a[1].AsDouble())); },
        "LOG(base, value): the logarithm of value in the given base.", kCategoryMath));
    r.Add(Fixed(
        "POWER", {d, d}, d,
        [](const Args& a, Value& out) {
            out.SetDouble(std::pow(a[0].AsDouble(), a[1].AsDouble()));
        },
        "POWER(base, exponent): base raised to the exponent.", kCategoryMath));
    AddDoubleFn(r, "SIN", static_cast<UnaryDouble>(std::sin),
                "Returns the sine of an angle in radians.");
    AddDoubleFn(r, "COS", static_cast<UnaryDouble>(std::cos),
                "Returns the cosine of an angle in radians.");
    AddDoubleFn(r, "TAN", static_cast<UnaryDouble>(std::tan),
                "Returns the tangent of an angle in radians.");
    AddDoubleFn(r, "COT", Cot, "Returns the cotangent of an angle in radians.");
    AddDoubleFn(r, "ASIN", static_cast<UnaryDouble>(std::asin),
                "Returns the inverse sine, in radians (NaN outside [-1, 1]).");
    AddDoubleFn(r, "ACOS", static_cast<UnaryDouble>(std::acos),
                "Returns the inverse cosine, in radians (NaN outside [-1, 1]).");
    AddDoubleFn(r, "ATAN", static_cast<UnaryDouble>(std::atan),
                "Returns the inverse tangent, in radians.");
    r.Add(Fixed(
        "ATAN2", {d, d}, d,
        [](const Args& a, Value& out) {
            out.SetDouble(std::atan2(a[0].AsDouble(), a[1].AsDouble()));
        },
        "ATAN2(y, x): the angle theta of the point (x, y) in polar coordinates, in radians.",
        kCategoryMath));
    AddDoubleFn(r, "SINH", static_cast<UnaryDouble>(std::sinh), "Returns the hyperbolic sine.");
    AddDoubleFn(r, "COSH", static_cast<UnaryDouble>(std::cosh), "Returns the hyperbolic cosine.");
    AddDoubleFn(r, "TANH", static_cast<UnaryDouble>(std::tanh), "Returns the hyperbolic tangent.");
    AddDoubleFn(r, "DEGREES", Degrees, "Converts radians to degrees.");
    AddDoubleFn(r, "RADIANS", Radians, "Converts degrees to radians.");
    r.Add(Fixed(
        "PI", {}, d, [](const Args&, Value& out) { out.SetDouble(3.141592653589793); },
        "Returns an approximate value of pi.", kCategoryMath));
    r.Add(Fixed(
        "RANDOM", {}, d,
        [](const Args&, Value& out) {
            thread_local std::mt19937_64 engine{std::random_device{}()};
            // 53 random bits in [0, 1), as Math.random.
            out.SetDouble(static_cast<double>(engine() >> 11) * 0x1.0p-53);
        },
        "Returns a random DOUBLE between 0.0 (inclusive) and 1.0 (exclusive).", kCategoryMath));

    const SqlType i = SqlType::Int(), b = SqlType::Bigint();
    auto sign_int = [](const Args& a, Value& out) {
        int64_t v = a[0].AsInt();
        out.SetInt(v < 0 ? -1 : (v > 0 ? 1 : 0));
    };
    const char* sign_desc = "Returns the sign of the argument as an INTEGER: -1, 0 or 1.";
    r.Add(Fixed("SIGN", {i}, i, sign_int, sign_desc, kCategoryMath));
    r.Add(Fixed("SIGN", {b}, i, sign_int, sign_desc, kCategoryMath));
    r.Add(Fixed(
        "SIGN", {d}, i,
        [](const Args& a, Value& out) {
            double v = a[0].AsDouble();
            // Math.signum: NaN stays NaN, whose int value is 0.
            out.SetInt(v < 0 ? -1 : (v > 0 ? 1 : 0));
        },
        sign_desc, kCategoryMath));
}

// GENERATE_SERIES(start, end [, step]): the values from start to end inclusive.
void Series(int64_t start, int64_t end, int64_t step, Value& out) {
    if (step == 0 || (end > start && step < 0) || (end < start && step > 0)) {
        out.SetNull();  // ksqlDB: "GENERATE_SERIES step cannot be zero" / "has wrong sign"
        return;
    }
    const __int128 span = static_cast<__int128>(end) - start;
    const __int128 count =
        (span < 0 ? -span : span) / (step < 0 ? -static_cast<__int128>(step) : step) + 1;
    auto list = std::make_shared<ValueList>();
    list->reserve(static_cast<size_t>(count));
    __int128 v = start;
    for (__int128 k = 0; k < count; ++k, v += step)
        list->push_back(Value::Int(static_cast<int64_t>(v)));
    out.SetList(std::move(list));
}

void RegisterGenerateSeries(FunctionRegistry& r) {
    const SqlType i = SqlType::Int(), b = SqlType::Bigint();
    const char* desc =
        "GENERATE_SERIES(start, end [, step]): an array of the values from start "
        "to end inclusive (step defaults to 1, or -1 when end < start).";
    auto two = [](const Args& a, Value& out) {
        int64_t s = a[0].AsInt(), e = a[1].AsInt();
        Series(s, e, e >= s ? 1 : -1, out);
    };
    auto three = [](const Args& a, Value& out) {
        Series(a[0].AsInt(), a[1].AsInt(), a[2].AsInt(), out);
    };
    r.Add(Fixed("GENERATE_SERIES", {i, i}, SqlType::Array(i), two, desc, kCategoryMath));
    r.Add(Fixed("GENERATE_SERIES", {i, i, i}, SqlType::Array(i), three, desc, kCategoryMath));
    r.Add(Fixed("GENERATE_SERIES", {b, b}, SqlType::Array(b), two, desc, kCategoryMath));
    r.Add(Fixed("GENERATE_SERIES", {b, b, i}, SqlType::Array(b), three, desc, kCategoryMath));
}

}  // namespace

void RegisterMathFunctions(FunctionRegistry& r) {
    RegisterAbsCeilFloor(r);
    RegisterRoundLike(r, "ROUND", Mode::kHalfCeiling, JavaRound,
                      "ROUND(x [, scale]): rounds to scale decimal places (default 0); halves "
                      "round toward positive infinity. A negative scale rounds left of the point.");
    RegisterRoundLike(r, "TRUNC", Mode::kDown, JavaLong,
                      "TRUNC(x [, scale]): truncates toward zero to scale decimal places "
                      "(default 0). A negative scale truncates left of the point.");
    RegisterElementary(r);
    RegisterGreatestLeast(r);
    RegisterGenerateSeries(r);
}

}  // namespace runnel::expression
