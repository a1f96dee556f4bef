#include <cstdio>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mock/scenario/scenario.hpp"

namespace {
using mock::Json;
using namespace mock::scenario;
using ::testing::HasSubstr;

std::string parse_error(const Json& document) {
  try {
    parse_scenario(document);
  } catch (const ScenarioError& error) {
    return error.what();
  }
  ADD_FAILURE() << "parsed: " << document.dump();
  return "";
}

Json with_rule(const Json& rule) { return Json{{"rules", Json::array({rule})}}; }

TEST(ScenarioParser, FullScenario) {
  const Json document = {
      {"name", "weather"},
      {"rules",
       Json::array(
           {Json{{"name", "ask"},
                 {"when", {{"message_contains", "weather"}, {"assistant_name", "Bot"}}},
                 {"then", Json::array({Json{{"function_call", {{"name", "get_weather"}, {"arguments", {{"city", "Paris"}}}}}}})},
                 {"times", 2}},
            Json{{"when", {{"tool_outputs_contain", "sunny"}}},
                 {"then", Json::array({Json{{"message", "It is {{tool_output}}."}, {"delay_ms", 50}}})}}})}};
  const Scenario scenario = parse_scenario(document);
  EXPECT_EQ(scenario.name, "weather");
  EXPECT_EQ(scenario.source, document);
  ASSERT_EQ(scenario.rules.size(), 2U);
  const ScenarioRule& ask = scenario.rules[0];
  EXPECT_EQ(ask.name, "ask");
  EXPECT_EQ(ask.when.message_contains, "weather");
  EXPECT_EQ(ask.when.assistant_name, "Bot");
  EXPECT_EQ(ask.times, 2);
  ASSERT_EQ(ask.then.size(), 1U);
  EXPECT_EQ(ask.then[0].kind, ActionKind::function_call);
  ASSERT_EQ(ask.then[0].calls.size(), 1U);
  EXPECT_EQ(ask.then[0].calls[0].name, "get_weather");
  EXPECT_EQ(ask.then[0].calls[0].arguments, R"({"city":"Paris"})");  // objects become JSON text
  const ScenarioRule& answer = scenario.rules[1];
  EXPECT_EQ(answer.name, "rule 1");
  EXPECT_EQ(answer.when.tool_outputs_contain, "sunny");
  EXPECT_EQ(answer.then[0].kind, ActionKind::message);
  EXPECT_EQ(answer.then[0].text, "It is {{tool_output}}.");
  EXPECT_EQ(answer.then[0].delay_ms, 50);
  EXPECT_FALSE(answer.times.has_value());
}

TEST(ScenarioParser, EveryActionKind) {
  const Json then = Json::array(
      {Json{{"message", {{"text", "hi"}, {"annotations", Json::array()}}}},
       Json{{"code_interpreter", {{"input", "print(1)"}, {"logs", "1"}, {"image_file_id", "file-img"}}}},
       Json{{"file_search", {{"results", Json::array()}}}},
       Json{{"function_call", Json::array({Json{{"name", "a"}}, Json{{"name", "b"}, {"arguments", "{\"x\":1}"}}})}},
       Json{{"fail", {{"code", "rate_limit_exceeded"}}}},
       Json{{"incomplete", Json::object()}},
       Json{{"expire", Json::object()}}});
  const Scenario scenario = parse_scenario(with_rule(Json{{"then", then}}));
  const RunScript& script = scenario.rules[0].then;
  ASSERT_EQ(script.size(), 7U);
  EXPECT_EQ(script[0].text, "hi");
  EXPECT_EQ(script[1].kind, ActionKind::code_interpreter);
  EXPECT_EQ(script[1].outputs.size(), 2U);
  EXPECT_EQ(script[1].outputs[1]["image"]["file_id"], "file-img");
  EXPECT_EQ(script[2].kind, ActionKind::file_search);
  EXPECT_EQ(script[3].calls.size(), 2U);
  EXPECT_EQ(script[3].calls[0].arguments, "{}");
  EXPECT_EQ(script[3].calls[1].arguments, "{\"x\":1}");
  EXPECT_EQ(script[4].code, "rate_limit_exceeded");
  EXPECT_EQ(script[4].message, "Sorry, something went wrong.");
  EXPECT_EQ(script[5].reason, "max_completion_tokens");
  EXPECT_EQ(script[6].kind, ActionKind::expire);
}

TEST(ScenarioParser, ErrorsNameTheJsonPath) {
  EXPECT_THAT(parse_error(Json::object()), HasSubstr("$: missing required key 'rules'"));
  EXPECT_THAT(parse_error(Json{{"rules", Json::array()}, {"extra", 1}}),
              HasSubstr("$: unknown key 'extra'"));
  EXPECT_THAT(parse_error(Json{{"rules", "x"}}), HasSubstr("$.rules: expected an array"));
  EXPECT_THAT(parse_error(with_rule(Json{{"when", Json::object()}})),
              HasSubstr("$.rules[0]: missing required key 'then'"));
  EXPECT_THAT(parse_error(with_rule(Json{{"then", Json::array()}})),
              HasSubstr("$.rules[0].then: expected a non-empty array"));
  EXPECT_THAT(parse_error(with_rule(Json{{"then", Json::array({Json{{"dance", 1}}})}})),
              HasSubstr("$.rules[0].then[0]: unknown action 'dance'"));
  EXPECT_THAT(parse_error(with_rule(Json{{"then", Json::array({Json{{"message", "a"}, {"expire", Json::object()}}})}})),
              HasSubstr("one action per object"));
  EXPECT_THAT(parse_error(with_rule(Json{{"then", Json::array({Json{{"delay_ms", -1}, {"message", "a"}}})}})),
              HasSubstr("$.rules[0].then[0].delay_ms"));
  EXPECT_THAT(parse_error(with_rule(Json{{"then", Json::array({Json{{"fail", {{"code", "oops"}}}}})}})),
              HasSubstr("$.rules[0].then[0].fail.code: 'oops' is not one of"));
  EXPECT_THAT(parse_error(with_rule(Json{{"when", {{"message_matches", "("}}},
                                         {"then", Json::array({Json{{"message", "a"}}})}})),
              HasSubstr("$.rules[0].when.message_matches: invalid regular expression"));
  EXPECT_THAT(parse_error(with_rule(Json{{"times", 0}, {"then", Json::array({Json{{"message", "a"}}})}})),
              HasSubstr("$.rules[0].times: expected an integer >= 1"));
  EXPECT_THAT(parse_error(with_rule(Json{{"then", Json::array({Json{{"function_call", Json::array()}}})}})),
              HasSubstr("expected at least one call"));
  EXPECT_THAT(parse_error(with_rule(Json{{"then", Json::array({Json{{"message", {{"text", 5}}}}})}})),
              HasSubstr("$.rules[0].then[0].message.text: expected a string"));
}

TEST(ScenarioParser, LoadFileReportsMissingAndBadFiles) {
  try {
    load_scenario_file("/nonexistent/scenario.json");
    FAIL();
  } catch (const ScenarioError& error) {
    EXPECT_THAT(error.what(), HasSubstr("cannot open the scenario file"));
  }
  const std::string path = ::testing::TempDir() + "scenario_parser_test.json";
  {
    std::ofstream out(path);
    out << "{ not json";
  }
  try {
    load_scenario_file(path);
    FAIL();
  } catch (const ScenarioError& error) {
    EXPECT_THAT(error.what(), HasSubstr("not valid JSON"));
  }
  {
    std::ofstream out(path);
    out << R"({"rules":[{"then":[{"message":"hello"}]}]})";
  }
  EXPECT_EQ(load_scenario_file(path).rules.size(), 1U);
  std::remove(path.c_str());
}

TEST(MessageAction, IsAPlainMessage) {
  const ScriptAction action = message_action("hi");
  EXPECT_EQ(action.kind, ActionKind::message);
  EXPECT_EQ(action.text, "hi");
  EXPECT_EQ(action.delay_ms, 0);
}

}  // namespace
