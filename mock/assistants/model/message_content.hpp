#pragma once
// Message content between its typed form (ContentPart, objects.hpp) and JSON: the parts
// as the message object shows them, and the normalised parts parse_create_message returns.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/json.hpp"
#include "mock/assistants/model/objects.hpp"

namespace mock::assistants {

// A text part; null annotations show as [].
ContentPart text_part(std::string text, Json annotations = nullptr);
// An image_file part (`value` is the file id) or an image_url part (`value` is the url).
ContentPart image_part(ContentPart::Kind kind, std::string value,
                       ContentPart::Detail detail = ContentPart::Detail::automatic);

// An image's detail as the wire spells it, and back.
std::string_view to_string(ContentPart::Detail detail);
std::optional<ContentPart::Detail> parse_image_detail(std::string_view text);
// Every detail as the wire spells it ("auto", "low", "high"), for errors that list them.
const std::vector<std::string>& image_detail_names();

// The parts as the wire shows them.
Json content_json(const std::vector<ContentPart>& parts);

// Parts from normalised content parts (parse_create_message's "content"); their strings
// are moved out.
std::vector<ContentPart> content_parts(Json parts);

// The text of every text part, one line each.
std::string joined_text(const std::vector<ContentPart>& parts);

}  // namespace mock::assistants
