#pragma once
// An HTTP client for the mock that checks every answer against the built-in schemas of its
// API version as it arrives (streams event by event) and remembers which endpoints answered,
// so a suite can show it called every endpoint. httplib is allowed in tests as a client.
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "contracts/api_version.hpp"
#include "contracts/observed_response.hpp"
#include "contracts/response_check.hpp"

namespace httplib {
class Client;
}

namespace contracts::testing {

struct Answer {
  int status = 0;                    // 0: no answer at all
  nlohmann::json json;               // the parsed body (null when not JSON)
  std::vector<ObservedEvent> events; // a text/event-stream answer, event by event
  std::string body;                  // the raw body
  ResponseCheck check;               // what the contract check found

  std::string id() const { return json.is_object() ? json.value("id", std::string()) : std::string(); }
};

class ContractClient {
public:
  // Speaks `version` (OpenAI-Beta assistants=v1 for both v1 contracts) to 127.0.0.1:`port`.
  ContractClient(int port, ApiVersion version);
  ~ContractClient();
  ContractClient(const ContractClient&) = delete;
  ContractClient& operator=(const ContractClient&) = delete;

  Answer get(const std::string& path);
  Answer post(const std::string& path, const nlohmann::json& body = nlohmann::json::object());
  Answer del(const std::string& path);
  // multipart/form-data upload to /v1/files. `checked` false: set-up only, the answer is not
  // held to the contract (the files suite does that).
  Answer upload(const std::string& filename, const std::string& content, const std::string& purpose,
                bool checked = true);
  // Sends without a key: every endpoint's 401 must be an error envelope too.
  Answer get_without_key(const std::string& path);
  // Admin calls (not part of the API, not checked).
  nlohmann::json admin(const std::string& method, const std::string& path, const nlohmann::json& body);

  // Polls GET run until its status is one of `statuses` (or 30 s pass); the last answer.
  Answer wait_for_run(const std::string& thread_id, const std::string& run_id,
                      const std::set<std::string>& statuses);

  // Endpoints ("GET /v1/threads/{thread_id}") that answered 2xx and were checked.
  const std::set<std::string>& covered() const { return m_covered; }
  // The endpoints of `version` whose path starts with `prefix` that were not covered.
  std::vector<std::string> uncovered(const std::string& prefix) const;
  std::size_t responses_checked() const { return m_checked; }

private:
  Answer finish(const std::string& method, const std::string& path, int status, const std::string& content_type,
                std::string body, bool checked = true);

  std::unique_ptr<httplib::Client> m_client;
  ApiVersion m_version;
  std::set<std::string> m_covered;
  std::size_t m_checked = 0;
};

// "POST /v1/threads/{thread_id}/runs: $.usage missing_field (expected required object|null, got absent)"
std::string describe_drift(const ResponseCheck& check);

}  // namespace contracts::testing
