#include "cli/shell.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <vector>

#include "cli/terminal.h"
#include "protocol/entity_renderer.h"
#include "protocol/query_response_parser.h"
#include "protocol/rest_requests.h"
#include "protocol/statement_kind.h"
#include "protocol/statement_splitter.h"
#include "protocol/table_renderer.h"

namespace runnel::cli {

namespace {

// Separator lines are capped at the terminal width only when printing to a terminal.
size_t ListWidth() { return StdoutIsTerminal() ? TerminalWidth() : 0; }

}  // namespace

Shell::Shell(HttpClient& client, std::string server_url, std::FILE* out, std::FILE* err)
    : client_(client), server_url_(std::move(server_url)), out_(out), err_(err) {}

void Shell::Print(const std::string& text) {
    std::fputs(text.c_str(), out_);
    std::fflush(out_);
}

void Shell::PrintError(const std::string& text) {
    std::fflush(out_);
    std::fputs(text.c_str(), err_);
    if (!text.empty() && text.back() != '\n') std::fputc('\n', err_);
    std::fflush(err_);
}

void Shell::PrintConnectionError(const std::string& error) {
    PrintError("Could not connect to the server at " + server_url_ + ": " + error);
}

std::string Shell::RequestBody(const std::string& statement) const {
    protocol::KsqlRequest request;
    request.ksql = statement;
    request.streams_properties = properties_;
    request.session_variables = variables_;
    return protocol::ToJsonText(request);
}

bool Shell::Execute(const std::string& statement) {
    protocol::ClassifiedStatement c = protocol::ClassifyStatement(statement);
    switch (c.kind) {
        case protocol::StatementKind::kSet:
            properties_[c.name] = c.value;
            Print("Successfully changed local property '" + c.name + "' to '" + c.value +
                  "'. Use the UNSET command to revert your change.\n");
            return true;
        case protocol::StatementKind::kUnset: {
            auto it = properties_.find(c.name);
            if (it == properties_.end()) {
                Print("Local property '" + c.name + "' is not set.\n");
            } else {
                Print("Successfully unset local property '" + c.name + "' (value was '" +
                      it->second + "').\n");
                properties_.erase(it);
            }
            return true;
        }
        case protocol::StatementKind::kDefine:
            variables_[c.name] = c.value;
            return true;
        case protocol::StatementKind::kUndefine:
            variables_.erase(c.name);
            return true;
        case protocol::StatementKind::kQuery:
            return RunQuery(statement);
        case protocol::StatementKind::kOther:
            break;
    }
    return RunKsql(statement);
}

bool Shell::RunKsql(const std::string& statement) {
    HttpResult result;
    std::string error;
    if (!client_.Post("/ksql", RequestBody(statement), &result, &error)) {
        if (client_.interrupted()) {
            TakeInterrupt();
            PrintError("Request interrupted; the server may still complete the statement.");
        } else {
            PrintConnectionError(error);
        }
        return false;
    }
    bool failed = false;
    std::string text = protocol::RenderKsqlResponse(result.status, result.body, &failed,
                                                    ListWidth());
    if (failed) {
        PrintError(text);
    } else {
        Print(text);
    }
    return !failed;
}

bool Shell::RunQuery(const std::string& statement) {
    int status = 0;
    std::string error_body;  // the body of a non-200 answer
    protocol::QueryResponseParser parser;
    std::unique_ptr<protocol::BoxTable> table;
    std::optional<std::string> final_message;
    std::optional<std::string> error_message;

    auto handle = [&](const std::vector<protocol::QueryEvent>& events) {
        std::string text;
        for (const auto& event : events) {
            switch (event.kind) {
                case protocol::QueryEvent::Kind::kHeader:
                    if (!table) {
                        table = std::make_unique<protocol::BoxTable>(event.column_names,
                                                                     TerminalWidth());
                        text += table->Header();
                    }
                    break;
                case protocol::QueryEvent::Kind::kRow: {
                    std::vector<std::string> cells;
                    if (event.columns.is_array()) {
                        for (const auto& v : event.columns) cells.push_back(protocol::CellText(v));
                    }
                    if (!table) {  // a row before any header: name the columns by position
                        std::vector<std::string> names;
                        for (size_t i = 0; i < cells.size(); ++i) {
                            names.push_back("COL" + std::to_string(i + 1));
                        }
                        table = std::make_unique<protocol::BoxTable>(names, TerminalWidth());
                        text += table->Header();
                    }
                    text += table->Row(cells);
                    break;
                }
                case protocol::QueryEvent::Kind::kFinal:
                    final_message = event.message;
                    break;
                case protocol::QueryEvent::Kind::kError:
                    error_message = event.message;
                    break;
                case protocol::QueryEvent::Kind::kText:
                    text += event.message + "\n";
                    break;
            }
        }
        if (!text.empty()) Print(text);
    };

    std::string error;
    const bool ok = client_.PostStreaming(
        "/query", RequestBody(statement),
        [&](int s, const std::string&) { status = s; },
        [&](std::string_view data) {
            if (status != 200) {
                error_body.append(data);
                return;
            }
            handle(parser.Feed(data));
        },
        &error);
    if (status == 200) handle(parser.Finish());
    // The terminal echoed "^C" without a line break.
    if (!ok && client_.interrupted() && StdoutIsTerminal()) Print("\n");
    if (table) Print(table->Footer());

    if (!ok) {
        if (client_.interrupted()) {
            TakeInterrupt();
            Print("Query terminated\n");
            return true;
        }
        if (status == 0) {
            PrintConnectionError(error);
        } else {
            PrintError("Connection to the server lost: " + error);
        }
        return false;
    }
    if (status != 200) {
        bool failed = true;
        PrintError(protocol::RenderKsqlResponse(status, error_body, &failed));
        return false;
    }
    if (error_message) {
        PrintError(*error_message);
        return false;
    }
    if (final_message) Print(*final_message + "\n");
    Print("Query terminated\n");
    return true;
}

bool Shell::RunScript(const std::string& text) {
    for (const std::string& statement : protocol::SplitStatements(text)) {
        if (InterruptPending()) return false;
        if (!Execute(statement)) return false;
    }
    return !InterruptPending();
}

bool Shell::CheckServer(std::string* version, std::string* error) {
    HttpResult result;
    if (!client_.Get("/info", &result, error)) return false;
    nlohmann::json doc = nlohmann::json::parse(result.body, nullptr, /*allow_exceptions=*/false);
    if (result.status != 200 || doc.is_discarded() || !doc.is_object()) {
        *error = "unexpected answer to GET /info (HTTP " + std::to_string(result.status) + ")";
        return false;
    }
    const auto& info = doc.value("KsqlServerInfo", nlohmann::json::object());
    *version = info.is_object() ? info.value("version", std::string("unknown")) : "unknown";
    return true;
}

}  // namespace runnel::cli
