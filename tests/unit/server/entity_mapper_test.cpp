#include "server/entity_mapper.h"

#include <gtest/gtest.h>

namespace runnel::server {
namespace {

using Json = nlohmann::json;
using Kind = api::StatementResult::Kind;

Json J(const protocol::OrderedJson& o) { return Json::parse(protocol::DumpJson(o)); }

TEST(EntityMapper, CommandStatusWithQueryId) {
    api::StatementResult r;
    r.kind = Kind::kCommandStatus;
    r.statement_text = "CREATE STREAM S2 AS SELECT * FROM S;";
    r.command_id = "stream/`S2`/create";
    r.message = "Created query with ID CSAS_S2_1";
    r.query_id = "CSAS_S2_1";
    r.command_sequence_number = 4;
    Json j = J(*StatementResultToJson(r));
    EXPECT_EQ(j["@type"], "currentStatus");
    EXPECT_EQ(j["commandId"], "stream/`S2`/create");
    EXPECT_EQ(j["commandStatus"]["queryId"], "CSAS_S2_1");
    EXPECT_EQ(j["commandSequenceNumber"], 4);
}

TEST(EntityMapper, EveryKind) {
    api::StatementResult r;
    r.kind = Kind::kTables;
    r.sources.push_back({"T", "TABLE", "t", "KAFKA", "JSON", true});
    EXPECT_EQ(J(*StatementResultToJson(r))["tables"][0]["isWindowed"], true);

    r.kind = Kind::kQueries;
    api::QueryInfo q;
    q.id = "CTAS_T_1";
    q.query_string = "CREATE TABLE T AS ...";
    q.sinks = {"T"};
    q.sink_topics = {"t"};
    r.queries = {q};
    EXPECT_EQ(J(*StatementResultToJson(r))["queries"][0]["id"], "CTAS_T_1");

    r.kind = Kind::kTopics;
    r.topics = {{"t", {1, 1}}};
    EXPECT_EQ(J(*StatementResultToJson(r))["topics"][0]["replicaInfo"], Json::parse("[1,1]"));

    r.kind = Kind::kProperties;
    r.properties = {{"ksql.service.id", "KSQL", "default_"}};
    EXPECT_EQ(J(*StatementResultToJson(r))["@type"], "properties");

    r.kind = Kind::kFunctions;
    r.functions = {{"ABS", "SCALAR", "MATHEMATICAL"}};
    EXPECT_EQ(J(*StatementResultToJson(r))["functions"][0]["name"], "ABS");

    api::SourceDescription d;
    d.source = {"S", "STREAM", "s", "KAFKA", "JSON", false};
    d.fields = {{"ID", "INTEGER", "INTEGER", true}, {"TAGS", "ARRAY<STRING>", "ARRAY", false}};
    d.read_queries = {q};
    d.statement = "CREATE STREAM S ...";
    d.partitions = 3;
    r.kind = Kind::kSourceDescription;
    r.descriptions = {d};
    Json desc = J(*StatementResultToJson(r));
    EXPECT_EQ(desc["@type"], "sourceDescription");
    EXPECT_EQ(desc["sourceDescription"]["fields"][0]["type"], "KEY");
    EXPECT_FALSE(desc["sourceDescription"]["fields"][1].contains("type"));
    EXPECT_EQ(desc["sourceDescription"]["fields"][1]["schema"]["memberSchema"]["type"], "STRING");
    EXPECT_EQ(desc["sourceDescription"]["readQueries"][0]["id"], "CTAS_T_1");
    EXPECT_EQ(desc["sourceDescription"]["partitions"], 3);
    EXPECT_TRUE(desc["sourceDescription"]["windowType"].is_null());

    r.kind = Kind::kSourceDescriptions;
    r.descriptions = {d, d};
    EXPECT_EQ(J(*StatementResultToJson(r))["sourceDescriptions"].size(), 2u);

    r.kind = Kind::kNoEntity;
    EXPECT_FALSE(StatementResultToJson(r).has_value());
}

TEST(EntityMapper, Errors) {
    api::ExecuteError e;
    e.message = "boom";
    e.statement_text = "DROP STREAM X;";
    Json j = J(ExecuteErrorToJson(e, protocol::OrderedJson::array()));
    EXPECT_EQ(j, Json::parse(R"({"@type":"statement_error","error_code":40001,"message":"boom",)"
                             R"("statementText":"DROP STREAM X;","entities":[]})"));
    auto syntax = StatusToExecuteError(Status::Syntax("line 1:1: x"), "SELEC");
    EXPECT_EQ(syntax.http_status, 400);
    EXPECT_EQ(syntax.error_code, 40001);
    auto internal = StatusToExecuteError(Status::Internal("bug"), "SELECT");
    EXPECT_EQ(internal.http_status, 500);
    EXPECT_EQ(internal.error_code, 50000);
}

}  // namespace
}  // namespace runnel::server
