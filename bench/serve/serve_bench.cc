// Load on `sitrep serve`: N concurrent clients (one keep-alive connection each) on
// loopback ask one kind of request for a while; prints latency p50/p99/max and requests
// per second per kind. bench/serve/run_serve.sh builds the corpus and runs it.
//
//   sitrep-serve-bench --port P [--host 127.0.0.1] [--clients 50] [--seconds 10]
//                      [--kinds search,timeline,document,events]
//
// Kinds: search (/api/search, a word of a fixed list, limit 50), timeline (/api/timeline,
// limit 500, no filter, min_sources=2, or a half year of the generated corpus's dates),
// document (/api/documents/ID of a document sampled from the corpus), events
// (/api/events, limit 50, no filter, min_sources=2 or a word).
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string Encode(const std::string& s) {
  std::string out;
  const char* hex = "0123456789ABCDEF";
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += hex[ch >> 4];
      out += hex[ch & 15];
    }
  }
  return out;
}

struct Config {
  std::string host = "127.0.0.1";
  int port = 0;
  int clients = 50;
  double seconds = 10;
  std::vector<std::string> kinds = {"search", "timeline", "document", "events"};
};

std::string Path(const std::string& kind, std::mt19937& rng, const std::vector<std::string>& docs) {
  static const char* kWords[] = {"killed", "strike",    "shelling",  "police", "army",
                                 "city",   "civilians", "ceasefire", "attack", "minister",
                                 "rebels", "hospital",  "border",    "bomb",   "protest"};
  std::uniform_int_distribution<size_t> pick(0, 1000000);
  if (kind == "search") return "/api/search?limit=50&q=" + std::string(kWords[pick(rng) % 15]);
  if (kind == "timeline") {
    switch (pick(rng) % 3) {
      case 0:
        return "/api/timeline?limit=500";
      case 1:
        return "/api/timeline?limit=500&min_sources=2";
      default:
        return "/api/timeline?limit=500&from=2023-01&to=2023-06";
    }
  }
  if (kind == "document") return "/api/documents/" + Encode(docs[pick(rng) % docs.size()]);
  switch (pick(rng) % 3) {
    case 0:
      return "/api/events?limit=50";
    case 1:
      return "/api/events?limit=50&min_sources=2";
    default:
      return "/api/events?limit=50&q=" + std::string(kWords[pick(rng) % 15]);
  }
}

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5));
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[k];
}

}  // namespace

int main(int argc, char** argv) {
  Config cfg;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    if (a == "--host")
      cfg.host = v;
    else if (a == "--port")
      cfg.port = std::atoi(v.c_str());
    else if (a == "--clients")
      cfg.clients = std::atoi(v.c_str());
    else if (a == "--seconds")
      cfg.seconds = std::atof(v.c_str());
    else if (a == "--kinds") {
      cfg.kinds.clear();
      std::stringstream ss(v);
      for (std::string k; std::getline(ss, k, ',');) cfg.kinds.push_back(k);
    } else {
      std::fprintf(stderr, "unknown option %s\n", a.c_str());
      return 2;
    }
  }
  if (cfg.port <= 0) {
    std::fprintf(stderr,
                 "usage: sitrep-serve-bench --port P [--clients N] [--seconds S] [--kinds a,b]\n");
    return 2;
  }
  // Document ids to ask for: a sample over the whole list.
  std::vector<std::string> docs;
  {
    httplib::Client c(cfg.host, cfg.port);
    auto status = c.Get("/api/status");
    if (!status || status->status != 200) {
      std::fprintf(stderr, "no server at %s:%d\n", cfg.host.c_str(), cfg.port);
      return 1;
    }
    const auto st = nlohmann::json::parse(status->body);
    const long long n = st["documents"].get<long long>();
    for (long long off = 0; off < n && docs.size() < 5000; off += std::max<long long>(1, n / 10)) {
      auto r = c.Get(("/api/documents?limit=500&offset=" + std::to_string(off)).c_str());
      if (!r || r->status != 200) break;
      const nlohmann::json page = nlohmann::json::parse(r->body);
      for (const auto& d : page["items"]) docs.push_back(d["id"]);
    }
    std::printf("# server %s:%d: %lld documents, %s events; %d clients, %.0f s per kind\n",
                cfg.host.c_str(), cfg.port, n, st["events"].dump().c_str(), cfg.clients,
                cfg.seconds);
  }
  if (docs.empty()) docs.push_back("none");
  std::printf("| request | clients | requests | errors | req/s | p50 ms | p99 ms | max ms |\n");
  std::printf("|---|---|---|---|---|---|---|---|\n");
  for (const std::string& kind : cfg.kinds) {
    std::vector<std::vector<double>> lat(cfg.clients);
    std::atomic<long> errors{0};
    const auto start = std::chrono::steady_clock::now();
    const auto end = start + std::chrono::duration<double>(cfg.seconds);
    std::vector<std::thread> threads;
    for (int t = 0; t < cfg.clients; ++t) {
      threads.emplace_back([&, t] {
        std::mt19937 rng(1234 + t);
        httplib::Client c(cfg.host, cfg.port);
        c.set_keep_alive(true);
        c.set_tcp_nodelay(true);
        c.set_read_timeout(60, 0);
        while (std::chrono::steady_clock::now() < end) {
          const std::string path = Path(kind, rng, docs);
          const auto t0 = std::chrono::steady_clock::now();
          auto r = c.Get(path.c_str());
          const auto t1 = std::chrono::steady_clock::now();
          if (!r || r->status != 200) {
            if (errors++ == 0) {
              std::fprintf(
                  stderr, "# %s: %s\n", path.c_str(),
                  r ? std::to_string(r->status).c_str() : httplib::to_string(r.error()).c_str());
            }
            continue;
          }
          lat[t].push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        }
      });
    }
    for (auto& th : threads) th.join();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::vector<double> all;
    for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
    const double mx = all.empty() ? 0 : *std::max_element(all.begin(), all.end());
    const size_t n = all.size();
    const double p50 = Percentile(all, 0.50), p99 = Percentile(all, 0.99);
    std::printf("| %s | %d | %zu | %ld | %.0f | %.1f | %.1f | %.1f |\n", kind.c_str(), cfg.clients,
                n, errors.load(), n / wall, p50, p99, mx);
    std::fflush(stdout);
  }
  return 0;
}
