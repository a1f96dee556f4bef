#pragma once
// The Responses and Conversations objects as the mock stores them. Items are kept in their
// wire shape (they are echoed far more than reasoned about), a response's as bytes since
// they never change; what the lifecycle reasons about (status, the script left after a
// function call, timings) is typed.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mock/scenario/script.hpp"
#include "http/json.hpp"
#include "mock/core/frozen_json.hpp"
#include "mock/core/ordered_collection.hpp"

namespace mock::responses {

using Timestamp = std::int64_t;  // Unix seconds

// One conversation item (message, function_call, function_call_output, ...), `wire` holding
// its JSON with the same `id`.
struct Item {
  std::string id;
  Json wire;
};

enum class ResponseStatus { queued, in_progress, completed, failed, incomplete, cancelled };

// Where a response stopped for function calls, so that the response carrying their
// function_call_output items goes on with the rule's script.
struct PendingCalls {
  std::vector<std::pair<std::string, std::string>> calls;  // (call_id, function name)
  scenario::RunScript rest;                              // actions after the call
  // Every tool output of the chain so far, as (function name, output), for templates.
  std::vector<std::pair<std::string, std::string>> tool_outputs;
  std::string user_message;  // the input the rule matched ({{user_message}})
};

struct Conversation {
  std::string id;
  Timestamp created_at = 0;
  Json metadata = Json::object();
  core::OrderedCollection<Item> items;  // oldest first
  // The function calls its latest response stopped at, for the response that answers them.
  std::optional<PendingCalls> pending;
};

// What a planned response ends as: its output items and terminal state.
struct Outcome {
  ResponseStatus status = ResponseStatus::completed;
  core::FrozenJson output = core::FrozenJson::empty_array();  // the output items
  Json error = nullptr;               // {code, message} when failed
  Json incomplete_details = nullptr;  // {reason} when incomplete
  std::optional<PendingCalls> pending;
  std::int64_t delay_ms = 0;          // the script's delay_ms, summed
  std::int64_t output_tokens = 0;
};

struct StoredResponse {
  std::string id;
  std::int64_t created_ms = 0;
  ResponseStatus status = ResponseStatus::completed;
  // The fields echoed from the request (model, instructions, tools, text, ...), an object.
  core::FrozenJson echoed = core::FrozenJson::empty_object();
  Outcome outcome;                     // revealed when the response reaches it
  bool background = false;
  bool started = false;                 // reached in_progress (background)
  std::int64_t finish_due_ms = 0;       // background: when the outcome is reached
  std::int64_t in_progress_due_ms = 0;  // background: when it starts
  std::optional<Timestamp> completed_at;
  core::FrozenJson input_items = core::FrozenJson::empty_array();  // with ids, as GET .../input_items lists them
  // Everything the model saw before this response's own input (chain or conversation).
  core::FrozenJson context = core::FrozenJson::empty_array();
  std::int64_t input_tokens = 0;
  std::optional<std::string> conversation_id;
  bool appended = false;  // its items went into the conversation
};

struct ResponsesState {
  core::OrderedCollection<Conversation> conversations;
  core::OrderedCollection<StoredResponse> responses;  // only store: true ones
  // Background responses not yet terminal, oldest first, so reading a conversation can bring
  // them up to now.
  std::vector<std::string> running;
};

}  // namespace mock::responses
