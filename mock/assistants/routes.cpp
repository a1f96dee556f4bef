// The Assistants API surface, one line per endpoint, in the order of the API reference.
#include "mock/assistants/routes.hpp"

#include <string>

#include "http/bearer_auth.hpp"
#include "mock/assistants/handlers/handlers.hpp"
#include "mock/core/beta_header.hpp"

namespace mock::assistants {
namespace {
using EndpointFn = http::ApiResponse (*)(const http::ApiRequest&, Services&);

// Every Assistants endpoint checks the key and the beta header before its handler runs.
// Run endpoints also tell polling SDKs how soon to ask again.
void add(http::RouteTable& table, Services& services, const char* method, const char* pattern,
         const char* name, EndpointFn endpoint, bool returns_run = false,
         http::Streaming streaming = http::Streaming::never) {
  table.add(method, pattern, name,
            [&services, endpoint, returns_run](http::ApiRequest& request) {
              http::check_bearer_key(request, services.config.api_key);
              request.api_version =
                  core::require_assistants_beta(request) == ApiVersion::v1 ? "v1" : "v2";
              http::ApiResponse response = endpoint(request, services);
              if (returns_run) {
                response.headers.emplace("openai-poll-after-ms",
                                         std::to_string(services.config.poll_after_ms));
              }
              return response;
            },
            streaming);
}
}  // namespace

void register_routes(http::RouteTable& t, Services& s) {
  constexpr bool run = true;
  constexpr auto may_stream = http::Streaming::may_stream;  // run creation and tool outputs
  add(t, s, "POST", "/v1/assistants", "assistants.create", create_assistant);
  add(t, s, "GET", "/v1/assistants", "assistants.list", list_assistants);
  add(t, s, "GET", "/v1/assistants/{assistant_id}", "assistants.retrieve", retrieve_assistant);
  add(t, s, "POST", "/v1/assistants/{assistant_id}", "assistants.modify", modify_assistant);
  add(t, s, "DELETE", "/v1/assistants/{assistant_id}", "assistants.delete", delete_assistant);

  add(t, s, "POST", "/v1/assistants/{assistant_id}/files", "assistant_files.create", create_assistant_file);
  add(t, s, "GET", "/v1/assistants/{assistant_id}/files", "assistant_files.list", list_assistant_files);
  add(t, s, "GET", "/v1/assistants/{assistant_id}/files/{file_id}", "assistant_files.retrieve",
      retrieve_assistant_file);
  add(t, s, "DELETE", "/v1/assistants/{assistant_id}/files/{file_id}", "assistant_files.delete",
      delete_assistant_file);

  add(t, s, "POST", "/v1/threads", "threads.create", create_thread);
  add(t, s, "GET", "/v1/threads/{thread_id}", "threads.retrieve", retrieve_thread);
  add(t, s, "POST", "/v1/threads/{thread_id}", "threads.modify", modify_thread);
  add(t, s, "DELETE", "/v1/threads/{thread_id}", "threads.delete", delete_thread);

  add(t, s, "POST", "/v1/threads/{thread_id}/messages", "messages.create", create_message);
  add(t, s, "GET", "/v1/threads/{thread_id}/messages", "messages.list", list_messages);
  add(t, s, "GET", "/v1/threads/{thread_id}/messages/{message_id}", "messages.retrieve", retrieve_message);
  add(t, s, "POST", "/v1/threads/{thread_id}/messages/{message_id}", "messages.modify", modify_message);
  add(t, s, "DELETE", "/v1/threads/{thread_id}/messages/{message_id}", "messages.delete", delete_message);

  add(t, s, "GET", "/v1/threads/{thread_id}/messages/{message_id}/files", "message_files.list",
      list_message_files);
  add(t, s, "GET", "/v1/threads/{thread_id}/messages/{message_id}/files/{file_id}",
      "message_files.retrieve", retrieve_message_file);

  add(t, s, "POST", "/v1/threads/runs", "runs.create_thread_and_run", create_thread_and_run, run,
      may_stream);
  add(t, s, "POST", "/v1/threads/{thread_id}/runs", "runs.create", create_run, run, may_stream);
  add(t, s, "GET", "/v1/threads/{thread_id}/runs", "runs.list", list_runs);
  add(t, s, "GET", "/v1/threads/{thread_id}/runs/{run_id}", "runs.retrieve", retrieve_run, run);
  add(t, s, "POST", "/v1/threads/{thread_id}/runs/{run_id}", "runs.modify", modify_run, run);
  add(t, s, "POST", "/v1/threads/{thread_id}/runs/{run_id}/cancel", "runs.cancel", cancel_run, run);
  add(t, s, "POST", "/v1/threads/{thread_id}/runs/{run_id}/submit_tool_outputs",
      "runs.submit_tool_outputs", submit_tool_outputs, run, may_stream);

  add(t, s, "GET", "/v1/threads/{thread_id}/runs/{run_id}/steps", "run_steps.list", list_run_steps);
  add(t, s, "GET", "/v1/threads/{thread_id}/runs/{run_id}/steps/{step_id}", "run_steps.retrieve",
      retrieve_run_step);
}

}  // namespace mock::assistants
