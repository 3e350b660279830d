// Small text helpers for the test runner: trimming, case folding, splitting, base64 and hex.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runnel::runner {

std::string_view Trim(std::string_view s);
std::string Upper(std::string_view s);
std::string Lower(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
// Case-insensitive ASCII comparison.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::vector<std::string> SplitLines(std::string_view text);
// Collapses runs of whitespace (newlines included) to one space and trims.
std::string CollapseSpace(std::string_view s);

std::string Base64Encode(std::string_view bytes);
// Standard alphabet with padding; nullopt when malformed.
std::optional<std::string> Base64Decode(std::string_view text);

std::string HexEncode(std::string_view bytes);
// Two hex digits per byte (spaces allowed between bytes); nullopt when malformed.
std::optional<std::string> HexDecode(std::string_view text);

// Reads a whole file; nullopt when it cannot be read.
std::optional<std::string> ReadFile(const std::string& path);

// For messages: the text with control and non-printable bytes escaped, cut at `max` chars.
std::string Printable(std::string_view bytes, size_t max = 200);

}  // namespace runnel::runner
