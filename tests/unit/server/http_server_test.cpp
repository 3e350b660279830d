#include "server/http_server.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "tests/unit/server/fake_engine.h"
#include "tests/unit/server/http_test_client.h"

namespace runnel::server {
namespace {

using Json = nlohmann::json;
using testing::FakeEngine;
using testing::HttpCall;
using testing::HttpTestConnection;

class HttpServerTest : public ::testing::Test {
protected:
    void SetUp() override { StartServer(ServerOptions{}); }

    void StartServer(ServerOptions options) {
        options.port = 0;
        options.poll_timeout_ms = 20;
        auto server = HttpServer::Start(options, engine_);
        ASSERT_TRUE(server.ok()) << server.status().ToString();
        server_ = std::move(server).value();
        port_ = server_->port();
        ASSERT_NE(port_, 0);
    }

    template <typename Pred>
    static bool Eventually(Pred pred, int timeout_ms = 3000) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        while (std::chrono::steady_clock::now() < deadline) {
            if (pred()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return pred();
    }

    FakeEngine engine_;
    std::unique_ptr<HttpServer> server_;
    uint16_t port_ = 0;
};

TEST_F(HttpServerTest, KsqlSuccessReturnsEntityArray) {
    auto r = HttpCall(port_, "POST", "/ksql",
                      R"({"ksql":"CREATE STREAM S (ID INT KEY) WITH (kafka_topic='s');",)"
                      R"("streamsProperties":{"auto.offset.reset":"earliest"}})");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->header("content-type"), "application/json");
    Json body = Json::parse(r->body);
    ASSERT_TRUE(body.is_array());
    ASSERT_EQ(body.size(), 1u);
    EXPECT_EQ(body[0]["@type"], "currentStatus");
    EXPECT_EQ(body[0]["commandStatus"]["status"], "SUCCESS");
    EXPECT_EQ(body[0]["commandStatus"]["message"], "Stream created");
    EXPECT_TRUE(body[0]["commandStatus"]["queryId"].is_null());
    EXPECT_EQ(body[0]["commandSequenceNumber"], 1);
    EXPECT_EQ(engine_.last_properties().at("auto.offset.reset"), "earliest");
}

TEST_F(HttpServerTest, KsqlStatementsWithoutEntityAreLeftOut) {
    auto r = HttpCall(port_, "POST", "/ksql", R"({"ksql":"SET 'a'='b'; SHOW STREAMS;"})");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    Json body = Json::parse(r->body);
    ASSERT_EQ(body.size(), 1u);
    EXPECT_EQ(body[0]["@type"], "streams");
    EXPECT_EQ(body[0]["streams"][0]["name"], "S");
}

TEST_F(HttpServerTest, KsqlErrorIs400StatementError) {
    auto r = HttpCall(port_, "POST", "/ksql", R"({"ksql":"CREATE STREAM A; CREATE FAIL;"})",
                      "Accept: application/vnd.ksql.v1+json\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    EXPECT_EQ(r->header("content-type"), "application/vnd.ksql.v1+json");
    Json body = Json::parse(r->body);
    EXPECT_EQ(body["@type"], "statement_error");
    EXPECT_EQ(body["error_code"], 40001);
    EXPECT_EQ(body["message"], "Stream S already exists");
    EXPECT_EQ(body["statementText"], "CREATE FAIL;");
    ASSERT_EQ(body["entities"].size(), 1u);  // the statement that ran before the failure
    EXPECT_EQ(body["entities"][0]["@type"], "currentStatus");
}

TEST_F(HttpServerTest, BadJsonIs400GenericError) {
    auto r = HttpCall(port_, "POST", "/ksql", "{\"ksql\": ");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    Json body = Json::parse(r->body);
    EXPECT_EQ(body["@type"], "generic_error");
    EXPECT_EQ(body["error_code"], 40000);
    EXPECT_FALSE(body["message"].get<std::string>().empty());
}

TEST_F(HttpServerTest, UnknownPathIs404AndWrongMethodIs405) {
    auto r = HttpCall(port_, "GET", "/nope");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
    Json body = Json::parse(r->body);
    EXPECT_EQ(body["@type"], "generic_error");
    EXPECT_EQ(body["error_code"], 40400);
    auto m = HttpCall(port_, "GET", "/ksql");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->status, 405);
}

TEST_F(HttpServerTest, InfoAndHealthcheck) {
    auto info = HttpCall(port_, "GET", "/info");
    ASSERT_TRUE(info);
    EXPECT_EQ(info->status, 200);
    EXPECT_EQ(Json::parse(info->body),
              Json::parse(R"({"KsqlServerInfo":{"version":"0.1.0-test","kafkaClusterId":)"
                          R"("test-cluster","ksqlServiceId":"default_",)"
                          R"("serverStatus":"RUNNING"}})"));
    auto health = HttpCall(port_, "GET", "/healthcheck");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
    EXPECT_EQ(Json::parse(health->body)["isHealthy"], true);
    engine_.kafka_healthy = false;
    auto sick = HttpCall(port_, "GET", "/healthcheck");
    ASSERT_TRUE(sick);
    EXPECT_EQ(sick->status, 503);
    Json body = Json::parse(sick->body);
    EXPECT_EQ(body["isHealthy"], false);
    EXPECT_EQ(body["details"]["kafka"]["isHealthy"], false);
    EXPECT_EQ(body["details"]["metastore"]["isHealthy"], true);
}

TEST_F(HttpServerTest, QueryStreamsChunkedJsonArray) {
    HttpTestConnection conn;
    ASSERT_TRUE(conn.Connect(port_));
    ASSERT_TRUE(conn.SendRequest("POST", "/query",
                                 R"({"ksql":"SELECT * FROM S EMIT CHANGES LIMIT 3;"})"));
    auto head = conn.ReadHead();
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 200);
    EXPECT_TRUE(head->chunked);
    EXPECT_EQ(head->header("content-type"), "application/json");
    // The header is its own first chunk, sent before any row.
    auto first = conn.ReadChunk();
    ASSERT_TRUE(first);
    EXPECT_EQ(*first,
              "[{\"header\":{\"queryId\":\"transient_S_1\",\"schema\":\"`ID` INTEGER KEY, `NAME` "
              "STRING\"}},\n");
    std::string rest;
    while (auto chunk = conn.ReadChunk()) rest += *chunk;
    EXPECT_EQ(rest,
              "{\"row\":{\"columns\":[1,\"a\"]}},\n"
              "{\"row\":{\"columns\":[2,\"b\"]}},\n"
              "{\"row\":{\"columns\":[3,\"c\"]}},\n"
              "{\"finalMessage\":\"Limit Reached\"}]\n");
    EXPECT_EQ(Json::parse(*first + rest).size(), 5u);
    EXPECT_TRUE(Eventually([&] { return engine_.queries.closed.load() == 1; }));

    // Keep-alive: the connection serves another request after the stream.
    ASSERT_TRUE(conn.SendRequest("GET", "/info", ""));
    auto info = conn.ReadResponse();
    ASSERT_TRUE(info);
    EXPECT_EQ(info->status, 200);
}

TEST_F(HttpServerTest, QueryThatFailsToStartIs400) {
    auto r = HttpCall(port_, "POST", "/query", R"({"ksql":"SELECT BAD;"})");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    Json body = Json::parse(r->body);
    EXPECT_EQ(body["@type"], "statement_error");
    EXPECT_EQ(body["error_code"], 40001);
    EXPECT_EQ(body["statementText"], "SELECT BAD;");
    EXPECT_EQ(body["entities"], Json::array());
}

TEST_F(HttpServerTest, QueryThatFailsWhileRunningEndsWithErrorMessage) {
    auto r = HttpCall(port_, "POST", "/query", R"({"ksql":"SELECT FAILING EMIT CHANGES;"})");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    Json body = Json::parse(r->body);
    ASSERT_EQ(body.size(), 3u);
    EXPECT_EQ(body[1]["row"]["columns"], Json::parse(R"([1,"a"])"));
    EXPECT_EQ(body[2]["errorMessage"]["@type"], "generic_error");
    EXPECT_EQ(body[2]["errorMessage"]["error_code"], 50000);
    EXPECT_EQ(body[2]["errorMessage"]["message"], "boom: deserialization failed");
}

TEST_F(HttpServerTest, QueryStreamIsDelimitedByDefault) {
    auto r = HttpCall(port_, "POST", "/query-stream",
                      R"({"sql":"SELECT * FROM S EMIT CHANGES LIMIT 3;","properties":{"x":"y"}})");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->header("content-type"), "application/vnd.ksqlapi.delimited.v1");
    EXPECT_EQ(r->body,
              "{\"queryId\":\"transient_S_1\",\"columnNames\":[\"ID\",\"NAME\"],"
              "\"columnTypes\":[\"INTEGER\",\"STRING\"]}\n"
              "[1,\"a\"]\n[2,\"b\"]\n[3,\"c\"]\n");
    EXPECT_EQ(engine_.last_properties().at("x"), "y");
}

TEST_F(HttpServerTest, QueryStreamJsonWhenAskedFor) {
    auto r = HttpCall(port_, "POST", "/query-stream", R"({"sql":"SELECT * FROM S EMIT CHANGES;"})",
                      "Accept: application/json\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->header("content-type"), "application/json");
    Json body = Json::parse(r->body);
    ASSERT_EQ(body.size(), 4u);
    EXPECT_EQ(body[0]["columnNames"], Json::parse(R"(["ID","NAME"])"));
    EXPECT_EQ(body[3], Json::parse(R"([3,"c"])"));
}

TEST_F(HttpServerTest, ClientDisconnectClosesThePushQuery) {
    HttpTestConnection conn;
    ASSERT_TRUE(conn.Connect(port_));
    ASSERT_TRUE(conn.SendRequest("POST", "/query", R"({"ksql":"SELECT ENDLESS EMIT CHANGES;"})"));
    ASSERT_TRUE(conn.ReadHead());
    ASSERT_TRUE(conn.ReadChunk());  // header row
    EXPECT_EQ(engine_.queries.closed.load(), 0);
    conn.Close();
    EXPECT_TRUE(Eventually([&] { return engine_.queries.closed.load() == 1; }));
}

TEST_F(HttpServerTest, PushQueryDoesNotBlockOtherRequestsAndCloseQueryEndsIt) {
    HttpTestConnection stream;
    ASSERT_TRUE(stream.Connect(port_));
    ASSERT_TRUE(stream.SendRequest("POST", "/query-stream",
                                   R"({"sql":"SELECT ENDLESS EMIT CHANGES;"})"));
    ASSERT_TRUE(stream.ReadHead());
    auto meta = stream.ReadChunk();
    ASSERT_TRUE(meta);
    const std::string id = Json::parse(*meta)["queryId"];

    for (int i = 0; i < 5; ++i) {  // more requests than io threads, while the stream runs
        auto info = HttpCall(port_, "GET", "/info");
        ASSERT_TRUE(info);
        EXPECT_EQ(info->status, 200);
    }
    auto unknown = HttpCall(port_, "POST", "/close-query", R"({"queryId":"nope"})");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 400);
    auto closed = HttpCall(port_, "POST", "/close-query", "{\"queryId\":\"" + id + "\"}");
    ASSERT_TRUE(closed);
    EXPECT_EQ(closed->status, 200);
    // The stream ends properly: the last chunk arrives.
    while (stream.ReadChunk(3000)) {
    }
    EXPECT_EQ(engine_.queries.closed.load(), 1);
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequests) {
    HttpTestConnection conn;
    ASSERT_TRUE(conn.Connect(port_));
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(conn.SendRequest("POST", "/ksql", R"({"ksql":"SHOW STREAMS;"})"));
        auto r = conn.ReadResponse();
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 200);
    }
}

TEST_F(HttpServerTest, ExpectContinueIsAnswered) {
    HttpTestConnection conn;
    ASSERT_TRUE(conn.Connect(port_));
    const std::string body = R"({"ksql":"SHOW STREAMS;"})";
    ASSERT_TRUE(conn.SendRaw("POST /ksql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             "Expect: 100-continue\r\nContent-Length: " +
                             std::to_string(body.size()) + "\r\n\r\n"));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_TRUE(conn.SendRaw(body));
    auto r = conn.ReadResponse(2000);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
}

TEST_F(HttpServerTest, StopEndsOpenStreams) {
    HttpTestConnection conn;
    ASSERT_TRUE(conn.Connect(port_));
    ASSERT_TRUE(conn.SendRequest("POST", "/query", R"({"ksql":"SELECT ENDLESS EMIT CHANGES;"})"));
    ASSERT_TRUE(conn.ReadHead());
    ASSERT_TRUE(conn.ReadChunk());
    auto start = std::chrono::steady_clock::now();
    server_->Stop();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
    EXPECT_EQ(engine_.queries.closed.load(), 1);
    EXPECT_TRUE(conn.WaitForClose(2000));
    server_->Stop();  // idempotent
}

TEST_F(HttpServerTest, SecondServerOnTheSamePortFails) {
    ServerOptions options;
    options.port = port_;
    auto second = HttpServer::Start(options, engine_);
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.status().code(), StatusCode::kIoError);
    EXPECT_NE(second.status().message().find("Could not listen on"), std::string::npos);
}

class SmallLimitServerTest : public HttpServerTest {
protected:
    void SetUp() override {
        ServerOptions options;
        options.body_limit = 100;
        StartServer(options);
    }
};

TEST_F(SmallLimitServerTest, BodyOverTheLimitIs413) {
    auto r = HttpCall(port_, "POST", "/ksql",
                      "{\"ksql\":\"" + std::string(200, 'x') + "\"}");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
    EXPECT_EQ(Json::parse(r->body)["@type"], "generic_error");
}

}  // namespace
}  // namespace runnel::server
