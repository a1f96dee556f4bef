// Scenario JSON -> Scenario, with errors that name the JSON path of the problem.
#include <fstream>
#include <set>
#include <sstream>

#include <re2/re2.h>

#include "mock/scenario/scenario.hpp"

namespace mock::scenario {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
  throw ScenarioError(path + ": " + problem);
}

const Json& require(const Json& object, const char* key, const std::string& path) {
  const auto it = object.find(key);
  if (it == object.end()) fail(path, std::string("missing required key '") + key + "'");
  return *it;
}

std::string as_string(const Json& value, const std::string& path) {
  if (!value.is_string()) fail(path, "expected a string, got " + std::string(value.type_name()));
  return value.get<std::string>();
}

void allow_keys(const Json& object, const std::string& path, const std::set<std::string>& keys) {
  if (!object.is_object()) fail(path, "expected an object, got " + std::string(object.type_name()));
  for (const auto& [key, value] : object.items()) {
    if (!keys.contains(key)) {
      std::string known;
      for (const auto& k : keys) known += (known.empty() ? "" : ", ") + k;
      fail(path, "unknown key '" + key + "' (known: " + known + ")");
    }
  }
}

std::string one_of(const Json& value, const std::string& path, const std::set<std::string>& values) {
  const std::string text = as_string(value, path);
  if (!values.contains(text)) {
    std::string known;
    for (const auto& v : values) known += (known.empty() ? "" : ", ") + v;
    fail(path, "'" + text + "' is not one of: " + known);
  }
  return text;
}

FunctionCallSpec parse_call(const Json& value, const std::string& path) {
  allow_keys(value, path, {"name", "arguments"});
  FunctionCallSpec call;
  call.name = as_string(require(value, "name", path), path + ".name");
  const auto args = value.find("arguments");
  if (args == value.end()) {
    call.arguments = "{}";
  } else if (args->is_string()) {
    call.arguments = args->get<std::string>();
  } else if (args->is_object()) {
    call.arguments = args->dump();  // the API sends arguments as a JSON text
  } else {
    fail(path + ".arguments", "expected an object or a JSON string");
  }
  return call;
}

ScriptAction parse_action(const Json& value, const std::string& path) {
  static const std::set<std::string> k_kinds = {"message", "code_interpreter", "file_search",
                                                "function_call", "fail", "incomplete", "expire"};
  if (!value.is_object()) fail(path, "expected an action object such as {\"message\": \"...\"}");
  ScriptAction action;
  std::string kind;
  for (const auto& [key, item] : value.items()) {
    if (key == "delay_ms") {
      // Bounded so that due times (now + delays) cannot overflow; a run expires after ten
      // minutes anyway, and the admin clock moves at most ten years at a time too.
      constexpr std::int64_t k_max_delay_ms = 10LL * 365 * 24 * 3600 * 1000;
      if (!item.is_number_integer() || item.get<std::int64_t>() < 0 || item.get<std::int64_t>() > k_max_delay_ms) {
        fail(path + ".delay_ms", "expected an integer from 0 to " + std::to_string(k_max_delay_ms) + " (ten years)");
      }
      action.delay_ms = item.get<std::int64_t>();
    } else if (k_kinds.contains(key)) {
      if (!kind.empty()) fail(path, "one action per object, got '" + kind + "' and '" + key + "'");
      kind = key;
    } else {
      fail(path, "unknown action '" + key + "' (actions: message, code_interpreter, file_search, "
                 "function_call, fail, incomplete, expire; plus delay_ms)");
    }
  }
  if (kind.empty()) fail(path, "no action given");
  const Json& body = value.at(kind);
  const std::string body_path = path + "." + kind;

  if (kind == "message") {
    action.kind = ActionKind::message;
    if (body.is_string()) {
      action.text = body.get<std::string>();
    } else {
      allow_keys(body, body_path, {"text", "annotations"});
      action.text = as_string(require(body, "text", body_path), body_path + ".text");
      if (body.contains("annotations")) {
        if (!body["annotations"].is_array()) fail(body_path + ".annotations", "expected an array");
        action.annotations = body["annotations"];
      }
    }
  } else if (kind == "code_interpreter") {
    action.kind = ActionKind::code_interpreter;
    allow_keys(body, body_path, {"input", "logs", "image_file_id", "outputs"});
    action.input = as_string(require(body, "input", body_path), body_path + ".input");
    if (body.contains("logs")) {
      action.outputs.push_back(
          Json{{"type", "logs"}, {"logs", as_string(body["logs"], body_path + ".logs")}});
    }
    if (body.contains("image_file_id")) {
      const std::string file_id = as_string(body["image_file_id"], body_path + ".image_file_id");
      action.outputs.push_back(Json{{"type", "image"}, {"image", Json{{"file_id", file_id}}}});
    }
    if (body.contains("outputs")) {
      if (!body["outputs"].is_array()) fail(body_path + ".outputs", "expected an array");
      for (const Json& output : body["outputs"]) action.outputs.push_back(output);
    }
  } else if (kind == "file_search") {
    action.kind = ActionKind::file_search;
    allow_keys(body, body_path, {"results"});
    if (body.contains("results")) {
      if (!body["results"].is_array()) fail(body_path + ".results", "expected an array");
      action.results = body["results"];
    }
  } else if (kind == "function_call") {
    action.kind = ActionKind::function_call;
    if (body.is_array()) {
      if (body.empty()) fail(body_path, "expected at least one call");
      for (std::size_t i = 0; i < body.size(); ++i) {
        action.calls.push_back(parse_call(body[i], body_path + "[" + std::to_string(i) + "]"));
      }
    } else {
      action.calls.push_back(parse_call(body, body_path));
    }
  } else if (kind == "fail") {
    action.kind = ActionKind::fail;
    allow_keys(body, body_path, {"code", "message"});
    action.code = body.contains("code")
                      ? one_of(body["code"], body_path + ".code",
                               {"server_error", "rate_limit_exceeded", "invalid_prompt"})
                      : "server_error";
    action.message = body.contains("message") ? as_string(body["message"], body_path + ".message")
                                              : "Sorry, something went wrong.";
  } else if (kind == "incomplete") {
    action.kind = ActionKind::incomplete;
    allow_keys(body, body_path, {"reason"});
    action.reason = body.contains("reason")
                        ? one_of(body["reason"], body_path + ".reason",
                                 {"max_completion_tokens", "max_prompt_tokens"})
                        : "max_completion_tokens";
  } else {
    action.kind = ActionKind::expire;
    allow_keys(body, body_path, {});
  }
  return action;
}

RuleCondition parse_condition(const Json& value, const std::string& path) {
  allow_keys(value, path, {"message_contains", "message_matches", "assistant_name",
                           "tool_outputs_contain", "instructions_contain"});
  RuleCondition when;
  if (value.contains("message_contains")) {
    when.message_contains = as_string(value["message_contains"], path + ".message_contains");
  }
  if (value.contains("message_matches")) {
    const std::string pattern = as_string(value["message_matches"], path + ".message_matches");
    RE2::Options options;
    options.set_log_errors(false);
    auto regex = std::make_shared<const re2::RE2>(pattern, options);
    if (!regex->ok()) fail(path + ".message_matches", "invalid regular expression: " + regex->error());
    when.message_matches = std::move(regex);
  }
  if (value.contains("assistant_name")) {
    when.assistant_name = as_string(value["assistant_name"], path + ".assistant_name");
  }
  if (value.contains("tool_outputs_contain")) {
    when.tool_outputs_contain = as_string(value["tool_outputs_contain"], path + ".tool_outputs_contain");
  }
  if (value.contains("instructions_contain")) {
    when.instructions_contain = as_string(value["instructions_contain"], path + ".instructions_contain");
  }
  return when;
}

}  // namespace

ScriptAction message_action(std::string text) {
  ScriptAction action;
  action.kind = ActionKind::message;
  action.text = std::move(text);
  return action;
}

Scenario parse_scenario(const Json& document) {
  allow_keys(document, "$", {"$schema", "name", "description", "rules"});
  Scenario scenario;
  scenario.source = document;
  if (document.contains("name")) scenario.name = as_string(document["name"], "$.name");
  const Json& rules = require(document, "rules", "$");
  if (!rules.is_array()) fail("$.rules", "expected an array of rules");
  for (std::size_t r = 0; r < rules.size(); ++r) {
    const std::string path = "$.rules[" + std::to_string(r) + "]";
    allow_keys(rules[r], path, {"name", "description", "when", "then", "times"});
    ScenarioRule rule;
    rule.name = rules[r].contains("name") ? as_string(rules[r]["name"], path + ".name")
                                          : "rule " + std::to_string(r);
    if (rules[r].contains("when")) rule.when = parse_condition(rules[r]["when"], path + ".when");
    const Json& then = require(rules[r], "then", path);
    if (!then.is_array() || then.empty()) fail(path + ".then", "expected a non-empty array of actions");
    for (std::size_t a = 0; a < then.size(); ++a) {
      rule.then.push_back(parse_action(then[a], path + ".then[" + std::to_string(a) + "]"));
    }
    if (rules[r].contains("times")) {
      const Json& times = rules[r]["times"];
      if (!times.is_number_integer() || times.get<int>() < 1) fail(path + ".times", "expected an integer >= 1");
      rule.times = times.get<int>();
    }
    scenario.rules.push_back(std::move(rule));
  }
  return scenario;
}

Json parse_scenario_json(std::string_view text) {
  struct TooDeep {};
  try {
    return Json::parse(text, [](int depth, Json::parse_event_t, Json&) {
      if (depth > k_max_scenario_depth) throw TooDeep{};
      return true;
    });
  } catch (const TooDeep&) {
    throw ScenarioError("JSON nested more than " + std::to_string(k_max_scenario_depth) + " levels deep");
  } catch (const Json::exception& error) {
    throw ScenarioError(std::string("not valid JSON: ") + error.what());
  }
}

Scenario load_scenario_file(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw ScenarioError(path + ": cannot open the scenario file");
  std::stringstream text;
  text << file.rdbuf();
  try {
    return parse_scenario(parse_scenario_json(text.str()));
  } catch (const ScenarioError& error) {
    throw ScenarioError(path + ": " + error.what());
  }
}

}  // namespace mock::scenario
