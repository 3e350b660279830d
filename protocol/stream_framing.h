// The byte framing of streamed query results, exactly as ksqlDB writes it:
//  - POST /query (kQueryV1): a JSON array written piece by piece:
//      [{"header":{"queryId":"..","schema":".."}},\n
//      {"row":{"columns":[..]}},\n            (one per row)
//      {"finalMessage":"Limit Reached"}]\n   (or {"errorMessage":{..}}]\n on failure)
//  - POST /query-stream, application/vnd.ksqlapi.delimited.v1 (kDelimited): the metadata
//    object {"queryId","columnNames","columnTypes"} on the first line, then one JSON array per row,
//    newline-terminated; a failure adds an error object line.
//  - POST /query-stream, application/json (kJsonArray): [metadata,[row],[row]...].
// Rows arrive as JSON array text (`[1,"a"]`) and are spliced in without re-parsing.
// Stateless functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace runnel::protocol {

enum class StreamFormat { kQueryV1, kDelimited, kJsonArray };

inline constexpr std::string_view kDelimitedContentType = "application/vnd.ksqlapi.delimited.v1";

struct StreamHeader {
    std::string query_id;
    std::string schema;  // "`ID` INTEGER KEY, `NAME` STRING"
    std::vector<std::string> column_names;
    std::vector<std::string> column_types;
};

// The first piece of the body.
std::string FrameBegin(StreamFormat format, const StreamHeader& header);
// One row; `row_json` is a JSON array text.
std::string FrameRow(StreamFormat format, std::string_view row_json);
// The last piece after a normal end ("Limit Reached", "Query Completed", ...).
std::string FrameEnd(StreamFormat format, std::string_view final_message);
// The last piece after the query failed while running.
std::string FrameError(StreamFormat format, int error_code, std::string_view message);

}  // namespace runnel::protocol
