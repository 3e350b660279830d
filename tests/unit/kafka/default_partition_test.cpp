// DefaultPartition / Murmur2: vectors computed with the Java client (kafka-clients 3.9.2,
// org.apache.kafka.common.utils.Utils.murmur2 and toPositive(h) % n), and a cross-check against
// librdkafka's own murmur2 partitioner (the one our producer configures).

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>

#include <random>
#include <string>

#include "engine/kafka/kafka.h"
#include "engine/kafka/murmur2.h"

namespace runnel::kafka {
namespace {

struct Vector {
    std::string key;
    int32_t murmur2;  // Java's signed result
    int32_t p3;       // partition among 3
    int32_t p7;       // partition among 7
};

const Vector kJavaVectors[] = {
    {"", 275646681, 0, 2},
    {"a", -1563381124, 1, 5},
    {"ab", 316155434, 2, 0},
    {"abc", 479470107, 0, 4},
    {"abcd", -1323649548, 2, 5},
    {"abcde", 461995741, 1, 4},
    {"kafka", -798503068, 1, 3},
    {"21", -973932308, 0, 3},
    {"foobar", -790332482, 0, 0},
    {"a-little-bit-long-string", -985981536, 2, 1},
    {"key-42", -187086521, 0, 3},
    {"runnel", -1500294524, 0, 1},
    {std::string("\xff"), -311467685, 0, 5},
    {std::string("\x80\x81\xfe"), 796990047, 0, 0},
    {std::string("\x00\x00\x00\x00", 4), 850957120, 1, 6},
    {std::string("\xde\xad\xbe\xef\x01"), -306773845, 1, 2},
    {std::string("\xf0\x9f\x98\x80\xc3\xa9"), -2060995075, 1, 3},  // UTF-8 "😀é"
};

TEST(DefaultPartitionTest, Murmur2MatchesJavaClient) {
    for (const auto& v : kJavaVectors) {
        EXPECT_EQ(Murmur2(v.key.data(), v.key.size()), v.murmur2) << "key size " << v.key.size();
    }
}

TEST(DefaultPartitionTest, PartitionMatchesJavaClient) {
    for (const auto& v : kJavaVectors) {
        EXPECT_EQ(DefaultPartition(v.key.data(), v.key.size(), 3), v.p3) << v.key.size();
        EXPECT_EQ(DefaultPartition(v.key.data(), v.key.size(), 7), v.p7) << v.key.size();
        EXPECT_EQ(DefaultPartition(v.key.data(), v.key.size(), 1), 0);
    }
}

TEST(DefaultPartitionTest, KnownKafkaUtilsTestVectors) {
    // The published vectors of Kafka's UtilsTest.testMurmur2.
    const std::pair<std::string, int32_t> published[] = {
        {"21", -973932308},
        {"foobar", -790332482},
        {"a-little-bit-long-string", -985981536},
        {"a-little-bit-longer-string", -1486304829},
        {"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971},
        {"abc", 479470107},
    };
    for (const auto& [key, hash] : published) {
        EXPECT_EQ(Murmur2(key.data(), key.size()), hash) << key;
    }
}

TEST(DefaultPartitionTest, PositiveAndInRange) {
    // toPositive is "& 0x7fffffff", not abs(): INT32_MAX partitions exposes the masked hash.
    const std::string key = "a";  // murmur2 is negative
    EXPECT_EQ(DefaultPartition(key.data(), key.size(), INT32_MAX),
              static_cast<int32_t>(static_cast<uint32_t>(-1563381124) & 0x7fffffffU));
    EXPECT_EQ(DefaultPartition(key.data(), key.size(), 0), 0);
}

TEST(DefaultPartitionTest, SameAsLibrdkafkaMurmur2Partitioner) {
    std::mt19937 rng(12345);
    std::uniform_int_distribution<int> len(0, 64);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int i = 0; i < 5000; ++i) {
        std::string key(static_cast<size_t>(len(rng)), '\0');
        for (auto& c : key) c = static_cast<char>(byte(rng));
        for (int32_t partitions : {1, 2, 3, 12, 100}) {
            const int32_t expected = rd_kafka_msg_partitioner_murmur2(
                nullptr, key.data(), key.size(), partitions, nullptr, nullptr);
            ASSERT_EQ(DefaultPartition(key.data(), key.size(), partitions), expected)
                << "key of " << key.size() << " bytes, " << partitions << " partitions";
        }
    }
}

}  // namespace
}  // namespace runnel::kafka
