#pragma once
// The whole mock without a network, for the targets whose input reaches it as requests
// (api_request, upload_form, scenario). Each input gets a fresh server, so the same input
// always gives the same answers and a crash replays from its file alone.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "mock/server/mock_server.hpp"

namespace fuzz {

// Manual clock, fixed id seed, small file limits (so a few bytes reach the 413 paths).
std::unique_ptr<mock::MockServer> make_server(
    std::optional<mock::scenario::Scenario> scenario = {});

// Dispatches `request` as the HTTP front does (MockServer::handle, then journal and
// metrics), plays a streamed answer to its end, and aborts when the answer breaks what any
// client relies on: a status outside 100..599, an internal error (500 not injected by a
// fault), a JSON body that is not JSON, an SSE `data:` line that is neither JSON nor [DONE].
// The answer comes back with `body` holding what the client received (the stream's bytes too).
mock::http::ApiResponse serve(mock::MockServer& server, mock::http::ApiRequest& request);

// A request with the headers every Assistants call carries (bearer key, OpenAI-Beta v2).
mock::http::ApiRequest api_request(std::string method, std::string path, std::string body = {});

}  // namespace fuzz
