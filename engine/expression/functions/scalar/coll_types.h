// Type helpers for the generic collection functions (ARRAY_*, MAP_*, SLICE, AS_MAP, ENTRIES):
// recognising ARRAY / MAP argument types, unifying the element types of two arrays, and the
// element kinds that order naturally. Used by TypeResolvers at plan time only.
// Thread-safe: pure functions.
#pragma once

#include <optional>

#include "engine/common/sql_type.h"
#include "engine/expression/function_registry.h"

namespace runnel::expression::builtin {

inline bool IsArray(const SqlType& t) { return t.kind() == TypeKind::kArray; }
inline bool IsMap(const SqlType& t) { return t.kind() == TypeKind::kMap; }
inline bool IsNullType(const SqlType& t) { return t.kind() == TypeKind::kNull; }

inline bool IsTemporalKind(TypeKind k) {
    return k == TypeKind::kDate || k == TypeKind::kTime || k == TypeKind::kTimestamp;
}

// Kinds Java orders with compareTo (ARRAY_MAX, ARRAY_MIN, ARRAY_SORT, GREATEST...).
inline bool IsOrderedKind(TypeKind k) {
    return k == TypeKind::kBoolean || k == TypeKind::kInt || k == TypeKind::kBigint ||
           k == TypeKind::kDouble || k == TypeKind::kDecimal || k == TypeKind::kString ||
           k == TypeKind::kBytes || IsTemporalKind(k);
}

// The element type both arrays can be used as: equal element types, or one widening to the
// other; a NULL-typed argument takes the other's type. nullopt when they do not unify.
inline std::optional<SqlType> UnifyArrays(const SqlType& a, const SqlType& b) {
    if (IsNullType(a) && IsArray(b)) return b;
    if (IsNullType(b) && IsArray(a)) return a;
    if (!IsArray(a) || !IsArray(b)) return std::nullopt;
    if (a.element() == b.element()) return a;
    if (CanWiden(a.element(), b.element())) return b;
    if (CanWiden(b.element(), a.element())) return a;
    return std::nullopt;
}

// Same for maps (keys and values).
inline std::optional<SqlType> UnifyMaps(const SqlType& a, const SqlType& b) {
    if (IsNullType(a) && IsMap(b)) return b;
    if (IsNullType(b) && IsMap(a)) return a;
    if (!IsMap(a) || !IsMap(b)) return std::nullopt;
    if (a == b) return a;
    if (a.map_key() != b.map_key()) return std::nullopt;
    if (CanWiden(a.map_value(), b.map_value())) return b;
    if (CanWiden(b.map_value(), a.map_value())) return a;
    return std::nullopt;
}

}  // namespace runnel::expression::builtin
