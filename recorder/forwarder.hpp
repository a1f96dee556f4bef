#pragma once
// Forward one request upstream and hand back the answer unchanged; when the exchange is
// complete, pass it (unredacted: redaction is the recording's job) to `on_complete`.
// Event streams reach the client chunk by chunk as they arrive and are recorded event by
// event, each stamped with its time since the request was sent.
#include <functional>

#include "cassettes/cassette.hpp"
#include "mock/http/api_message.hpp"
#include "recorder/upstream.hpp"

namespace recorder {

using ExchangeSink = std::function<void(cassettes::Interaction interaction)>;
using LogLine = std::function<void(const std::string& line)>;

class Forwarder {
public:
  Forwarder(Upstream& upstream, ExchangeSink on_complete, LogLine log);

  // Throws mock::http::ApiError 502 (unreachable or broken) or 504 (timed out) in the
  // OpenAI error envelope when the upstream gives no answer.
  mock::http::ApiResponse forward(const mock::http::ApiRequest& request) const;

private:
  Upstream& m_upstream;
  ExchangeSink m_on_complete;
  LogLine m_log;
};

}  // namespace recorder
