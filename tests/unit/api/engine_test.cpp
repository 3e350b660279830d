// Engine tests on the in-memory broker: the way of a statement from text to records and back.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "engine/api/engine_factory.h"
#include "engine/kafka/memory/memory_broker.h"
#include "engine/kafka/memory/memory_client_factory.h"

namespace runnel::api {
namespace {

class EngineTest : public ::testing::Test {
protected:
    void SetUp() override {
        broker_ = std::make_shared<kafka::MemoryBroker>();
        engine_ = Make();
    }
    std::unique_ptr<Engine> Make() {
        EngineConfig config;
        config.service_id = "test_";
        auto e = CreateEngine(config, kafka::MakeMemoryClientFactory(broker_));
        EXPECT_TRUE(e.ok()) << e.status().ToString();
        return e.ok() ? std::move(e).value() : nullptr;
    }
    ExecuteResponse Run(const std::string& sql, Engine* engine = nullptr) {
        return (engine ? engine : engine_.get())->Execute(sql, {}, {});
    }
    void Ok(const std::string& sql) {
        auto r = Run(sql);
        ASSERT_FALSE(r.error) << sql << "\n" << r.error->message;
    }
    std::string Error(const std::string& sql) {
        auto r = Run(sql);
        EXPECT_TRUE(r.error) << sql;
        return r.error ? r.error->message : "";
    }
    std::vector<std::string> Values(const std::string& topic) {
        std::vector<std::string> out;
        for (const auto& r : broker_->Read(topic)) out.push_back(r.value ? *r.value : "<null>");
        return out;
    }

    std::shared_ptr<kafka::MemoryBroker> broker_;
    std::unique_ptr<Engine> engine_;
};

TEST_F(EngineTest, CreateStreamCreatesTopicAndCatalogEntry) {
    Ok("CREATE STREAM orders (id INT KEY, item STRING, amount DOUBLE) "
       "WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='JSON', PARTITIONS=3);");
    auto info = broker_->DescribeTopic("orders");
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->partitions, 3);
    auto r = Run("SHOW STREAMS;");
    ASSERT_FALSE(r.error);
    ASSERT_EQ(r.results.size(), 1u);
    ASSERT_EQ(r.results[0].sources.size(), 1u);
    EXPECT_EQ(r.results[0].sources[0].name, "ORDERS");
    EXPECT_EQ(r.results[0].sources[0].key_format, "KAFKA");
    EXPECT_EQ(r.results[0].sources[0].value_format, "JSON");
    auto d = Run("DESCRIBE orders;");
    ASSERT_FALSE(d.error);
    ASSERT_EQ(d.results[0].descriptions.size(), 1u);
    const auto& fields = d.results[0].descriptions[0].fields;
    ASSERT_EQ(fields.size(), 3u);
    EXPECT_EQ(fields[0].name, "ID");
    EXPECT_TRUE(fields[0].is_key);
    EXPECT_EQ(fields[0].type, "INTEGER");
}

TEST_F(EngineTest, MissingTopicWithoutPartitionsIsAnError) {
    auto msg = Error("CREATE STREAM s (id INT KEY, v STRING) WITH (KAFKA_TOPIC='nope', VALUE_FORMAT='JSON');");
    EXPECT_NE(msg.find("Topic 'nope' does not exist"), std::string::npos) << msg;
}

TEST_F(EngineTest, SyntaxErrorHasLineAndColumn) {
    auto msg = Error("SHOW STREAMS;\nCREATE STREAM FROM WHERE;");
    EXPECT_EQ(msg.rfind("line 2:", 0), 0u) << msg;
}

TEST_F(EngineTest, PersistentQueryFiltersAndProjects) {
    Ok("CREATE STREAM orders (id INT KEY, item STRING, amount DOUBLE, qty BIGINT) "
       "WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='JSON', PARTITIONS=1);");
    Ok("CREATE STREAM big AS SELECT id, UCASE(item) AS item, amount * qty AS total "
       "FROM orders WHERE amount > 10 AND item IS NOT NULL EMIT CHANGES;");
    auto key = [](int32_t v) {
        std::string k(4, '\0');
        for (int i = 0; i < 4; ++i) k[i] = static_cast<char>((v >> (24 - 8 * i)) & 0xff);
        return k;
    };
    ASSERT_TRUE(broker_->Produce("orders", key(1), R"({"item":"apple","amount":12.5,"qty":2})", 1000).ok());
    ASSERT_TRUE(broker_->Produce("orders", key(2), R"({"item":"pear","amount":5.0,"qty":1})", 2000).ok());
    ASSERT_TRUE(broker_->Produce("orders", key(3), R"(not json)", 3000).ok());
    ASSERT_TRUE(broker_->Produce("orders", key(4), R"({"ITEM":"plum","AMOUNT":100,"QTY":3})", 4000).ok());
    ASSERT_TRUE(broker_->WaitForRecords("BIG", 2, 5000));
    auto records = broker_->Read("BIG");
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(*records[0].value, R"({"ITEM":"APPLE","TOTAL":25.0})");
    EXPECT_EQ(*records[0].key, key(1));
    EXPECT_EQ(records[0].timestamp, 1000);
    EXPECT_EQ(*records[1].value, R"({"ITEM":"PLUM","TOTAL":300.0})");
    EXPECT_EQ(records[1].timestamp, 4000);

    auto q = Run("SHOW QUERIES;");
    ASSERT_FALSE(q.error);
    ASSERT_EQ(q.results[0].queries.size(), 1u);
    EXPECT_EQ(q.results[0].queries[0].sinks[0], "BIG");
    EXPECT_EQ(q.results[0].queries[0].state, "RUNNING");
}

TEST_F(EngineTest, KeyRulesOfPersistentQueries) {
    Ok("CREATE STREAM input (id INT KEY, name STRING) WITH (KAFKA_TOPIC='input', VALUE_FORMAT='JSON', PARTITIONS=1);");
    EXPECT_EQ(Error("CREATE STREAM output AS SELECT name FROM input;"),
              "The query used to build `OUTPUT` must include the key column ID in its projection (eg, SELECT ID...).");
    EXPECT_EQ(Error("CREATE STREAM output AS SELECT id, id AS id2, name FROM input;"),
              "The projection contains a key column (`ID`) more than once, aliased as: ID and ID2.");
    EXPECT_EQ(Error("CREATE STREAM output AS SELECT id FROM input;"),
              "The projection contains no value columns.");
    auto msg = Error("CREATE STREAM output AS SELECT id, nope FROM input;");
    EXPECT_NE(msg.find("NOPE' cannot be resolved"), std::string::npos) << msg;
    msg = Error("CREATE STREAM output AS SELECT id, name FROM missing;");
    EXPECT_NE(msg.find("MISSING does not exist"), std::string::npos) << msg;
}

TEST_F(EngineTest, InsertValuesAndPushQueryWithLimit) {
    Ok("CREATE STREAM s (id INT KEY, name STRING, amount DOUBLE) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', PARTITIONS=2);");
    Ok("INSERT INTO s (id, name, amount) VALUES (1, 'a', 1.5);");
    Ok("INSERT INTO s (id, name, amount) VALUES (2, 'b', 2);");
    Ok("INSERT INTO s (id, name, amount) VALUES (3, 'c', 3.25);");
    auto push = engine_->StartPushQuery("SELECT id, name, amount * 2 AS twice FROM s WHERE id > 1 EMIT CHANGES LIMIT 2;",
                                        {{"auto.offset.reset", "earliest"}}, {});
    ASSERT_TRUE(push.ok()) << push.status().ToString();
    auto& q = *push.value();
    EXPECT_EQ(q.schema_text(), "`ID` INTEGER, `NAME` STRING, `TWICE` DOUBLE");
    std::vector<std::string> rows;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (q.Poll(rows, 100) && std::chrono::steady_clock::now() < deadline) {
    }
    ASSERT_EQ(rows.size(), 2u);
    std::sort(rows.begin(), rows.end());
    EXPECT_EQ(rows[0], R"([2,"b",4.0])");
    EXPECT_EQ(rows[1], R"([3,"c",6.5])");
    EXPECT_EQ(q.end_message(), "Limit Reached");
}

TEST_F(EngineTest, RestartReplaysCommandsAndResumesFromCommittedOffsets) {
    Ok("CREATE STREAM src (id INT KEY, v STRING) WITH (KAFKA_TOPIC='src', VALUE_FORMAT='JSON', PARTITIONS=1);");
    Ok("CREATE STREAM dst AS SELECT id, v FROM src;");
    Ok("INSERT INTO src (id, v) VALUES (1, 'one');");
    ASSERT_TRUE(broker_->WaitForRecords("DST", 1, 5000));
    engine_->Shutdown();
    engine_.reset();
    ASSERT_TRUE(broker_->Produce("src", std::nullopt, R"({"v":"two"})", 5).ok());
    engine_ = Make();
    ASSERT_TRUE(broker_->WaitForRecords("DST", 2, 5000));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(Values("DST"), (std::vector<std::string>{R"({"V":"one"})", R"({"V":"two"})"}));
    auto s = Run("SHOW STREAMS;");
    ASSERT_FALSE(s.error);
    EXPECT_EQ(s.results[0].sources.size(), 2u);
}

TEST_F(EngineTest, DropAndTerminate) {
    Ok("CREATE STREAM a (id INT KEY, v STRING) WITH (KAFKA_TOPIC='a', VALUE_FORMAT='JSON', PARTITIONS=1);");
    Ok("CREATE STREAM b AS SELECT * FROM a;");
    auto msg = Error("DROP STREAM a;");
    EXPECT_NE(msg.find("The following queries read from this source"), std::string::npos) << msg;
    auto q = Run("SHOW QUERIES;");
    ASSERT_EQ(q.results[0].queries.size(), 1u);
    Ok("TERMINATE " + q.results[0].queries[0].id + ";");
    Ok("DROP STREAM b DELETE TOPIC;");
    Ok("DROP STREAM a;");
    EXPECT_FALSE(broker_->DescribeTopic("B").ok());
    EXPECT_TRUE(broker_->DescribeTopic("a").ok());
    EXPECT_NE(Error("TERMINATE CSAS_X_1;").find("Unknown queryId"), std::string::npos);
}

TEST_F(EngineTest, TableQueryForwardsTombstonesAndTurnsFilteredRowsIntoDeletes) {
    Ok("CREATE TABLE users (id STRING PRIMARY KEY, name STRING, age INT) "
       "WITH (KAFKA_TOPIC='users', VALUE_FORMAT='JSON', KEY_FORMAT='KAFKA', PARTITIONS=1);");
    EXPECT_NE(Error("CREATE STREAM s AS SELECT * FROM users;").find("produces a TABLE"), std::string::npos);
    Ok("CREATE TABLE adults AS SELECT id, UCASE(name) AS name FROM users WHERE age >= 18;");
    ASSERT_TRUE(broker_->Produce("users", std::string("a"), R"({"name":"ann","age":30})", 1).ok());
    ASSERT_TRUE(broker_->Produce("users", std::string("b"), R"({"name":"bob","age":12})", 2).ok());
    ASSERT_TRUE(broker_->Produce("users", std::string("a"), std::nullopt, 3).ok());
    ASSERT_TRUE(broker_->Produce("users", std::nullopt, R"({"name":"nokey","age":50})", 4).ok());
    ASSERT_TRUE(broker_->WaitForRecords("ADULTS", 3, 5000));
    auto records = broker_->Read("ADULTS");
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(*records[0].key, "a");
    EXPECT_EQ(*records[0].value, R"({"NAME":"ANN"})");
    EXPECT_EQ(*records[1].key, "b");
    EXPECT_FALSE(records[1].value.has_value());  // filtered out: a delete of key b
    EXPECT_EQ(*records[2].key, "a");
    EXPECT_FALSE(records[2].value.has_value());  // the source tombstone reaches the sink
}

TEST_F(EngineTest, PartitionByRekeysTheStream) {
    Ok("CREATE STREAM input (id INT KEY, name STRING, age INT) "
       "WITH (KAFKA_TOPIC='input', VALUE_FORMAT='JSON', PARTITIONS=1);");
    Ok("CREATE STREAM by_name AS SELECT * FROM input PARTITION BY name;");
    ASSERT_TRUE(broker_->Produce("input", std::string("\0\0\0\x0a", 4), R"({"name":"bob","age":22})", 1).ok());
    ASSERT_TRUE(broker_->WaitForRecords("BY_NAME", 1, 5000));
    auto records = broker_->Read("BY_NAME");
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(*records[0].key, "bob");
    EXPECT_EQ(*records[0].value, R"({"AGE":22,"ID":10})");
    auto d = Run("DESCRIBE by_name;");
    ASSERT_FALSE(d.error);
    EXPECT_EQ(d.results[0].descriptions[0].fields[0].name, "NAME");
    EXPECT_TRUE(d.results[0].descriptions[0].fields[0].is_key);
}

TEST_F(EngineTest, HeaderColumnsReadRecordHeaders) {
    Ok("CREATE STREAM h (id INT KEY, v STRING, hs ARRAY<STRUCT<key STRING, value BYTES>> HEADERS, "
       "trace BYTES HEADER('trace')) WITH (KAFKA_TOPIC='h', VALUE_FORMAT='JSON', PARTITIONS=1);");
    Ok("CREATE STREAM h2 AS SELECT id, v, trace FROM h;");
    Headers headers = {{"trace", "abc", false}, {"other", "x", false}};
    ASSERT_TRUE(broker_->Produce("h", std::nullopt, R"({"v":"one"})", 1, headers).ok());
    ASSERT_TRUE(broker_->WaitForRecords("H2", 1, 5000));
    auto records = broker_->Read("H2");
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(*records[0].value, R"({"V":"one","TRACE":"YWJj"})");
    ASSERT_EQ(records[0].headers.size(), 2u);  // headers propagate to the sink
    EXPECT_NE(Error("INSERT INTO h (id, v, trace) VALUES (1, 'x', NULL);").find("HEADER columns"),
              std::string::npos);
}

TEST_F(EngineTest, DescribeFunctionListsOverloadsFromTheRegistry) {
    auto r = Run("DESCRIBE FUNCTION substring;");
    ASSERT_FALSE(r.error) << r.error->message;
    ASSERT_TRUE(r.results[0].function.has_value());
    const auto& f = *r.results[0].function;
    EXPECT_EQ(f.name, "SUBSTRING");
    EXPECT_GE(f.overloads.size(), 2u);
    EXPECT_EQ(f.overloads[0].return_type, "STRING");
    EXPECT_NE(Error("DESCRIBE FUNCTION no_such_fn;").find("Can't find any functions"), std::string::npos);
}

TEST_F(EngineTest, TimestampColumnWithFormatSetsRowtime) {
    Ok("CREATE STREAM ev (id INT KEY, ts STRING, v STRING) WITH (KAFKA_TOPIC='ev', VALUE_FORMAT='JSON', "
       "PARTITIONS=1, TIMESTAMP='ts', TIMESTAMP_FORMAT='yyyy-MM-dd''T''HH:mm:ssXXX');");
    Ok("CREATE STREAM ev2 AS SELECT id, v, ROWTIME AS rt FROM ev;");
    ASSERT_TRUE(broker_->Produce("ev", std::nullopt, R"({"ts":"2020-01-02T03:04:05Z","v":"a"})", 7).ok());
    ASSERT_TRUE(broker_->Produce("ev", std::nullopt, R"({"ts":"garbage","v":"b"})", 8).ok());
    ASSERT_TRUE(broker_->Produce("ev", std::nullopt, R"({"ts":"2020-01-02T04:04:05+01:00","v":"c"})", 9).ok());
    ASSERT_TRUE(broker_->WaitForRecords("EV2", 2, 5000));
    auto records = broker_->Read("EV2");
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].timestamp, 1577934245000);
    EXPECT_EQ(*records[0].value, R"({"V":"a","RT":1577934245000})");
    EXPECT_EQ(records[1].timestamp, 1577934245000);
    EXPECT_NE(Error("CREATE STREAM bad (id INT KEY, ts BIGINT) WITH (KAFKA_TOPIC='ev', VALUE_FORMAT='JSON', "
                    "TIMESTAMP='ts', TIMESTAMP_FORMAT='yyyy');").find("STRING timestamp column"),
              std::string::npos);
}

}  // namespace
}  // namespace runnel::api
