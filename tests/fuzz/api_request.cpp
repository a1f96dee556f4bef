// Fuzz target: whole requests (method, path, query string, headers, body) through
// MockServer::handle(), which is everything behind the HTTP front: route table, auth and
// OpenAI-Beta, query and body validation, handlers, store, run driver, admin API, faults.
//
// An input is a session of up to 64 requests separated by a line "----", each written like
// HTTP/1.1 without the version:
//
//   POST /v1/threads/$0/runs?include[]=x
//   OpenAI-Beta: assistants=v2
//
//   {"assistant_id": "$1", "stream": true}
//
// The path and query are decoded by cpp-httplib's own functions, as the front does. A request
// without Authorization or OpenAI-Beta gets "Bearer sk-test" and "assistants=v2". `$N`
// (one digit) stands for the Nth most recent object id answered in this session, so a seed
// can walk a run's lifecycle and the fuzzer keeps it valid while mutating the rest.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <httplib.h>

#include "tests/fuzz/mock_harness.hpp"

namespace {

constexpr std::size_t k_max_requests = 64;
constexpr std::string_view k_separator = "\n----\n";

std::string_view next_line(std::string_view& text) {
  const std::size_t newline = text.find('\n');
  std::string_view line = text.substr(0, newline);
  text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

std::string substitute_ids(std::string_view text, const std::vector<std::string>& ids) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9') {
      const auto back = static_cast<std::size_t>(text[i + 1] - '0');
      if (back < ids.size()) {
        out += ids[ids.size() - 1 - back];
        ++i;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

mock::http::ApiRequest parse_request(std::string_view block) {
  mock::http::ApiRequest request;
  const std::string_view request_line = next_line(block);
  const std::size_t space = request_line.find(' ');
  request.method = std::string(request_line.substr(0, space));
  const std::string target(space == std::string_view::npos ? "/" : request_line.substr(space + 1));
  const std::size_t question = target.find('?');
  request.path = httplib::detail::decode_url(target.substr(0, question), false);
  if (question != std::string::npos) {
    httplib::Params params;
    httplib::detail::parse_query_text(target.substr(question + 1), params);
    for (const auto& [key, value] : params) request.query.emplace_back(key, value);
  }
  while (!block.empty()) {
    const std::string_view line = next_line(block);
    if (line.empty()) break;  // the body follows
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (value.starts_with(' ')) value.remove_prefix(1);
    request.headers.emplace(std::string(line.substr(0, colon)), std::string(value));
  }
  request.body = std::string(block);
  if (!request.header("Authorization")) request.headers.emplace("Authorization", "Bearer sk-test");
  if (!request.header("OpenAI-Beta")) request.headers.emplace("OpenAI-Beta", "assistants=v2");
  return request;
}

// The ids a later request may name: the answered object's thread, its own, and the tool
// calls a run waits for, most recently answered last (make_seeds.py numbers recorded ids
// the same way).
void remember(std::string id, std::vector<std::string>& ids) {
  std::erase(ids, id);
  ids.push_back(std::move(id));
}

void remember_ids(const mock::http::ApiResponse& response, std::vector<std::string>& ids) {
  if (response.content_type.rfind("application/json", 0) != 0) return;
  const mock::Json body = mock::Json::parse(response.body, nullptr, false);
  if (!body.is_object()) return;
  for (const char* key : {"thread_id", "id"}) {
    const auto it = body.find(key);
    if (it != body.end() && it->is_string()) remember(it->get<std::string>(), ids);
  }
  const mock::Json calls =
      body.value(mock::Json::json_pointer("/required_action/submit_tool_outputs/tool_calls"), mock::Json::array());
  for (const mock::Json& call : calls) {
    if (call.is_object() && call.value("id", mock::Json()).is_string()) remember(call["id"].get<std::string>(), ids);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto server = fuzz::make_server();
  std::vector<std::string> ids;
  for (std::size_t n = 0; n < k_max_requests && !input.empty(); ++n) {
    const std::size_t end = input.find(k_separator);
    const std::string_view block = input.substr(0, end);
    input.remove_prefix(end == std::string_view::npos ? input.size() : end + k_separator.size());
    mock::http::ApiRequest request = parse_request(substitute_ids(block, ids));
    remember_ids(fuzz::serve(*server, request), ids);
  }
  return 0;
}
