// Model-based test of the Assistants API (issue 9, part 3): rapidcheck strings random
// operations together, runs them against a real in-process MockServer over HTTP and
// against the reference model, checks the server's whole state after every step, and on a
// failure shrinks the sequence to a minimal one.
//
// Defaults keep the suite near 15 s under ASan on an idle 2-core machine, 30-60 s while
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
#include "tests/support/test_server.hpp"

namespace tests::model {
namespace {

constexpr int k_default_sequences = 100;  // rapidcheck's max_success
constexpr int k_default_max_size = 100;   // a sequence has up to max_size + 1 commands
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

rc::detail::TestParams test_params() {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  if (!rc_params_mention("max_success")) params.maxSuccess = k_default_sequences;
  if (!rc_params_mention("max_size")) params.maxSize = k_default_max_size;
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

TEST(ModelBased, RandomOperationSequencesKeepTheModelAndTheInvariants) {
  support::TestServer server(model_server_config());
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
    ServerUnderTest sut(server.port());
    ++figures().sequences;
    try {
      rc::state::check(Model{}, sut, command_generator());
    } catch (const rc::detail::CaseResult& result) {
      failed = failed || result.type == rc::detail::CaseResult::Type::Failure;
      throw;
    } catch (...) {  // rapidcheck reports any other exception as a failure too
      failed = true;
      throw;
    }
  };
  rc::detail::TestMetadata metadata;
  metadata.id = "ModelBased/RandomOperationSequences";
  metadata.description = "random API operation sequences against the reference model";
  CountingListener listener;
  const rc::detail::TestParams params = test_params();
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
  RecordProperty("sequences", std::to_string(f.sequences));
  RecordProperty("steps", std::to_string(f.steps));
  RecordProperty("requests", std::to_string(f.requests));
  RecordProperty("skipped", std::to_string(skipped));

  if (!result.template is<rc::detail::SuccessResult>()) {
    std::ostringstream message;
    rc::detail::printResultMessage(result, message);
    FAIL() << message.str();
  }
}

}  // namespace
}  // namespace tests::model
