// Array functions: ARRAY_LENGTH, ARRAY_CONTAINS, ARRAY_DISTINCT, ARRAY_EXCEPT, ARRAY_INTERSECT,
// ARRAY_UNION, ARRAY_CONCAT, ARRAY_REMOVE, ARRAY_MAX, ARRAY_MIN, ARRAY_SORT, ARRAY_JOIN, SLICE.
// Generic over the element type through TypeResolvers; elements compare with Java's equals
// and compareTo semantics (coll_compare.h).
#include <algorithm>
#include <charconv>
#include <string>
#include <unordered_set>
#include <vector>

#include "engine/expression/decimal_math.h"
#include "engine/expression/functions/scalar/coll_compare.h"
#include "engine/expression/functions/scalar/coll_registration.h"
#include "engine/expression/functions/scalar/coll_types.h"
#include "engine/expression/functions/scalar/scalar_functions.h"
#include "engine/serde/java_double.h"

namespace runnel::expression {

namespace {

using builtin::AddPerDecimalScale;
using builtin::Generic;
using builtin::IsArray;
using builtin::IsNullType;
using builtin::JavaEquals;
using builtin::kCategoryArray;
using builtin::NoMatch;
using builtin::TextOrder;

using ValueSet = std::unordered_set<const Value*, builtin::JavaHasher, builtin::JavaEqualTo>;

std::shared_ptr<ValueList> NewList(size_t reserve) {
    auto l = std::make_shared<ValueList>();
    l->reserve(reserve);
    return l;
}

// ---- resolvers ----------------------------------------------------------------------------

// F(ARRAY<T>) -> ret(ARRAY<T>), when `accept(T)`.
TypeResolver OneArray(std::function<bool(const SqlType&)> accept,
                      std::function<SqlType(const SqlType&)> ret) {
    return [=](const std::vector<SqlType>& args, std::vector<SqlType>& params) -> Result<SqlType> {
        if (args.size() != 1 || !IsArray(args[0]) || !accept(args[0].element())) return NoMatch();
        params = args;
        return ret(args[0]);
    };
}

// F(ARRAY<T>, T) -> ret(ARRAY<T>): the second argument is converted to the element type.
TypeResolver ArrayAndElement(std::function<SqlType(const SqlType&)> ret) {
    return [=](const std::vector<SqlType>& args, std::vector<SqlType>& params) -> Result<SqlType> {
        if (args.size() != 2 || !IsArray(args[0])) return NoMatch();
        if (!CanWiden(args[1], args[0].element())) return NoMatch();
        params = {args[0], args[0].element()};
        return ret(args[0]);
    };
}

// F(ARRAY<T>, ARRAY<T>) -> ARRAY<T>.
Result<SqlType> TwoArrays(const std::vector<SqlType>& args, std::vector<SqlType>& params) {
    if (args.size() != 2) return NoMatch();
    auto t = builtin::UnifyArrays(args[0], args[1]);
    if (!t) return NoMatch();
    params = {*t, *t};
    return *t;
}

SqlType Same(const SqlType& t) { return t; }
SqlType ElementOf(const SqlType& t) { return t.element(); }
bool AnyElement(const SqlType&) { return true; }

// ---- set-like functions -------------------------------------------------------------------

void Distinct(const ValueList& in, Value& out) {
    auto list = NewList(in.size());
    ValueSet seen;
    for (const auto& v : in) {
        if (seen.insert(&v).second) list->push_back(v);
    }
    out.SetList(std::move(list));
}

// Distinct elements of `a` that are (keep_common) or are not (!keep_common) in `b`.
void Filtered(const ValueList& a, const ValueList& b, bool keep_common, Value& out) {
    ValueSet other;
    for (const auto& v : b) other.insert(&v);
    ValueSet seen;
    auto list = NewList(a.size());
    for (const auto& v : a) {
        if ((other.count(&v) > 0) != keep_common) continue;
        if (seen.insert(&v).second) list->push_back(v);
    }
    out.SetList(std::move(list));
}

void Union(const ValueList& a, const ValueList& b, Value& out) {
    ValueSet seen;
    auto list = NewList(a.size() + b.size());
    for (const auto* l : {&a, &b}) {
        for (const auto& v : *l) {
            if (seen.insert(&v).second) list->push_back(v);
        }
    }
    out.SetList(std::move(list));
}

void RegisterSetFunctions(FunctionRegistry& r) {
    r.Add(Generic(
        "ARRAY_DISTINCT", "ARRAY<T>", OneArray(AnyElement, Same),
        [](const Args& a, Value& out) { Distinct(a[0].AsList(), out); },
        "Returns the distinct elements of an array, nulls included, in order of first "
        "occurrence.",
        kCategoryArray));
    r.Add(Generic(
        "ARRAY_EXCEPT", "ARRAY<T>, ARRAY<T>", TwoArrays,
        [](const Args& a, Value& out) { Filtered(a[0].AsList(), a[1].AsList(), false, out); },
        "Returns the distinct elements of the first array that are not in the second.",
        kCategoryArray));
    r.Add(Generic(
        "ARRAY_INTERSECT", "ARRAY<T>, ARRAY<T>", TwoArrays,
        [](const Args& a, Value& out) { Filtered(a[0].AsList(), a[1].AsList(), true, out); },
        "Returns the distinct elements present in both arrays, in the first one's order.",
        kCategoryArray));
    r.Add(Generic(
        "ARRAY_UNION", "ARRAY<T>, ARRAY<T>", TwoArrays,
        [](const Args& a, Value& out) { Union(a[0].AsList(), a[1].AsList(), out); },
        "Returns the distinct elements of both arrays, in order of first occurrence.",
        kCategoryArray));
    ScalarFunction concat = Generic(
        "ARRAY_CONCAT", "ARRAY<T>, ARRAY<T>", TwoArrays,
        [](const Args& a, Value& out) {
            if (a[0].is_null() && a[1].is_null()) {
                out.SetNull();
            } else if (a[0].is_null() || a[1].is_null()) {
                out = a[0].is_null() ? a[1] : a[0];
            } else {
                const auto& x = a[0].AsList();
                const auto& y = a[1].AsList();
                auto list = NewList(x.size() + y.size());
                list->insert(list->end(), x.begin(), x.end());
                list->insert(list->end(), y.begin(), y.end());
                out.SetList(std::move(list));
            }
        },
        "Concatenates two arrays; null only when both are null, otherwise a null array counts "
        "as empty.",
        kCategoryArray);
    concat.null_on_null_input = false;
    r.Add(std::move(concat));
}

// ---- element functions --------------------------------------------------------------------

void RegisterElementFunctions(FunctionRegistry& r) {
    r.Add(Generic(
        "ARRAY_LENGTH", "ARRAY<T>",
        OneArray(AnyElement, [](const SqlType&) { return SqlType::Int(); }),
        [](const Args& a, Value& out) { out.SetInt(static_cast<int64_t>(a[0].AsList().size())); },
        "Returns the number of elements in an array.", kCategoryArray));
    ScalarFunction contains = Generic(
        "ARRAY_CONTAINS", "ARRAY<T>, T",
        ArrayAndElement([](const SqlType&) { return SqlType::Boolean(); }),
        [](const Args& a, Value& out) {
            bool found = false;
            if (!a[0].is_null()) {
                for (const auto& v : a[0].AsList()) {
                    if (JavaEquals(v, a[1])) {
                        found = true;
                        break;
                    }
                }
            }
            out.SetBool(found);
        },
        "Returns whether an array contains a value (false for a null array).", kCategoryArray);
    contains.null_on_null_input = false;
    r.Add(std::move(contains));
    ScalarFunction remove = Generic(
        "ARRAY_REMOVE", "ARRAY<T>, T", ArrayAndElement(Same),
        [](const Args& a, Value& out) {
            if (a[0].is_null()) {
                out.SetNull();
                return;
            }
            const auto& in = a[0].AsList();
            auto list = NewList(in.size());
            for (const auto& v : in) {
                if (!JavaEquals(v, a[1])) list->push_back(v);
            }
            out.SetList(std::move(list));
        },
        "Removes every element equal to the value (a null value removes the nulls).",
        kCategoryArray);
    remove.null_on_null_input = false;
    r.Add(std::move(remove));
    ScalarFunction slice = Generic(
        "SLICE", "ARRAY<T>, INTEGER, INTEGER",
        [](const std::vector<SqlType>& args, std::vector<SqlType>& params) -> Result<SqlType> {
            if (args.size() != 3 || !IsArray(args[0])) return NoMatch();
            if (!CanWiden(args[1], SqlType::Int()) || !CanWiden(args[2], SqlType::Int())) {
                return NoMatch();
            }
            params = {args[0], SqlType::Int(), SqlType::Int()};
            return args[0];
        },
        [](const Args& a, Value& out) {
            if (a[0].is_null()) {
                out.SetNull();
                return;
            }
            const auto& in = a[0].AsList();
            const int64_t n = static_cast<int64_t>(in.size());
            const int64_t from = a[1].is_null() ? 0 : a[1].AsInt() - 1;
            const int64_t to = a[2].is_null() ? n : a[2].AsInt();
            if (from < 0 || to > n || from > to) {
                out.SetNull();  // Java's subList throws: the row gets null
                return;
            }
            auto list = NewList(static_cast<size_t>(to - from));
            list->insert(list->end(), in.begin() + from, in.begin() + to);
            out.SetList(std::move(list));
        },
        "SLICE(array, from, to): the elements from position from to to, 1-based and inclusive.",
        kCategoryArray);
    slice.null_on_null_input = false;
    r.Add(std::move(slice));
}

// ---- ordering functions -------------------------------------------------------------------

bool OrderedNonBytes(const SqlType& t) {
    return builtin::IsOrderedKind(t.kind()) && t.kind() != TypeKind::kBytes;
}
bool BytesElement(const SqlType& t) { return t.kind() == TypeKind::kBytes; }

void Extreme(const ValueList& in, int sign, TextOrder order, Value& out) {
    const Value* best = nullptr;
    for (const auto& v : in) {
        if (v.is_null()) continue;
        if (!best || builtin::CompareScalar(v, *best, order) * sign > 0) best = &v;
    }
    if (best) {
        out = *best;
    } else {
        out.SetNull();
    }
}

// ARRAY_SORT: nulls last in both directions; a stable sort, as Java's Collections.sort.
void Sort(const ValueList& in, bool descending, TextOrder order, Value& out) {
    auto list = NewList(in.size());
    size_t nulls = 0;
    for (const auto& v : in) {
        if (v.is_null()) {
            ++nulls;
        } else {
            list->push_back(v);
        }
    }
    std::stable_sort(list->begin(), list->end(), [&](const Value& x, const Value& y) {
        int c = builtin::CompareScalar(x, y, order);
        return descending ? c > 0 : c < 0;
    });
    list->resize(list->size() + nulls);
    out.SetList(std::move(list));
}

// "ASC" -> 0, "DESC" -> 1, anything else -> -1 (ASCII case-insensitive).
int SortDirection(std::string_view s) {
    auto eq = [&](std::string_view w) {
        if (s.size() != w.size()) return false;
        for (size_t i = 0; i < s.size(); ++i) {
            char c = s[i];
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
            if (c != w[i]) return false;
        }
        return true;
    };
    if (eq("ASC")) return 0;
    if (eq("DESC")) return 1;
    return -1;
}

void RegisterOrderFunctions(FunctionRegistry& r) {
    for (bool bytes : {false, true}) {
        const TextOrder order = bytes ? TextOrder::kBytes : TextOrder::kString;
        auto accept = bytes ? BytesElement : OrderedNonBytes;
        const std::string sig = bytes ? "ARRAY<BYTES>" : "ARRAY<T>";
        r.Add(Generic(
            "ARRAY_MAX", sig, OneArray(accept, ElementOf),
            [order](const Args& a, Value& out) { Extreme(a[0].AsList(), 1, order, out); },
            "Returns the largest non-null element of an array of primitives.", kCategoryArray));
        r.Add(Generic(
            "ARRAY_MIN", sig, OneArray(accept, ElementOf),
            [order](const Args& a, Value& out) { Extreme(a[0].AsList(), -1, order, out); },
            "Returns the smallest non-null element of an array of primitives.", kCategoryArray));
        const char* sort_desc =
            "ARRAY_SORT(array [, 'ASC' | 'DESC']): the elements of an array of primitives in "
            "natural order (ascending by default), nulls last.";
        r.Add(Generic(
            "ARRAY_SORT", sig, OneArray(accept, Same),
            [order](const Args& a, Value& out) { Sort(a[0].AsList(), false, order, out); },
            sort_desc, kCategoryArray));
        r.Add(Generic(
            "ARRAY_SORT", sig + ", STRING",
            [accept](const std::vector<SqlType>& args,
                     std::vector<SqlType>& params) -> Result<SqlType> {
                if (args.size() != 2 || !IsArray(args[0]) || !accept(args[0].element())) {
                    return NoMatch();
                }
                if (!CanWiden(args[1], SqlType::String())) return NoMatch();
                params = {args[0], SqlType::String()};
                return args[0];
            },
            [order](const Args& a, Value& out) {
                int dir = SortDirection(a[1].AsString());
                if (dir < 0) {
                    out.SetNull();  // neither ASC nor DESC
                    return;
                }
                Sort(a[0].AsList(), dir == 1, order, out);
            },
            sort_desc, kCategoryArray));
    }
}

// ---- ARRAY_JOIN ---------------------------------------------------------------------------

// Java's BigDecimal.toString(): plain unless the adjusted exponent is below -6.
void AppendJavaBigDecimal(__int128 unscaled, int scale, std::string& out) {
    const bool negative = unscaled < 0;
    unsigned __int128 m = negative ? -static_cast<unsigned __int128>(unscaled)
                                   : static_cast<unsigned __int128>(unscaled);
    char buf[48];
    int n = 0;
    do {
        buf[n++] = static_cast<char>('0' + static_cast<int>(m % 10));
        m /= 10;
    } while (m != 0);
    std::string digits(buf, static_cast<size_t>(n));
    std::reverse(digits.begin(), digits.end());
    if (negative) out.push_back('-');
    const int64_t adjusted = static_cast<int64_t>(digits.size()) - 1 - scale;
    if (scale == 0) {
        out += digits;
    } else if (scale > 0 && adjusted >= -6) {
        if (static_cast<int>(digits.size()) > scale) {
            out.append(digits, 0, digits.size() - static_cast<size_t>(scale));
            out.push_back('.');
            out.append(digits, digits.size() - static_cast<size_t>(scale), std::string::npos);
        } else {
            out += "0.";
            out.append(static_cast<size_t>(scale) - digits.size(), '0');
            out += digits;
        }
    } else {
        out.push_back(digits[0]);
        if (digits.size() > 1) {
            out.push_back('.');
            out.append(digits, 1, std::string::npos);
        }
        out.push_back('E');
        if (adjusted > 0) out.push_back('+');
        out += std::to_string(adjusted);
    }
}

// String.valueOf of a primitive element (`scale` for DECIMAL elements).
void AppendElement(const Value& v, int scale, std::string& out) {
    switch (v.tag()) {
        case Value::Tag::kNull:
            out += "null";
            break;
        case Value::Tag::kBool:
            out += v.AsBool() ? "true" : "false";
            break;
        case Value::Tag::kInt: {
            char buf[24];
            auto r = std::to_chars(buf, buf + sizeof buf, v.AsInt());
            out.append(buf, static_cast<size_t>(r.ptr - buf));
            break;
        }
        case Value::Tag::kDouble: {
            char buf[serde::kMaxJavaDoubleChars];
            out.append(buf, serde::FormatJavaDouble(v.AsDouble(), buf));
            break;
        }
        case Value::Tag::kDecimal:
            AppendJavaBigDecimal(v.AsDecimal(), scale, out);
            break;
        case Value::Tag::kString:
            out += v.AsString();
            break;
        default:
            break;
    }
}

void Join(const Args& a, int scale, Value& out) {
    if (a[0].is_null()) {
        out.SetNull();
        return;
    }
    std::string_view delimiter = ",";
    if (a.size() > 1) delimiter = a[1].is_null() ? std::string_view() : a[1].AsString();
    std::string& s = out.MutableString();
    s.clear();
    bool first = true;
    for (const auto& v : a[0].AsList()) {
        if (!first) s.append(delimiter);
        first = false;
        AppendElement(v, scale, s);
    }
}

bool JoinableNonDecimal(TypeKind k) {
    return k == TypeKind::kBoolean || k == TypeKind::kInt || k == TypeKind::kBigint ||
           k == TypeKind::kDouble || k == TypeKind::kString;
}

// ARRAY_JOIN(ARRAY<primitive> [, STRING]); `scale` < 0 for the non-DECIMAL overloads.
TypeResolver JoinResolver(bool with_delimiter, int scale) {
    return [=](const std::vector<SqlType>& args, std::vector<SqlType>& params) -> Result<SqlType> {
        if (args.size() != (with_delimiter ? 2u : 1u) || !IsArray(args[0])) return NoMatch();
        const SqlType& e = args[0].element();
        const bool ok = scale < 0 ? JoinableNonDecimal(e.kind())
                                  : e.kind() == TypeKind::kDecimal && e.scale() == scale;
        if (!ok) return NoMatch();
        params = {args[0]};
        if (with_delimiter) {
            if (!CanWiden(args[1], SqlType::String())) return NoMatch();
            params.push_back(SqlType::String());
        }
        return SqlType::String();
    };
}

void RegisterJoin(FunctionRegistry& r) {
    const char* desc =
        "ARRAY_JOIN(array [, delimiter]): the elements of an array of primitives as text, "
        "separated by the delimiter (',' by default; a null delimiter joins with nothing).";
    for (bool with_delimiter : {false, true}) {
        const std::string sig = with_delimiter ? "ARRAY<T>, STRING" : "ARRAY<T>";
        ScalarFunction f = Generic(
            "ARRAY_JOIN", sig, JoinResolver(with_delimiter, -1),
            [](const Args& a, Value& out) { Join(a, 0, out); }, desc, kCategoryArray);
        f.null_on_null_input = false;
        r.Add(std::move(f));
        AddPerDecimalScale(r, [&](int s) {
            ScalarFunction g = Generic(
                "ARRAY_JOIN", sig, JoinResolver(with_delimiter, s),
                [s](const Args& a, Value& out) { Join(a, s, out); }, desc, kCategoryArray);
            g.null_on_null_input = false;
            return g;
        });
    }
}

}  // namespace

void RegisterArrayFunctions(FunctionRegistry& r) {
    RegisterSetFunctions(r);
    RegisterElementFunctions(r);
    RegisterOrderFunctions(r);
    RegisterJoin(r);
}

}  // namespace runnel::expression
