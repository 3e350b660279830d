#include "protocol/rest_entities.h"

#include <gtest/gtest.h>

#include "protocol/error_messages.h"
#include "protocol/rest_requests.h"
#include "protocol/server_status.h"

namespace runnel::protocol {
namespace {

using Json = nlohmann::json;

TEST(RestEntities, CommandStatusMatchesKsqlDb) {
    CommandStatusEntity e;
    e.statement_text = "CREATE STREAM S (ID INT KEY) WITH (kafka_topic='s', value_format='json');";
    e.command_id = "stream/`S`/create";
    e.message = "Stream created";
    e.command_sequence_number = 2;
    EXPECT_EQ(DumpJson(ToJson(e)),
              R"({"@type":"currentStatus","statementText":"CREATE STREAM S (ID INT KEY) WITH )"
              R"((kafka_topic='s', value_format='json');","commandId":"stream/`S`/create",)"
              R"("commandStatus":{"status":"SUCCESS","message":"Stream created","queryId":null},)"
              R"("commandSequenceNumber":2,"warnings":[]})");
    e.query_id = "CSAS_S2_1";
    e.warnings = {"careful"};
    Json j = Json::parse(DumpJson(ToJson(e)));
    EXPECT_EQ(j["commandStatus"]["queryId"], "CSAS_S2_1");
    EXPECT_EQ(j["warnings"], Json::parse(R"([{"message":"careful"}])"));
}

TEST(RestEntities, StreamsAndTables) {
    SourceListEntity e;
    e.statement_text = "SHOW STREAMS;";
    e.sources.push_back({"S", "STREAM", "s", "KAFKA", "JSON", false});
    EXPECT_EQ(DumpJson(ToJson(e)),
              R"({"@type":"streams","statementText":"SHOW STREAMS;","streams":[{"type":"STREAM",)"
              R"("name":"S","topic":"s","keyFormat":"KAFKA","valueFormat":"JSON",)"
              R"("isWindowed":false}],"warnings":[]})");
    e.tables = true;
    e.sources[0].type = "TABLE";
    e.sources[0].windowed = true;
    Json j = Json::parse(DumpJson(ToJson(e)));
    EXPECT_EQ(j["@type"], "tables");
    ASSERT_TRUE(j["tables"].is_array());
    EXPECT_EQ(j["tables"][0]["isWindowed"], true);
    EXPECT_FALSE(j.contains("streams"));
}

TEST(RestEntities, Queries) {
    QueriesEntity e;
    e.statement_text = "SHOW QUERIES;";
    e.queries.push_back({"CSAS_S2_1", "CREATE STREAM S2 AS SELECT * FROM S;", {"S2"}, {"S2"},
                         "RUNNING", "PERSISTENT"});
    EXPECT_EQ(DumpJson(ToJson(e)),
              R"({"@type":"queries","statementText":"SHOW QUERIES;","queries":[{"queryString":)"
              R"("CREATE STREAM S2 AS SELECT * FROM S;","sinks":["S2"],"sinkKafkaTopics":["S2"],)"
              R"("id":"CSAS_S2_1","statusCount":{"RUNNING":1},"queryType":"PERSISTENT",)"
              R"("state":"RUNNING"}],"warnings":[]})");
}

TEST(RestEntities, TopicsPropertiesFunctions) {
    KafkaTopicsEntity topics;
    topics.statement_text = "SHOW TOPICS;";
    topics.topics.push_back({"s", {1, 1}});
    EXPECT_EQ(DumpJson(ToJson(topics)),
              R"({"@type":"kafka_topics","statementText":"SHOW TOPICS;","topics":[{"name":"s",)"
              R"("replicaInfo":[1,1]}],"warnings":[]})");

    PropertiesEntity props;
    props.statement_text = "SHOW PROPERTIES;";
    props.properties.push_back({"ksql.service.id", "KSQL", "default_"});
    Json p = Json::parse(DumpJson(ToJson(props)));
    EXPECT_EQ(p["@type"], "properties");
    EXPECT_EQ(p["properties"][0], Json::parse(R"({"name":"ksql.service.id","scope":"KSQL",)"
                                              R"("value":"default_"})"));
    EXPECT_EQ(p["overwrittenProperties"], Json::array());
    EXPECT_EQ(p["defaultProperties"], Json::array());

    FunctionNamesEntity fns;
    fns.statement_text = "SHOW FUNCTIONS;";
    fns.functions.push_back({"ABS", "SCALAR", "MATHEMATICAL"});
    Json f = Json::parse(DumpJson(ToJson(fns)));
    EXPECT_EQ(f["@type"], "function_names");
    EXPECT_EQ(f["functions"][0],
              Json::parse(R"({"name":"ABS","type":"SCALAR","category":"MATHEMATICAL"})"));
}

SourceDescription SampleDescription() {
    SourceDescription d;
    d.name = "S";
    d.type = "STREAM";
    d.fields = {{"ID", "INTEGER", true}, {"NAME", "STRING", false}};
    d.key_format = "KAFKA";
    d.value_format = "JSON";
    d.topic = "s";
    d.statement = "CREATE STREAM S (ID INTEGER KEY, NAME STRING) WITH (...);";
    return d;
}

TEST(RestEntities, SourceDescription) {
    SourceDescriptionEntity e;
    e.statement_text = "DESCRIBE S;";
    e.description = SampleDescription();
    Json j = Json::parse(DumpJson(ToJson(e)));
    EXPECT_EQ(j["@type"], "sourceDescription");
    EXPECT_EQ(j["statementText"], "DESCRIBE S;");
    EXPECT_EQ(j["warnings"], Json::array());
    const Json& d = j["sourceDescription"];
    EXPECT_EQ(d["name"], "S");
    EXPECT_TRUE(d["windowType"].is_null());
    EXPECT_EQ(d["readQueries"], Json::array());
    EXPECT_EQ(d["writeQueries"], Json::array());
    // Key columns carry "type":"KEY"; value columns have no "type" at all.
    EXPECT_EQ(d["fields"][0], Json::parse(R"({"name":"ID","schema":{"type":"INTEGER",)"
                                          R"("fields":null,"memberSchema":null},"type":"KEY"})"));
    EXPECT_EQ(d["fields"][1], Json::parse(R"({"name":"NAME","schema":{"type":"STRING",)"
                                          R"("fields":null,"memberSchema":null}})"));
    EXPECT_EQ(d["type"], "STREAM");
    EXPECT_EQ(d["timestamp"], "");
    EXPECT_EQ(d["statistics"], "");
    EXPECT_EQ(d["errorStats"], "");
    EXPECT_EQ(d["extended"], false);
    EXPECT_EQ(d["keyFormat"], "KAFKA");
    EXPECT_EQ(d["valueFormat"], "JSON");
    EXPECT_EQ(d["topic"], "s");
    EXPECT_EQ(d["partitions"], 0);
    EXPECT_EQ(d["replication"], 0);
    EXPECT_EQ(d["statement"], e.description.statement);

    SourceDescriptionListEntity list;
    list.statement_text = "DESCRIBE STREAMS;";
    list.descriptions = {SampleDescription(), SampleDescription()};
    Json l = Json::parse(DumpJson(ToJson(list)));
    EXPECT_EQ(l["@type"], "source_descriptions");
    EXPECT_EQ(l["sourceDescriptions"].size(), 2u);
}

TEST(ErrorMessages, Shapes) {
    EXPECT_EQ(DumpJson(StatementError(kErrorBadStatement, "line 1:1: mismatched input",
                                      "SELEC 1;")),
              R"({"@type":"statement_error","error_code":40001,"message":"line 1:1: mismatched )"
              R"(input","statementText":"SELEC 1;","entities":[]})");
    EXPECT_EQ(DumpJson(GenericError(kErrorBadRequest, "Invalid JSON")),
              R"({"@type":"generic_error","error_code":40000,"message":"Invalid JSON"})");
}

TEST(ServerStatus, InfoAndHealth) {
    EXPECT_EQ(DumpJson(ToJson(ServerInfoEntity{"0.1.0", "cluster", "default_", "RUNNING"})),
              R"({"KsqlServerInfo":{"version":"0.1.0","kafkaClusterId":"cluster",)"
              R"("ksqlServiceId":"default_","serverStatus":"RUNNING"}})");
    EXPECT_EQ(DumpJson(ToJson(HealthCheckEntity{})),
              R"({"isHealthy":true,"details":{"metastore":{"isHealthy":true},)"
              R"("kafka":{"isHealthy":true},"commandRunner":{"isHealthy":true}}})");
    HealthCheckEntity sick;
    sick.kafka = false;
    Json j = Json::parse(DumpJson(ToJson(sick)));
    EXPECT_EQ(j["isHealthy"], false);
    EXPECT_EQ(j["details"]["kafka"]["isHealthy"], false);
}

TEST(RestRequests, ParseKsqlRequest) {
    std::string error;
    auto r = ParseKsqlRequest(R"({"ksql":"SHOW STREAMS;","streamsProperties":)"
                              R"({"auto.offset.reset":"earliest","n":4,"b":true},)"
                              R"("sessionVariables":{"v":"x"},"commandSequenceNumber":7})",
                              &error);
    ASSERT_TRUE(r) << error;
    EXPECT_EQ(r->ksql, "SHOW STREAMS;");
    EXPECT_EQ(r->streams_properties.at("auto.offset.reset"), "earliest");
    EXPECT_EQ(r->streams_properties.at("n"), "4");
    EXPECT_EQ(r->streams_properties.at("b"), "true");
    EXPECT_EQ(r->session_variables.at("v"), "x");
    EXPECT_EQ(r->command_sequence_number, 7);

    auto sql = ParseKsqlRequest(R"({"sql":"SELECT 1;","properties":{"a":"b"}})", &error);
    ASSERT_TRUE(sql) << error;
    EXPECT_EQ(sql->ksql, "SELECT 1;");
    EXPECT_EQ(sql->streams_properties.at("a"), "b");
}

TEST(RestRequests, RejectsBadBodies) {
    std::string error;
    EXPECT_FALSE(ParseKsqlRequest("{not json", &error));
    EXPECT_NE(error.find("Invalid JSON"), std::string::npos);
    EXPECT_FALSE(ParseKsqlRequest("[1,2]", &error));
    EXPECT_FALSE(ParseKsqlRequest(R"({"streamsProperties":{}})", &error));
    EXPECT_NE(error.find("ksql"), std::string::npos);
    EXPECT_FALSE(ParseKsqlRequest(R"({"ksql":5})", &error));
    EXPECT_FALSE(ParseKsqlRequest(R"({"ksql":"x","streamsProperties":[]})", &error));
    EXPECT_FALSE(ParseQueryStreamRequest(R"({"properties":{}})", &error));
}

TEST(RestRequests, RoundTrip) {
    KsqlRequest r;
    r.ksql = "SHOW STREAMS;";
    r.streams_properties["auto.offset.reset"] = "earliest";
    EXPECT_EQ(ToJsonText(r),
              R"({"ksql":"SHOW STREAMS;","streamsProperties":{"auto.offset.reset":"earliest"}})");
    QueryStreamRequest q;
    q.sql = "SELECT * FROM S EMIT CHANGES;";
    q.session_variables["x"] = "1";
    std::string error;
    auto back = ParseQueryStreamRequest(ToJsonText(q), &error);
    ASSERT_TRUE(back) << error;
    EXPECT_EQ(back->sql, q.sql);
    EXPECT_EQ(back->session_variables.at("x"), "1");
}

}  // namespace
}  // namespace runnel::protocol
