// Terminal facts and Ctrl-C handling for the CLI. The SIGINT handler only sets a flag and, while
// a request is in progress, shuts that request's socket down (async-signal-safe), so a blocking
// read returns and the CLI gets back to its prompt. Functions are thread-safe; the handler
// targets one HttpClient at a time.
#pragma once

#include <cstddef>

#include "cli/http_client.h"

namespace runnel::cli {

// Installs the SIGINT handler (without SA_RESTART, so blocking reads see EINTR).
void InstallInterruptHandler(HttpClient* client);

// True once for each Ctrl-C received since the last call.
bool TakeInterrupt();
bool InterruptPending();

// Columns of the terminal on stdout; $COLUMNS or `fallback` when it is not a terminal.
size_t TerminalWidth(size_t fallback = 80);

bool StdinIsTerminal();
bool StdoutIsTerminal();

}  // namespace runnel::cli
