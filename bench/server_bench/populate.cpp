#include "bench/server_bench/populate.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <vector>

#include <httplib.h>

#include "bench/server_bench/clients.hpp"

namespace server_bench {
namespace {

std::string message_text(std::size_t number) {
  char buffer[48];
  std::snprintf(buffer, sizeof(buffer), "bench message %07zu", number);
  return buffer;
}

}  // namespace

std::string message_body(std::size_t number) {
  return Json{{"role", "user"}, {"content", message_text(number)}}.dump();
}

PopulateResult post_messages(int port, const std::string& thread_id, std::size_t first,
                             std::size_t last, std::size_t clients,
                             std::atomic<std::uint64_t>& done) {
  std::atomic<std::size_t> next{first};
  std::atomic<std::uint64_t> errors{0};
  std::mutex error_mutex;
  std::string first_error;
  constexpr std::uint64_t k_give_up_after_errors = 100;
  const std::string path = "/v1/threads/" + thread_id + "/messages";
  const std::size_t workers = std::min(clients, last - first + 1);
  std::vector<std::thread> threads;
  for (std::size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      auto client = make_client(port, mock_headers());
      for (;;) {
        if (errors.load() >= k_give_up_after_errors) return;
        const std::size_t number = next.fetch_add(1);
        if (number > last) return;
        httplib::Result result = client->Post(path, message_body(number), "application/json");
        if (result && is_2xx(result->status)) {
          done.fetch_add(1);
          continue;
        }
        errors.fetch_add(1);
        std::lock_guard lock(error_mutex);
        if (first_error.empty()) {
          first_error = result ? "HTTP " + std::to_string(result->status) + " " +
                                     truncated(result->body, 200)
                               : httplib::to_string(result.error());
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  return {errors.load(), first_error};
}

std::size_t check_page(httplib::Client& client, const std::string& label, const std::string& path,
                       std::size_t low, std::size_t high, std::uint64_t& errors) {
  httplib::Result result = client.Get(path);
  if (!result || !is_2xx(result->status)) {
    throw std::runtime_error("GET " + path + ": " +
                             (result ? "HTTP " + std::to_string(result->status) + " " +
                                           truncated(result->body, 300)
                                     : httplib::to_string(result.error())));
  }
  const std::size_t bytes = result->body.size();
  const Json page = Json::parse(result->body);
  const auto& data = page.at("data");
  std::size_t lowest = 0;
  std::size_t highest = 0;
  bool in_range = data.size() == 20;
  for (const Json& message : data) {
    const std::string text = message.at("content").at(0).at("text").at("value");
    const std::size_t number = std::strtoul(text.c_str() + 14, nullptr, 10);  // "bench message "
    lowest = lowest == 0 ? number : std::min(lowest, number);
    highest = std::max(highest, number);
    in_range = in_range && number >= low && number <= high;
  }
  say("  check " + label + " " + path.substr(path.find("/messages")) + ": " +
      std::to_string(data.size()) +
      " messages numbered " + std::to_string(lowest) + ".." + std::to_string(highest) +
      ", has_more=" + (page.at("has_more").get<bool>() ? "true" : "false") + ", " +
      with_commas(bytes) + " bytes");
  if (!in_range) {
    ++errors;
    say("  ERROR: expected 20 messages numbered within " + std::to_string(low) + ".." +
        std::to_string(high));
  }
  return bytes;
}

}  // namespace server_bench
