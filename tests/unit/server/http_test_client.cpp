#include "tests/unit/server/http_test_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>

namespace runnel::server::testing {

namespace {

std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string Trim(const std::string& s) {
    size_t a = s.find_first_not_of(" \t");
    if (a == std::string::npos) return "";
    size_t b = s.find_last_not_of(" \t");
    return s.substr(a, b - a + 1);
}

}  // namespace

bool HttpTestConnection::Connect(uint16_t port) {
    Close();
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        Close();
        return false;
    }
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return true;
}

void HttpTestConnection::Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    buffer_.clear();
}

bool HttpTestConnection::SendRaw(const std::string& bytes) {
    size_t sent = 0;
    while (sent < bytes.size()) {
        ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        sent += static_cast<size_t>(n);
    }
    return true;
}

bool HttpTestConnection::SendRequest(const std::string& method, const std::string& target,
                                     const std::string& body, const std::string& extra_headers) {
    std::string req = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n";
    if (extra_headers.find("Content-Type:") == std::string::npos) {
        req += "Content-Type: application/json\r\n";
    }
    req += extra_headers;
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    return SendRaw(req);
}

bool HttpTestConnection::Fill(int timeout_ms) {
    if (fd_ < 0) return false;
    pollfd p{fd_, POLLIN, 0};
    int r = ::poll(&p, 1, timeout_ms);
    if (r <= 0) return false;
    char buf[4096];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    buffer_.append(buf, static_cast<size_t>(n));
    return true;
}

std::optional<std::string> HttpTestConnection::ReadLine(int timeout_ms) {
    for (;;) {
        size_t pos = buffer_.find("\r\n");
        if (pos != std::string::npos) {
            std::string line = buffer_.substr(0, pos);
            buffer_.erase(0, pos + 2);
            return line;
        }
        if (!Fill(timeout_ms)) return std::nullopt;
    }
}

std::optional<HttpTestResponse> HttpTestConnection::ReadHead(int timeout_ms) {
    HttpTestResponse response;
    auto status_line = ReadLine(timeout_ms);
    if (!status_line) return std::nullopt;
    // "HTTP/1.1 200 OK"; skip interim 100 Continue responses.
    size_t sp = status_line->find(' ');
    if (sp == std::string::npos) return std::nullopt;
    response.status = std::atoi(status_line->c_str() + sp + 1);
    for (;;) {
        auto line = ReadLine(timeout_ms);
        if (!line) return std::nullopt;
        if (line->empty()) break;
        size_t colon = line->find(':');
        if (colon == std::string::npos) continue;
        response.headers[Lower(line->substr(0, colon))] = Trim(line->substr(colon + 1));
    }
    if (response.status == 100) return ReadHead(timeout_ms);
    response.chunked = Lower(response.header("transfer-encoding")).find("chunked") !=
                       std::string::npos;
    return response;
}

std::optional<std::string> HttpTestConnection::ReadChunk(int timeout_ms) {
    auto size_line = ReadLine(timeout_ms);
    if (!size_line) return std::nullopt;
    size_t size = std::strtoul(size_line->c_str(), nullptr, 16);
    if (size == 0) {
        ReadLine(timeout_ms);  // the empty line after the last chunk
        return std::nullopt;
    }
    while (buffer_.size() < size + 2) {
        if (!Fill(timeout_ms)) return std::nullopt;
    }
    std::string data = buffer_.substr(0, size);
    buffer_.erase(0, size + 2);
    return data;
}

bool HttpTestConnection::ReadBody(HttpTestResponse* response, int timeout_ms) {
    if (response->chunked) {
        while (auto chunk = ReadChunk(timeout_ms)) response->body += *chunk;
        return true;
    }
    std::string length = response->header("content-length");
    if (!length.empty()) {
        size_t n = std::strtoul(length.c_str(), nullptr, 10);
        while (buffer_.size() < n) {
            if (!Fill(timeout_ms)) return false;
        }
        response->body = buffer_.substr(0, n);
        buffer_.erase(0, n);
        return true;
    }
    while (Fill(timeout_ms)) {
    }
    response->body = buffer_;
    buffer_.clear();
    return true;
}

std::optional<HttpTestResponse> HttpTestConnection::ReadResponse(int timeout_ms) {
    auto response = ReadHead(timeout_ms);
    if (!response) return std::nullopt;
    if (!ReadBody(&*response, timeout_ms)) return std::nullopt;
    return response;
}

bool HttpTestConnection::WaitForClose(int timeout_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        char buf[4096];
        ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) return true;
        buffer_.append(buf, static_cast<size_t>(n));
    }
    return false;
}

std::optional<HttpTestResponse> HttpCall(uint16_t port, const std::string& method,
                                         const std::string& target, const std::string& body,
                                         const std::string& extra_headers) {
    HttpTestConnection conn;
    if (!conn.Connect(port)) return std::nullopt;
    if (!conn.SendRequest(method, target, body, extra_headers)) return std::nullopt;
    return conn.ReadResponse();
}

}  // namespace runnel::server::testing
