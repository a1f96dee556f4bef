#include "mock/server/stream_slots.hpp"

#include <string>

#include "mock/http/api_error.hpp"
#include "mock/http/json_body.hpp"

namespace mock {

StreamSlots::StreamSlots(std::size_t capacity)
    : m_capacity(capacity), m_open(std::make_shared<std::atomic<std::size_t>>(0)) {}

bool StreamSlots::wants_stream(const std::string& route_name, const http::ApiRequest& request) {
  if (route_name == "responses.retrieve") return request.query_value("stream") == "true";
  if (route_name != "runs.create" && route_name != "runs.create_thread_and_run" &&
      route_name != "runs.submit_tool_outputs" && route_name != "responses.create") {
    return false;
  }
  // Most run requests do not stream: spare them a second parse of the body.
  if (request.body.find("\"stream\"") == std::string::npos) return false;
  try {
    const Json body = http::parse_json_object_body(request.body);
    const auto stream = body.find("stream");
    return stream != body.end() && stream->is_boolean() && stream->get<bool>();
  } catch (const http::ApiError&) {
    return false;
  }
}

std::shared_ptr<void> StreamSlots::try_take() {
  std::size_t open = m_open->load();
  do {
    if (open >= m_capacity) return nullptr;
  } while (!m_open->compare_exchange_weak(open, open + 1));
  // Points at the counter so the handle tests true; its deleter gives the slot back.
  return std::shared_ptr<void>(m_open.get(), [counter = m_open](void*) { --*counter; });
}

http::ApiResponse StreamSlots::refusal() const {
  http::ApiError error(429,
                       "Too many open streams: the server streams at most " + std::to_string(m_capacity) +
                           " runs at once (--max-streams). Retry when one has ended.",
                       "requests", std::nullopt, "too_many_streams");
  error.headers.emplace("retry-after", "1");
  return error.to_response();
}

}  // namespace mock
