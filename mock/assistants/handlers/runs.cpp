#include <utility>

#include "http/api_error.hpp"
#include "mock/assistants/handlers/handler_support.hpp"
#include "mock/assistants/handlers/handlers.hpp"
#include "mock/assistants/handlers/run_stream.hpp"
#include "mock/assistants/handlers/thread_factory.hpp"
#include "mock/assistants/lifecycle/default_responder.hpp"
#include "mock/assistants/lifecycle/stream_events.hpp"
#include "mock/assistants/params/request_params.hpp"

namespace mock::assistants {
namespace {
constexpr Timestamp k_run_lifetime_seconds = 600;  // expires_at = created_at + 600 (FACTS.md §4)

bool wants_stream(const Json& fields) {
  return fields.contains("stream") && fields["stream"].is_boolean() && fields["stream"].get<bool>();
}

// A run takes the assistant's settings unless the request overrides them (FACTS.md §9.3-4).
Run make_run(const Thread& thread, const Assistant& assistant, const Json& fields,
             Services& services) {
  Run run;
  run.id = services.ids.next("run_");
  run.created_at = services.clock.now_seconds();
  run.thread_id = thread.id;
  run.assistant_id = assistant.id;
  run.status = RunStatus::queued;
  run.expires_at = run.created_at + k_run_lifetime_seconds;
  run.model = fields.contains("model") && !fields["model"].is_null()
                  ? fields["model"].get<std::string>()
                  : assistant.model;
  run.instructions = fields.contains("instructions") && !fields["instructions"].is_null()
                         ? fields["instructions"].get<std::string>()
                         : assistant.instructions.value_or("");
  if (fields.contains("additional_instructions") && !fields["additional_instructions"].is_null()) {
    const auto extra = fields["additional_instructions"].get<std::string>();
    run.instructions = run.instructions.empty() ? extra : run.instructions + "\n\n" + extra;
  }
  run.tools = fields.contains("tools") && !fields["tools"].is_null() ? fields["tools"]
                                                                      : assistant.tools;
  run.file_ids = to_wire(assistant, ApiVersion::v1)["file_ids"];
  if (fields.contains("metadata") && !fields["metadata"].is_null()) run.metadata = fields["metadata"];
  run.temperature = fields.contains("temperature") && !fields["temperature"].is_null()
                        ? fields["temperature"].get<double>()
                        : assistant.temperature;
  run.top_p = fields.contains("top_p") && !fields["top_p"].is_null() ? fields["top_p"].get<double>()
                                                                      : assistant.top_p;
  if (fields.contains("max_prompt_tokens")) run.max_prompt_tokens = fields["max_prompt_tokens"];
  if (fields.contains("max_completion_tokens")) {
    run.max_completion_tokens = fields["max_completion_tokens"];
  }
  if (fields.contains("truncation_strategy")) run.truncation_strategy = fields["truncation_strategy"];
  if (fields.contains("tool_choice")) run.tool_choice = fields["tool_choice"];
  if (fields.contains("parallel_tool_calls")) {
    run.parallel_tool_calls = fields["parallel_tool_calls"].get<bool>();
  }
  run.response_format = fields.contains("response_format") ? fields["response_format"]
                                                           : assistant.response_format;
  return run;
}

// Inserts the run, makes it the thread's active run and starts its clock.
// With `stream`, the run's events are captured from its creation on (thread.created first
// for create-thread-and-run).
Run& start_run(Thread& thread, const Assistant& assistant, const Json& fields, Services& services,
               ApiVersion version, bool announce_thread = false) {
  Run fresh = make_run(thread, assistant, fields, services);
  Run& run = thread.runs.insert(std::move(fresh));
  if (wants_stream(fields)) {
    start_capturing(run, version);
    if (announce_thread) events::emit(run, "thread.created", to_wire(thread, version));
    events::run_event(run, "created");
    events::run_event(run, "queued");
  }
  scenario::MatchInput input;
  std::as_const(thread.messages).for_each([&](const Message& message) {
    if (message.role == Role::user) input.latest_user_message = message_text(message);
  });
  input.assistant_name = assistant.name.value_or("");
  input.instructions = run.instructions;
  scenario::RunScript script = services.scenarios.script_for_run(input).value_or(scenario::RunScript{});
  if (script.empty()) script = default_script(thread, run);
  services.runs.schedule(thread, run, services.clock.now_ms(), plan_script(std::move(script), run));
  return run;
}
}  // namespace

ApiResponse create_run(const ApiRequest& request, Services& services) {
  const Json fields = parse_create_run(request_body(request), core::version_of(request));
  return change_thread(services, request.path_param("thread_id"), [&](const AssistantsState& state, Thread& thread) {
    if (thread.active_run_id) {
      throw http::errors::invalid_request("Thread " + thread.id + " already has an active run " +
                                          *thread.active_run_id + ".");
    }
    const Assistant& assistant =
        require_assistant(state, fields["assistant_id"].get<std::string>());
    // additional_messages go on the thread before the run starts (FACTS.md §9.1).
    for (const Json& message : fields["additional_messages"]) {
      append_client_message(thread, new_message_from_fields(message), services);
    }
    const Run& run = start_run(thread, assistant, fields, services, core::version_of(request));
    if (wants_stream(fields)) return stream_run_response(services, thread.id, run);
    return object_response(run, request);
  });
}

ApiResponse create_thread_and_run(const ApiRequest& request, Services& services) {
  Json fields = parse_create_thread_and_run(request_body(request), core::version_of(request));
  if (fields.contains("tool_resources") && fields["thread"]["tool_resources"].empty()) {
    fields["thread"]["tool_resources"] = fields["tool_resources"];
  }
  return services.store.with_state([&](AssistantsState& state) {
    // Check the assistant before creating anything, so a 404 leaves no orphan thread.
    const Assistant& assistant =
        require_assistant(state, fields["assistant_id"].get<std::string>());
    Thread& thread = insert_thread(state, fields["thread"], services);
    const Run& run = start_run(thread, assistant, fields, services, core::version_of(request), true);
    if (wants_stream(fields)) return stream_run_response(services, thread.id, run);
    return object_response(run, request);
  });
}

ApiResponse list_runs(const ApiRequest& request, Services& services) {
  return read_thread(services, request.path_param("thread_id"),
                     [&](const Thread& thread) { return list_response(thread.runs, request); });
}

ApiResponse retrieve_run(const ApiRequest& request, Services& services) {
  return read_thread(services, request.path_param("thread_id"), [&](const Thread& thread) {
    return object_response(require_run(thread, request.path_param("run_id")), request);
  });
}

ApiResponse modify_run(const ApiRequest& request, Services& services) {
  const Json fields = parse_modify_metadata_only(request_body(request));
  return change_thread(services, request.path_param("thread_id"), [&](const AssistantsState&, Thread& thread) {
    Run& run = require_run(thread, request.path_param("run_id"));
    if (fields.contains("metadata")) {
      run.metadata = fields["metadata"].is_null() ? Json::object() : fields["metadata"];
    }
    return object_response(run, request);
  });
}

ApiResponse cancel_run(const ApiRequest& request, Services& services) {
  return change_thread(services, request.path_param("thread_id"), [&](const AssistantsState&, Thread& thread) {
    Run& run = require_run(thread, request.path_param("run_id"));
    services.runs.cancel(thread, run, services.clock.now_ms());
    return object_response(run, request);
  });
}

ApiResponse submit_tool_outputs(const ApiRequest& request, Services& services) {
  const Json fields = parse_submit_tool_outputs(request_body(request));
  return change_thread(services, request.path_param("thread_id"), [&](const AssistantsState& state, Thread& thread) {
    Run& run = require_run(thread, request.path_param("run_id"));
    RunDriver::check_tool_outputs(run, fields["tool_outputs"]);
    scenario::MatchInput input;
    input.latest_user_message = run.progress.user_message;
    if (const Assistant* assistant = state.assistants.find(run.assistant_id)) {
      input.assistant_name = assistant->name.value_or("");
    }
    input.instructions = run.instructions;
    for (const Json& output : fields["tool_outputs"]) {
      input.tool_outputs.push_back(output["output"].get<std::string>());
    }
    if (wants_stream(fields)) start_capturing(run, core::version_of(request));
    services.runs.accept_tool_outputs(thread, run, fields["tool_outputs"], services.clock.now_ms(),
                                      services.scenarios.script_after_outputs(input));
    if (wants_stream(fields)) return stream_run_response(services, thread.id, run);
    return object_response(run, request);
  });
}

}  // namespace mock::assistants
