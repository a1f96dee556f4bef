#include <re2/re2.h>

#include "mock/scenario/scenario.hpp"

namespace mock::scenario {
namespace {
bool holds(const RuleCondition& when, const MatchInput& input) {
  if (when.message_contains &&
      input.latest_user_message.find(*when.message_contains) == std::string::npos) {
    return false;
  }
  if (when.message_matches && !re2::RE2::PartialMatch(input.latest_user_message, *when.message_matches)) {
    return false;
  }
  if (when.assistant_name && input.assistant_name != *when.assistant_name) return false;
  if (when.instructions_contain &&
      input.instructions.find(*when.instructions_contain) == std::string::npos) {
    return false;
  }
  if (when.tool_outputs_contain) {
    bool found = false;
    for (const std::string& output : input.tool_outputs) {
      found = found || output.find(*when.tool_outputs_contain) != std::string::npos;
    }
    if (!found) return false;
  }
  return true;
}
}  // namespace

void ScenarioBook::load(Scenario scenario) {
  std::lock_guard lock(m_mutex);
  m_uses.assign(scenario.rules.size(), 0);
  m_scenario = std::move(scenario);
}

void ScenarioBook::clear() { load(Scenario{}); }

void ScenarioBook::reset_counts() {
  std::lock_guard lock(m_mutex);
  m_uses.assign(m_scenario.rules.size(), 0);
}

Json ScenarioBook::source() const {
  std::lock_guard lock(m_mutex);
  return m_scenario.rules.empty() && m_scenario.source.empty() ? Json(nullptr) : m_scenario.source;
}

std::optional<RunScript> ScenarioBook::first_match(const MatchInput& input, bool after_outputs) {
  std::lock_guard lock(m_mutex);
  for (std::size_t i = 0; i < m_scenario.rules.size(); ++i) {
    const ScenarioRule& rule = m_scenario.rules[i];
    // Rules about tool outputs only apply once outputs arrive, and only they do then.
    if (rule.when.tool_outputs_contain.has_value() != after_outputs) continue;
    if (rule.times && m_uses[i] >= *rule.times) continue;
    if (!holds(rule.when, input)) continue;
    ++m_uses[i];
    return rule.then;
  }
  return std::nullopt;
}

std::optional<RunScript> ScenarioBook::script_for_run(const MatchInput& input) {
  return first_match(input, false);
}

std::optional<RunScript> ScenarioBook::script_after_outputs(const MatchInput& input) {
  return first_match(input, true);
}

}  // namespace mock::scenario
