#pragma once
// Input items as clients send them (to POST /v1/responses `input`, and to a conversation's
// `items`), checked and brought to the shape the service stores and lists them in:
//   "text"                          -> one user message with an input_text part
//   {role, content: "text"}         -> a message whose content is one text part
//   {type: "function_call_output"}  -> kept with status "completed"
//   {type: "item_reference", id}    -> kept as is; the handler resolves it
// Bad items are ApiError 400 with the service's wording and a `param` path.
#include <string>

#include "mock/core/id_generator.hpp"
#include "http/json.hpp"

namespace mock::responses {

// `input` of POST /v1/responses (or /input_tokens, /compact): a string or an array.
Json parse_input(const Json& input, const std::string& param);
// `items` of a conversation: an array of at most 20 items.
Json parse_items(const Json& items, const std::string& param);

// Gives every item without an id the id the service would (msg_, fc_, fco_, ci_, ...).
void assign_ids(Json& items, core::IdGenerator& ids);

// The text parts of a message item, joined; "" for other items.
std::string item_text(const Json& item);
// The text a model would read in an item (messages, calls, outputs), for token counts.
std::string readable_text(const Json& item);

}  // namespace mock::responses
