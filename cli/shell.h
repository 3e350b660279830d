// The CLI's statement runner: sends each statement to the server the way ksqlDB's CLI does
// (SELECT / PRINT to POST /query, streamed and printed as a table while rows arrive; everything
// else to POST /ksql, rendered as tables), and keeps the session's local state: properties from
// SET / UNSET and variables from DEFINE / UNDEFINE, sent along with every request.
// Not thread-safe (one shell per CLI).
#pragma once

#include <cstdio>
#include <map>
#include <string>

#include "cli/http_client.h"

namespace runnel::cli {

class Shell {
public:
    Shell(HttpClient& client, std::string server_url, std::FILE* out, std::FILE* err);

    // Runs one statement (as StatementSplitter returns it). False if it failed.
    bool Execute(const std::string& statement);

    // Runs every statement of `text`, stopping at the first failure or at Ctrl-C between
    // statements. False if a statement failed or the run was interrupted.
    bool RunScript(const std::string& text);

    // GET /info. Sets *version, or *error when the server cannot be reached.
    bool CheckServer(std::string* version, std::string* error);

    const std::string& server_url() const { return server_url_; }
    const std::map<std::string, std::string>& properties() const { return properties_; }

private:
    bool RunKsql(const std::string& statement);
    bool RunQuery(const std::string& statement);
    std::string RequestBody(const std::string& statement) const;
    void PrintConnectionError(const std::string& error);
    void Print(const std::string& text);
    void PrintError(const std::string& text);

    HttpClient& client_;
    std::string server_url_;
    std::FILE* out_;
    std::FILE* err_;
    std::map<std::string, std::string> properties_;
    std::map<std::string, std::string> variables_;
};

}  // namespace runnel::cli
