#pragma once
// One recorded answer as the contract checker sees it, whatever file it came from
// (a cassette, a documented-response fixture, a response captured by a test).
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace contracts {

struct ObservedEvent {
  std::string event;    // "thread.run.created"
  nlohmann::json data;  // the parsed data, or a string for non-JSON data ("[DONE]")
};

struct NotJson {};  // no body, or a body that is not JSON (file content, HTML from a proxy)

struct ObservedResponse {
  std::string origin;                     // where it came from: "cassettes/a.json #3"
  std::string method;                     // upper case
  std::string path;                       // may carry a query string
  int status = 200;
  std::optional<std::string> api_version; // OpenAI-Beta of the request, if recorded
  std::variant<NotJson, nlohmann::json, std::vector<ObservedEvent>> body;
};

}  // namespace contracts
