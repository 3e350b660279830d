#include "protocol/schema_info.h"

#include <gtest/gtest.h>

namespace runnel::protocol {
namespace {

using Json = nlohmann::json;

Json Schema(std::string_view type) { return Json::parse(DumpJson(SchemaInfoFromSqlType(type))); }

TEST(SchemaInfo, Primitives) {
    EXPECT_EQ(Schema("INTEGER"),
              Json::parse(R"({"type":"INTEGER","fields":null,"memberSchema":null})"));
    EXPECT_EQ(Schema("int")["type"], "INTEGER");
    EXPECT_EQ(Schema("VARCHAR")["type"], "STRING");
    EXPECT_EQ(Schema("BIGINT")["type"], "BIGINT");
    EXPECT_EQ(Schema("TIMESTAMP")["type"], "TIMESTAMP");
}

TEST(SchemaInfo, Nested) {
    Json array = Schema("ARRAY<STRING>");
    EXPECT_EQ(array["type"], "ARRAY");
    EXPECT_EQ(array["memberSchema"]["type"], "STRING");

    Json map = Schema("MAP<STRING, ARRAY<BIGINT>>");
    EXPECT_EQ(map["type"], "MAP");
    EXPECT_EQ(map["memberSchema"]["type"], "ARRAY");
    EXPECT_EQ(map["memberSchema"]["memberSchema"]["type"], "BIGINT");

    Json st = Schema("STRUCT<`A` INTEGER, `b c` MAP<STRING, DOUBLE>, D DECIMAL(4, 2)>");
    EXPECT_EQ(st["type"], "STRUCT");
    ASSERT_EQ(st["fields"].size(), 3u);
    EXPECT_EQ(st["fields"][0]["name"], "A");
    EXPECT_EQ(st["fields"][0]["schema"]["type"], "INTEGER");
    EXPECT_EQ(st["fields"][1]["name"], "b c");
    EXPECT_EQ(st["fields"][1]["schema"]["memberSchema"]["type"], "DOUBLE");
    EXPECT_EQ(st["fields"][2]["schema"]["parameters"], Json::parse(R"({"precision":4,"scale":2})"));
    EXPECT_TRUE(st["memberSchema"].is_null());
}

TEST(SchemaInfo, TypeStringLikeKsqlDbCli) {
    EXPECT_EQ(SchemaInfoTypeString(Schema("STRING")), "VARCHAR(STRING)");
    EXPECT_EQ(SchemaInfoTypeString(Schema("INTEGER")), "INTEGER");
    EXPECT_EQ(SchemaInfoTypeString(Schema("ARRAY<STRING>")), "ARRAY<VARCHAR(STRING)>");
    EXPECT_EQ(SchemaInfoTypeString(Schema("MAP<STRING, INT>")), "MAP<STRING, INTEGER>");
    EXPECT_EQ(SchemaInfoTypeString(Schema("STRUCT<`A` INTEGER, B STRING>")),
              "STRUCT<A INTEGER, B VARCHAR(STRING)>");
    EXPECT_EQ(SchemaInfoTypeString(Schema("DECIMAL(10, 3)")), "DECIMAL(10, 3)");
}

TEST(SchemaInfo, ParseSchemaColumns) {
    auto cols = ParseSchemaColumns(
        "`ID` INTEGER KEY, `NAME` STRING, `M` MAP<STRING, INTEGER>, "
        "`S` STRUCT<`X` INT, `Y` ARRAY<STRING>>, `K2` BIGINT PRIMARY KEY");
    ASSERT_EQ(cols.size(), 5u);
    EXPECT_EQ(cols[0].name, "ID");
    EXPECT_EQ(cols[0].type, "INTEGER");
    EXPECT_TRUE(cols[0].key);
    EXPECT_EQ(cols[1].name, "NAME");
    EXPECT_FALSE(cols[1].key);
    EXPECT_EQ(cols[2].type, "MAP<STRING, INTEGER>");
    EXPECT_EQ(cols[3].name, "S");
    EXPECT_EQ(cols[3].type, "STRUCT<`X` INT, `Y` ARRAY<STRING>>");
    EXPECT_EQ(cols[4].type, "BIGINT");
    EXPECT_TRUE(cols[4].key);
    EXPECT_TRUE(ParseSchemaColumns("").empty());
    auto escaped = ParseSchemaColumns("`a``b` STRING");
    ASSERT_EQ(escaped.size(), 1u);
    EXPECT_EQ(escaped[0].name, "a`b");
}

}  // namespace
}  // namespace runnel::protocol
