#pragma once
// One function per endpoint: ApiResponse f(const ApiRequest&, Services&).
#include "http/api_message.hpp"
#include "mock/assistants/services.hpp"

namespace mock::assistants {

using http::ApiRequest;
using http::ApiResponse;

ApiResponse create_assistant(const ApiRequest& request, Services& services);
ApiResponse list_assistants(const ApiRequest& request, Services& services);
ApiResponse retrieve_assistant(const ApiRequest& request, Services& services);
ApiResponse modify_assistant(const ApiRequest& request, Services& services);
ApiResponse delete_assistant(const ApiRequest& request, Services& services);

ApiResponse create_thread(const ApiRequest& request, Services& services);
ApiResponse retrieve_thread(const ApiRequest& request, Services& services);
ApiResponse modify_thread(const ApiRequest& request, Services& services);
ApiResponse delete_thread(const ApiRequest& request, Services& services);

ApiResponse create_message(const ApiRequest& request, Services& services);
ApiResponse list_messages(const ApiRequest& request, Services& services);
ApiResponse retrieve_message(const ApiRequest& request, Services& services);
ApiResponse modify_message(const ApiRequest& request, Services& services);
ApiResponse delete_message(const ApiRequest& request, Services& services);

ApiResponse create_run(const ApiRequest& request, Services& services);
ApiResponse create_thread_and_run(const ApiRequest& request, Services& services);
ApiResponse list_runs(const ApiRequest& request, Services& services);
ApiResponse retrieve_run(const ApiRequest& request, Services& services);
ApiResponse modify_run(const ApiRequest& request, Services& services);
ApiResponse cancel_run(const ApiRequest& request, Services& services);
ApiResponse submit_tool_outputs(const ApiRequest& request, Services& services);

// v1 only: files attached to assistants and messages.
ApiResponse create_assistant_file(const ApiRequest& request, Services& services);
ApiResponse list_assistant_files(const ApiRequest& request, Services& services);
ApiResponse retrieve_assistant_file(const ApiRequest& request, Services& services);
ApiResponse delete_assistant_file(const ApiRequest& request, Services& services);
ApiResponse list_message_files(const ApiRequest& request, Services& services);
ApiResponse retrieve_message_file(const ApiRequest& request, Services& services);

ApiResponse list_run_steps(const ApiRequest& request, Services& services);
ApiResponse retrieve_run_step(const ApiRequest& request, Services& services);

}  // namespace mock::assistants
