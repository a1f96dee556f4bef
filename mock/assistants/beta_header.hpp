#pragma once
// The Assistants endpoints need `OpenAI-Beta: assistants=v2` (FACTS.md §1, §7).
#include "mock/http/api_message.hpp"

namespace mock::assistants {

enum class ApiVersion { v2 };

// Missing header -> 400 invalid_beta with the service's text; assistants=v1 -> the
// v1-deprecated 400 the service answered from late 2024 (the v1 surface is not built yet);
// any other value -> 400 invalid_beta naming what was sent.
ApiVersion require_assistants_beta(const http::ApiRequest& request);

}  // namespace mock::assistants
