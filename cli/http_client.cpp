// The only translation unit of the CLI that includes Boost.Beast.
#include <utility>  // before Boost.Asio: Boost 1.74's awaitable.hpp needs std::exchange in C++20

#include "cli/http_client.h"

#include <poll.h>
#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <limits>
#include <optional>

namespace runnel::cli {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr const char* kMediaType = "application/vnd.ksql.v1+json";

// True when the server has closed an idle keep-alive connection.
bool PeerClosed(int fd) {
    pollfd p{};
    p.fd = fd;
    p.events = POLLIN | POLLRDHUP;
    if (::poll(&p, 1, 0) <= 0) return false;
    if (p.revents & (POLLERR | POLLHUP | POLLRDHUP | POLLNVAL)) return true;
    char c;
    return ::recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

}  // namespace

class HttpClient::Impl {
public:
    Impl(std::string host, std::string port)
        : host_(std::move(host)), port_(std::move(port)), stream_(ioc_) {}

    bool EnsureConnected(std::string* error) {
        if (stream_.socket().is_open()) {
            if (!PeerClosed(stream_.socket().native_handle())) return true;
            Disconnect();
        }
        beast::error_code ec;
        tcp::resolver resolver(ioc_);
        auto endpoints = resolver.resolve(host_, port_, ec);
        if (ec) {
            *error = ec.message();
            return false;
        }
        stream_.socket().close(ec);
        net::connect(stream_.socket(), endpoints, ec);
        if (ec) {
            *error = ec.message();
            Disconnect();
            return false;
        }
        stream_.socket().set_option(tcp::no_delay(true), ec);
        buffer_.clear();
        return true;
    }

    void Disconnect() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.socket().close(ec);
        buffer_.clear();
    }

    int fd() { return stream_.socket().native_handle(); }

    http::request<http::string_body> MakeRequest(http::verb verb, const std::string& path,
                                                 const std::string& body) {
        http::request<http::string_body> req{verb, path, 11};
        req.set(http::field::host, host_ + ":" + port_);
        req.set(http::field::user_agent, "runnel-cli");
        req.set(http::field::accept, kMediaType);
        if (verb == http::verb::post) {
            req.set(http::field::content_type, kMediaType);
            req.body() = body;
        }
        req.keep_alive(true);
        req.prepare_payload();
        return req;
    }

    std::string host_;
    std::string port_;
    net::io_context ioc_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
};

HttpClient::HttpClient(std::string host, std::string port)
    : impl_(std::make_unique<Impl>(std::move(host), std::move(port))) {}

HttpClient::~HttpClient() = default;

void HttpClient::Interrupt() {
    interrupted_.store(true);
    int fd = active_fd_.load();
    if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
}

bool HttpClient::Get(const std::string& path, HttpResult* out, std::string* error) {
    std::string collected;
    bool ok = Exchange(
        /*post=*/false, path, std::string(),
        [&](int status, const std::string& type) {
            out->status = status;
            out->content_type = type;
        },
        [&](std::string_view data) { collected.append(data); }, error);
    out->body = std::move(collected);
    return ok;
}

bool HttpClient::Post(const std::string& path, const std::string& body, HttpResult* out,
                      std::string* error) {
    std::string collected;
    bool ok = Exchange(
        /*post=*/true, path, body,
        [&](int status, const std::string& type) {
            out->status = status;
            out->content_type = type;
        },
        [&](std::string_view data) { collected.append(data); }, error);
    out->body = std::move(collected);
    return ok;
}

bool HttpClient::PostStreaming(const std::string& path, const std::string& body,
                               const HeadCallback& on_head, const DataCallback& on_data,
                               std::string* error) {
    return Exchange(/*post=*/true, path, body, on_head, on_data, error);
}

bool HttpClient::Exchange(bool post, const std::string& path, const std::string& body,
                          const HeadCallback& on_head, const DataCallback& on_data,
                          std::string* error) {
    interrupted_.store(false);
    if (!impl_->EnsureConnected(error)) return false;
    active_fd_.store(impl_->fd());
    // Runs on every exit: the signal handler must never see a stale descriptor.
    struct Reset {
        std::atomic<int>& fd;
        ~Reset() { fd.store(-1); }
    } reset{active_fd_};
    auto fail = [&](const beast::error_code& ec) {
        *error = interrupted_.load() ? std::string("interrupted") : ec.message();
        impl_->Disconnect();
        return false;
    };
    if (interrupted_.load()) return fail({});

    auto req = impl_->MakeRequest(post ? http::verb::post : http::verb::get, path, body);
    beast::error_code ec;
    http::write(impl_->stream_, req, ec);
    if (ec) return fail(ec);

    http::response_parser<http::string_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    // Beast keeps a reference to the callback: it must outlive the reads below.
    auto on_chunk = [&](std::uint64_t, beast::string_view data, beast::error_code&) {
        on_data(std::string_view(data.data(), data.size()));
        return data.size();
    };
    parser.on_chunk_body(on_chunk);
    http::read_header(impl_->stream_, impl_->buffer_, parser, ec);
    if (ec) return fail(ec);
    on_head(static_cast<int>(parser.get().result_int()),
            std::string(parser.get()[http::field::content_type]));
    while (!parser.is_done()) {
        http::read_some(impl_->stream_, impl_->buffer_, parser, ec);
        std::string& stored = parser.get().body();  // non-chunked bodies land here
        if (!stored.empty()) {
            on_data(stored);
            stored.clear();
        }
        if (ec == http::error::end_of_stream && parser.is_done()) break;
        if (ec) return fail(ec);
    }
    std::string& stored = parser.get().body();
    if (!stored.empty()) on_data(stored);
    if (!parser.keep_alive()) impl_->Disconnect();
    return true;
}

}  // namespace runnel::cli
