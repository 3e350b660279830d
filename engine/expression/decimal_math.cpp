#include "engine/expression/decimal_math.h"

#include <algorithm>

namespace runnel::expression {

namespace {

using U128 = unsigned __int128;

const __int128* Powers() {
    static const auto* table = [] {
        auto* t = new __int128[kMaxDecimalDigits + 1];
        t[0] = 1;
        for (int i = 1; i <= kMaxDecimalDigits; ++i) t[i] = t[i - 1] * 10;
        return t;
    }();
    return table;
}

bool MulOverflows(__int128 a, __int128 b, __int128* out) { return __builtin_mul_overflow(a, b, out); }

// v * 10^n, false on overflow.
bool ScaleUp(__int128 v, int n, __int128* out) {
    if (n <= kMaxDecimalDigits) return !MulOverflows(v, Pow10(n), out);
    if (v == 0) {
        *out = 0;
        return true;
    }
    return false;
}

// round_half_up(num * 10^e / den) for num >= 0, den > 0, e >= 0; false on overflow.
bool DivideHalfUp(U128 num, U128 den, int e, U128* out) {
    const U128 limit = static_cast<U128>(Pow10(kMaxDecimalDigits));
    U128 q = num / den, r = num % den;
    for (int i = 0; i < e; ++i) {
        if (q >= limit) return false;
        if (r > (~U128(0)) / 10) return false;
        U128 r10 = r * 10;
        q = q * 10 + r10 / den;
        r = r10 % den;
    }
    if (r >= den - r) ++q;
    *out = q;
    return true;
}

}  // namespace

__int128 Pow10(int n) { return Powers()[std::clamp(n, 0, kMaxDecimalDigits)]; }

bool FitsPrecision(__int128 v, int precision) {
    __int128 p = Pow10(precision);
    return v < p && v > -p;
}

SqlType DecimalForIntegral(TypeKind kind) {
    return kind == TypeKind::kInt ? SqlType::Decimal(10, 0) : SqlType::Decimal(19, 0);
}

SqlType DecimalResultType(ArithOp op, const SqlType& a, const SqlType& b) {
    const int p1 = a.precision(), s1 = a.scale(), p2 = b.precision(), s2 = b.scale();
    int precision = 0, scale = 0;
    switch (op) {
        case ArithOp::kAdd:
        case ArithOp::kSub:
            scale = std::max(s1, s2);
            precision = std::max(p1 - s1, p2 - s2) + scale + 1;
            break;
        case ArithOp::kMul:
            scale = s1 + s2;
            precision = p1 + p2 + 1;
            break;
        case ArithOp::kDiv:
            scale = std::max(6, s1 + p2 + 1);
            precision = p1 - s1 + s2 + scale;
            break;
        case ArithOp::kMod:
            scale = std::max(s1, s2);
            precision = std::min(p1 - s1, p2 - s2) + scale;
            break;
    }
    precision = std::clamp(precision, 1, kMaxDecimalDigits);
    scale = std::min(scale, precision);
    return SqlType::Decimal(precision, scale);
}

bool RescaleDecimal(__int128 v, int from, int to, int precision, __int128* out) {
    __int128 r;
    if (to >= from) {
        if (!ScaleUp(v, to - from, &r)) return false;
    } else {
        bool neg = v < 0;
        U128 mag = neg ? U128(0) - static_cast<U128>(v) : static_cast<U128>(v);
        int drop = from - to;
        U128 q;
        if (drop > kMaxDecimalDigits) {
            q = 0;
        } else {
            U128 d = static_cast<U128>(Pow10(drop));
            q = mag / d;
            U128 rem = mag % d;
            if (rem >= d - rem) ++q;
        }
        r = neg ? -static_cast<__int128>(q) : static_cast<__int128>(q);
    }
    if (!FitsPrecision(r, precision)) return false;
    *out = r;
    return true;
}

int CompareDecimals(__int128 a, int sa, __int128 b, int sb) {
    if (sa != sb) {
        int s = std::max(sa, sb);
        __int128 x, y;
        bool ox = !ScaleUp(a, s - sa, &x), oy = !ScaleUp(b, s - sb, &y);
        if (ox || oy) {
            // The side that overflowed has the larger magnitude.
            if (ox && !oy) return a < 0 ? -1 : 1;
            if (oy && !ox) return b < 0 ? 1 : -1;
            return 0;
        }
        a = x;
        b = y;
    }
    return a < b ? -1 : (a > b ? 1 : 0);
}

bool DecimalArith(ArithOp op, __int128 a, int sa, __int128 b, int sb, int precision, int scale,
                  __int128* out) {
    __int128 r = 0;
    switch (op) {
        case ArithOp::kAdd:
        case ArithOp::kSub:
        case ArithOp::kMod: {
            int s = std::max(sa, sb);
            __int128 x, y;
            if (!ScaleUp(a, s - sa, &x) || !ScaleUp(b, s - sb, &y)) return false;
            if (op == ArithOp::kAdd) {
                if (__builtin_add_overflow(x, y, &r)) return false;
            } else if (op == ArithOp::kSub) {
                if (__builtin_sub_overflow(x, y, &r)) return false;
            } else {
                if (y == 0) return false;
                r = x % y;
            }
            return RescaleDecimal(r, s, scale, precision, out);
        }
        case ArithOp::kMul:
            if (MulOverflows(a, b, &r)) return false;
            return RescaleDecimal(r, sa + sb, scale, precision, out);
        case ArithOp::kDiv: {
            if (b == 0) return false;
            // a/10^sa / (b/10^sb) at `scale`: a * 10^(scale + sb - sa) / b.
            bool neg = (a < 0) != (b < 0);
            U128 ma = a < 0 ? U128(0) - static_cast<U128>(a) : static_cast<U128>(a);
            U128 mb = b < 0 ? U128(0) - static_cast<U128>(b) : static_cast<U128>(b);
            int e = scale + sb - sa;
            U128 q;
            if (e >= 0) {
                if (!DivideHalfUp(ma, mb, e, &q)) return false;
            } else {
                // Divide by an extra 10^-e: fold it into the divisor when it fits.
                __int128 d;
                if (!ScaleUp(static_cast<__int128>(mb), -e, &d)) {
                    q = 0;
                } else if (!DivideHalfUp(ma, static_cast<U128>(d), 0, &q)) {
                    return false;
                }
            }
            r = neg ? -static_cast<__int128>(q) : static_cast<__int128>(q);
            if (!FitsPrecision(r, precision)) return false;
            *out = r;
            return true;
        }
    }
    return false;
}

}  // namespace runnel::expression
