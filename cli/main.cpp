// runnel: the command-line client of a Runnel (or ksqlDB) server. Interactive shell with line
// editing and history, or non-interactive with -e / -f (exit status 1 when a statement fails).
#include <editline/readline.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "cli/http_client.h"
#include "cli/shell.h"
#include "cli/terminal.h"
#include "protocol/server_url.h"
#include "protocol/statement_splitter.h"

namespace {

using runnel::cli::HttpClient;
using runnel::cli::Shell;

constexpr const char* kDefaultServer = "http://127.0.0.1:8088";
constexpr const char* kPrompt = "runnel> ";
constexpr const char* kContinuationPrompt = "      > ";

void PrintUsage(std::FILE* to) {
    std::fprintf(to,
                 "Usage: runnel [SERVER] [options]\n"
                 "  SERVER, --server URL    server address (default %s)\n"
                 "  -e, --execute TEXT      run the statements in TEXT and exit\n"
                 "  -f, --file FILE         run the statements in FILE and exit\n"
                 "  -h, --help              this help\n"
                 "Without -e or -f, runnel starts an interactive shell (or reads statements\n"
                 "from standard input when it is not a terminal). Non-interactive runs stop at\n"
                 "the first failing statement and exit with status 1.\n",
                 kDefaultServer);
}

void PrintShellHelp() {
    std::fputs(
        "Statements end with ';' and may span several lines. SELECT and PRINT stream their\n"
        "results until the LIMIT is reached or you press Ctrl-C.\n"
        "  SET 'property' = 'value';   set a property for the following statements\n"
        "  UNSET 'property';           remove it\n"
        "  DEFINE name = 'value';      define a variable, used as ${name}\n"
        "  UNDEFINE name;              remove it\n"
        "  help                        this help\n"
        "  exit, quit, Ctrl-D          leave the shell\n"
        "Ctrl-C clears the line at the prompt and stops a running query.\n",
        stdout);
}

// readline's input function: a Ctrl-C while waiting for a key ends the line (as end of input,
// which the loop then tells apart from Ctrl-D by the interrupt flag).
int InterruptibleGetc(FILE* in) {
    for (;;) {
        unsigned char c;
        ssize_t n = ::read(fileno(in), &c, 1);
        if (n == 1) return c;
        if (n == 0) return EOF;
        if (errno == EINTR) {
            if (runnel::cli::InterruptPending()) return EOF;
            continue;
        }
        return EOF;
    }
}

std::string Trimmed(const std::string& s) {
    size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return "";
    size_t b = s.find_last_not_of(" \t\r\n");
    return s.substr(a, b - a + 1);
}

// "exit", "quit" and "help" work without a ';', as in ksqlDB's CLI.
std::string LocalCommand(const std::string& line) {
    std::string cmd = Trimmed(line);
    while (!cmd.empty() && cmd.back() == ';') cmd.pop_back();
    for (char& c : cmd) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return cmd;
}

std::string HistoryPath() {
    const char* home = std::getenv("HOME");
    return home != nullptr && *home != '\0' ? std::string(home) + "/.runnel_history" : "";
}

int RunInteractive(Shell& shell) {
    std::string version;
    std::string error;
    std::printf("Runnel CLI\n");
    if (shell.CheckServer(&version, &error)) {
        std::printf("Server: %s (version %s)\n", shell.server_url().c_str(), version.c_str());
    } else {
        std::printf("WARNING: Could not connect to the server at %s: %s\n",
                    shell.server_url().c_str(), error.c_str());
    }
    std::printf("Type 'help' for help, 'exit' or Ctrl-D to leave.\n\n");
    std::fflush(stdout);

    rl_getc_function = InterruptibleGetc;
    using_history();
    stifle_history(1000);
    const std::string history = HistoryPath();
    if (!history.empty()) read_history(history.c_str());

    runnel::protocol::StatementSplitter splitter;
    for (;;) {
        runnel::cli::TakeInterrupt();
        char* raw = readline(splitter.pending() ? kContinuationPrompt : kPrompt);
        if (raw == nullptr) {
            std::fputs("\n", stdout);
            if (runnel::cli::TakeInterrupt()) {  // Ctrl-C: drop the line and what was pending
                splitter.Reset();
                continue;
            }
            break;  // Ctrl-D
        }
        std::string line(raw);
        std::free(raw);
        if (!splitter.pending()) {
            const std::string cmd = LocalCommand(line);
            if (cmd == "exit" || cmd == "quit") break;
            if (cmd == "help") {
                add_history(line.c_str());
                PrintShellHelp();
                continue;
            }
        }
        if (!Trimmed(line).empty()) add_history(line.c_str());
        for (const std::string& statement : splitter.Add(line + "\n")) {
            shell.Execute(statement);
            if (runnel::cli::TakeInterrupt()) break;  // Ctrl-C between statements of a line
        }
    }
    if (!history.empty()) write_history(history.c_str());
    return 0;
}

std::optional<std::string> ReadAll(std::istream& in) {
    std::stringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return buffer.str();
}

}  // namespace

int main(int argc, char** argv) {
    std::string server = kDefaultServer;
    std::optional<std::string> execute;
    std::optional<std::string> file;
    bool server_given = false;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "runnel: missing value for %s\n", arg.c_str());
                return std::nullopt;
            }
            return std::string(argv[++i]);
        };
        if (arg == "-h" || arg == "--help") {
            PrintUsage(stdout);
            return 0;
        } else if (arg == "-e" || arg == "--execute") {
            if (!(execute = value())) return 2;
        } else if (arg == "-f" || arg == "--file") {
            if (!(file = value())) return 2;
        } else if (arg == "--server") {
            auto v = value();
            if (!v) return 2;
            server = *v;
            server_given = true;
        } else if (!arg.empty() && arg[0] == '-') {
            std::fprintf(stderr, "runnel: unknown option %s\n\n", arg.c_str());
            PrintUsage(stderr);
            return 2;
        } else if (!server_given) {
            server = arg;
            server_given = true;
        } else {
            std::fprintf(stderr, "runnel: unexpected argument %s\n", arg.c_str());
            return 2;
        }
    }
    if (execute && file) {
        std::fprintf(stderr, "runnel: use either -e or -f, not both\n");
        return 2;
    }

    runnel::protocol::ServerUrl url;
    std::string error;
    if (!runnel::protocol::ParseServerUrl(server, &url, &error)) {
        std::fprintf(stderr, "runnel: %s\n", error.c_str());
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    HttpClient client(url.host, url.port);
    runnel::cli::InstallInterruptHandler(&client);
    Shell shell(client, url.url, stdout, stderr);

    std::optional<std::string> script = execute;
    if (file) {
        std::ifstream in(*file, std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "runnel: cannot read %s: %s\n", file->c_str(),
                         std::strerror(errno));
            return 1;
        }
        script = ReadAll(in);
        if (!script) {
            std::fprintf(stderr, "runnel: cannot read %s\n", file->c_str());
            return 1;
        }
    } else if (!execute && !runnel::cli::StdinIsTerminal()) {
        script = ReadAll(std::cin);  // statements piped in
        if (!script) return 1;
    }
    if (script) return shell.RunScript(*script) ? 0 : 1;
    return RunInteractive(shell);
}
