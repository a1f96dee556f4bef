#include "mock/responses/lookup.hpp"

#include "mock/core/id_generator.hpp"
#include "http/api_error.hpp"

namespace mock::responses {
namespace {
http::ApiError not_found(const std::string& what, const std::string& id) {
  return {404, what + " with id '" + id + "' not found."};
}
}  // namespace

Conversation& require_conversation(ResponsesState& state, const std::string& id,
                                   const std::string& param) {
  if (!core::has_id_prefix(id, "conv_")) throw http::errors::wrong_id_prefix(param, id, "conv_");
  Conversation* found = state.conversations.find(id);
  if (found == nullptr) throw not_found("Conversation", id);
  return *found;
}

StoredResponse& require_response(ResponsesState& state, const std::string& id) {
  if (!core::has_id_prefix(id, "resp_")) throw http::errors::wrong_id_prefix("response_id", id, "resp_");
  StoredResponse* found = state.responses.find(id);
  if (found == nullptr) throw not_found("Response", id);
  return *found;
}

const Item& require_item(const Conversation& conversation, const std::string& id) {
  const Item* found = conversation.items.find(id);
  if (found == nullptr) throw not_found("Item", id);
  return *found;
}

}  // namespace mock::responses
