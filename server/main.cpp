// runneld: the Runnel server. Creates the engine, serves the ksqlDB REST API until SIGINT or
// SIGTERM, then shuts down cleanly.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/api/engine.h"
#include "engine/common/log.h"
#include "server/http_server.h"
#include "server/server_config.h"

namespace {

constexpr std::string_view kLog = "runneld";

std::mutex g_mu;
std::condition_variable g_cv;
int g_signal = 0;
std::atomic<bool> g_serving{false};

// All threads start with SIGINT/SIGTERM blocked; this one waits for them. A signal during
// startup (the engine may be waiting for Kafka) exits at once; a second one forces the exit.
void WaitForSignals(sigset_t set) {
    for (int count = 0;; ++count) {
        int sig = 0;
        if (sigwait(&set, &sig) != 0) continue;
        if (!g_serving.load() || count > 0) {
            std::fprintf(stderr, "runneld: interrupted (%s), exiting\n",
                         sig == SIGINT ? "SIGINT" : "SIGTERM");
            std::_Exit(128 + sig);
        }
        {
            std::lock_guard<std::mutex> lock(g_mu);
            g_signal = sig;
        }
        g_cv.notify_all();
    }
}

}  // namespace

int main(int argc, char** argv) {
    using namespace runnel;
    std::vector<std::string> args(argv + 1, argv + argc);
    Result<server::ServerConfig> config = server::ParseServerArgs(args);
    if (!config.ok()) {
        std::fprintf(stderr, "runneld: %s\n\n%s", config.status().message().c_str(),
                     server::ServerUsage().c_str());
        return 2;
    }
    if (config->help) {
        std::fputs(server::ServerUsage().c_str(), stdout);
        return 0;
    }

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    signal(SIGPIPE, SIG_IGN);
    std::thread(WaitForSignals, set).detach();

    RLOG_INFO(kLog, "starting: bootstrap.servers={} ksql.service.id={} state dir={}{}",
              config->engine.bootstrap_servers, config->engine.service_id,
              config->engine.state_dir,
              config->engine.queries_file.empty()
                  ? std::string()
                  : " headless, queries file=" + config->engine.queries_file);
    Result<std::unique_ptr<api::Engine>> engine = api::Engine::Create(config->engine);
    if (!engine.ok()) {
        std::fprintf(stderr, "runneld: could not start the engine: %s\n",
                     engine.status().ToString().c_str());
        return 1;
    }

    Result<std::unique_ptr<server::HttpServer>> http =
        server::HttpServer::Start(config->http, **engine);
    if (!http.ok()) {
        std::fprintf(stderr, "runneld: %s\n", http.status().message().c_str());
        (*engine)->Shutdown();
        return 1;
    }
    const std::string host = config->http.host.find(':') != std::string::npos
                                 ? "[" + config->http.host + "]"
                                 : config->http.host;
    RLOG_INFO(kLog, "Runnel server listening on http://{}:{}", host, (*http)->port());
    g_serving.store(true);

    int sig = 0;
    {
        std::unique_lock<std::mutex> lock(g_mu);
        g_cv.wait(lock, [] { return g_signal != 0; });
        sig = g_signal;
    }
    RLOG_INFO(kLog, "{} received, shutting down", sig == SIGINT ? "SIGINT" : "SIGTERM");
    (*http)->Stop();
    (*engine)->Shutdown();
    http->reset();
    engine->reset();
    RLOG_INFO(kLog, "stopped");
    return 0;
}
