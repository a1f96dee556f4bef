#pragma once
#include "http/route_table.hpp"
#include "mock/vector_stores/services.hpp"

namespace mock::vector_stores {

// Adds the vector store routes (v2). Like the Assistants routes they need the bearer key
// and `OpenAI-Beta: assistants=v2`; under assistants=v1 they do not exist (404 Invalid URL).
// Answers carry openai-poll-after-ms, so the SDK's createAndPoll helpers poll quickly.
void register_vector_store_routes(http::RouteTable& table, VectorStoreServices& services);

}  // namespace mock::vector_stores
