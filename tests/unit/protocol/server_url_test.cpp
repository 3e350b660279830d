#include "protocol/server_url.h"

#include <gtest/gtest.h>

namespace runnel::protocol {
namespace {

TEST(ServerUrl, Forms) {
    ServerUrl u;
    std::string error;
    ASSERT_TRUE(ParseServerUrl("http://127.0.0.1:8088", &u, &error)) << error;
    EXPECT_EQ(u.host, "127.0.0.1");
    EXPECT_EQ(u.port, "8088");
    EXPECT_EQ(u.url, "http://127.0.0.1:8088");
    ASSERT_TRUE(ParseServerUrl("localhost", &u, &error));
    EXPECT_EQ(u.url, "http://localhost:8088");
    ASSERT_TRUE(ParseServerUrl("ksql:9000/", &u, &error));
    EXPECT_EQ(u.url, "http://ksql:9000");
    ASSERT_TRUE(ParseServerUrl("http://[::1]:8089", &u, &error));
    EXPECT_EQ(u.host, "::1");
    EXPECT_EQ(u.url, "http://[::1]:8089");
    EXPECT_FALSE(ParseServerUrl("https://x:1", &u, &error));
    EXPECT_NE(error.find("only http://"), std::string::npos);
    EXPECT_FALSE(ParseServerUrl("http://x:70000", &u, &error));
    EXPECT_FALSE(ParseServerUrl("http://x:ab", &u, &error));
    EXPECT_FALSE(ParseServerUrl("http://:80", &u, &error));
}

}  // namespace
}  // namespace runnel::protocol
