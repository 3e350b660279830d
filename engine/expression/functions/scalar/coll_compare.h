// Ordering, equality and hashing of values by their storage alone (no SqlType), with Java's
// semantics, for functions whose implementation only sees values: ARRAY_SORT / ARRAY_MAX /
// GREATEST order primitives the way Java's compareTo does; ARRAY_DISTINCT / ARRAY_REMOVE /
// MAP_UNION compare elements the way Java's equals / hashCode do. DECIMAL values inside one
// typed collection or argument list share a scale, so their unscaled integers compare directly.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/common/value.h"

namespace runnel::expression::builtin {

// How STRING-stored values order: Java String.compareTo (UTF-16 code units) or ByteBuffer
// compareTo for BYTES (signed bytes).
enum class TextOrder : uint8_t { kString, kBytes };

// -1, 0, 1 for two non-null values of one primitive type: BOOLEAN false < true, integers and
// temporal values numerically, DOUBLE as Double.compare (-0.0 < 0.0, NaN above everything),
// DECIMAL by unscaled value, text as `order` says.
int CompareScalar(const Value& a, const Value& b, TextOrder order);

// Java String.compareTo on UTF-8 text: the order of UTF-16 code units.
int CompareJavaStrings(std::string_view a, std::string_view b);

// Java equals: nulls equal each other, DOUBLE as Double.equals (NaN equals NaN, 0.0 differs
// from -0.0), lists element-wise, maps as sets of entries (order ignored).
bool JavaEquals(const Value& a, const Value& b);

// A hash consistent with JavaEquals (maps hash independently of entry order).
size_t JavaHash(const Value& v);

struct JavaHasher {
    size_t operator()(const Value* v) const { return JavaHash(*v); }
};
struct JavaEqualTo {
    bool operator()(const Value* a, const Value* b) const { return JavaEquals(*a, *b); }
};

}  // namespace runnel::expression::builtin
