#pragma once
// Forward one request upstream and hand back the answer unchanged; when the exchange is
// complete, pass it (unredacted: redaction is the recording's job) to `on_complete`.
// Event streams reach the client chunk by chunk as they arrive and are recorded event by
// event, each stamped with its time since the request was sent.
#include <functional>
#include <string>

#include <tl/expected.hpp>

#include "cassettes/cassette.hpp"
#include "http/api_message.hpp"
#include "recorder/upstream.hpp"

namespace recorder {

// Keeps a completed exchange; the error says why it could not (the cassette write failed).
using ExchangeSink = std::function<tl::expected<void, std::string>(cassettes::Interaction interaction)>;
using LogLine = std::function<void(const std::string& line)>;

class Forwarder {
public:
  Forwarder(Upstream& upstream, ExchangeSink on_complete, LogLine log);

  // Throws mock::http::ApiError 502 (unreachable or broken) or 504 (timed out) in the
  // OpenAI error envelope when the upstream gives no whole answer, and 507
  // `cassette_write_failed` when the answer could not be recorded. A stream has sent its
  // status before either is known: a broken one just ends (not recorded), and one that
  // could not be recorded ends with an `error` event carrying the 507 envelope.
  mock::http::ApiResponse forward(const mock::http::ApiRequest& request) const;

private:
  Upstream& m_upstream;
  ExchangeSink m_on_complete;
  LogLine m_log;
};

}  // namespace recorder
