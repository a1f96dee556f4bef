#include "mock/assistants/handlers/handler_support.hpp"
#include "mock/assistants/handlers/handlers.hpp"

namespace mock::assistants {

ApiResponse list_run_steps(const ApiRequest& request, Services& services) {
  return services.store.with_state([&](AssistantsState& state) {
    Thread& thread = require_thread(state, services, request.path_param("thread_id"));
    Run& run = require_run(thread, request.path_param("run_id"));
    return ApiResponse::json(list_page(run.steps, request));
  });
}

ApiResponse retrieve_run_step(const ApiRequest& request, Services& services) {
  return services.store.with_state([&](AssistantsState& state) {
    Thread& thread = require_thread(state, services, request.path_param("thread_id"));
    Run& run = require_run(thread, request.path_param("run_id"));
    return ApiResponse::json(wire(require_step(run, request.path_param("step_id")), request));
  });
}

}  // namespace mock::assistants
