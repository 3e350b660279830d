#include "server/server_config.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "server/properties_file.h"

namespace runnel::server {
namespace {

TEST(Properties, JavaSyntax) {
    Properties p = ParseProperties(
        "# comment\n"
        "! also a comment\n"
        "bootstrap.servers=broker:9092\n"
        "  listeners : http://0.0.0.0:8088  \n"
        "ksql.service.id  my_service\n"
        "multi=one, \\\n"
        "      two\n"
        "escaped\\ key=tab\\there\n"
        "unicode=caf\\u00e9\n"
        "empty=\n"
        "windows=crlf\r\n");
    EXPECT_EQ(p.at("bootstrap.servers"), "broker:9092");
    EXPECT_EQ(p.at("listeners"), "http://0.0.0.0:8088  ");
    EXPECT_EQ(p.at("ksql.service.id"), "my_service");
    EXPECT_EQ(p.at("multi"), "one, two");
    EXPECT_EQ(p.at("escaped key"), "tab\there");
    EXPECT_EQ(p.at("unicode"), "caf\xC3\xA9");
    EXPECT_EQ(p.at("empty"), "");
    EXPECT_EQ(p.at("windows"), "crlf");
    EXPECT_EQ(p.size(), 8u);
}

TEST(Listener, Forms) {
    auto a = ParseListener("http://127.0.0.1:8088");
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a->host, "127.0.0.1");
    EXPECT_EQ(a->port, 8088);
    auto b = ParseListener("http://0.0.0.0:9000/, http://other:1");
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->host, "0.0.0.0");
    EXPECT_EQ(b->port, 9000);
    auto c = ParseListener("http://[::1]:8089");
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->host, "::1");
    EXPECT_EQ(c->port, 8089);
    auto d = ParseListener("localhost");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->port, 8088);
    EXPECT_FALSE(ParseListener("http://host:99999").ok());
    EXPECT_FALSE(ParseListener("https://host:8088").ok());
}

TEST(ServerArgs, DefaultsAndFlags) {
    auto def = ParseServerArgs({});
    ASSERT_TRUE(def.ok());
    EXPECT_EQ(def->engine.bootstrap_servers, "127.0.0.1:9092");
    EXPECT_EQ(def->engine.state_dir, "./state");
    EXPECT_EQ(def->engine.service_id, "default_");
    EXPECT_EQ(def->http.host, "127.0.0.1");
    EXPECT_EQ(def->http.port, 8088);

    auto flags = ParseServerArgs({"--bootstrap-servers", "k:1", "--listeners=http://0.0.0.0:9",
                                  "--state-dir", "/tmp/s", "--service-id", "svc",
                                  "--queries-file", "q.sql"});
    ASSERT_TRUE(flags.ok()) << flags.status().ToString();
    EXPECT_EQ(flags->engine.bootstrap_servers, "k:1");
    EXPECT_EQ(flags->http.host, "0.0.0.0");
    EXPECT_EQ(flags->http.port, 9);
    EXPECT_EQ(flags->engine.state_dir, "/tmp/s");
    EXPECT_EQ(flags->engine.service_id, "svc");
    EXPECT_EQ(flags->engine.queries_file, "q.sql");

    EXPECT_FALSE(ParseServerArgs({"--bogus"}).ok());
    EXPECT_FALSE(ParseServerArgs({"--state-dir"}).ok());
    auto help = ParseServerArgs({"--help"});
    ASSERT_TRUE(help.ok());
    EXPECT_TRUE(help->help);
}

TEST(ServerArgs, ConfigFileWithFlagsWinning) {
    std::string path = ::testing::TempDir() + "runnel_server_config_test.properties";
    {
        std::ofstream out(path);
        out << "bootstrap.servers=file:9092\n"
               "listeners=http://127.0.0.1:7000\n"
               "state.dir=/var/state\n"
               "ksql.service.id=from_file\n"
               "ksql.streams.num.stream.threads=4\n";
    }
    auto config = ParseServerArgs({"--config", path, "--service-id", "from_flag"});
    ASSERT_TRUE(config.ok()) << config.status().ToString();
    EXPECT_EQ(config->engine.bootstrap_servers, "file:9092");
    EXPECT_EQ(config->http.port, 7000);
    EXPECT_EQ(config->engine.state_dir, "/var/state");
    EXPECT_EQ(config->engine.service_id, "from_flag");
    EXPECT_EQ(config->engine.properties.at("ksql.streams.num.stream.threads"), "4");
    EXPECT_EQ(config->engine.properties.count("bootstrap.servers"), 0u);

    auto positional = ParseServerArgs({path});
    ASSERT_TRUE(positional.ok());
    EXPECT_EQ(positional->engine.service_id, "from_file");
    std::remove(path.c_str());

    auto missing = ParseServerArgs({"--config", "/nonexistent/runnel.properties"});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace runnel::server
