#include "tests/model/responses_model.hpp"

namespace tests::model {

bool ResponsesModel::retrievable(std::size_t response) const {
  return response < responses.size() && responses[response].stored && !responses[response].deleted;
}

std::vector<std::size_t> ResponsesModel::live_conversations() const {
  std::vector<std::size_t> out;
  for (std::size_t c = 0; c < conversations.size(); ++c) {
    if (!conversations[c].deleted) out.push_back(c);
  }
  return out;
}

std::vector<std::size_t> ResponsesModel::live_items(std::size_t conversation) const {
  std::vector<std::size_t> out;
  const std::vector<ModelItem>& items = conversations.at(conversation).items;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].deleted) out.push_back(i);
  }
  return out;
}

std::vector<std::size_t> ResponsesModel::retrievable_responses() const {
  std::vector<std::size_t> out;
  for (std::size_t r = 0; r < responses.size(); ++r) {
    if (retrievable(r)) out.push_back(r);
  }
  return out;
}

std::string ResponsesModel::status(std::size_t response) const {
  const ModelResponse& r = responses.at(response);
  if (r.cancelled) return "cancelled";
  if (!r.background || now_ms >= r.created_ms + 2 * k_response_step_ms) return "completed";
  return now_ms >= r.created_ms + k_response_step_ms ? "in_progress" : "queued";
}

bool ResponsesModel::terminal(std::size_t response) const {
  const std::string s = status(response);
  return s == "completed" || s == "cancelled";
}

void ResponsesModel::advance() {
  // Every background response finishes two steps after its creation: creation order is
  // finishing order.
  for (std::size_t r = 0; r < responses.size(); ++r) {
    ModelResponse& response = responses[r];
    if (response.appended || status(r) != "completed") continue;
    if (!response.deleted) append_to_conversation(r);
    response.appended = true;
  }
}

void ResponsesModel::append_to_conversation(std::size_t r) {
  ModelResponse& response = responses[r];
  response.appended = true;
  if (!response.conversation || conversations[*response.conversation].deleted) return;
  std::vector<ModelItem>& items = conversations[*response.conversation].items;
  for (std::size_t k = 0; k < response.inputs.size(); ++k) {
    items.push_back(ModelItem{false, true, response.inputs[k], ItemOrigin{r, k}});
  }
  items.push_back(ModelItem{false, false, response.output, ItemOrigin{r, std::nullopt}});
}

std::string default_reply(const std::string& model, const std::string& last_user_text) {
  return "This is the mock assistant (model " + model + ") replying to: " + last_user_text;
}

}  // namespace tests::model
