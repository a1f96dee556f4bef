#include "recorder/forwarder.hpp"

#include <chrono>
#include <memory>
#include <utility>

#include "cassettes/body_codec.hpp"
#include "cassettes/sse.hpp"
#include "http/api_error.hpp"
#include "recorder/http_mapping.hpp"

namespace recorder {
namespace {
using Clock = std::chrono::steady_clock;

std::int64_t ms_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

mock::http::ApiError upstream_failure(const UpstreamError& error) {
  if (error.kind == UpstreamError::Kind::timed_out) {
    return {504, "The upstream did not answer in time: " + error.message, "server_error", std::nullopt,
            "upstream_timeout"};
  }
  return {502, "The recorder could not get an answer from the upstream: " + error.message, "server_error",
          std::nullopt, "upstream_unreachable"};
}

// Passing on an answer the cassette does not hold would break the promise that every answer
// seen is recorded; and a retry would only send the request upstream a second time.
mock::http::ApiError cassette_write_failed(const std::string& reason, int upstream_status) {
  mock::http::ApiError error(507,
                             "The recorder got the upstream's answer (status " + std::to_string(upstream_status) +
                                 ") but could not save it to the cassette, so it is not passed on: " + reason +
                                 ". The request did reach the upstream. The cassette still holds every exchange "
                                 "recorded before this one.",
                             "server_error", std::nullopt, "cassette_write_failed");
  error.headers.emplace("x-should-retry", "false");
  return error;
}

// Everything a streamed answer needs after forward() has returned: the producer runs on
// the connection's worker thread once httplib starts writing the body.
struct StreamingExchange {
  std::unique_ptr<UpstreamExchange> upstream;
  cassettes::RecordedRequest request;
  Clock::time_point started;
  ExchangeSink on_complete;
  LogLine log;
};

void relay_stream(StreamingExchange& exchange, mock::http::StreamSink& sink) {
  cassettes::SseParser parser;
  std::vector<cassettes::SseEvent> events;
  bool client_gone = false;
  const auto result = exchange.upstream->read_body([&](std::string_view chunk) {
    for (cassettes::SseEvent& event : parser.feed(chunk, ms_since(exchange.started))) {
      events.push_back(std::move(event));
    }
    client_gone = !sink.write(chunk);
    return !client_gone;
  });
  for (cassettes::SseEvent& event : parser.finish(ms_since(exchange.started))) events.push_back(std::move(event));
  if (!result && !client_gone) {
    // The answer is broken, not what the service says: recording it would replay a fault.
    if (exchange.log) {
      exchange.log("stream of " + exchange.request.method + " " + exchange.request.path +
                   " broke, not recorded: " + result.error().message);
    }
    return;
  }
  // A client that stopped reading saw these events and no more; replay gives the same.
  const UpstreamHead& head = exchange.upstream->head();
  cassettes::Interaction interaction;
  interaction.request = std::move(exchange.request);
  interaction.response.status = head.status;
  interaction.response.headers = end_to_end_headers(head.headers);
  interaction.response.body = cassettes::EventStreamBody{std::move(events)};
  interaction.duration_ms = ms_since(exchange.started);
  // Before the producer returns, so before the client sees the end of the stream.
  if (auto kept = exchange.on_complete(std::move(interaction)); !kept && !client_gone) {
    // The status went out long ago; an `error` event is the one way left to say it (the
    // SDKs raise on it), and the stderr notice the recording logged says it too.
    cassettes::SseEvent event;
    event.event = "error";
    event.data = cassette_write_failed(kept.error(), head.status).envelope();
    sink.write(cassettes::format_sse_event(event));
  }
}

}  // namespace

Forwarder::Forwarder(Upstream& upstream, ExchangeSink on_complete, LogLine log)
    : m_upstream(upstream), m_on_complete(std::move(on_complete)), m_log(std::move(log)) {}

mock::http::ApiResponse Forwarder::forward(const mock::http::ApiRequest& request) const {
  const Clock::time_point started = Clock::now();
  auto exchange = m_upstream.start(to_outgoing_request(request));
  if (!exchange) throw upstream_failure(exchange.error());
  const UpstreamHead head = (*exchange)->head();
  const std::string content_type = cassettes::find_header(head.headers, "content-type").value_or("");

  if (cassettes::is_event_stream(content_type)) {
    auto streaming = std::make_shared<StreamingExchange>(
        StreamingExchange{std::move(*exchange), to_recorded_request(request), started, m_on_complete, m_log});
    mock::http::ApiResponse response = to_api_response(head.status, head.headers, {});
    response.stream = [streaming](mock::http::StreamSink& sink) { relay_stream(*streaming, sink); };
    return response;
  }

  std::string body;
  const auto read = (*exchange)->read_body([&body](std::string_view chunk) {
    body.append(chunk);
    return true;
  });
  if (!read) throw upstream_failure(read.error());

  cassettes::Interaction interaction;
  interaction.request = to_recorded_request(request);
  interaction.response.status = head.status;
  interaction.response.headers = end_to_end_headers(head.headers);
  interaction.response.body = cassettes::decode_body(content_type, body);
  interaction.duration_ms = ms_since(started);
  // On disk before the client has its answer: an answer seen is an answer kept.
  if (auto kept = m_on_complete(std::move(interaction)); !kept) throw cassette_write_failed(kept.error(), head.status);
  return to_api_response(head.status, head.headers, std::move(body));
}

}  // namespace recorder
