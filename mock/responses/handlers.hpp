#pragma once
// One function per endpoint of the Responses and Conversations APIs (routes.cpp lists them).
#include "http/api_message.hpp"
#include "mock/responses/services.hpp"

namespace mock::responses {

using http::ApiRequest;
using http::ApiResponse;

ApiResponse create_conversation(const ApiRequest& request, ResponsesServices& services);
ApiResponse retrieve_conversation(const ApiRequest& request, ResponsesServices& services);
ApiResponse update_conversation(const ApiRequest& request, ResponsesServices& services);
ApiResponse delete_conversation(const ApiRequest& request, ResponsesServices& services);
ApiResponse create_conversation_items(const ApiRequest& request, ResponsesServices& services);
ApiResponse list_conversation_items(const ApiRequest& request, ResponsesServices& services);
ApiResponse retrieve_conversation_item(const ApiRequest& request, ResponsesServices& services);
ApiResponse delete_conversation_item(const ApiRequest& request, ResponsesServices& services);

ApiResponse create_response(const ApiRequest& request, ResponsesServices& services);
ApiResponse retrieve_response(const ApiRequest& request, ResponsesServices& services);
ApiResponse delete_response(const ApiRequest& request, ResponsesServices& services);
ApiResponse cancel_response(const ApiRequest& request, ResponsesServices& services);
ApiResponse list_input_items(const ApiRequest& request, ResponsesServices& services);
ApiResponse count_input_tokens(const ApiRequest& request, ResponsesServices& services);
ApiResponse compact_response(const ApiRequest& request, ResponsesServices& services);

}  // namespace mock::responses
