#pragma once
// Path and body ids -> stored objects, or the service's errors: 400 for a wrong prefix,
// 404 "Conversation with id 'conv_x' not found." and the like for an unknown id.
#include <string>

#include "mock/responses/objects.hpp"

namespace mock::responses {

Conversation& require_conversation(ResponsesState& state, const std::string& id,
                                   const std::string& param = "conversation_id");
StoredResponse& require_response(ResponsesState& state, const std::string& id);
const Item& require_item(const Conversation& conversation, const std::string& id);

}  // namespace mock::responses
