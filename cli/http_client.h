// The CLI's HTTP/1.1 client (Boost.Beast behind this header, which has no Boost types): plain
// requests, and streamed responses delivered piece by piece as they arrive. Keeps one keep-alive
// connection and reconnects when the server closed it. Not thread-safe, except Interrupt(), which
// may be called from a signal handler while a request is in progress.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace runnel::cli {

struct HttpResult {
    int status = 0;
    std::string content_type;
    std::string body;
};

class HttpClient {
public:
    HttpClient(std::string host, std::string port);
    ~HttpClient();

    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // False with *error set when the server cannot be reached or the exchange breaks off
    // (connection refused, reset, interrupted). HTTP error statuses are results, not failures.
    bool Get(const std::string& path, HttpResult* out, std::string* error);
    bool Post(const std::string& path, const std::string& body, HttpResult* out,
              std::string* error);

    using HeadCallback = std::function<void(int status, const std::string& content_type)>;
    using DataCallback = std::function<void(std::string_view data)>;
    // POSTs and hands the response body to on_data as it arrives (chunked or not). on_head runs
    // once before any data. Returns false on transport failure or interruption.
    bool PostStreaming(const std::string& path, const std::string& body,
                       const HeadCallback& on_head, const DataCallback& on_data,
                       std::string* error);

    // Async-signal-safe: cuts the request in progress short (shuts its socket down).
    void Interrupt();
    // Whether the last request ended because of Interrupt().
    bool interrupted() const { return interrupted_.load(); }

    class Impl;

private:
    bool Exchange(bool post, const std::string& path, const std::string& body,
                  const HeadCallback& on_head, const DataCallback& on_data, std::string* error);

    std::unique_ptr<Impl> impl_;
    std::atomic<int> active_fd_{-1};
    std::atomic<bool> interrupted_{false};
};

}  // namespace runnel::cli
