#include "protocol/stream_framing.h"

#include <gtest/gtest.h>

#include "protocol/query_response_parser.h"

namespace runnel::protocol {
namespace {

using Json = nlohmann::json;

StreamHeader Header() {
    StreamHeader h;
    h.query_id = "transient_S_1";
    h.schema = "`ID` INTEGER KEY, `NAME` STRING";
    h.column_names = {"ID", "NAME"};
    h.column_types = {"INTEGER", "STRING"};
    return h;
}

std::string Body(StreamFormat f, bool fail) {
    std::string body = FrameBegin(f, Header());
    body += FrameRow(f, R"([1,"a"])");
    body += FrameRow(f, R"([2,"b"])");
    body += fail ? FrameError(f, 50000, "boom") : FrameEnd(f, "Limit Reached");
    return body;
}

TEST(StreamFraming, QueryEndpointIsKsqlDbFraming) {
    EXPECT_EQ(Body(StreamFormat::kQueryV1, false),
              "[{\"header\":{\"queryId\":\"transient_S_1\",\"schema\":\"`ID` INTEGER KEY, `NAME` "
              "STRING\"}},\n"
              "{\"row\":{\"columns\":[1,\"a\"]}},\n"
              "{\"row\":{\"columns\":[2,\"b\"]}},\n"
              "{\"finalMessage\":\"Limit Reached\"}]\n");
    // The whole body is one valid JSON array.
    Json all = Json::parse(Body(StreamFormat::kQueryV1, false));
    ASSERT_EQ(all.size(), 4u);
    Json failed = Json::parse(Body(StreamFormat::kQueryV1, true));
    EXPECT_EQ(failed.back()["errorMessage"]["@type"], "generic_error");
    EXPECT_EQ(failed.back()["errorMessage"]["error_code"], 50000);
    EXPECT_EQ(failed.back()["errorMessage"]["message"], "boom");
}

TEST(StreamFraming, QueryStreamDelimited) {
    EXPECT_EQ(Body(StreamFormat::kDelimited, false),
              "{\"queryId\":\"transient_S_1\",\"columnNames\":[\"ID\",\"NAME\"],"
              "\"columnTypes\":[\"INTEGER\",\"STRING\"]}\n"
              "[1,\"a\"]\n"
              "[2,\"b\"]\n");
    std::string failed = Body(StreamFormat::kDelimited, true);
    EXPECT_NE(failed.find(
                  "\n{\"@type\":\"generic_error\",\"error_code\":50000,\"message\":\"boom\"}\n"),
              std::string::npos);
}

TEST(StreamFraming, QueryStreamJsonArray) {
    Json all = Json::parse(Body(StreamFormat::kJsonArray, false));
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0]["queryId"], "transient_S_1");
    EXPECT_EQ(all[1], Json::parse(R"([1,"a"])"));
    Json failed = Json::parse(Body(StreamFormat::kJsonArray, true));
    EXPECT_EQ(failed.back()["message"], "boom");
}

std::vector<QueryEvent> ParseInPieces(const std::string& body, size_t piece) {
    QueryResponseParser parser;
    std::vector<QueryEvent> events;
    for (size_t i = 0; i < body.size(); i += piece) {
        auto some = parser.Feed(std::string_view(body).substr(i, piece));
        events.insert(events.end(), some.begin(), some.end());
    }
    auto rest = parser.Finish();
    events.insert(events.end(), rest.begin(), rest.end());
    return events;
}

class ParserPieces : public ::testing::TestWithParam<size_t> {};

TEST_P(ParserPieces, ReadsEveryFormatInAnyPieces) {
    for (StreamFormat f : {StreamFormat::kQueryV1, StreamFormat::kDelimited,
                           StreamFormat::kJsonArray}) {
        auto events = ParseInPieces(Body(f, false), GetParam());
        size_t expected = f == StreamFormat::kQueryV1 ? 4u : 3u;  // only /query has a final row
        ASSERT_EQ(events.size(), expected) << static_cast<int>(f);
        EXPECT_EQ(events[0].kind, QueryEvent::Kind::kHeader);
        EXPECT_EQ(events[0].query_id, "transient_S_1");
        EXPECT_EQ(events[0].column_names, (std::vector<std::string>{"ID", "NAME"}));
        EXPECT_EQ(events[1].kind, QueryEvent::Kind::kRow);
        EXPECT_EQ(events[1].columns, Json::parse(R"([1,"a"])"));
        EXPECT_EQ(events[2].columns, Json::parse(R"([2,"b"])"));
        if (f == StreamFormat::kQueryV1) {
            EXPECT_EQ(events[3].kind, QueryEvent::Kind::kFinal);
            EXPECT_EQ(events[3].message, "Limit Reached");
        }
        auto failed = ParseInPieces(Body(f, true), GetParam());
        ASSERT_FALSE(failed.empty());
        EXPECT_EQ(failed.back().kind, QueryEvent::Kind::kError);
        EXPECT_EQ(failed.back().message, "boom");
    }
}

INSTANTIATE_TEST_SUITE_P(Pieces, ParserPieces, ::testing::Values(1, 2, 7, 1000));

TEST(QueryResponseParser, KeepAliveNewlinesAndStringsWithBrackets) {
    std::string body =
        "[{\"header\":{\"queryId\":\"q\",\"schema\":\"`A` STRING\"}},\n\n\n"
        "{\"row\":{\"columns\":[\"}]{[\\\"x\"]}},\n\n"
        "{\"finalMessage\":\"Query Completed\"}]\n";
    auto events = ParseInPieces(body, 3);
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[1].columns[0], "}]{[\"x");
    EXPECT_EQ(events[2].message, "Query Completed");
}

TEST(QueryResponseParser, PlainTextIsPassedOnByLine) {
    auto events = ParseInPieces("Key format: KAFKA\nValue format: JSON\nrowtime: 1", 4);
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0].kind, QueryEvent::Kind::kText);
    EXPECT_EQ(events[0].message, "Key format: KAFKA");
    EXPECT_EQ(events[2].message, "rowtime: 1");
}

TEST(QueryResponseParser, CellText) {
    EXPECT_EQ(CellText(Json("a")), "a");
    EXPECT_EQ(CellText(Json(nullptr)), "null");
    EXPECT_EQ(CellText(Json(1.5)), "1.5");
    EXPECT_EQ(CellText(Json::parse(R"({"A":[1,"x"]})")), R"({"A":[1,"x"]})");
}

}  // namespace
}  // namespace runnel::protocol
