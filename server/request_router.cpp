#include "server/request_router.h"

#include "protocol/error_messages.h"
#include "protocol/rest_requests.h"
#include "server/entity_mapper.h"

namespace runnel::server {

namespace {

constexpr std::string_view kKsqlV1Json = "application/vnd.ksql.v1+json";

bool Contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

// ksqlDB answers in its versioned media type when the client asks for it.
std::string JsonContentType(const HttpRequestInfo& request) {
    return Contains(request.accept, kKsqlV1Json) ? std::string(kKsqlV1Json) : "application/json";
}

HttpReply JsonReply(int status, const protocol::OrderedJson& body, std::string content_type) {
    HttpReply reply;
    reply.status = status;
    reply.content_type = std::move(content_type);
    reply.body = protocol::DumpJson(body);
    return reply;
}

HttpReply ErrorReply(int status, int code, std::string_view message,
                     const HttpRequestInfo& request) {
    return JsonReply(status, protocol::GenericError(code, message), JsonContentType(request));
}

HttpReply StatementErrorReply(const api::ExecuteError& error, protocol::OrderedJson entities,
                              const HttpRequestInfo& request) {
    return JsonReply(error.http_status, ExecuteErrorToJson(error, std::move(entities)),
                     JsonContentType(request));
}

std::string Path(const std::string& target) {
    size_t q = target.find('?');
    return q == std::string::npos ? target : target.substr(0, q);
}

}  // namespace

RequestRouter::RequestRouter(api::Engine& engine, ActiveQueries& active)
    : engine_(engine), active_(active) {}

HttpReply RequestRouter::Handle(const HttpRequestInfo& request) {
    const std::string path = Path(request.target);
    struct Route {
        const char* path;
        const char* method;
        HttpReply (RequestRouter::*handler)(const HttpRequestInfo&);
    };
    static constexpr Route kRoutes[] = {
        {"/ksql", "POST", &RequestRouter::HandleKsql},
        {"/query", "POST", &RequestRouter::HandleQuery},
        {"/query-stream", "POST", &RequestRouter::HandleQueryStream},
        {"/close-query", "POST", &RequestRouter::HandleCloseQuery},
        {"/info", "GET", &RequestRouter::HandleInfo},
        {"/healthcheck", "GET", &RequestRouter::HandleHealth},
    };
    for (const Route& route : kRoutes) {
        std::string_view p = path;
        if (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
        if (p != route.path) continue;
        if (request.method != route.method) {
            return ErrorReply(405, protocol::kErrorMethodNotAllowed,
                              "Method " + request.method + " not allowed for " + route.path,
                              request);
        }
        return (this->*route.handler)(request);
    }
    return ErrorReply(404, protocol::kErrorNotFound, "Resource not found: " + path, request);
}

HttpReply RequestRouter::HandleKsql(const HttpRequestInfo& request) {
    std::string error;
    std::optional<protocol::KsqlRequest> parsed = protocol::ParseKsqlRequest(request.body, &error);
    if (!parsed) return ErrorReply(400, protocol::kErrorBadRequest, error, request);
    api::ExecuteResponse response =
        engine_.Execute(parsed->ksql, parsed->streams_properties, parsed->session_variables);
    protocol::OrderedJson entities = ResultsToJson(response.results);
    if (response.error) return StatementErrorReply(*response.error, std::move(entities), request);
    return JsonReply(200, entities, JsonContentType(request));
}

HttpReply RequestRouter::HandleQuery(const HttpRequestInfo& request) {
    std::string error;
    std::optional<protocol::KsqlRequest> parsed = protocol::ParseKsqlRequest(request.body, &error);
    if (!parsed) return ErrorReply(400, protocol::kErrorBadRequest, error, request);
    Result<std::unique_ptr<api::PushQuery>> query = engine_.StartPushQuery(
        parsed->ksql, parsed->streams_properties, parsed->session_variables);
    if (!query.ok()) {
        return StatementErrorReply(StatusToExecuteError(query.status(), parsed->ksql),
                                   protocol::OrderedJson::array(), request);
    }
    HttpReply reply;
    reply.content_type = JsonContentType(request);
    reply.stream = std::make_unique<PushStream>(std::move(query).value(),
                                                protocol::StreamFormat::kQueryV1,
                                                reply.content_type);
    return reply;
}

HttpReply RequestRouter::HandleQueryStream(const HttpRequestInfo& request) {
    std::string error;
    std::optional<protocol::QueryStreamRequest> parsed =
        protocol::ParseQueryStreamRequest(request.body, &error);
    if (!parsed) return ErrorReply(400, protocol::kErrorBadRequest, error, request);
    Result<std::unique_ptr<api::PushQuery>> query =
        engine_.StartPushQuery(parsed->sql, parsed->properties, parsed->session_variables);
    if (!query.ok()) {
        return StatementErrorReply(StatusToExecuteError(query.status(), parsed->sql),
                                   protocol::OrderedJson::array(), request);
    }
    // The delimited format is the default; a client asking for plain JSON gets one JSON array.
    const bool json = Contains(request.accept, "application/json") &&
                      !Contains(request.accept, protocol::kDelimitedContentType);
    HttpReply reply;
    reply.content_type = json ? "application/json" : std::string(protocol::kDelimitedContentType);
    reply.stream = std::make_unique<PushStream>(
        std::move(query).value(),
        json ? protocol::StreamFormat::kJsonArray : protocol::StreamFormat::kDelimited,
        reply.content_type);
    return reply;
}

HttpReply RequestRouter::HandleCloseQuery(const HttpRequestInfo& request) {
    nlohmann::json doc = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("queryId") ||
        !doc["queryId"].is_string()) {
        return ErrorReply(400, protocol::kErrorBadRequest,
                          "Invalid JSON in request body: expected {\"queryId\": \"...\"}", request);
    }
    const std::string id = doc["queryId"].get<std::string>();
    if (!active_.Close(id)) {
        return ErrorReply(400, protocol::kErrorBadStatement, "No query with id " + id, request);
    }
    HttpReply reply;
    reply.content_type = JsonContentType(request);
    return reply;
}

HttpReply RequestRouter::HandleInfo(const HttpRequestInfo& request) {
    return JsonReply(200, ServerInfoToJson(engine_.Info()), JsonContentType(request));
}

HttpReply RequestRouter::HandleHealth(const HttpRequestInfo& request) {
    api::HealthInfo health = engine_.Health();
    return JsonReply(health.healthy() ? 200 : 503, HealthToJson(health),
                     JsonContentType(request));
}

}  // namespace runnel::server
