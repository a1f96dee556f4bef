#include "bench/server_bench/populate.hpp"

#include <algorithm>
#include <cstdio>
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

}  // namespace server_bench
