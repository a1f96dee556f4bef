#pragma once
// The reference model of the Responses + Conversations API (foreground responses): which
// conversations, items and stored responses exist, the order of a conversation's items,
// and what each response answers. Written from the README: a conversation's items are
// oldest first; a response that names a conversation appends its input and then its output
// to it (store: false included); a store: false response is answered but cannot be
// retrieved, chained to or listed; with no scenario a response is the default reply quoting
// the newest user input. Objects are named by handles (creation order, deleted ones kept).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tests::model {

constexpr std::int64_t k_response_step_ms = 1000;  // the server's run_step_ms in these tests

// Where a conversation item came from: added directly, or a response's input / output.
struct ItemOrigin {
  std::size_t response = 0;
  std::optional<std::size_t> input;  // nullopt: the response's output message
};

struct ModelItem {
  bool deleted = false;
  bool user = true;  // a user message, else the assistant's output message
  std::string text;
  std::optional<ItemOrigin> origin;
};

struct ModelConversation {
  bool deleted = false;
  std::vector<ModelItem> items;  // oldest first
};

struct ModelResponse {
  bool stored = true;
  bool deleted = false;
  std::string model;
  std::optional<std::size_t> conversation;
  std::optional<std::size_t> previous;
  std::vector<std::string> inputs;  // user messages, in order
  std::string output;               // the text of its one output message
  bool background = false;
  std::int64_t created_ms = 0;
  bool cancelled = false;
  bool appended = false;  // its items went into its conversation (or never will)
};

struct ResponsesModel {
  std::int64_t now_ms = 0;  // since the sequence started
  std::vector<ModelConversation> conversations;
  std::vector<ModelResponse> responses;

  // queued, in_progress, completed or cancelled, by now.
  std::string status(std::size_t response) const;
  bool terminal(std::size_t response) const;
  // Background responses that reached their outcome add their items to their conversation,
  // in the order they finished (the server does it lazily; every step's state check touches
  // them all, so when is irrelevant).
  void advance();
  // A finished response's input, then output, join its conversation (if still there).
  void append_to_conversation(std::size_t response);

  // GET, DELETE, input_items and previous_response_id find it.
  bool retrievable(std::size_t response) const;
  std::vector<std::size_t> live_conversations() const;
  std::vector<std::size_t> live_items(std::size_t conversation) const;
  std::vector<std::size_t> retrievable_responses() const;
};

// The default reply (no scenario) to a user's newest message.
std::string default_reply(const std::string& model, const std::string& last_user_text);

}  // namespace tests::model
