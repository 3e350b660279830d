#include "cli/terminal.h"

#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace runnel::cli {

namespace {

std::atomic<HttpClient*> g_client{nullptr};
volatile sig_atomic_t g_interrupted = 0;

void OnSigint(int) {
    g_interrupted = 1;
    HttpClient* client = g_client.load();
    if (client != nullptr) client->Interrupt();
}

}  // namespace

void InstallInterruptHandler(HttpClient* client) {
    g_client.store(client);
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = OnSigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: interrupt blocking reads
    sigaction(SIGINT, &sa, nullptr);
}

bool TakeInterrupt() {
    bool was = g_interrupted != 0;
    g_interrupted = 0;
    return was;
}

bool InterruptPending() { return g_interrupted != 0; }

size_t TerminalWidth(size_t fallback) {
    winsize ws{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    if (const char* columns = std::getenv("COLUMNS")) {
        long n = std::strtol(columns, nullptr, 10);
        if (n > 0) return static_cast<size_t>(n);
    }
    return fallback;
}

bool StdinIsTerminal() { return ::isatty(STDIN_FILENO) == 1; }
bool StdoutIsTerminal() { return ::isatty(STDOUT_FILENO) == 1; }

}  // namespace runnel::cli
