// Byte/text codecs behind ENCODE, TO_BYTES and FROM_BYTES, with the Java behaviour ksqlDB
// shows: decoding bytes as UTF-8 or ASCII replaces malformed input with U+FFFD, encoding text
// as ASCII writes '?' for every non-ASCII character, hex accepts either case, base64 decoding
// is lenient (characters outside the alphabet are skipped, as the MIME and commons-codec
// decoders do). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace runnel::expression::str {

enum class Encoding : uint8_t { kHex, kUtf8, kAscii, kBase64 };

// "hex", "utf8", "ascii" or "base64", ASCII case-insensitive.
bool ParseEncoding(std::string_view name, Encoding* out);

// Bytes read as UTF-8 text: malformed sequences become U+FFFD (the result is valid UTF-8).
void AppendDecodedUtf8(std::string_view bytes, std::string& out);
// Bytes read as US-ASCII text: every byte >= 0x80 becomes U+FFFD.
void AppendDecodedAscii(std::string_view bytes, std::string& out);
// Text written as US-ASCII bytes: every non-ASCII character becomes '?'.
void AppendAsciiBytes(std::string_view text, std::string& out);

void AppendHex(std::string_view bytes, bool upper_case, std::string& out);
// Even number of hex digits (either case); false otherwise. Appends to `out`.
bool DecodeHex(std::string_view text, std::string& out);

// Lenient base64: characters outside the alphabet are ignored, padding is optional; false for a
// dangling single 6-bit group. Appends to `out`.
bool DecodeBase64Lenient(std::string_view text, std::string& out);
// Java's MIME encoder: standard alphabet with padding, lines of 76 characters joined by CRLF.
void AppendBase64Mime(std::string_view bytes, std::string& out);

// Lower-case hex MD5 digest of `bytes` (32 characters).
void AppendMd5Hex(std::string_view bytes, std::string& out);

}  // namespace runnel::expression::str
