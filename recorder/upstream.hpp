#pragma once
// Where the recorder sends what it forwards. The interface is narrow so the proxy can be
// tested against a fake; curl_upstream.cpp is the real one (the only libcurl user).
// Expected failures (unreachable, timed out) are values, never exceptions.
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "cassettes/cassette.hpp"

namespace recorder {

struct UpstreamError {
  enum class Kind {
    unreachable,  // no connection: DNS, refused, TLS
    timed_out,    // connect or total time-out
    failed,       // the transfer broke after it started
    cancelled,    // our side stopped reading (the client went away)
  };
  Kind kind = Kind::failed;
  std::string message;
};

struct OutgoingRequest {
  std::string method;
  std::string target;  // path and encoded query, e.g. "/v1/threads?limit=2"
  cassettes::HeaderList headers;
  std::string body;
};

struct UpstreamHead {
  int status = 0;
  cassettes::HeaderList headers;  // names in lower case
};

// Gets each piece of the body as it arrives; returns false to stop the transfer.
using ChunkHandler = std::function<bool(std::string_view chunk)>;

class UpstreamExchange {
public:
  virtual ~UpstreamExchange() = default;
  virtual const UpstreamHead& head() const = 0;
  // Delivers the body piece by piece until it ends, fails, or the handler says stop.
  virtual tl::expected<void, UpstreamError> read_body(const ChunkHandler& on_chunk) = 0;
};

class Upstream {
public:
  virtual ~Upstream() = default;
  // Sends the request and returns once the status and headers are in.
  virtual tl::expected<std::unique_ptr<UpstreamExchange>, UpstreamError> start(const OutgoingRequest& request) = 0;
  // The base URL for messages (never with credentials).
  virtual const std::string& display_url() const = 0;
};

}  // namespace recorder
