#include "mock/assistants/handlers/handler_support.hpp"
#include "mock/assistants/handlers/handlers.hpp"

namespace mock::assistants {

ApiResponse list_run_steps(const ApiRequest& request, Services& services) {
  return read_thread(services, request.path_param("thread_id"), [&](const Thread& thread) {
    return list_response(require_run(thread, request.path_param("run_id")).steps, request);
  });
}

ApiResponse retrieve_run_step(const ApiRequest& request, Services& services) {
  return read_thread(services, request.path_param("thread_id"), [&](const Thread& thread) {
    const Run& run = require_run(thread, request.path_param("run_id"));
    return object_response(require_step(run, request.path_param("step_id")), request);
  });
}

}  // namespace mock::assistants
