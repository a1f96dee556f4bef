#include <utility>

#include "http/api_error.hpp"
#include "mock/assistants/handlers/handler_support.hpp"
#include "mock/assistants/handlers/handlers.hpp"
#include "mock/assistants/handlers/run_stream.hpp"
#include "mock/assistants/handlers/thread_factory.hpp"
#include "mock/assistants/lifecycle/default_responder.hpp"
#include "mock/assistants/lifecycle/stream_events.hpp"
#include "mock/assistants/params/thread_request.hpp"
#include "mock/assistants/params/run_request.hpp"

namespace mock::assistants {
namespace {
constexpr Timestamp k_run_lifetime_seconds = 600;  // expires_at = created_at + 600 (FACTS.md §4)

// A stream holds its connection until the run pauses or ends: the server's slot (429 when
// none is free) is claimed before anything is created or changed.
void claim_stream_if_asked(const ApiRequest& request, bool stream) {
  if (stream && request.claim_stream) request.claim_stream();
}

// A run takes the assistant's settings unless the request overrides them (FACTS.md §9.3-4).
Run make_run(const Thread& thread, const Assistant& assistant, const RunSettings& settings,
             Services& services) {
  Run run;
  run.id = services.ids.next("run_");
  run.created_at = services.clock.now_seconds();
  run.thread_id = thread.id;
  run.assistant_id = assistant.id;
  run.status = RunStatus::queued;
  run.expires_at = run.created_at + k_run_lifetime_seconds;
  run.model = settings.model.value_or(assistant.model);
  run.instructions = settings.instructions.value_or(assistant.instructions.value_or(""));
  if (settings.additional_instructions) {
    const std::string& extra = *settings.additional_instructions;
    run.instructions = run.instructions.empty() ? extra : run.instructions + "\n\n" + extra;
  }
  run.tools = settings.tools.value_or(assistant.tools);
  run.file_ids = assistant.file_ids;
  if (settings.metadata) run.metadata = *settings.metadata;
  run.temperature = settings.temperature.value_or(assistant.temperature);
  run.top_p = settings.top_p.value_or(assistant.top_p);
  if (settings.max_prompt_tokens) run.max_prompt_tokens = *settings.max_prompt_tokens;
  if (settings.max_completion_tokens) run.max_completion_tokens = *settings.max_completion_tokens;
  if (settings.truncation_strategy) run.truncation_strategy = *settings.truncation_strategy;
  if (settings.tool_choice) run.tool_choice = *settings.tool_choice;
  if (settings.parallel_tool_calls) run.parallel_tool_calls = *settings.parallel_tool_calls;
  run.response_format = settings.response_format.value_or(assistant.response_format);
  return run;
}

// Inserts the run, makes it the thread's active run and starts its clock.
// With `stream`, the run's events are captured from its creation on (thread.created first
// for create-thread-and-run).
Run& start_run(Thread& thread, const Assistant& assistant, const RunSettings& settings,
               Services& services, ApiVersion version, bool announce_thread = false) {
  Run fresh = make_run(thread, assistant, settings, services);
  Run& run = thread.runs.insert(std::move(fresh));
  if (settings.stream) {
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
  scenario::RunScript script =
      services.scenarios.script_for_run(input).value_or(scenario::RunScript{});
  if (script.empty()) script = default_script(thread, run);
  services.runs.schedule(thread, run, services.clock.now_ms(), plan_script(std::move(script), run));
  return run;
}
}  // namespace

ApiResponse create_run(const ApiRequest& request, Services& services) {
  CreateRunParams params = read_create_run(request.json_body(), core::version_of(request));
  claim_stream_if_asked(request, params.run.stream);
  return change_thread(services, request.path_param("thread_id"), [&](const AssistantsState& state, Thread& thread) {
    if (thread.active_run_id) {
      throw http::errors::invalid_request("Thread " + thread.id + " already has an active run " +
                                          *thread.active_run_id + ".");
    }
    const Assistant& assistant = require_assistant(state, params.run.assistant_id);
    // additional_messages go on the thread before the run starts (FACTS.md §9.1).
    for (NewMessage& message : params.additional_messages) {
      append_client_message(thread, std::move(message), services);
    }
    const Run& run = start_run(thread, assistant, params.run, services, core::version_of(request));
    if (params.run.stream) return stream_run_response(services, thread.id, run);
    return object_response(run, request);
  });
}

ApiResponse create_thread_and_run(const ApiRequest& request, Services& services) {
  CreateThreadAndRunParams params =
      read_create_thread_and_run(request.json_body(), core::version_of(request));
  claim_stream_if_asked(request, params.run.stream);
  return services.store.with_state([&](AssistantsState& state) {
    // Check the assistant before creating anything, so a 404 leaves no orphan thread.
    const Assistant& assistant = require_assistant(state, params.run.assistant_id);
    Thread& thread = insert_thread(state, std::move(params.thread), services);
    const Run& run =
        start_run(thread, assistant, params.run, services, core::version_of(request), true);
    if (params.run.stream) return stream_run_response(services, thread.id, run);
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
  const MetadataUpdate update = read_modify_metadata_only(request.json_body());
  return change_thread(services, request.path_param("thread_id"), [&](const AssistantsState&, Thread& thread) {
    Run& run = require_run(thread, request.path_param("run_id"));
    if (update.metadata) run.metadata = *update.metadata;
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
  const SubmitToolOutputsParams params = read_submit_tool_outputs(request.json_body());
  claim_stream_if_asked(request, params.stream);
  return change_thread(services, request.path_param("thread_id"), [&](const AssistantsState& state, Thread& thread) {
    Run& run = require_run(thread, request.path_param("run_id"));
    RunDriver::check_tool_outputs(run, params.tool_outputs);
    scenario::MatchInput input;
    input.latest_user_message = run.progress.user_message;
    if (const Assistant* assistant = state.assistants.find(run.assistant_id)) {
      input.assistant_name = assistant->name.value_or("");
    }
    input.instructions = run.instructions;
    input.tool_outputs = params.outputs;
    if (params.stream) start_capturing(run, core::version_of(request));
    services.runs.accept_tool_outputs(thread, run, params.tool_outputs, services.clock.now_ms(),
                                      services.scenarios.script_after_outputs(input));
    if (params.stream) return stream_run_response(services, thread.id, run);
    return object_response(run, request);
  });
}

}  // namespace mock::assistants
