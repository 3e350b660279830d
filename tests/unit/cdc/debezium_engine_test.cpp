// Debezium change events through the engine on the in-memory broker: a STREAM over a CDC topic
// (each change a row, deletes included, with metadata columns) and a TABLE whose CTAS writes
// tombstones for deleted keys. Raw record bytes, as Debezium's JsonConverter writes them.
#include <gtest/gtest.h>

#include "engine/api/engine_factory.h"
#include "engine/kafka/memory/memory_broker.h"
#include "engine/kafka/memory/memory_client_factory.h"

namespace runnel::api {
namespace {

class DebeziumEngineTest : public ::testing::Test {
protected:
    void SetUp() override {
        broker_ = std::make_shared<kafka::MemoryBroker>();
        EngineConfig config;
        config.service_id = "cdc_";
        auto e = CreateEngine(config, kafka::MakeMemoryClientFactory(broker_));
        ASSERT_TRUE(e.ok()) << e.status().ToString();
        engine_ = std::move(e).value();
    }
    void Ok(const std::string& sql) {
        auto r = engine_->Execute(sql, {}, {});
        ASSERT_FALSE(r.error) << sql << "\n" << r.error->message;
    }
    std::string Error(const std::string& sql) {
        auto r = engine_->Execute(sql, {}, {});
        EXPECT_TRUE(r.error) << sql;
        return r.error ? r.error->message : "";
    }
    void Produce(const std::string& topic, std::optional<std::string> key,
                 std::optional<std::string> value, int64_t ts) {
        ASSERT_TRUE(broker_->Produce(topic, std::move(key), std::move(value), ts).ok());
    }
    // "key|value" per record, "<null>" for null.
    std::vector<std::string> Records(const std::string& topic, size_t n) {
        EXPECT_TRUE(broker_->WaitForRecords(topic, n, 5000)) << topic;
        std::vector<std::string> out;
        for (const auto& r : broker_->Read(topic)) {
            out.push_back((r.key ? *r.key : "<null>") + "|" + (r.value ? *r.value : "<null>"));
        }
        return out;
    }

    std::shared_ptr<kafka::MemoryBroker> broker_;
    std::unique_ptr<Engine> engine_;
};

TEST_F(DebeziumEngineTest, StreamGetsEveryChangeWithMetadata) {
    Ok("CREATE STREAM customers (id INT KEY, first_name STRING, __op STRING, __deleted BOOLEAN, "
       "`__table` STRING) WITH (KAFKA_TOPIC='dbserver1.inventory.customers', KEY_FORMAT='JSON', "
       "VALUE_FORMAT='DEBEZIUM_JSON', PARTITIONS=1);");
    Ok("CREATE STREAM changes AS SELECT id, first_name, __op AS op_code, __deleted AS deleted, "
       "`__table` AS tbl FROM customers;");
    Produce("dbserver1.inventory.customers", R"({"id":1001})",
            R"({"before":null,"after":{"id":1001,"first_name":"Sally"},)"
            R"("source":{"db":"inventory","table":"customers"},"op":"r","ts_ms":1})",
            1);
    Produce("dbserver1.inventory.customers", R"({"id":1001})",
            R"({"before":{"id":1001,"first_name":"Sally"},"after":{"id":1001,"first_name":"Sal"},)"
            R"("source":{"db":"inventory","table":"customers"},"op":"u","ts_ms":2})",
            2);
    Produce("dbserver1.inventory.customers", R"({"id":1001})",
            R"({"before":{"id":1001,"first_name":"Sal"},"after":null,)"
            R"("source":{"db":"inventory","table":"customers"},"op":"d","ts_ms":3})",
            3);
    Produce("dbserver1.inventory.customers", R"({"id":1001})", std::nullopt, 4);  // dropped
    Produce("dbserver1.inventory.customers", R"({"id":1002})", R"({"op":"t"})", 5);  // logged
    Produce("dbserver1.inventory.customers", R"({"id":1003})",
            R"({"after":{"first_name":"Last"},"op":"c"})", 6);
    auto records = Records("CHANGES", 4);
    ASSERT_EQ(records.size(), 4u);
    EXPECT_EQ(records[0],
              R"(1001|{"FIRST_NAME":"Sally","OP_CODE":"r","DELETED":false,"TBL":"customers"})");
    EXPECT_EQ(records[1],
              R"(1001|{"FIRST_NAME":"Sal","OP_CODE":"u","DELETED":false,"TBL":"customers"})");
    EXPECT_EQ(records[2],
              R"(1001|{"FIRST_NAME":"Sal","OP_CODE":"d","DELETED":true,"TBL":"customers"})");
    EXPECT_EQ(records[3], R"(1003|{"FIRST_NAME":"Last","OP_CODE":"c","DELETED":false,"TBL":null})");
}

TEST_F(DebeziumEngineTest, TableCtasWritesTombstonesForDeletes) {
    Ok("CREATE TABLE orders (order_number INT PRIMARY KEY, purchaser INT, quantity INT, "
       "price DECIMAL(10, 2)) WITH (KAFKA_TOPIC='dbserver1.inventory.orders', "
       "FORMAT='DEBEZIUM_JSON', PARTITIONS=1);");
    Ok("CREATE TABLE big AS SELECT order_number, purchaser, price FROM orders "
       "WHERE quantity >= 2;");
    const std::string key_schema =
        R"({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,)"
        R"("field":"order_number"}],"optional":false,"name":"dbserver1.inventory.orders.Key"},)";
    auto key = [&](int id) {
        return key_schema + R"("payload":{"order_number":)" + std::to_string(id) + "}}";
    };
    Produce("dbserver1.inventory.orders", key(1),
            R"({"after":{"order_number":1,"purchaser":7,"quantity":3,"price":"BNI="},"op":"r"})", 1);
    Produce("dbserver1.inventory.orders", key(2),
            R"({"after":{"order_number":2,"purchaser":8,"quantity":1,"price":"AA=="},"op":"c"})", 2);
    Produce("dbserver1.inventory.orders", key(1),
            R"({"before":{"order_number":1,"purchaser":7,"quantity":3,"price":"BNI="},)"
            R"("after":null,"op":"d"})",
            3);
    Produce("dbserver1.inventory.orders", key(1), std::nullopt, 4);  // Kafka tombstone
    auto records = Records("BIG", 4);
    ASSERT_EQ(records.size(), 4u);
    EXPECT_EQ(records[0], R"(1|{"PURCHASER":7,"PRICE":12.34})");
    EXPECT_EQ(records[1], "2|<null>");  // filtered out: a delete downstream
    EXPECT_EQ(records[2], "1|<null>");  // the 'd' event
    EXPECT_EQ(records[3], "1|<null>");  // the tombstone after it: harmless
}

TEST_F(DebeziumEngineTest, MetadataColumnTypesAreChecked) {
    EXPECT_EQ(Error("CREATE STREAM bad (id INT KEY, __op INT) WITH (KAFKA_TOPIC='bad', "
                    "VALUE_FORMAT='DEBEZIUM_JSON', PARTITIONS=1);"),
              "The Debezium metadata column `__OP` must be STRING, not INTEGER");
}

}  // namespace
}  // namespace runnel::api
