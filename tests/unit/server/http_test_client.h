// A small blocking HTTP/1.1 client over POSIX sockets for the server tests (keeps Beast out of
// the test binary): send raw requests, read whole responses or a streamed body chunk by chunk.
// Not thread-safe (one connection per test thread).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace runnel::server::testing {

struct HttpTestResponse {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    bool chunked = false;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

class HttpTestConnection {
public:
    HttpTestConnection() = default;
    ~HttpTestConnection() { Close(); }
    HttpTestConnection(const HttpTestConnection&) = delete;
    HttpTestConnection& operator=(const HttpTestConnection&) = delete;

    bool Connect(uint16_t port);
    void Close();
    bool connected() const { return fd_ >= 0; }

    bool SendRaw(const std::string& bytes);
    bool SendRequest(const std::string& method, const std::string& target,
                     const std::string& body, const std::string& extra_headers = "");

    // Status line and headers only (then ReadChunk / ReadBody for the body).
    std::optional<HttpTestResponse> ReadHead(int timeout_ms = 5000);
    // The next chunk's data of a chunked body; nullopt at the last chunk, on close or timeout.
    std::optional<std::string> ReadChunk(int timeout_ms = 5000);
    // The rest of the body (Content-Length, chunked, or until the peer closes).
    bool ReadBody(HttpTestResponse* response, int timeout_ms = 5000);
    // ReadHead + ReadBody.
    std::optional<HttpTestResponse> ReadResponse(int timeout_ms = 5000);
    // True when the peer closed the connection (reads EOF) within the timeout.
    bool WaitForClose(int timeout_ms);

private:
    bool Fill(int timeout_ms);  // reads more bytes into buffer_; false on EOF/error/timeout
    std::optional<std::string> ReadLine(int timeout_ms);

    int fd_ = -1;
    std::string buffer_;
};

// One request on a fresh connection.
std::optional<HttpTestResponse> HttpCall(uint16_t port, const std::string& method,
                                         const std::string& target, const std::string& body = "",
                                         const std::string& extra_headers = "");

}  // namespace runnel::server::testing
