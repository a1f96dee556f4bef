#pragma once
// Scenarios: rules that script the assistant. A rule says `when` (all given conditions
// must hold) and `then` (the actions of the run). The first rule that matches wins.
// Format: README "Scenarios" and scenarios/scenario.schema.json.
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "http/json.hpp"
#include "mock/scenario/script.hpp"

namespace re2 {
class RE2;
}

namespace mock::scenario {

struct RuleCondition {
  std::optional<std::string> message_contains;      // substring of the latest user message
  std::shared_ptr<const re2::RE2> message_matches;  // RE2 search over the latest user message
  std::optional<std::string> assistant_name;        // exact name of the run's assistant
  std::optional<std::string> tool_outputs_contain;  // substring of a submitted tool output
  std::optional<std::string> instructions_contain;  // substring of the run's instructions
};

struct ScenarioRule {
  std::string name;
  RuleCondition when;
  RunScript then;
  std::optional<int> times;  // the rule matches at most this many times
};

struct Scenario {
  std::string name;
  std::vector<ScenarioRule> rules;
  Json source = Json::object();  // as loaded, for GET /__admin/scenario
};

// A scenario that does not parse; what() names the JSON path and the problem.
class ScenarioError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

Scenario parse_scenario(const Json& document);
Scenario load_scenario_file(const std::string& path);
// The JSON of a scenario file or PUT /__admin/scenario body, nesting at most
// k_max_scenario_depth deep: copying or dumping a much deeper document (the scenario keeps
// and serves its source) overflows the stack. Throws ScenarioError on bad or too deep JSON.
constexpr int k_max_scenario_depth = 64;
Json parse_scenario_json(std::string_view text);

// What a rule is matched against.
struct MatchInput {
  std::string latest_user_message;
  std::string assistant_name;
  std::string instructions;
  std::vector<std::string> tool_outputs;  // empty when a run starts
};

// The loaded scenario and how often each rule has matched. Thread-safe.
class ScenarioBook {
public:
  void load(Scenario scenario);
  void clear();
  void reset_counts();
  Json source() const;

  // The actions of the first rule matching a starting run (rules without
  // tool_outputs_contain), or nullopt for the default responder.
  std::optional<RunScript> script_for_run(const MatchInput& input);
  // After tool outputs: the actions of the first rule with tool_outputs_contain that
  // matches, replacing what the run had left; nullopt keeps the run's own script.
  std::optional<RunScript> script_after_outputs(const MatchInput& input);

private:
  std::optional<RunScript> first_match(const MatchInput& input, bool after_outputs);

  mutable std::mutex m_mutex;
  Scenario m_scenario;
  std::vector<int> m_uses;
};

}  // namespace mock::scenario
