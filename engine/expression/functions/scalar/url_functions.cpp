// URL functions with java.net.URI's parsing (str_uri.h): URL_EXTRACT_FRAGMENT, _HOST,
// _PARAMETER, _PATH, _PORT, _PROTOCOL and _QUERY give null for text that is not a valid URI or
// lacks the part; URL_ENCODE_PARAM / URL_DECODE_PARAM use application/x-www-form-urlencoded.
#include "engine/expression/functions/scalar/scalar_functions.h"
#include "engine/expression/functions/scalar/str_fn.h"
#include "engine/expression/functions/scalar/str_uri.h"

namespace runnel::expression {

namespace {

using str::MakeFn;
using str::ParsedUri;

constexpr const char* kUrl = str::kCategoryUrl;

// Registers URL_EXTRACT_<part>(url) giving the decoded (or raw) text of one component.
template <typename Part>
ScalarFunction Extractor(const char* name, Part part, bool decode, const char* doc) {
    return MakeFn(
        name, {SqlType::String()}, SqlType::String(),
        [part, decode](const Args& a, Value& out) {
            ParsedUri u;
            std::string_view text;
            if (!str::ParseUri(a[0].AsString(), &u) || !part(u, &text)) {
                return out.SetNull();
            }
            std::string& o = out.MutableString();
            o.clear();
            if (decode) {
                str::AppendUriDecoded(text, o);
            } else {
                o.append(text);
            }
        },
        doc, kUrl);
}

void ExtractParameter(const Args& a, Value& out) {
    ParsedUri u;
    if (!str::ParseUri(a[0].AsString(), &u) || !u.has_query) return out.SetNull();
    thread_local std::string query;
    query.clear();
    str::AppendUriDecoded(u.raw_query, query);
    std::string_view q = query, name = a[1].AsString();
    size_t i = 0;
    while (true) {
        size_t amp = q.find('&', i);
        std::string_view param = q.substr(i, amp == std::string_view::npos ? q.npos : amp - i);
        size_t eq = param.find('=');
        if (param.substr(0, eq) == name) {
            if (eq == std::string_view::npos) return out.SetString("");
            return out.SetString(param.substr(eq + 1));
        }
        if (amp == std::string_view::npos) break;
        i = amp + 1;
    }
    out.SetNull();
}

}  // namespace

void RegisterUrlFunctions(FunctionRegistry& r) {
    const SqlType s = SqlType::String();
    r.Add(Extractor(
        "URL_EXTRACT_FRAGMENT",
        [](const ParsedUri& u, std::string_view* t) {
            *t = u.raw_fragment;
            return u.has_fragment;
        },
        true, "Returns the decoded fragment of a URL; null if it has none or is not a valid URI."));
    r.Add(Extractor(
        "URL_EXTRACT_HOST",
        [](const ParsedUri& u, std::string_view* t) {
            *t = u.host;
            return u.has_host;
        },
        false, "Returns the host of a URL; null if it has none or is not a valid URI."));
    r.Add(Extractor(
        "URL_EXTRACT_PATH",
        [](const ParsedUri& u, std::string_view* t) {
            *t = u.raw_path;
            return u.has_path;
        },
        true,
        "Returns the decoded path of a URL (empty if the path is empty); null if it is not a "
        "valid URI."));
    r.Add(Extractor(
        "URL_EXTRACT_PROTOCOL",
        [](const ParsedUri& u, std::string_view* t) {
            *t = u.scheme;
            return u.has_scheme;
        },
        false, "Returns the scheme of a URL; null if it has none or is not a valid URI."));
    r.Add(Extractor(
        "URL_EXTRACT_QUERY",
        [](const ParsedUri& u, std::string_view* t) {
            *t = u.raw_query;
            return u.has_query;
        },
        true,
        "Returns the decoded query string of a URL; null if it has none or is not a valid "
        "URI."));
    r.Add(MakeFn(
        "URL_EXTRACT_PORT", {s}, SqlType::Int(),
        [](const Args& a, Value& out) {
            ParsedUri u;
            if (!str::ParseUri(a[0].AsString(), &u) || u.port < 0) return out.SetNull();
            out.SetInt(u.port);
        },
        "Returns the explicit port of a URL; null if it has none or is not a valid URI.", kUrl));
    r.Add(MakeFn("URL_EXTRACT_PARAMETER", {s, s}, s, ExtractParameter,
                 "Returns the value of a parameter in the decoded query string of a URL (empty "
                 "for a parameter without '='); null if absent or not a valid URI.",
                 kUrl));
    r.Add(MakeFn(
        "URL_ENCODE_PARAM", {s}, s,
        [](const Args& a, Value& out) {
            std::string& o = out.MutableString();
            o.clear();
            str::AppendFormEncoded(a[0].AsString(), o);
        },
        "Encodes a value for use in a URL query parameter "
        "(application/x-www-form-urlencoded: space becomes '+').",
        kUrl));
    r.Add(MakeFn(
        "URL_DECODE_PARAM", {s}, s,
        [](const Args& a, Value& out) {
            std::string& o = out.MutableString();
            o.clear();
            if (!str::AppendFormDecoded(a[0].AsString(), o)) out.SetNull();
        },
        "Decodes an application/x-www-form-urlencoded value ('+' is a space); null for "
        "a malformed escape.",
        kUrl));
}

}  // namespace runnel::expression
