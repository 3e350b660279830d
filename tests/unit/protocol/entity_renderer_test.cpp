#include "protocol/entity_renderer.h"

#include <gtest/gtest.h>

#include "protocol/error_messages.h"
#include "protocol/rest_entities.h"

namespace runnel::protocol {
namespace {

using Json = nlohmann::json;

Json J(const OrderedJson& o) { return Json::parse(DumpJson(o)); }

TEST(EntityRenderer, CommandStatus) {
    CommandStatusEntity e;
    e.message = "Stream created";
    EXPECT_EQ(RenderEntity(J(ToJson(e))),
              " Message        \n"
              "----------------\n"
              " Stream created \n"
              "----------------\n");
}

TEST(EntityRenderer, Streams) {
    SourceListEntity e;
    e.sources.push_back({"S", "STREAM", "s", "KAFKA", "JSON", false});
    EXPECT_EQ(RenderEntity(J(ToJson(e))),
              " Stream Name | Kafka Topic | Key Format | Value Format | Windowed \n"
              "------------------------------------------------------------------\n"
              " S           | s           | KAFKA      | JSON         | false    \n"
              "------------------------------------------------------------------\n");
    e.tables = true;
    EXPECT_EQ(RenderEntity(J(ToJson(e))).rfind(" Table Name |", 0), 0u);
}

TEST(EntityRenderer, Queries) {
    QueriesEntity e;
    e.queries.push_back({"CSAS_S2_1", "CREATE STREAM S2 AS\nSELECT * FROM S;", {"S2"}, {"s2"},
                         "RUNNING", "PERSISTENT"});
    std::string out = RenderEntity(J(ToJson(e)));
    EXPECT_NE(out.find(" Query ID  | Query Type | Status    | Sink Name | Sink Kafka Topic | "
                       "Query String"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find(" CSAS_S2_1 | PERSISTENT | RUNNING:1 | S2        | s2               | "
                       "CREATE STREAM S2 AS SELECT * FROM S; "),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("For detailed information on a Query run: EXPLAIN <Query ID>;"),
              std::string::npos);
}

TEST(EntityRenderer, Topics) {
    KafkaTopicsEntity e;
    e.topics.push_back({"s", {1, 1, 1}});
    EXPECT_EQ(RenderEntity(J(ToJson(e))),
              " Kafka Topic | Partitions | Partition Replicas \n"
              "-----------------------------------------------\n"
              " s           | 3          | 1                  \n"
              "-----------------------------------------------\n");
}

TEST(EntityRenderer, Describe) {
    SourceDescriptionEntity e;
    e.description.name = "S";
    e.description.type = "STREAM";
    e.description.fields = {{"ID", "INTEGER", true}, {"NAME", "STRING", false}};
    EXPECT_EQ(RenderEntity(J(ToJson(e))),
              "Name                 : S\n"
              " Field | Type                   \n"
              "--------------------------------\n"
              " ID    | INTEGER          (key) \n"
              " NAME  | VARCHAR(STRING)        \n"
              "--------------------------------\n"
              "For runtime statistics and query details run: DESCRIBE <Stream,Table> "
              "EXTENDED;\n");
    e.description.type = "TABLE";
    EXPECT_NE(RenderEntity(J(ToJson(e))).find("INTEGER          (primary key)"),
              std::string::npos);
    e.description.extended = true;
    e.description.topic = "s";
    e.description.partitions = 2;
    e.description.replication = 1;
    std::string extended = RenderEntity(J(ToJson(e)));
    EXPECT_NE(extended.find("Kafka topic          : s (partitions: 2, replication: 1)"),
              std::string::npos)
        << extended;
}

TEST(EntityRenderer, WarningsAndUnknownEntities) {
    CommandStatusEntity e;
    e.message = "ok";
    e.warnings = {"watch out"};
    EXPECT_EQ(RenderEntity(J(ToJson(e))).rfind("WARNING: watch out\n", 0), 0u);
    EXPECT_NE(RenderEntity(Json::parse(R"({"@type":"new_thing","x":1})")).find("\"x\": 1"),
              std::string::npos);
}

TEST(EntityRenderer, KsqlResponse) {
    bool failed = true;
    CommandStatusEntity e;
    e.message = "Stream created";
    std::string body = "[" + DumpJson(ToJson(e)) + "]";
    EXPECT_NE(RenderKsqlResponse(200, body, &failed).find("Stream created"), std::string::npos);
    EXPECT_FALSE(failed);

    std::string error = DumpJson(StatementError(40001, "Stream S already exists", "CREATE ..."));
    EXPECT_EQ(RenderKsqlResponse(400, error, &failed), "Stream S already exists\n");
    EXPECT_TRUE(failed);

    EXPECT_EQ(RenderKsqlResponse(200, "[]", &failed), "");
    EXPECT_FALSE(failed);
    RenderKsqlResponse(502, "<html>bad gateway</html>", &failed);
    EXPECT_TRUE(failed);
}

}  // namespace
}  // namespace runnel::protocol
