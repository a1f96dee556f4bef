#pragma once
// The body of POST /threads/{thread_id}/messages as the message the thread keeps.
//
// Most bodies are plain: {"role": ..., "content": "text"}, the shape SDKs send for a
// user's question. Those are read in one pass, with no JSON tree built and no normalised
// copy made (the tree and the copy were ~40% of creating a message). Every other body (content
// parts, attachments, metadata, v1, anything malformed) goes through
// parse_create_message, which also words every error, so the paths keep one set of
// rules: each fast reader accepts a subset of what that one accepts, and gives the same
// message for it (message_body_test and the request_body fuzz target check this).
//
// Two fast readers, tried in turn. The first recognises the plainest bodies without a
// parser: text of printable ASCII with no escapes, which needs no decoding and no UTF-8
// check. nlohmann's lexer spends ~0.6 us on even a 60-byte body (it copies every
// character twice), a sixth of creating a message. The second is a SAX reader over
// nlohmann for plain bodies with escapes or non-ASCII text.
#include <optional>
#include <string_view>
#include <vector>

#include "http/json.hpp"
#include "mock/assistants/model/objects.hpp"
#include "mock/assistants/model/status.hpp"

namespace mock::assistants {

struct NewMessage {
  Role role = Role::user;
  std::vector<ContentPart> content;
  Json attachments;  // null when none
  Json metadata;     // null when none
};

// Throws the service's 400 errors, as parse_create_message does.
NewMessage read_create_message(std::string_view body, ApiVersion version);

// The fast readers alone: the message, or nullopt when `body` is not theirs to read.
std::optional<NewMessage> read_ascii_message(std::string_view body);
std::optional<NewMessage> read_plain_message(std::string_view body);

// A body parse_create_message has normalised, as the message to keep; its strings are
// moved out of `fields`.
NewMessage new_message_from_fields(Json fields);

}  // namespace mock::assistants
