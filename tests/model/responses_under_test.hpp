#pragma once
// The server as the Responses model commands see it: HTTP through a ServerUnderTest (which
// empties the server first), the ids the server gave to the model's handles, and the check
// that the server's Responses + Conversations state (GET /__admin/state) matches the model.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "tests/model/responses_model.hpp"
#include "tests/model/server_under_test.hpp"

namespace tests::model {

struct ResponseIds {
  std::string id;
  std::vector<std::string> inputs;  // its input items, "" until the server shows them
  std::string output;               // its output message
};

class ResponsesUnderTest {
public:
  explicit ResponsesUnderTest(int port);

  ServerUnderTest& http() { return m_server; }

  // Compares the stored responses (with their input items) and the conversations (with
  // their items, in order) with the model, binding the ids of items the server made.
  void verify(const ResponsesModel& model);

  // Ids by handle; "" while the server has not shown the object yet.
  std::string& conversation_id(std::size_t c);
  ResponseIds& response(std::size_t r);
  // The id slot of a conversation's item: a response's input or output item keeps the id
  // it has in the response, so those share the response's slot.
  std::string& item_id(const ResponsesModel& model, std::size_t c, std::size_t i);

private:
  ServerUnderTest m_server;
  std::vector<std::string> m_conversations;
  std::vector<std::vector<std::string>> m_items;  // items added directly, by conversation
  std::vector<ResponseIds> m_responses;
};

// The text of a message item: its string content or its first part's text.
std::string item_text(const mock::Json& item);

}  // namespace tests::model

namespace tests::model {

// Walks GET `path`?limit=&order=[&after=] page by page from `after` (or the start) and checks
// each page holds the next `limit` of `expected` (the ids in the requested order after the
// cursor), has_more, and first_id / last_id ("" for an empty page).
void check_item_pages(ServerUnderTest& http, const std::string& path, const std::vector<std::string>& expected,
                      std::size_t limit, std::optional<bool> ascending, const std::optional<std::string>& after);

}  // namespace tests::model
