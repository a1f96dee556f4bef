#pragma once
// One function per Files endpoint (no OpenAI-Beta needed; FACTS.md §1).
#include "http/api_message.hpp"
#include "mock/files/file_services.hpp"

namespace mock::files {

using http::ApiRequest;
using http::ApiResponse;

ApiResponse upload_file(const ApiRequest& request, FileServices& services);
ApiResponse list_files(const ApiRequest& request, FileServices& services);
ApiResponse retrieve_file(const ApiRequest& request, FileServices& services);
// Deletes the file and then calls services.on_deleted (removal from every vector store).
ApiResponse delete_file(const ApiRequest& request, FileServices& services);
// The raw bytes, with the content type the upload had (or one guessed from the name).
ApiResponse download_file_content(const ApiRequest& request, FileServices& services);

}  // namespace mock::files
