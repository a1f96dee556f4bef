// Conversations and their items: create, add, delete, list, against the Responses model.
#include <algorithm>
#include <ostream>

#include <rapidcheck.h>

#include "tests/model/command_support.hpp"
#include "tests/model/responses_commands.hpp"

namespace tests::model {
namespace {
using mock::Json;

std::vector<std::string> gen_texts(int min_count, int max_count) {
  const int count = uniform(min_count, max_count + 1);
  std::vector<std::string> texts;
  for (int i = 0; i < count; ++i) {
    texts.push_back(*rc::gen::element<std::string>("hello", "What is 2 + 2?", "tell me more", "thanks", "again"));
  }
  return texts;
}

Json user_items(const std::vector<std::string>& texts) {
  Json items = Json::array();
  for (const std::string& text : texts) items.push_back(Json{{"type", "message"}, {"role", "user"}, {"content", text}});
  return items;
}

std::string conversation_not_found(const std::string& id) { return "Conversation with id '" + id + "' not found."; }

void show_texts(std::ostream& os, const std::vector<std::string>& texts) {
  for (std::size_t i = 0; i < texts.size(); ++i) os << (i ? ", \"" : "\"") << texts[i] << '"';
}

std::size_t pick_conversation(const ResponsesModel& model) {
  return pick(model.live_conversations(), model.conversations.size());
}
}  // namespace

void ResponsesStep::run(const ResponsesModel& before, ResponsesUnderTest& sut) const {
  execute(before, sut);
  sut.verify(nextState(before));
  ++figures().steps;
}

// ---- conversations

CreateConversation::CreateConversation(const ResponsesModel&) : texts(gen_texts(0, 2)) {}

void CreateConversation::apply(ResponsesModel& model) const {
  model.advance();
  ModelConversation conversation;
  for (const std::string& text : texts) conversation.items.push_back(ModelItem{false, true, text, std::nullopt});
  model.conversations.push_back(std::move(conversation));
}

void CreateConversation::execute(const ResponsesModel& now, ResponsesUnderTest& sut) const {
  const Json body = texts.empty() ? Json::object() : Json{{"items", user_items(texts)}};
  const Json answer = expect_ok(sut.http().post("/v1/conversations", body), "create conversation");
  const std::string id = answer.value("id", "");
  require(id.starts_with("conv_") && answer.value("object", "") == "conversation",
          "create conversation answered " + answer.dump());
  sut.conversation_id(now.conversations.size()) = id;
}

void CreateConversation::show(std::ostream& os) const {
  os << "CreateConversation(";
  show_texts(os, texts);
  os << ")";
}

DeleteConversation::DeleteConversation(const ResponsesModel& model) {
  RC_PRE(!model.conversations.empty());
  conversation = pick_conversation(model);
}

void DeleteConversation::checkPreconditions(const ResponsesModel& model) const {
  RC_PRE(conversation < model.conversations.size());
}

void DeleteConversation::apply(ResponsesModel& model) const {
  model.advance();
  model.conversations[conversation].deleted = true;
}

void DeleteConversation::execute(const ResponsesModel& now, ResponsesUnderTest& sut) const {
  const std::string id = sut.conversation_id(conversation);
  const auto result = sut.http().del("/v1/conversations/" + id);
  if (now.conversations[conversation].deleted) {
    expect_error(result, 404, conversation_not_found(id), "delete a deleted conversation");
    return;
  }
  const Json answer = expect_ok(result, "delete conversation");
  require(answer == Json{{"id", id}, {"object", "conversation.deleted"}, {"deleted", true}},
          "delete conversation answered " + answer.dump());
}

void DeleteConversation::show(std::ostream& os) const { os << "DeleteConversation(#" << conversation << ")"; }

// ---- items

AddItems::AddItems(const ResponsesModel& model) {
  RC_PRE(!model.conversations.empty());
  conversation = pick_conversation(model);
  texts = gen_texts(1, 3);
}

void AddItems::checkPreconditions(const ResponsesModel& model) const {
  RC_PRE(conversation < model.conversations.size());
}

void AddItems::apply(ResponsesModel& model) const {
  model.advance();
  ModelConversation& target = model.conversations[conversation];
  if (target.deleted) return;
  for (const std::string& text : texts) target.items.push_back(ModelItem{false, true, text, std::nullopt});
}

void AddItems::execute(const ResponsesModel& now, ResponsesUnderTest& sut) const {
  const std::string id = sut.conversation_id(conversation);
  const auto result = sut.http().post("/v1/conversations/" + id + "/items", Json{{"items", user_items(texts)}});
  if (now.conversations[conversation].deleted) {
    expect_error(result, 404, conversation_not_found(id), "add items to a deleted conversation");
    return;
  }
  const Json answer = expect_ok(result, "add items");
  const Json& data = answer.value("data", Json::array());
  require(answer.value("object", "") == "list" && data.size() == texts.size() && !answer.value("has_more", true),
          "add items answered " + answer.dump());
  const std::size_t first = now.conversations[conversation].items.size();
  for (std::size_t k = 0; k < texts.size(); ++k) {
    require(item_text(data[k]) == texts[k] && data[k].value("role", "") == "user",
            "add items: item " + std::to_string(k) + " is " + data[k].dump());
    sut.item_id(nextState(now), conversation, first + k) = data[k].value("id", "");
  }
  require(answer.value("first_id", Json()) == data.front().value("id", Json()) &&
              answer.value("last_id", Json()) == data.back().value("id", Json()),
          "add items: first_id / last_id in " + answer.dump());
}

void AddItems::show(std::ostream& os) const {
  os << "AddItems(#" << conversation << ", ";
  show_texts(os, texts);
  os << ")";
}

DeleteItem::DeleteItem(const ResponsesModel& model) {
  std::vector<std::size_t> with_items;
  for (std::size_t c = 0; c < model.conversations.size(); ++c) {
    if (!model.conversations[c].items.empty()) with_items.push_back(c);
  }
  RC_PRE(!with_items.empty());
  conversation = *rc::gen::elementOf(with_items);
  item = pick(model.live_items(conversation), model.conversations[conversation].items.size());
}

void DeleteItem::checkPreconditions(const ResponsesModel& model) const {
  RC_PRE(conversation < model.conversations.size());
  RC_PRE(item < model.conversations[conversation].items.size());
}

void DeleteItem::apply(ResponsesModel& model) const {
  model.advance();
  ModelConversation& target = model.conversations[conversation];
  if (!target.deleted) target.items[item].deleted = true;
}

void DeleteItem::execute(const ResponsesModel& now, ResponsesUnderTest& sut) const {
  const std::string id = sut.conversation_id(conversation);
  const std::string item_id = sut.item_id(now, conversation, item);
  const auto result = sut.http().del("/v1/conversations/" + id + "/items/" + item_id);
  if (now.conversations[conversation].deleted) {
    expect_error(result, 404, conversation_not_found(id), "delete an item of a deleted conversation");
  } else if (now.conversations[conversation].items[item].deleted) {
    expect_error(result, 404, "Item with id '" + item_id + "' not found.", "delete a deleted item");
  } else {
    const Json answer = expect_ok(result, "delete item");
    require(answer.value("id", "") == id && answer.value("object", "") == "conversation",
            "delete item answered " + answer.dump() + ", not the conversation");
  }
}

void DeleteItem::show(std::ostream& os) const { os << "DeleteItem(#" << conversation << ", item #" << item << ")"; }

ListItems::ListItems(const ResponsesModel& model) {
  RC_PRE(!model.conversations.empty());
  conversation = pick_conversation(model);
  limit = *rc::gen::element<std::size_t>(1U, 2U, 3U, 20U);
  const int order = uniform(0, 3);  // 0: the default order
  if (order > 0) ascending = order == 1;
  const std::vector<std::size_t> live = model.live_items(conversation);
  if (!live.empty() && uniform(0, 3) == 0) after = *rc::gen::elementOf(live);
}

void ListItems::checkPreconditions(const ResponsesModel& model) const {
  RC_PRE(conversation < model.conversations.size());
  if (after) {
    RC_PRE(*after < model.conversations[conversation].items.size());
    RC_PRE(!model.conversations[conversation].items[*after].deleted);
  }
}

void ListItems::execute(const ResponsesModel& now, ResponsesUnderTest& sut) const {
  const std::string id = sut.conversation_id(conversation);
  const std::string path = "/v1/conversations/" + id + "/items";
  if (now.conversations[conversation].deleted) {
    expect_error(sut.http().get(path), 404, conversation_not_found(id), "list items of a deleted conversation");
    return;
  }
  std::vector<std::size_t> order = now.live_items(conversation);
  if (!ascending.value_or(false)) std::reverse(order.begin(), order.end());  // desc by default
  std::optional<std::string> cursor;
  if (after) {
    order.erase(order.begin(), std::find(order.begin(), order.end(), *after) + 1);
    cursor = sut.item_id(now, conversation, *after);
  }
  std::vector<std::string> expected;
  for (const std::size_t i : order) expected.push_back(sut.item_id(now, conversation, i));
  ++figures().outcomes[after ? "list items after a cursor" : "list items, every page"];
  check_item_pages(sut.http(), path, expected, limit, ascending, cursor);
}

void ListItems::show(std::ostream& os) const {
  os << "ListItems(#" << conversation << ", limit " << limit << ", order "
     << (ascending ? (*ascending ? "asc" : "desc") : "default");
  if (after) os << ", after item #" << *after;
  os << ")";
}

}  // namespace tests::model
