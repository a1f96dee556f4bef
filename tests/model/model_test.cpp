// Model-based tests of the Assistants API (issue 9, part 3) and of the Responses +
// Conversations API (issue 22): rapidcheck strings random operations together, runs them
// against a real in-process MockServer over HTTP and against a reference model, checks the
// server's whole state after every step, and on a failure shrinks the sequence to a minimal
// one. Each TEST is its own CTest test with its own server.
//
// Defaults keep each suite near 15 s under ASan on an idle 2-core machine, 30-60 s while
// other builds load it, and a time budget skips what would run past 40 s; RC_PARAMS overrides
// them (e.g. RC_PARAMS="max_success=1000 max_size=80", or "seed=N" / "reproduce=..." to
// replay a failure).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include "mock/scenario/scenario.hpp"
#include "tests/model/commands.hpp"
#include "tests/model/responses_commands.hpp"
#include "tests/support/test_server.hpp"

namespace tests::model {
namespace {

constexpr int k_default_sequences = 100;  // rapidcheck's max_success
constexpr int k_default_max_size = 100;   // a sequence has up to max_size + 1 commands
// The Responses + Conversations sequences: shorter, each step's state check is cheap.
constexpr int k_default_responses_sequences = 100;
constexpr int k_default_responses_max_size = 60;
// Sequences due to start after this many seconds are skipped (and counted), so a machine
// loaded by other builds cannot push the suite into its CTest time-out. Never once a
// sequence failed: shrinking must run. MODEL_TEST_SECONDS changes it.
constexpr double k_default_budget_seconds = 40;

// Counts generated cases and shrink attempts; the figures the lead asked for.
class CountingListener : public rc::detail::TestListener {
public:
  void onTestCaseFinished(const rc::detail::CaseDescription&) override { ++cases; }
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override { ++shrinks; }
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
  std::uint64_t cases = 0;
  std::uint64_t shrinks = 0;
};

bool rc_params_mention(const char* key) {
  const char* params = std::getenv("RC_PARAMS");
  return params != nullptr && std::string(params).find(key) != std::string::npos;
}

double budget_seconds() {
  const char* text = std::getenv("MODEL_TEST_SECONDS");
  return text != nullptr ? std::strtod(text, nullptr) : k_default_budget_seconds;
}

rc::detail::TestParams test_params(int default_sequences, int default_max_size) {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  if (!rc_params_mention("max_success")) params.maxSuccess = default_sequences;
  if (!rc_params_mention("max_size")) params.maxSize = default_max_size;
  return params;
}

mock::MockServerConfig model_server_config() {
  mock::MockServerConfig config = support::test_config();
  config.manual_clock = true;
  config.run_step_ms = k_step_ms;
  config.scenario = mock::scenario::parse_scenario(scenario_document());
  return config;
}

// Commands listed more than once are drawn more often: runs and the clock are where the
// interesting states are.
auto command_generator() {
  return rc::state::gen::execOneOfWithArgs<
      CreateAssistant, ModifyAssistant, DeleteAssistant, CreateThread, DeleteThread,  //
      AddMessage, AddMessage, DeleteMessage,                                          //
      CreateRun, CreateRun, CreateRun, CreateThreadAndRun, CreateThreadAndRun,        //
      CancelRun, SubmitToolOutputs, SubmitToolOutputs, SubmitToolOutputs,             //
      AdvanceClock, AdvanceClock, AdvanceClock, AdvanceClock, AdvanceClock,           //
      ListPages, ListPages, ListPages, CheckDeletedGone>();
}

auto responses_command_generator() {
  return rc::state::gen::execOneOfWithArgs<
      CreateConversation, CreateConversation, DeleteConversation, AddItems, AddItems, DeleteItem,  //
      ListItems, ListItems, CreateResponse, CreateResponse, CreateResponse, CreateResponse,       //
      RetrieveResponse, DeleteResponse, ListInputItems, CancelResponse, AdvanceResponseClock,      //
      AdvanceResponseClock>();
}

// Runs `check_sequence(port)` (one rapidcheck state sequence) max_success times within the
// time budget against one server, prints the figures and fails with rapidcheck's message.
template <class CheckSequence>
void run_model_test(const mock::MockServerConfig& config, const char* id, const char* description,
                    int default_sequences, int default_max_size, CheckSequence check_sequence) {
  support::TestServer server(config);
  figures() = Figures{};
  const auto started = std::chrono::steady_clock::now();

  const double budget = budget_seconds();
  const auto elapsed = [&started] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  bool failed = false;
  std::uint64_t skipped = 0;
  const auto property = [&] {
    if (!failed && elapsed() > budget) {
      ++skipped;
      return;
    }
    ++figures().sequences;
    try {
      check_sequence(server.port());
    } catch (const rc::detail::CaseResult& result) {
      failed = failed || result.type == rc::detail::CaseResult::Type::Failure;
      throw;
    } catch (...) {  // rapidcheck reports any other exception as a failure too
      failed = true;
      throw;
    }
  };
  rc::detail::TestMetadata metadata;
  metadata.id = id;
  metadata.description = description;
  CountingListener listener;
  const rc::detail::TestParams params = test_params(default_sequences, default_max_size);
  const rc::detail::TestResult result = rc::detail::checkTestable(
      property, metadata, params, listener, rc::detail::configuration().reproduce);

  const double seconds = elapsed();
  const Figures& f = figures();
  std::printf(
      "model: %llu sequences run (%llu generated cases, %llu shrink attempts, %llu skipped past "
      "the %.0f s budget), %llu steps, %llu HTTP requests, %.1f s (max_success %d, max_size %d, "
      "seed %llu)\n",
      static_cast<unsigned long long>(f.sequences), static_cast<unsigned long long>(listener.cases),
      static_cast<unsigned long long>(listener.shrinks), static_cast<unsigned long long>(skipped),
      budget, static_cast<unsigned long long>(f.steps), static_cast<unsigned long long>(f.requests),
      seconds, params.maxSuccess, params.maxSize, static_cast<unsigned long long>(params.seed));
  std::string outcomes;
  for (const auto& [what, count] : f.outcomes) {
    outcomes += (outcomes.empty() ? "" : ", ") + what + " " + std::to_string(count);
  }
  std::printf("model: checked outcomes: %s\n", outcomes.c_str());
  ::testing::Test::RecordProperty("sequences", std::to_string(f.sequences));
  ::testing::Test::RecordProperty("steps", std::to_string(f.steps));
  ::testing::Test::RecordProperty("requests", std::to_string(f.requests));
  ::testing::Test::RecordProperty("skipped", std::to_string(skipped));

  if (!result.template is<rc::detail::SuccessResult>()) {
    std::ostringstream message;
    rc::detail::printResultMessage(result, message);
    FAIL() << message.str();
  }
}

TEST(ModelBased, RandomOperationSequencesKeepTheModelAndTheInvariants) {
  run_model_test(model_server_config(), "ModelBased/RandomOperationSequences",
                 "random API operation sequences against the reference model", k_default_sequences,
                 k_default_max_size, [](int port) {
                   ServerUnderTest sut(port);
                   rc::state::check(Model{}, sut, command_generator());
                 });
}

// The Responses + Conversations API against its own reference model (no scenario: every
// response is the default reply), on its own server.
TEST(ModelBased, ResponsesAndConversationsKeepTheModel) {
  mock::MockServerConfig config = support::test_config();
  config.manual_clock = true;  // ServerUnderTest lines the clock up with a whole second
  config.run_step_ms = k_response_step_ms;
  run_model_test(config, "ModelBased/ResponsesAndConversations",
                 "random Responses + Conversations sequences against the reference model",
                 k_default_responses_sequences, k_default_responses_max_size, [](int port) {
                   ResponsesUnderTest sut(port);
                   rc::state::check(ResponsesModel{}, sut, responses_command_generator());
                 });
}

}  // namespace
}  // namespace tests::model
