#pragma once
// The body of POST /threads/{thread_id}/messages as the message the thread keeps.
//
// Most bodies are plain: {"role": ..., "content": "text"}, the shape SDKs send for a
// user's question. Those are read in one pass, with no JSON tree built and no normalised
// copy made; that was half of what creating a message cost. Every other body (content
// parts, attachments, metadata, v1, anything malformed) goes through
// parse_create_message, which also words every error, so both paths keep one set of
// rules: the plain reader accepts a subset of what that one accepts, and gives the same
// message for it (message_body_test and the request_body fuzz target check this).
#include <optional>
#include <string_view>
#include <vector>

#include "mock/assistants/model/objects.hpp"
#include "mock/assistants/model/status.hpp"
#include "mock/core/json.hpp"

namespace mock::assistants {

struct NewMessage {
  Role role = Role::user;
  std::vector<ContentPart> content;
  Json attachments;  // null when none
  Json metadata;     // null when none
};

// Throws the service's 400 errors, as parse_create_message does.
NewMessage read_create_message(std::string_view body, ApiVersion version);

// The one-pass reader alone: the message, or nullopt when `body` is not plain (then
// read_create_message takes the general path).
std::optional<NewMessage> read_plain_message(std::string_view body);

// A body parse_create_message has normalised, as the message to keep; its strings are
// moved out of `fields`.
NewMessage new_message_from_fields(Json fields);

}  // namespace mock::assistants
