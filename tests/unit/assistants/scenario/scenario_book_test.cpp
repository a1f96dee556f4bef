#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "mock/scenario/scenario.hpp"

namespace {
using mock::Json;
using namespace mock::scenario;

Scenario scenario_of(const Json& rules) { return parse_scenario(Json{{"rules", rules}}); }

Json rule(const Json& when, const std::string& reply, std::optional<int> times = std::nullopt) {
  Json out = {{"when", when}, {"then", Json::array({Json{{"message", reply}}})}};
  if (times) out["times"] = *times;
  return out;
}

std::string reply_for(ScenarioBook& book, const MatchInput& input) {
  const auto script = book.script_for_run(input);
  return script ? (*script)[0].text : "(none)";
}

MatchInput saying(const std::string& text) {
  MatchInput input;
  input.latest_user_message = text;
  return input;
}

TEST(ScenarioBook, EmptyBookMatchesNothing) {
  ScenarioBook book;
  EXPECT_FALSE(book.script_for_run(saying("hi")).has_value());
  EXPECT_TRUE(book.source().is_null());
}

TEST(ScenarioBook, FirstMatchingRuleWins) {
  ScenarioBook book;
  book.load(scenario_of(Json::array({rule({{"message_contains", "weather"}}, "weather rule"),
                                     rule({{"message_matches", "^hello\\b"}}, "greeting rule"),
                                     rule(Json::object(), "catch-all")})));
  EXPECT_EQ(reply_for(book, saying("what's the weather?")), "weather rule");
  EXPECT_EQ(reply_for(book, saying("hello there")), "greeting rule");
  EXPECT_EQ(reply_for(book, saying("say hello")), "catch-all");
}

TEST(ScenarioBook, AllConditionsMustHold) {
  ScenarioBook book;
  book.load(scenario_of(Json::array({rule({{"message_contains", "x"},
                                           {"assistant_name", "Bot"},
                                           {"instructions_contain", "terse"}},
                                          "strict")})));
  MatchInput input = saying("x marks");
  input.assistant_name = "Bot";
  input.instructions = "Be terse.";
  EXPECT_EQ(reply_for(book, input), "strict");
  input.assistant_name = "Other";
  EXPECT_EQ(reply_for(book, input), "(none)");
}

TEST(ScenarioBook, TimesLimitsMatchesUntilCountsAreReset) {
  ScenarioBook book;
  book.load(scenario_of(Json::array({rule(Json::object(), "once", 1), rule(Json::object(), "after")})));
  EXPECT_EQ(reply_for(book, saying("a")), "once");
  EXPECT_EQ(reply_for(book, saying("a")), "after");
  book.reset_counts();
  EXPECT_EQ(reply_for(book, saying("a")), "once");
}

TEST(ScenarioBook, ToolOutputRulesApplyOnlyAfterOutputs) {
  ScenarioBook book;
  book.load(scenario_of(Json::array({rule({{"tool_outputs_contain", "sunny"}}, "after outputs"),
                                     rule(Json::object(), "at start")})));
  EXPECT_EQ(reply_for(book, saying("a")), "at start");
  MatchInput outputs = saying("a");
  outputs.tool_outputs = {"cloudy", "mostly sunny"};
  const auto after = book.script_after_outputs(outputs);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ((*after)[0].text, "after outputs");
  outputs.tool_outputs = {"rain"};
  EXPECT_FALSE(book.script_after_outputs(outputs).has_value());
}

TEST(ScenarioBook, ClearForgetsTheScenario) {
  ScenarioBook book;
  book.load(scenario_of(Json::array({rule(Json::object(), "x")})));
  EXPECT_FALSE(book.source().is_null());
  book.clear();
  EXPECT_FALSE(book.script_for_run(saying("a")).has_value());
  EXPECT_TRUE(book.source().is_null());
}

}  // namespace
