#pragma once
// A request for MockServer::handle (no network): the test key and the given beta header.
#include <string>

#include "http/api_message.hpp"

namespace tests::support {

inline mock::http::ApiRequest api_request(const std::string& method, const std::string& path,
                                          const std::string& body = "",
                                          const std::string& beta = "assistants=v2") {
  mock::http::ApiRequest out;
  out.method = method;
  out.path = path;
  out.headers.emplace("Authorization", "Bearer sk-test");
  out.headers.emplace("OpenAI-Beta", beta);
  out.body = body;
  return out;
}

}  // namespace tests::support
