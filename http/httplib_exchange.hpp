#pragma once
// Between httplib's request and response and ours (api_message.hpp): the one place that
// knows both, so domain code never sees httplib types. Only http_server.cpp uses it.
#include <httplib.h>

#include "http/api_message.hpp"

namespace mock::http {

// The request as the client sent it: without the peer-address pseudo-headers httplib adds.
ApiRequest to_api_request(const httplib::Request& req);

// Moves `response` (finalized here) into `res`: its body without a copy, or its stream as
// an uncompressed chunked body.
void write_response(ApiResponse& response, httplib::Response& res);

}  // namespace mock::http
