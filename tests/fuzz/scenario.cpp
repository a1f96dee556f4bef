// Fuzz target: scenario files (--scenario FILE, PUT /__admin/scenario) through the scenario
// parser, the rule matching of ScenarioBook, and then runs that play the scenario's
// actions in a mock: for each of the first rules, a run whose message, assistant name and
// instructions are taken from the rule's own conditions so that the rule can match, polled
// to its end or streamed, with tool outputs submitted when it asks for them.
// Bad input, JSON or scenario, must be refused as ScenarioError, as both loaders read it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <re2/re2.h>

#include "mock/scenario/scenario.hpp"
#include "tests/fuzz/mock_harness.hpp"

namespace {

using mock::Json;
using mock::scenario::ScenarioRule;

constexpr std::size_t k_rules_played = 4;
constexpr std::int64_t k_day_ms = 24LL * 3600 * 1000;

Json body_of(const mock::http::ApiResponse& response) {
  return Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
}

Json post(mock::MockServer& server, const std::string& path, const Json& body) {
  mock::http::ApiRequest request = fuzz::api_request("POST", path, body.dump());
  return body_of(fuzz::serve(server, request));
}

Json get(mock::MockServer& server, const std::string& path) {
  mock::http::ApiRequest request = fuzz::api_request("GET", path);
  return body_of(fuzz::serve(server, request));
}

std::string text_for(const ScenarioRule& rule) {
  std::string text = rule.when.message_contains.value_or("Hello");
  // A pattern's own text matches it more often than not ("(?i)weather" contains "weather").
  if (rule.when.message_matches) text += " " + rule.when.message_matches->pattern();
  return text;
}

std::string tool_output_for(const mock::scenario::Scenario& scenario) {
  for (const ScenarioRule& rule : scenario.rules) {
    if (rule.when.tool_outputs_contain) return "result: " + *rule.when.tool_outputs_contain;
  }
  return "42";
}

void play_rule(mock::MockServer& server, const mock::scenario::Scenario& scenario,
               const ScenarioRule& rule, bool streamed) {
  Json assistant = {{"model", "gpt-4o"},
                    {"tools", Json::array({{{"type", "code_interpreter"}},
                                           {{"type", "file_search"}},
                                           {{"type", "function"}, {"function", {{"name", "get_weather"}}}}})}};
  if (rule.when.assistant_name) assistant["name"] = *rule.when.assistant_name;
  if (rule.when.instructions_contain) assistant["instructions"] = *rule.when.instructions_contain;
  const Json created = post(server, "/v1/assistants", assistant);
  if (!created.is_object() || !created.contains("id")) return;  // e.g. a name longer than allowed
  const Json run = post(server, "/v1/threads/runs",
                        {{"assistant_id", created["id"]},
                         {"stream", streamed},
                         {"thread", {{"messages", Json::array({{{"role", "user"}, {"content", text_for(rule)}}})}}}});
  if (streamed) return;  // the harness played the stream to its end
  if (!run.is_object() || !run.value("id", Json()).is_string() || !run.value("thread_id", Json()).is_string()) {
    return;
  }
  const std::string path = "/v1/threads/" + run["thread_id"].get<std::string>() + "/runs/" +
                           run["id"].get<std::string>();
  for (int round = 0; round < 3; ++round) {
    server.services().clock.advance_ms(k_day_ms / 4);
    const Json now = get(server, path);
    if (!now.is_object() || now.value("status", Json()) != "requires_action") break;
    const Json calls = now.value(Json::json_pointer("/required_action/submit_tool_outputs/tool_calls"), Json::array());
    Json outputs = Json::array();
    for (const Json& call : calls) {
      outputs.push_back({{"tool_call_id", call.value("id", Json())}, {"output", tool_output_for(scenario)}});
    }
    post(server, path + "/submit_tool_outputs", {{"tool_outputs", outputs}});
  }
  get(server, path + "/steps");
  get(server, "/v1/threads/" + run["thread_id"].get<std::string>() + "/messages");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  mock::scenario::Scenario scenario;
  try {
    scenario = mock::scenario::parse_scenario(mock::scenario::parse_scenario_json(text));
  } catch (const mock::scenario::ScenarioError&) {
    return 0;
  }

  mock::scenario::ScenarioBook book;
  book.load(scenario);
  for (const ScenarioRule& rule : scenario.rules) {
    mock::scenario::MatchInput input{text_for(rule), rule.when.assistant_name.value_or(""),
                                       rule.when.instructions_contain.value_or(""), {}};
    (void)book.script_for_run(input);
    input.tool_outputs.push_back(tool_output_for(scenario));
    (void)book.script_after_outputs(input);
  }
  (void)book.source().dump();

  auto server = fuzz::make_server(scenario);
  for (std::size_t i = 0; i < scenario.rules.size() && i < k_rules_played; ++i) {
    play_rule(*server, scenario, scenario.rules[i], /*streamed=*/i % 2 == 1);
  }
  return 0;
}
