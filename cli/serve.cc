// `sitrep serve --db corpus.db [--host 127.0.0.1] [--port 8080] [--write-token T]
//                [--data DIR]`
//
// Serves the JSON API (docs/api.md) and the web UI (docs/web-ui.md) over the store until
// SIGINT/SIGTERM. Prints the address to open on stdout once listening (with the actual
// port when --port 0 asked for an ephemeral one).

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "cli/commands.h"
#include "serve/server.h"

namespace sitrep::cli {
namespace {

volatile std::sig_atomic_t g_stop = 0;  // set by the signal handler only

extern "C" void StopServing(int /*signal*/) { g_stop = 1; }

}  // namespace

Command AddServeCommand(CLI::App& root) {
  auto options = std::make_shared<serve::ServeOptions>();
  CLI::App* app = root.add_subcommand(
      "serve", "Serve a corpus: the JSON API (docs/api.md) and the web UI, on loopback by default");
  app->add_option("--db", options->db, "The store to serve (from `sitrep add` or analyze --store)")
      ->required();
  app->add_option("--host", options->host, "Address to listen on")->capture_default_str();
  app->add_option("--port", options->port, "Port to listen on (0 = any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  app->add_option("--write-token", options->write_token,
                  "Allow POST /api/add with 'Authorization: Bearer TOKEN' (default: read-only)");
  app->add_option("--data", options->data_dir,
                  "Folder holding the world-atlas map outlines (default: those embedded at "
                  "build time, else the installed package)");
  app->add_option("--timeout-ms", options->request_timeout_ms,
                  "Longest time one request may spend in the store (ms)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app->add_option("--max-limit", options->max_limit, "Largest page of a list")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  auto cache_mb = std::make_shared<size_t>(options->cache_bytes >> 20);
  app->add_option("--cache-mb", *cache_mb,
                  "Memory for answers kept while the corpus is unchanged (MiB; 0 = none)")
      ->capture_default_str();
  auto run = [options, cache_mb]() -> int {
    options->cache_bytes = *cache_mb << 20;
    Result<std::unique_ptr<serve::Server>> server = serve::Server::Open(*options);
    if (!server.ok()) {
      PrintError(server.status().message());
      return kExitUsage;
    }
    Result<int> port = (*server)->Bind();
    if (!port.ok()) {
      PrintError(port.status().message());
      return kExitSomeInputsFailed;
    }
    // The handlers stay installed after the server stopped: `timeout` sends SIGTERM to
    // the child and then to its process group, and the second one must not kill a server
    // that is already shutting down cleanly (see watch.cc).
    std::signal(SIGINT, StopServing);
    std::signal(SIGTERM, StopServing);
    const std::string host =
        options->host.find(':') != std::string::npos ? "[" + options->host + "]" : options->host;
    if ((*server)->outlines_source().empty()) {
      std::cerr << "sitrep: serve: map outlines not found (run scripts/install-deps.sh or pass "
                   "--data); the map shows places without country outlines\n";
    }
    std::cerr << "sitrep: serving " << options->db
              << (options->write_token.empty() ? " read-only" : " (writes with the token)")
              << "; Ctrl-C stops\n";
    std::cout << "sitrep serve: open http://" << host << ":" << *port << "/" << std::endl;
    std::atomic<bool> done{false};
    serve::Server* s = server->get();
    std::thread stopper([&] {
      while (!done.load()) {
        if (g_stop) s->Stop();  // again until Run returns: a stop before listening is lost
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    });
    const Status status = s->Run();
    done = true;
    stopper.join();
    if (!status.ok()) {
      PrintError(status.message());
      return kExitSomeInputsFailed;
    }
    std::cerr << "sitrep: serve: stopped\n";
    return kExitOk;
  };
  return {app, run};
}

}  // namespace sitrep::cli
