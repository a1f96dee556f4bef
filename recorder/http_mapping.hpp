#pragma once
// Between our HTTP front's values (mock::http::ApiRequest/ApiResponse) and the recorder's:
// what is forwarded upstream, what is recorded, what goes back to the client. Headers that
// describe one connection (RFC 9110 §7.6.1) and httplib's bookkeeping (REMOTE_ADDR, ...)
// are neither forwarded nor recorded.
#include <string>
#include <string_view>

#include "cassettes/cassette.hpp"
#include "http/api_message.hpp"
#include "recorder/upstream.hpp"

namespace recorder {

// Connection-level headers, httplib's pseudo-headers, and ones libcurl sets itself.
bool is_hop_by_hop(std::string_view name);

// The request as recorded (before redaction): method, decoded path and query, headers
// minus hop-by-hop ones and Host, body decoded by its content type.
cassettes::RecordedRequest to_recorded_request(const mock::http::ApiRequest& request);

// The request as forwarded: the same, with the path and query percent-encoded again.
OutgoingRequest to_outgoing_request(const mock::http::ApiRequest& request);
std::string encode_target(std::string_view path, const cassettes::QueryList& query);

// Upstream response headers worth keeping: minus hop-by-hop ones, Content-Length and
// Content-Encoding (the body is stored and returned decoded).
cassettes::HeaderList end_to_end_headers(const cassettes::HeaderList& headers);

// An answer for the client: status, headers (content-type taken out into its own field).
mock::http::ApiResponse to_api_response(int status, const cassettes::HeaderList& headers, std::string body);

}  // namespace recorder
