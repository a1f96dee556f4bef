#pragma once
// The Assistants endpoints need `OpenAI-Beta: assistants=v2` (FACTS.md §1, §7).
#include <string>

#include "http/api_message.hpp"
#include "mock/core/api_version.hpp"

namespace mock::core {

// The value of `assistants=` in the OpenAI-Beta header (which may list several features
// separated by commas): "v1", "v2", anything else sent, or "" when there is none.
std::string assistants_beta_value(const http::ApiRequest& request);

// Missing header -> 400 invalid_beta with the service's text; a value other than
// assistants=v1 or assistants=v2 -> 400 invalid_beta naming what was sent.
ApiVersion require_assistants_beta(const http::ApiRequest& request);

// The version a checked request speaks (set on the request by the route wrapper).
ApiVersion version_of(const http::ApiRequest& request);

// For endpoints only one version has: the other gets 404 "Invalid URL (...)", as a
// path the service does not serve.
void require_version(const http::ApiRequest& request, ApiVersion version);

}  // namespace mock::core
