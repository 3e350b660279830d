// The only translation unit of the server that includes Boost.Beast (slow to compile): transport
// only. Request handling lives in RequestRouter, framing in PushStream / protocol.
#include <utility>  // before Boost.Asio: Boost 1.74's awaitable.hpp needs std::exchange in C++20

#include "server/http_server.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <exception>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/common/log.h"
#include "protocol/error_messages.h"
#include "protocol/json_text.h"
#include "server/active_queries.h"
#include "server/request_router.h"

namespace runnel::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr std::string_view kLog = "http";

// True when the peer has closed or reset the connection. Pipelined bytes waiting to be read do
// not count as a disconnect.
bool ClientGone(int fd) {
    pollfd p{};
    p.fd = fd;
    p.events = POLLIN | POLLRDHUP;
    if (::poll(&p, 1, 0) <= 0) return false;
    if (p.revents & (POLLERR | POLLHUP | POLLRDHUP | POLLNVAL)) return true;
    if (p.revents & POLLIN) {
        char c;
        ssize_t n = ::recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
        if (n == 0) return true;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return true;
    }
    return false;
}

// Writes one piece of a streamed body (a chunk when chunked). Empty pieces are skipped: an empty
// chunk would end the body.
bool WritePiece(tcp::socket& socket, std::string_view data, bool chunked, beast::error_code& ec) {
    if (data.empty()) return true;
    net::const_buffer buffer(data.data(), data.size());
    if (chunked) {
        net::write(socket, http::make_chunk(buffer), ec);
    } else {
        net::write(socket, buffer, ec);
    }
    return !ec;
}

bool IsHttpParseError(const beast::error_code& ec) {
    return ec.category() == beast::http::make_error_code(http::error::bad_target).category();
}

}  // namespace

class Session;

class HttpServer::Impl {
public:
    Impl(const ServerOptions& options, api::Engine& engine)
        : options_(options),
          ioc_(std::max(1, options.io_threads)),
          acceptor_(net::make_strand(ioc_)),
          router_(engine, active_) {}

    ~Impl() { Stop(); }

    Status Listen();
    void Run();
    void Stop();
    void LaunchStream(const std::shared_ptr<Session>& session, std::unique_ptr<PushStream> stream,
                      bool keep_alive, unsigned version);

    const ServerOptions options_;
    net::io_context ioc_;
    tcp::acceptor acceptor_;
    ActiveQueries active_;
    RequestRouter router_;
    std::atomic<bool> stopping_{false};
    uint16_t port_ = 0;

private:
    struct StreamThread {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> done;
        std::weak_ptr<Session> session;
    };

    void DoAccept();
    void ReapStreamsLocked();

    std::mutex mu_;  // guards streams_
    std::list<StreamThread> streams_;
    std::vector<std::thread> io_threads_;
    std::mutex stop_mu_;
    bool stopped_ = false;
};

// One client connection: reads requests one after another (keep-alive) and answers them.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, HttpServer::Impl& server)
        : stream_(std::move(socket)), server_(server) {}

    void Start() {
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&Session::DoRead, shared_from_this()));
    }

    tcp::socket& socket() { return stream_.socket(); }

    // Runs on the query's own thread; no asynchronous operation is pending on the socket then.
    void RunStream(std::unique_ptr<PushStream> push, bool keep_alive, unsigned version);

private:
    void DoRead();
    void OnHeader(beast::error_code ec, std::size_t);
    void ReadBody();
    void OnRead(beast::error_code ec, std::size_t);
    void OnReadError(const beast::error_code& ec);
    void SendReply(HttpReply reply, bool keep_alive, unsigned version);
    void Close();

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    HttpServer::Impl& server_;
};

void Session::DoRead() {
    if (server_.stopping_) {
        Close();
        return;
    }
    parser_.emplace();
    parser_->body_limit(server_.options_.body_limit);
    stream_.expires_after(std::chrono::seconds(server_.options_.idle_timeout_s));
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
}

void Session::OnHeader(beast::error_code ec, std::size_t) {
    if (ec) {
        OnReadError(ec);
        return;
    }
    const auto& req = parser_->get();
    if (beast::iequals(req[http::field::expect], "100-continue")) {
        // curl sends this for bodies over 1 KB and otherwise waits a second before sending.
        auto res = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                      req.version());
        http::async_write(stream_, *res,
                          [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
                              if (ec) {
                                  self->Close();
                                  return;
                              }
                              self->ReadBody();
                          });
        return;
    }
    ReadBody();
}

void Session::ReadBody() {
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnRead, shared_from_this()));
}

void Session::OnReadError(const beast::error_code& ec) {
    if (ec == http::error::body_limit) {
        HttpReply reply;
        reply.status = 413;
        reply.body = protocol::DumpJson(protocol::GenericError(
            protocol::kErrorPayloadTooLarge, "Request body larger than the limit of " +
                                                 std::to_string(server_.options_.body_limit) +
                                                 " bytes"));
        SendReply(std::move(reply), /*keep_alive=*/false, 11);
        return;
    }
    if (IsHttpParseError(ec) && ec != http::error::end_of_stream &&
        ec != http::error::partial_message) {
        HttpReply reply;
        reply.status = 400;
        reply.body = protocol::DumpJson(protocol::GenericError(
            protocol::kErrorBadRequest, "Bad HTTP request: " + ec.message()));
        SendReply(std::move(reply), /*keep_alive=*/false, 11);
        return;
    }
    Close();  // end of stream, timeout, reset: nothing to answer
}

void Session::OnRead(beast::error_code ec, std::size_t) {
    if (ec) {
        OnReadError(ec);
        return;
    }
    http::request<http::string_body> req = parser_->release();
    HttpRequestInfo info;
    info.method = std::string(req.method_string());
    info.target = std::string(req.target());
    info.content_type = std::string(req[http::field::content_type]);
    info.accept = std::string(req[http::field::accept]);
    info.body = std::move(req.body());
    const bool keep_alive = req.keep_alive();
    const unsigned version = req.version();

    HttpReply reply;
    try {
        reply = server_.router_.Handle(info);
    } catch (const std::exception& e) {  // a bug must not take the server down
        RLOG_ERROR(kLog, "{} {} failed: {}", info.method, info.target, e.what());
        reply = HttpReply{};
        reply.status = 500;
        reply.body = protocol::DumpJson(protocol::GenericError(protocol::kErrorServer, e.what()));
    }
    if (reply.stream) {
        stream_.expires_never();
        server_.LaunchStream(shared_from_this(), std::move(reply.stream), keep_alive, version);
        return;
    }
    SendReply(std::move(reply), keep_alive, version);
}

void Session::SendReply(HttpReply reply, bool keep_alive, unsigned version) {
    auto res = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(reply.status), version);
    res->set(http::field::content_type, reply.content_type);
    res->keep_alive(keep_alive);
    res->body() = std::move(reply.body);
    res->prepare_payload();
    stream_.expires_after(std::chrono::seconds(server_.options_.idle_timeout_s));
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
                          if (ec || res->need_eof()) {
                              self->Close();
                              return;
                          }
                          self->DoRead();
                      });
}

void Session::Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
}

void Session::RunStream(std::unique_ptr<PushStream> push, bool keep_alive, unsigned version) {
    tcp::socket& socket = stream_.socket();
    const int fd = socket.native_handle();
    const bool chunked = version >= 11;  // HTTP/1.0: raw body, then close
    if (!chunked) keep_alive = false;

    http::response<http::empty_body> res{http::status::ok, version};
    res.set(http::field::content_type, push->content_type());
    res.keep_alive(keep_alive);
    if (chunked) res.chunked(true);
    http::response_serializer<http::empty_body> serializer{res};
    beast::error_code ec;
    http::write_header(socket, serializer, ec);
    bool ok = !ec && WritePiece(socket, push->Begin(), chunked, ec);

    bool ended = false;
    std::string text;
    while (ok) {
        if (server_.stopping_) push->Close();  // the loop then ends with the final message
        if (ClientGone(fd)) {
            ok = false;
            break;
        }
        text.clear();
        const bool more = push->Poll(&text, server_.options_.poll_timeout_ms);
        if (!WritePiece(socket, text, chunked, ec)) {
            ok = false;
            break;
        }
        if (!more) {
            ended = true;
            break;
        }
    }
    if (ok && ended) {
        ok = WritePiece(socket, push->End(), chunked, ec);
        if (ok && chunked) {
            net::write(socket, http::make_chunk_last(), ec);
            ok = !ec;
        }
    }
    if (!ok) RLOG_DEBUG(kLog, "push query {}: client gone, closing it", push->query_id());
    push->Close();
    server_.active_.Remove(push.get());
    push.reset();

    if (ok && keep_alive && !server_.stopping_) {
        net::post(stream_.get_executor(),
                  beast::bind_front_handler(&Session::DoRead, shared_from_this()));
    } else {
        beast::error_code ignored;
        socket.shutdown(tcp::socket::shutdown_both, ignored);
    }
}

Status HttpServer::Impl::Listen() {
    beast::error_code ec;
    tcp::resolver resolver(ioc_);
    const std::string where = options_.host + ":" + std::to_string(options_.port);
    auto results = resolver.resolve(options_.host, std::to_string(options_.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
    if (ec || results.empty()) {
        return Status::IoError("Could not resolve listener address " + where + ": " +
                               (ec ? ec.message() : std::string("no address")));
    }
    const tcp::endpoint endpoint = results.begin()->endpoint();
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return Status::IoError("Could not listen on " + where + ": " + ec.message());
    port_ = acceptor_.local_endpoint(ec).port();
    return Status::Ok();
}

void HttpServer::Impl::Run() {
    DoAccept();
    const int n = std::max(1, options_.io_threads);
    io_threads_.reserve(n);
    for (int i = 0; i < n; ++i) io_threads_.emplace_back([this] { ioc_.run(); });
}

void HttpServer::Impl::DoAccept() {
    acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec,
                                                          tcp::socket socket) {
        if (!acceptor_.is_open() || stopping_) return;
        if (ec) {
            RLOG_WARN(kLog, "accept failed: {}", ec.message());
        } else {
            beast::error_code ignored;
            socket.set_option(tcp::no_delay(true), ignored);  // rows are small; send them now
            std::make_shared<Session>(std::move(socket), *this)->Start();
        }
        DoAccept();
    });
}

void HttpServer::Impl::ReapStreamsLocked() {
    for (auto it = streams_.begin(); it != streams_.end();) {
        if (it->done->load()) {
            it->thread.join();
            it = streams_.erase(it);
        } else {
            ++it;
        }
    }
}

void HttpServer::Impl::LaunchStream(const std::shared_ptr<Session>& session,
                                    std::unique_ptr<PushStream> stream, bool keep_alive,
                                    unsigned version) {
    std::lock_guard<std::mutex> lock(mu_);
    ReapStreamsLocked();
    if (stopping_) {
        stream->Close();
        beast::error_code ignored;
        session->socket().shutdown(tcp::socket::shutdown_both, ignored);
        return;
    }
    active_.Add(stream.get());
    auto done = std::make_shared<std::atomic<bool>>(false);
    StreamThread entry;
    entry.done = done;
    entry.session = session;
    entry.thread = std::thread([session = session, stream = std::move(stream), keep_alive, version,
                                done]() mutable {
        session->RunStream(std::move(stream), keep_alive, version);
        session.reset();
        done->store(true);
    });
    streams_.push_back(std::move(entry));
}

void HttpServer::Impl::Stop() {
    std::lock_guard<std::mutex> stop_lock(stop_mu_);
    if (stopped_) return;
    stopped_ = true;
    stopping_ = true;
    net::post(acceptor_.get_executor(), [this] {
        beast::error_code ignored;
        acceptor_.close(ignored);
    });

    // Running push queries end; their threads send the final message and finish.
    active_.CloseAll();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    for (;;) {
        bool all_done = true;
        {
            std::lock_guard<std::mutex> lock(mu_);
            for (const auto& s : streams_) all_done = all_done && s.done->load();
        }
        if (all_done || std::chrono::steady_clock::now() >= deadline) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::list<StreamThread> streams;
    {
        std::lock_guard<std::mutex> lock(mu_);
        for (auto& s : streams_) {
            // A client that does not read blocks its thread in a write: cut the connection.
            if (auto session = s.session.lock()) {
                ::shutdown(session->socket().native_handle(), SHUT_RDWR);
            }
        }
        streams.swap(streams_);
    }
    for (auto& s : streams) s.thread.join();

    ioc_.stop();
    for (auto& t : io_threads_) t.join();
    io_threads_.clear();
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { Stop(); }

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const ServerOptions& options,
                                                      api::Engine& engine) {
    auto impl = std::make_unique<Impl>(options, engine);
    Status status = impl->Listen();
    if (!status.ok()) return status;
    impl->Run();
    return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

void HttpServer::Stop() {
    if (impl_) impl_->Stop();
}

uint16_t HttpServer::port() const { return impl_->port_; }

}  // namespace runnel::server
