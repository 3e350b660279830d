// Base64 (RFC 4648 standard alphabet, '=' padding), the text form of BYTES in JSON and
// DELIMITED, as Java's Base64 encoder writes it. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace runnel::serde {

// Appends the padded base64 text of `bytes` to `out`.
void AppendBase64(std::string_view bytes, std::string& out);

// Replaces `out` with the bytes of `text`. Padding is optional (as Java's basic decoder);
// characters outside the alphabet, misplaced padding or a dangling 6-bit group fail.
[[nodiscard]] bool DecodeBase64(std::string_view text, std::string& out);

}  // namespace runnel::serde
