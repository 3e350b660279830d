// SHOW TYPES' REST entity: {"@type":"type_list","types":{"NAME":{schema}}} as ksqlDB returns it.
#include <gtest/gtest.h>

#include "protocol/rest_entities.h"

namespace runnel::protocol {
namespace {

TEST(TypeListEntityTest, MapsEachTypeToItsSchema) {
    TypeListEntity entity;
    entity.statement_text = "SHOW TYPES;";
    entity.types = {{"ADDRESS", "STRUCT<`NUMBER` INTEGER, `STREET` STRING>"}, {"ZIP", "STRING"}};
    auto json = ToJson(entity);
    EXPECT_EQ(json["@type"], "type_list");
    EXPECT_EQ(json["statementText"], "SHOW TYPES;");
    EXPECT_EQ(json["types"]["ZIP"]["type"], "STRING");
    EXPECT_EQ(json["types"]["ADDRESS"]["type"], "STRUCT");
    EXPECT_EQ(json["types"]["ADDRESS"]["fields"][0]["name"], "NUMBER");
    EXPECT_EQ(json["types"]["ADDRESS"]["fields"][0]["schema"]["type"], "INTEGER");
    EXPECT_EQ(json["types"]["ADDRESS"]["fields"][1]["schema"]["type"], "STRING");
}

}  // namespace
}  // namespace runnel::protocol
