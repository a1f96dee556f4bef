#include "tests/model/responses_under_test.hpp"

#include <algorithm>
#include <set>

namespace tests::model {
namespace {
using mock::Json;

const Json& member(const Json& value, const char* key) {
  static const Json k_null;
  if (!value.is_object()) return k_null;
  const auto it = value.find(key);
  return it == value.end() ? k_null : *it;
}

std::string join(const std::vector<std::string>& ids) {
  std::string out = "[";
  for (const std::string& id : ids) out += (out.size() > 1 ? ", " : "") + id;
  return out + "]";
}

void bind_id(std::string& slot, const Json& object, const std::string& what) {
  const std::string id = object.is_object() ? object.value("id", "") : "";
  require(!id.empty(), what + ": no id in " + object.dump());
  if (slot.empty()) slot = id;
  require(slot == id, what + ": expected id " + slot + ", the server shows " + id);
}

void verify_response(const ResponsesModel& model, std::size_t r, ResponsesUnderTest& sut, const Json& shown) {
  const ModelResponse& expected = model.responses[r];
  ResponseIds& ids = sut.response(r);
  const std::string where = "response #" + std::to_string(r) + " " + ids.id;
  bind_id(ids.id, shown, where);
  const std::string status = model.status(r);
  require(shown.value("status", "") == status && shown.value("model", "") == expected.model,
          where + " is " + shown.dump() + ", expected status " + status);
  const Json previous = expected.previous ? Json(sut.response(*expected.previous).id) : Json(nullptr);
  require(member(shown, "previous_response_id") == previous, where + ": previous_response_id " +
                                                                  member(shown, "previous_response_id").dump());
  const Json conversation =
      expected.conversation ? Json{{"id", sut.conversation_id(*expected.conversation)}} : Json(nullptr);
  require(member(shown, "conversation") == conversation,
          where + ": conversation " + member(shown, "conversation").dump());
  const Json& output = member(shown, "output");
  if (status == "completed") {
    require(output.is_array() && output.size() == 1 && item_text(output[0]) == expected.output,
            where + ": output " + output.dump() + ", expected the text \"" + expected.output + "\"");
    bind_id(ids.output, output[0], where + " output");
  } else {
    require(output.is_array() && output.empty(), where + ": output " + output.dump() + " while " + status);
  }
  const Json& inputs = member(shown, "input_items");
  require(inputs.is_array() && inputs.size() == expected.inputs.size(),
          where + ": input_items " + inputs.dump());
  ids.inputs.resize(expected.inputs.size());
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    require(inputs[k].value("role", "") == "user" && item_text(inputs[k]) == expected.inputs[k],
            where + ": input item " + std::to_string(k) + " is " + inputs[k].dump());
    bind_id(ids.inputs[k], inputs[k], where + " input item " + std::to_string(k));
  }
}

void verify_conversation(const ResponsesModel& model, std::size_t c, ResponsesUnderTest& sut, const Json& shown) {
  const std::string where = "conversation #" + std::to_string(c) + " " + sut.conversation_id(c);
  bind_id(sut.conversation_id(c), shown, where);
  const std::vector<std::size_t> live = model.live_items(c);
  const Json& items = member(shown, "items");
  require(items.is_array() && items.size() == live.size(),
          where + " holds " + items.dump() + ", the model " + std::to_string(live.size()) + " items");
  std::set<std::string> seen;
  for (std::size_t k = 0; k < live.size(); ++k) {
    const ModelItem& expected = model.conversations[c].items[live[k]];
    const std::string item_where = where + " item " + std::to_string(k);
    require(items[k].value("type", "") == "message" &&
                items[k].value("role", "") == (expected.user ? "user" : "assistant") &&
                item_text(items[k]) == expected.text,
            item_where + " is " + items[k].dump() + ", expected " + (expected.user ? "user" : "assistant") +
                " \"" + expected.text + "\"");
    bind_id(sut.item_id(model, c, live[k]), items[k], item_where);
    require(seen.insert(items[k].value("id", "")).second, item_where + ": a repeated id");
  }
}
}  // namespace

ResponsesUnderTest::ResponsesUnderTest(int port) : m_server(port) {}

std::string item_text(const Json& item) {
  const Json& content = member(item, "content");
  if (content.is_string()) return content.get<std::string>();
  if (!content.is_array() || content.empty()) return "";
  const Json& text = member(content[0], "text");
  return text.is_string() ? text.get<std::string>() : "";
}

void ResponsesUnderTest::verify(const ResponsesModel& model) {
  const support::ApiResult result = m_server.get("/__admin/state");
  require(result.status == 200, "GET /__admin/state: " + support::describe(result));
  const Json& state = result.json;
  // Responses first: conversation items name their ids.
  const std::vector<std::size_t> responses = model.retrievable_responses();
  const Json& shown_responses = member(state, "responses");
  require(shown_responses.is_array() && shown_responses.size() == responses.size(),
          "the server stores " + std::to_string(shown_responses.size()) + " responses, the model " +
              std::to_string(responses.size()));
  for (std::size_t i = 0; i < responses.size(); ++i) verify_response(model, responses[i], *this, shown_responses[i]);
  const std::vector<std::size_t> conversations = model.live_conversations();
  const Json& shown_conversations = member(state, "conversations");
  require(shown_conversations.is_array() && shown_conversations.size() == conversations.size(),
          "the server holds " + std::to_string(shown_conversations.size()) + " conversations, the model " +
              std::to_string(conversations.size()));
  for (std::size_t i = 0; i < conversations.size(); ++i) {
    verify_conversation(model, conversations[i], *this, shown_conversations[i]);
  }
}

std::string& ResponsesUnderTest::conversation_id(std::size_t c) {
  if (m_conversations.size() <= c) m_conversations.resize(c + 1);
  return m_conversations[c];
}

ResponseIds& ResponsesUnderTest::response(std::size_t r) {
  if (m_responses.size() <= r) m_responses.resize(r + 1);
  return m_responses[r];
}

std::string& ResponsesUnderTest::item_id(const ResponsesModel& model, std::size_t c, std::size_t i) {
  const ModelItem& item = model.conversations.at(c).items.at(i);
  if (item.origin) {
    ResponseIds& ids = response(item.origin->response);
    if (!item.origin->input) return ids.output;
    if (ids.inputs.size() <= *item.origin->input) ids.inputs.resize(*item.origin->input + 1);
    return ids.inputs[*item.origin->input];
  }
  if (m_items.size() <= c) m_items.resize(c + 1);
  if (m_items[c].size() <= i) m_items[c].resize(i + 1);
  return m_items[c][i];
}

void check_item_pages(ServerUnderTest& http, const std::string& path, const std::vector<std::string>& expected,
                      std::size_t limit, std::optional<bool> ascending, const std::optional<std::string>& after) {
  std::optional<std::string> cursor = after;
  std::size_t from = 0;
  for (std::size_t pages = 0;; ++pages) {
    require(pages <= expected.size() + 1, "GET " + path + ": more pages than items");
    std::string url = path + "?limit=" + std::to_string(limit);
    if (ascending) url += *ascending ? "&order=asc" : "&order=desc";
    if (cursor) url += "&after=" + *cursor;
    const support::ApiResult result = http.get(url);
    require(result.status == 200, "GET " + url + ": " + support::describe(result));
    const Json& page = result.json;
    std::vector<std::string> ids;
    for (const Json& item : member(page, "data")) ids.push_back(item.value("id", ""));
    const std::size_t count = std::min(limit, expected.size() - from);
    const std::vector<std::string> want(expected.begin() + static_cast<std::ptrdiff_t>(from),
                                        expected.begin() + static_cast<std::ptrdiff_t>(from + count));
    const bool has_more = from + count < expected.size();
    require(page.value("object", "") == "list" && ids == want && page.value("has_more", !has_more) == has_more,
            "GET " + url + " answered " + result.body + ", expected " + join(want) + (has_more ? " and more" : ""));
    require(member(page, "first_id") == Json(want.empty() ? "" : want.front()) &&
                member(page, "last_id") == Json(want.empty() ? "" : want.back()),
            "GET " + url + ": first_id / last_id in " + result.body);
    from += count;
    if (!has_more) return;
    cursor = want.back();
  }
}

}  // namespace tests::model
