// Incremental reader of a streamed query response body, for the CLI: accepts the bytes as they
// arrive in any pieces and yields events (header, row, final message, error). Understands the
// POST /query framing ([{"header":..},\n{"row":..},\n..{"finalMessage":..}]) and both
// /query-stream framings (delimited lines and a JSON array). A body that is not JSON (e.g. the
// text PRINT may produce) is passed on line by line as kText events.
// Not thread-safe (one parser per response).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace runnel::protocol {

struct QueryEvent {
    enum class Kind { kHeader, kRow, kFinal, kError, kText };
    Kind kind = Kind::kText;
    std::string query_id;                   // kHeader
    std::vector<std::string> column_names;  // kHeader
    std::vector<std::string> column_types;  // kHeader
    nlohmann::json columns;                 // kRow: the JSON array of values
    bool tombstone = false;                 // kRow
    std::string message;                    // kFinal, kError, kText
};

class QueryResponseParser {
public:
    std::vector<QueryEvent> Feed(std::string_view data);
    // Ends the body: returns what is left (an unterminated text line or malformed JSON as text).
    std::vector<QueryEvent> Finish();

private:
    enum class Mode { kUnknown, kJson, kText };

    void ParseJson(std::vector<QueryEvent>* out);
    void ParseText(bool at_end, std::vector<QueryEvent>* out);
    static void Interpret(const nlohmann::json& element, std::vector<QueryEvent>* out);

    Mode mode_ = Mode::kUnknown;
    std::string buffer_;
    // Scan state of the element being read (starting at buffer_[0] when depth_ > 0).
    size_t scan_ = 0;
    int depth_ = 0;
    bool in_string_ = false;
    bool escape_ = false;
    bool wrapper_open_ = false;
};

// How the CLI prints one value: strings without quotes, null as "null", others as JSON.
std::string CellText(const nlohmann::json& value);

}  // namespace runnel::protocol
