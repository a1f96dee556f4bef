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

std::string default_reply(const std::string& model, const std::string& last_user_text) {
  return "This is the mock assistant (model " + model + ") replying to: " + last_user_text;
}

}  // namespace tests::model
