#include "bench/scale_bench/wrk.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace scale_bench {
namespace {

// "1.23ms", "456.00us", "2.00s" -> milliseconds.
double to_ms(const std::string& text) {
  const double value = std::atof(text.c_str());
  if (text.ends_with("us")) return value / 1000.0;
  if (text.ends_with("ms")) return value;
  if (text.ends_with("s")) return value * 1000.0;
  return value;
}

std::string lua_quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) out.append(buffer, got);
  ::pclose(pipe);
  return out;
}

}  // namespace

bool wrk_available() { return std::system("command -v wrk > /dev/null 2>&1") == 0; }

std::optional<WrkResult> run_wrk(int port, const WrkRequest& request, int connections, double seconds) {
  static int counter = 0;
  const std::filesystem::path script = std::filesystem::temp_directory_path() /
                                       ("scale-bench-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".lua");
  {
    std::ofstream out(script);
    out << "wrk.method = " << lua_quoted(request.method) << "\n";
    out << "wrk.headers[\"Authorization\"] = \"Bearer sk-bench\"\n";
    out << "wrk.headers[\"OpenAI-Beta\"] = \"assistants=v2\"\n";
    if (!request.body.empty()) {
      out << "wrk.body = " << lua_quoted(request.body) << "\n";
      out << "wrk.headers[\"Content-Type\"] = \"application/json\"\n";
    }
  }
  std::ostringstream command;
  // wrk reads durations in whole seconds (s, m, h).
  command << "wrk -t1 -c" << connections << " -d" << std::max(1, static_cast<int>(seconds + 0.5)) << "s --timeout 5s --latency -s "
          << script.string() << " http://127.0.0.1:" << port << request.path << " 2>&1";
  WrkResult result;
  result.raw = run(command.str());
  std::error_code ignored;
  std::filesystem::remove(script, ignored);

  std::istringstream lines(result.raw);
  std::string line;
  bool distribution = false;
  bool have_rate = false;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string first;
    words >> first;
    if (first == "Latency" && line.find("Distribution") != std::string::npos) distribution = true;
    if (distribution && (first == "50%" || first == "99%")) {
      std::string value;
      words >> value;
      (first == "50%" ? result.p50_ms : result.p99_ms) = to_ms(value);
    }
    if (first == "Requests/sec:") {
      words >> result.requests_per_second;
      have_rate = true;
    }
    if (line.find("Non-2xx or 3xx responses:") != std::string::npos) {
      result.non_2xx = std::atol(line.substr(line.find(':') + 1).c_str());
    }
    if (first == "Socket" && line.find("errors:") != std::string::npos) {
      // "Socket errors: connect 0, read 0, write 0, timeout 0"
      std::string rest = line.substr(line.find(':') + 1);
      for (char& c : rest) {
        if (c == ',') c = ' ';
      }
      std::istringstream items(rest);
      std::string name;
      long count = 0;
      while (items >> name >> count) result.socket_errors += count;
    }
  }
  if (!have_rate) return std::nullopt;
  return result;
}

}  // namespace scale_bench
