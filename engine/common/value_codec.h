// A compact, self-describing byte encoding of runnel::Value, for state that the engine keeps in
// its stores (aggregate accumulators, rows in RocksDB and changelog topics). Each value is one tag
// byte followed by its payload:
//   null, false, true        tag only
//   int                      zig-zag varint (1 byte for -64..63, at most 10)
//   double                   8 bytes, IEEE-754 bits little-endian
//   decimal                  zig-zag varint of the 128-bit unscaled value (at most 19 bytes)
//   string/bytes             varint length, then the bytes
//   list                     varint count, then the elements
//   map                      varint count, then key and value of each entry in order
// The SQL type is not stored (the schema carries it): a value reads back with the same physical
// tag it was written with. The format is stable: changing it needs a new tag, since stores and
// changelog topics outlive a release.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/value.h"

namespace runnel {

// Appends the encoding of `v` to `out`.
void AppendValue(const Value& v, std::string& out);

// Decodes one value from the front of `in` into `out` and advances `in` past it. False when the
// input is truncated or corrupt (unknown tag, overlong varint, counts beyond the input, nesting
// deeper than kMaxValueDepth); `in` and `out` are then unspecified. Reuses out's string buffer,
// so decoding integers, doubles and strings that fit allocates nothing.
bool ReadValue(std::string_view& in, Value& out);

// A count followed by the `n` values.
void AppendValues(const Value* v, size_t n, std::string& out);

// Reads a count and that many values, replacing the contents of `out` (its elements' buffers
// are reused). False on truncated or corrupt input.
bool ReadValues(std::string_view& in, std::vector<Value>& out);

// Deepest list/map nesting ReadValue accepts (guards the stack against corrupt input).
inline constexpr int kMaxValueDepth = 256;

}  // namespace runnel
