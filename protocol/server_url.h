// Parses the server address the CLI is given: "http://HOST:PORT", "HOST:PORT" or "HOST"
// (port 8088 by default), IPv6 in brackets. Stateless functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace runnel::protocol {

struct ServerUrl {
    std::string host;
    std::string port = "8088";
    std::string url;  // normalised: http://HOST:PORT
};

// False with *error set for an unsupported scheme or a bad port.
bool ParseServerUrl(std::string_view text, ServerUrl* out, std::string* error);

}  // namespace runnel::protocol
