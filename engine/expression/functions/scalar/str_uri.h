// A URI parser with java.net.URI's rules (RFC 2396 plus Java's deviations: empty authority or
// path allowed, IPv6 literals, unescaped non-ASCII "other" characters), for the URL_* functions:
// the same strings are valid or invalid, and the components come out as URI's getters give them
// (getHost raw, getPath/getQuery/getFragment percent-decoded as UTF-8). Also the
// application/x-www-form-urlencoded encoder and decoder (Guava's form parameter escaper and
// java.net.URLDecoder). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace runnel::expression::str {

struct ParsedUri {
    bool has_scheme = false;
    std::string_view scheme;
    bool opaque = false;    // scheme:ssp without a leading '/': no host, path or query
    bool has_host = false;  // a server-based authority
    std::string_view host;
    int port = -1;
    bool has_path = false;  // hierarchical URIs always have a (possibly empty) path
    std::string_view raw_path;
    bool has_query = false;
    std::string_view raw_query;
    bool has_fragment = false;
    std::string_view raw_fragment;
};

// False where java.net.URI would throw URISyntaxException.
bool ParseUri(std::string_view text, ParsedUri* out);

// URI's component decoding: %XX sequences as UTF-8 (malformed bytes become U+FFFD).
void AppendUriDecoded(std::string_view raw, std::string& out);

// Guava's urlFormParameterEscaper: letters, digits and "-_.*" stay, space becomes '+', every
// other byte of the UTF-8 text becomes %XX (upper-case hex).
void AppendFormEncoded(std::string_view text, std::string& out);

// java.net.URLDecoder.decode(text, UTF-8): '+' is a space, %XX runs decode as UTF-8. False for a
// malformed escape.
bool AppendFormDecoded(std::string_view text, std::string& out);

}  // namespace runnel::expression::str
