#pragma once
// HTTP clients of the servers under test: keep-alive connections with the mock's headers,
// the request a client sends (Call), and set-up requests that must succeed.
#include <memory>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace server_bench {

using Json = nlohmann::json;

// The mock's API key and beta header; the bare server gets them too.
httplib::Headers mock_headers();

std::unique_ptr<httplib::Client> make_client(int port, const httplib::Headers& headers);

struct Call {
  std::string method;  // "GET" or "POST"
  std::string path;
  std::string body;    // POST only
};

httplib::Result send(httplib::Client& client, const Call& call);

bool is_2xx(int status);

// One request on a setup connection; throws unless the answer is 2xx JSON.
Json setup_call(httplib::Client& client, const Call& call);

}  // namespace server_bench
