#include "protocol/server_url.h"

#include <cctype>

namespace runnel::protocol {

bool ParseServerUrl(std::string_view text, ServerUrl* out, std::string* error) {
    std::string_view s = text;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    if (size_t scheme = s.find("://"); scheme != std::string_view::npos) {
        std::string_view name = s.substr(0, scheme);
        if (name != "http") {
            *error = "Unsupported scheme '" + std::string(name) + "' in " + std::string(text) +
                     " (only http:// is supported)";
            return false;
        }
        s.remove_prefix(scheme + 3);
    }
    if (size_t slash = s.find('/'); slash != std::string_view::npos) s = s.substr(0, slash);
    ServerUrl url;
    std::string_view port;
    if (!s.empty() && s.front() == '[') {
        size_t close = s.find(']');
        if (close == std::string_view::npos) {
            *error = "Invalid server address: " + std::string(text);
            return false;
        }
        url.host = std::string(s.substr(1, close - 1));
        if (close + 1 < s.size() && s[close + 1] == ':') port = s.substr(close + 2);
    } else {
        size_t colon = s.rfind(':');
        url.host = std::string(colon == std::string_view::npos ? s : s.substr(0, colon));
        if (colon != std::string_view::npos) port = s.substr(colon + 1);
    }
    if (url.host.empty()) {
        *error = "Invalid server address: " + std::string(text);
        return false;
    }
    if (!port.empty()) {
        unsigned value = 0;
        for (char c : port) {
            if (!std::isdigit(static_cast<unsigned char>(c)) || value > 65535) {
                *error = "Invalid port in server address: " + std::string(text);
                return false;
            }
            value = value * 10 + static_cast<unsigned>(c - '0');
        }
        if (value == 0 || value > 65535) {
            *error = "Invalid port in server address: " + std::string(text);
            return false;
        }
        url.port = std::string(port);
    }
    const bool v6 = url.host.find(':') != std::string::npos;
    url.url = "http://" + (v6 ? "[" + url.host + "]" : url.host) + ":" + url.port;
    *out = std::move(url);
    return true;
}

}  // namespace runnel::protocol
