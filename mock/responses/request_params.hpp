#pragma once
// The body of POST /v1/responses (and of /input_tokens and /compact, which take a subset),
// checked field by field with the service's 400 wording, defaults filled in as the service
// echoes them.
#include <optional>
#include <string>

#include "http/json.hpp"

namespace mock::responses {

struct ResponseRequest {
  std::optional<std::string> model;
  Json input = Json::array();  // parsed items, without ids yet
  Json instructions = nullptr;
  Json tools = Json::array();
  Json tool_choice = "auto";
  bool parallel_tool_calls = true;
  bool store = true;
  bool background = false;
  bool stream = false;
  std::optional<std::string> previous_response_id;
  std::optional<std::string> conversation_id;
  Json metadata = Json::object();
  Json max_output_tokens = nullptr;
  Json max_tool_calls = nullptr;
  // Copies of built defaults: an initializer list builds the tree anew for every request.
  Json text = default_text();
  Json truncation = "disabled";
  Json include = Json::array();
  Json reasoning = default_reasoning();
  Json temperature = 1.0;
  Json top_p = 1.0;
  Json service_tier = "default";
  Json user;  // echoed only when sent

  bool includes(const std::string& what) const;

  static const Json& default_text();       // {"format":{"type":"text"},"verbosity":"medium"}
  static const Json& default_reasoning();  // {"effort":null,"summary":null}
};

enum class BodyKind { create, input_tokens, compact };

// Throws ApiError 400 for any bad field; `model` is required for create and compact.
ResponseRequest parse_response_request(const Json& body, BodyKind kind);

}  // namespace mock::responses
