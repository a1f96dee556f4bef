#pragma once
// The wire shapes of conversations and responses (the only place they are built).
#include <string>

#include "http/json.hpp"
#include "mock/responses/objects.hpp"
#include "mock/responses/request_params.hpp"

namespace mock::responses {

Json to_wire(const Conversation& conversation);

// The fields a response echoes from its request (instructions, tools, text, ...), an object.
core::FrozenJson echoed_fields(const ResponseRequest& request);

// The response as it stands: status, output, error and usage as its status shows them.
Json to_wire(const StoredResponse& response);
// to_wire(response) as the bytes a client receives, written without building the JSON value
// (debug builds check them against it).
std::string wire_text(const StoredResponse& response);
// The same response as it looked in `status` (stream snapshots: created, in_progress).
Json snapshot(const StoredResponse& response, ResponseStatus status);

// A response's frozen echoed fields and output, read back once for code that writes several
// snapshots of it (a stream: created, in_progress, the terminal one, the output items).
struct ReadBack {
  Json echoed;  // an object
  Json output;  // an array
};
ReadBack read_back(const StoredResponse& response);
Json snapshot(const StoredResponse& response, ResponseStatus status, const ReadBack& parts);

Json usage_json(std::int64_t input_tokens, std::int64_t output_tokens);

}  // namespace mock::responses
