#include "mock/responses/planner.hpp"

#include <algorithm>

#include "mock/assistants/lifecycle/default_responder.hpp"
#include "mock/assistants/lifecycle/run_driver.hpp"
#include "http/api_error.hpp"
#include "mock/responses/item_params.hpp"
#include "mock/responses/json_objects.hpp"

namespace mock::responses {
namespace {
using scenario::ActionKind;
using scenario::RunScript;
using scenario::ScriptAction;

std::string latest_user_text(const Json& items) {
  std::string text;
  for (const Json& item : items) {
    if (item.value("type", "") == "message" && item.value("role", "") == "user") text = item_text(item);
  }
  return text;
}

// tool_choice and parallel_tool_calls shape a script exactly as they do a run's.
RunScript plan_with_tool_settings(RunScript script, const ResponseRequest& request) {
  assistants::ToolSettings settings;
  for (const Json& tool : request.tools) {
    const std::string& type = tool["type"].get_ref<const std::string&>();
    if (type == "function") {
      settings.tools.push_back({type, tool["name"].get<std::string>()});
    } else if (type == "code_interpreter" || type == "file_search") {
      settings.tools.push_back({type, ""});
    }
  }
  const Json& choice = request.tool_choice;
  if (choice.is_string()) {
    settings.choice = choice.get<std::string>();
  } else if (choice.is_object()) {
    settings.choice = choice["type"].get<std::string>();
    if (settings.choice == "function") settings.choice_function = choice["name"].get<std::string>();
  }
  settings.parallel_tool_calls = request.parallel_tool_calls;
  return assistants::plan_script(std::move(script), settings);
}

std::string container_of(const ResponseRequest& request, core::IdGenerator& ids) {
  for (const Json& tool : request.tools) {
    if (tool["type"] == "code_interpreter" && tool["container"].is_string()) {
      return tool["container"].get<std::string>();
    }
  }
  return ids.next("cntr_");
}

// A `message` output item with one output_text part. Built member by member: an initializer
// list copies every nested value once more (json_objects.hpp).
Json message_output(std::string id, std::string text, const Json& annotations) {
  Json part = object_with_room(4);
  part["type"] = "output_text";
  part["text"] = std::move(text);
  part["annotations"] = annotations;
  part["logprobs"] = Json::array();
  Json content = Json::array();
  content.push_back(std::move(part));
  Json item = object_with_room(5);
  item["id"] = std::move(id);
  item["type"] = "message";
  item["status"] = "completed";
  item["role"] = "assistant";
  item["content"] = std::move(content);
  return item;
}

// A string field of free-form scenario JSON, or `fallback` when it is missing or not a string.
std::string text_of(const Json& object, const char* key, const std::string& fallback = "") {
  if (!object.is_object()) return fallback;
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

Json code_outputs(const Json& outputs) {
  Json out = Json::array();
  for (const Json& output : outputs) {
    if (!output.is_object()) continue;  // scenario outputs are free-form
    if (text_of(output, "type") == "image") {
      const std::string file_id = output.contains("image") ? text_of(output["image"], "file_id") : "";
      out.push_back(Json{{"type", "image"}, {"url", text_of(output, "url", "sandbox:/mnt/data/" + file_id)}});
    } else {
      out.push_back(Json{{"type", "logs"}, {"logs", text_of(output, "logs")}});
    }
  }
  return out;
}

Json search_results(const Json& results) {
  Json out = Json::array();
  for (const Json& result : results) {
    if (!result.is_object()) continue;  // scenario results are free-form
    std::string text = text_of(result, "text");
    if (text.empty() && result.contains("content") && result["content"].is_array() &&
        !result["content"].empty()) {
      text = text_of(result["content"][0], "text");
    }
    const auto score = result.find("score");
    out.push_back(Json{{"file_id", text_of(result, "file_id")},
                       {"filename", text_of(result, "filename", text_of(result, "file_name"))},
                       {"score", score != result.end() && score->is_number() ? *score : Json(1.0)},
                       {"text", text},
                       {"attributes", Json::object()}});
  }
  return out;
}

// Scripted results when the rule gives some, else a search of the tool's vector stores.
Json file_search_results(const ScriptAction& action, const PlanInput& plan, const std::string& query) {
  if (!action.results.empty() || plan.file_search == nullptr) return search_results(action.results);
  for (const Json& tool : plan.request.tools) {
    if (tool["type"] != "file_search") continue;
    const std::size_t max_results = tool.value("max_num_results", std::size_t{10});
    return plan.file_search->search(tool["vector_store_ids"], query, max_results);
  }
  return Json::array();
}

std::string incomplete_reason(const std::string& run_reason) {
  return run_reason == "content_filter" ? "content_filter" : "max_output_tokens";
}

// Runs the actions into `output` and `outcome` until the script ends or an action ends the
// response.
void perform(const RunScript& script, const PlanInput& plan, assistants::RunProgress& progress,
             core::IdGenerator& ids, Json& output, Outcome& outcome) {
  const ResponseRequest& request = plan.request;
  for (std::size_t i = 0; i < script.size(); ++i) {
    const ScriptAction& action = script[i];
    outcome.delay_ms += action.delay_ms;
    switch (action.kind) {
      case ActionKind::message:
        output.push_back(message_output(ids.next("msg_"), assistants::fill_template(action.text, progress),
                                        action.annotations));
        break;
      case ActionKind::code_interpreter:
        output.push_back(Json{
            {"id", ids.next("ci_")}, {"type", "code_interpreter_call"}, {"status", "completed"},
            {"container_id", container_of(request, ids)}, {"code", action.input},
            {"outputs", request.includes("code_interpreter_call.outputs") ? code_outputs(action.outputs)
                                                                           : Json(nullptr)}});
        break;
      case ActionKind::file_search:
        output.push_back(Json{
            {"id", ids.next("fs_")}, {"type", "file_search_call"}, {"status", "completed"},
            {"queries", Json::array({progress.user_message})},
            {"results", request.includes("file_search_call.results")
                            ? file_search_results(action, plan, progress.user_message)
                            : Json(nullptr)}});
        break;
      case ActionKind::function_call: {
        PendingCalls pending;
        for (const scenario::FunctionCallSpec& call : action.calls) {
          const std::string call_id = ids.next("call_");
          output.push_back(Json{{"id", ids.next("fc_")}, {"type", "function_call"},
                                {"status", "completed"}, {"call_id", call_id},
                                {"name", call.name}, {"arguments", call.arguments}});
          pending.calls.emplace_back(call_id, call.name);
        }
        pending.rest.assign(script.begin() + static_cast<std::ptrdiff_t>(i) + 1, script.end());
        pending.tool_outputs = progress.tool_outputs;
        pending.user_message = progress.user_message;
        outcome.pending = std::move(pending);
        return;
      }
      case ActionKind::fail:
        outcome.status = ResponseStatus::failed;
        outcome.error = Json{{"code", action.code.empty() ? "server_error" : action.code},
                             {"message", action.message}};
        return;
      case ActionKind::expire:
        outcome.status = ResponseStatus::failed;
        outcome.error = Json{{"code", "server_error"},
                             {"message", "The response expired before it completed."}};
        return;
      case ActionKind::incomplete:
        outcome.status = ResponseStatus::incomplete;
        outcome.incomplete_details = Json{{"reason", incomplete_reason(action.reason)}};
        return;
    }
  }
}

// A text answer longer than max_output_tokens is cut there and the response ends incomplete.
void apply_token_limit(const ResponseRequest& request, Json& output, Outcome& outcome) {
  std::int64_t tokens = 0;
  for (Json& item : output) {
    tokens += assistants::estimate_tokens(readable_text(item));
    if (!request.max_output_tokens.is_number_integer()) continue;
    const std::int64_t limit = request.max_output_tokens.get<std::int64_t>();
    if (tokens <= limit || outcome.status != ResponseStatus::completed) continue;
    if (item["type"] == "message") {
      std::string& text = item["content"][0]["text"].get_ref<std::string&>();
      const std::int64_t keep_tokens = std::max<std::int64_t>(0, limit - (tokens - assistants::estimate_tokens(text)));
      std::size_t cut = std::min(text.size(), static_cast<std::size_t>(keep_tokens * 4));
      while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
      text.resize(cut);
      item["status"] = "incomplete";
    }
    outcome.status = ResponseStatus::incomplete;
    outcome.incomplete_details = Json{{"reason", "max_output_tokens"}};
    outcome.pending.reset();
    tokens = limit;
  }
  outcome.output_tokens = tokens;
}

// Function outputs of this input, as (call_id, output text).
std::vector<std::pair<std::string, std::string>> submitted_outputs(const Json& input) {
  std::vector<std::pair<std::string, std::string>> outputs;
  for (const Json& item : input) {
    if (item.value("type", "") != "function_call_output") continue;
    outputs.emplace_back(item["call_id"].get<std::string>(), readable_text(item));
  }
  return outputs;
}

bool made_call(const Json& items, const std::string& call_id) {
  return std::any_of(items.begin(), items.end(), [&](const Json& item) {
    return item.value("type", "") == "function_call" && item.value("call_id", "") == call_id;
  });
}
}  // namespace

Outcome plan_response(const PlanInput& plan, scenario::ScenarioBook& scenarios, core::IdGenerator& ids) {
  const ResponseRequest& request = plan.request;
  const std::string instructions = request.instructions.is_string() ? request.instructions.get<std::string>() : "";
  assistants::RunProgress progress;
  progress.user_message = latest_user_text(plan.input);
  if (progress.user_message.empty()) progress.user_message = latest_user_text(plan.context);
  const std::string model = request.model.value_or("");

  std::optional<RunScript> script;
  const auto outputs = submitted_outputs(plan.input);
  for (const auto& [call_id, output] : outputs) {
    if (!made_call(plan.context, call_id) && !made_call(plan.input, call_id)) {
      throw http::errors::invalid_request(
          "No tool call found for function call output with call_id " + call_id + ".", "input");
    }
  }
  if (!outputs.empty() && plan.pending != nullptr) {
    progress.tool_outputs = plan.pending->tool_outputs;
    progress.latest_outputs_from = progress.tool_outputs.size();
    progress.user_message = plan.pending->user_message;
    scenario::MatchInput match{progress.user_message, "", instructions, {}};
    for (const auto& [call_id, output] : outputs) {
      std::string name;
      for (const auto& [pending_id, pending_name] : plan.pending->calls) {
        if (pending_id == call_id) name = pending_name;
      }
      progress.tool_outputs.emplace_back(name, output);
      match.tool_outputs.push_back(output);
    }
    script = scenarios.script_after_outputs(match);
    if (!script) script = plan.pending->rest;
  } else {
    script = scenarios.script_for_run(scenario::MatchInput{progress.user_message, "", instructions, {}});
  }
  if (!script || script->empty()) script = assistants::default_reply(model, progress.user_message);

  Outcome outcome;
  Json output = Json::array();
  perform(plan_with_tool_settings(std::move(*script), request), plan, progress, ids, output, outcome);
  apply_token_limit(request, output, outcome);
  outcome.output = core::FrozenJson(output);
  return outcome;
}

std::int64_t count_input_tokens(const Json& instructions, const Json& context, const Json& input) {
  std::string text = instructions.is_string() ? instructions.get<std::string>() : "";
  for (const Json& item : context) text += readable_text(item);
  for (const Json& item : input) text += readable_text(item);
  return assistants::estimate_tokens(text);
}

}  // namespace mock::responses
