#pragma once
// The system under test as the model commands see it: an HTTP client to one in-process
// MockServer, the ids the server gave to the model's handles, and the check that the
// server's whole state (GET /__admin/state) matches the model and keeps its invariants.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/json.hpp"
#include "mock/assistants/model/status.hpp"
#include "tests/model/reference_model.hpp"
#include "tests/support/api_client.hpp"

namespace tests::model {

struct RunIds {
  std::string id;
  std::vector<std::string> steps;
  std::optional<RunStatus> last_seen;  // for the legal-move check
};

struct ThreadIds {
  std::string id;
  std::vector<std::string> messages;
  std::vector<RunIds> runs;
};

// Counts what the suite executed, for the figures it prints.
struct Figures {
  std::uint64_t sequences = 0;
  std::uint64_t steps = 0;
  std::uint64_t requests = 0;
  // How often each checked outcome came up ("cancel a completed run", "run ended expired"):
  // shows which states the random sequences reached.
  std::map<std::string, std::uint64_t> outcomes;
};
Figures& figures();

// Fails the current rapidcheck case (it shrinks) with `what` unless `ok`.
void require(bool ok, const std::string& what);

class ServerUnderTest {
public:
  // Empties the server (POST /__admin/reset) and moves its manual clock to a whole
  // second, so the model's relative time lines up with created_at seconds.
  explicit ServerUnderTest(int port);

  support::ApiResult get(const std::string& path);
  support::ApiResult post(const std::string& path, const mock::Json& body);
  support::ApiResult del(const std::string& path);

  void advance_clock(std::int64_t ms);

  // Compares everything the server holds with the model (binding ids of objects the
  // server created on its own, such as run messages and steps) and checks the invariants
  // that hold whatever the model says. Fails the case on the first difference.
  void verify(const Model& model);

  // Ids by handle; "" while the server has not shown the object yet.
  std::string& assistant_id(std::size_t a);
  ThreadIds& thread(std::size_t t);
  RunIds& run(std::size_t t, std::size_t r);
  std::string& message_id(std::size_t t, std::size_t m);

private:
  support::ApiResult checked(support::ApiResult result, const std::string& what);
  void verify_thread(const ModelThread& model, ThreadIds& ids, const mock::Json& state,
                     const Model& whole);
  void verify_run(const ModelRun& model, RunIds& ids, const mock::Json& state,
                  const std::string& where);

  support::ApiClient m_client;
  std::vector<std::string> m_assistants;
  std::vector<ThreadIds> m_threads;
};

// A status the state dump shows, parsed; fails the case on an unknown one.
RunStatus parse_status(const mock::Json& run);
// Every (status, event) path of the server's transition table leads from `from` to `to`
// (no move at all counts).
bool reachable(RunStatus from, RunStatus to);

}  // namespace tests::model
