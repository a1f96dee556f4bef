// Record a session from the mock, stop the mock, replay it: the same requests get the same
// bodies, polling repeats in order, misses are explained, no secret is on disk.
#include <gtest/gtest.h>

#include "cassettes/cassette_file.hpp"
#include "tests/recorder/support/harness.hpp"

namespace recorder_tests {
namespace {

const std::string k_seed_scenario = std::string(AM_SOURCE_DIR) + "/scenarios/seed_article.json";
// Slow enough that the client polls a run several times whatever the machine's load.
constexpr std::int64_t k_run_step_ms = 40;

struct FlowResult {
  std::vector<std::string> bodies;  // every answer, in order
  int polls = 0;
};

// The seed article's session: assistant, thread, message, run, poll to completed, messages, steps.
FlowResult seed_flow(int port) {
  FlowResult out;
  const auto keep = [&out](const Reply& reply) {
    EXPECT_EQ(reply.status, 200) << reply.body;
    out.bodies.push_back(reply.body);
    return reply.json;
  };
  const Json assistant = keep(send(port, "POST", "/v1/assistants",
                                   Json{{"name", "Math Tutor"},
                                        {"instructions", "You are a personal math tutor."},
                                        {"tools", Json::array({Json{{"type", "code_interpreter"}}})},
                                        {"model", "gpt-4"}}));
  const std::string thread = keep(send(port, "POST", "/v1/threads", Json::object())).value("id", "");
  keep(send(port, "POST", "/v1/threads/" + thread + "/messages",
            Json{{"role", "user"}, {"content", "I need to solve the equation `3x + 11 = 14`. Can you help me?"}}));
  Json run = keep(send(port, "POST", "/v1/threads/" + thread + "/runs",
                       Json{{"assistant_id", assistant.value("id", "")},
                            {"instructions", "Please address the user as Jane Doe."}}));
  const std::string run_path = "/v1/threads/" + thread + "/runs/" + run.value("id", "");
  while (run.value("status", "") != "completed" && out.polls < 500) {
    run = keep(send(port, "GET", run_path));
    ++out.polls;
  }
  keep(send(port, "GET", "/v1/threads/" + thread + "/messages?order=asc"));
  keep(send(port, "GET", run_path + "/steps"));
  return out;
}


std::string first_response_id(const std::filesystem::path& cassette) {
  auto loaded = cassettes::load_cassette(cassette);
  if (!loaded || loaded->cassette.interactions.empty()) return "";
  const auto* body = std::get_if<cassettes::JsonBody>(&loaded->cassette.interactions[0].response.body);
  return body == nullptr ? "" : body->value.value("id", "");
}

TEST(RecordReplay, ReplayGivesTheRecordedBodiesWithTheUpstreamGone) {
  TempDir dir;
  FlowResult recorded;
  {
    MockUpstream mock(k_seed_scenario, 7, false, k_run_step_ms);
    auto recorder = started<recorder::RecordServer>(record_config(mock.base_url(), dir / "seed.json"));
    recorded = seed_flow(port_of(recorder->base_url()));
    recorder->stop();
    ASSERT_TRUE(recorder->finish().has_value());
    EXPECT_EQ(recorder->recorded(), recorded.bodies.size());
  }  // the mock is gone from here on
  ASSERT_GT(recorded.polls, 1) << "the run was polled more than once";

  auto replay = started<recorder::ReplayServer>(replay_config(dir / "seed.json"));
  const FlowResult replayed = seed_flow(port_of(replay->base_url()));
  EXPECT_EQ(replayed.polls, recorded.polls) << "polls get the recorded answers in order";
  EXPECT_EQ(replayed.bodies, recorded.bodies);

  const std::string cassette = read_text(dir / "seed.json");
  EXPECT_EQ(cassette.find(k_secret_key), std::string::npos) << "the key never reaches the disk";
  EXPECT_EQ(cassette.find("SECRET"), std::string::npos);
  EXPECT_NE(cassette.find("\"authorization\": \"[REDACTED]\""), std::string::npos);
  EXPECT_NE(cassette.find("\"api_version\": \"assistants=v2\""), std::string::npos);
}

TEST(RecordReplay, PollingPastTheRecordingRepeatsTheLastAnswer) {
  TempDir dir;
  {
    MockUpstream mock(k_seed_scenario, 7, false, k_run_step_ms);
    auto recorder = started<recorder::RecordServer>(record_config(mock.base_url(), dir / "seed.json"));
    seed_flow(port_of(recorder->base_url()));
  }
  auto loaded = cassettes::load_cassette(dir / "seed.json");
  ASSERT_TRUE(loaded.has_value());
  const cassettes::Interaction& create_run = loaded->cassette.interactions[3];
  const Json run = std::get<cassettes::JsonBody>(create_run.response.body).value;
  const std::string run_path = "/v1/threads/" + run.value("thread_id", "") + "/runs/" + run.value("id", "");

  // What the recording holds for the polls of this run, in order.
  std::vector<std::string> recorded;
  for (const cassettes::Interaction& interaction : loaded->cassette.interactions) {
    if (interaction.request.method == "GET" && interaction.request.path == run_path) {
      recorded.push_back(std::get<cassettes::JsonBody>(interaction.response.body).value.value("status", "?"));
    }
  }
  ASSERT_GE(recorded.size(), 2U);
  ASSERT_EQ(recorded.back(), "completed");

  auto replay = started<recorder::ReplayServer>(replay_config(dir / "seed.json"));
  const int port = port_of(replay->base_url());
  std::vector<std::string> statuses;
  for (std::size_t i = 0; i < recorded.size() + 3; ++i) {
    statuses.push_back(send(port, "GET", run_path).json.value("status", "?"));
  }
  std::vector<std::string> expected = recorded;
  expected.insert(expected.end(), 3, "completed");  // the last answer repeats
  EXPECT_EQ(statuses, expected);
  ASSERT_EQ(send(port, "POST", "/__admin/rewind").status, 200);
  EXPECT_EQ(send(port, "GET", run_path).json.value("status", "?"), statuses.front()) << "rewind starts over";
}

TEST(RecordReplay, AMissIsAnOpenAIErrorNamingTheClosestRecording) {
  TempDir dir;
  {
    MockUpstream mock(k_seed_scenario, 7, false, k_run_step_ms);
    auto recorder = started<recorder::RecordServer>(record_config(mock.base_url(), dir / "seed.json"));
    seed_flow(port_of(recorder->base_url()));
  }
  auto replay = started<recorder::ReplayServer>(replay_config(dir / "seed.json"));
  const Reply miss = send(port_of(replay->base_url()), "POST", "/v1/assistants",
                          Json{{"name", "Physics Tutor"},
                               {"instructions", "You are a personal math tutor."},
                               {"tools", Json::array({Json{{"type", "code_interpreter"}}})},
                               {"model", "gpt-4"}});
  EXPECT_EQ(miss.status, 400);
  EXPECT_EQ(miss.header("x-should-retry"), "false") << "so the SDKs do not retry a miss";
  const Json& error = miss.json["error"];
  EXPECT_EQ(error["type"], "invalid_request_error");
  EXPECT_EQ(error["code"], "cassette_miss");
  EXPECT_TRUE(error["param"].is_null());
  EXPECT_EQ(error["message"],
            "Cassette 'seed': No recorded interaction matches POST /v1/assistants (matching on "
            "method,path,query,json_body). Closest recorded: #0 POST /v1/assistants; json_body: at /name: live "
            "\"Physics Tutor\", recorded \"Math Tutor\".");
}

TEST(RecordReplay, RecordModesDecideWhatReachesTheUpstream) {
  TempDir dir;
  MockUpstream mock(k_seed_scenario, 7, false, k_run_step_ms);
  const Json first{{"model", "gpt-4"}, {"name", "first"}};
  const Json second{{"model", "gpt-4"}, {"name", "second"}};
  const auto created_name = [](const Reply& reply) { return reply.json.value("name", "(" + reply.body + ")"); };
  {  // once, new cassette: records
    auto recorder = started<recorder::RecordServer>(record_config(mock.base_url(), dir / "c.json"));
    EXPECT_EQ(created_name(send(port_of(recorder->base_url()), "POST", "/v1/assistants", first)), "first");
  }
  const std::string recorded_id = first_response_id(dir / "c.json");
  ASSERT_FALSE(recorded_id.empty());
  {  // once, existing cassette: replays hits, refuses misses, never forwards
    auto recorder = started<recorder::RecordServer>(record_config(mock.base_url(), dir / "c.json"));
    const int port = port_of(recorder->base_url());
    EXPECT_EQ(send(port, "POST", "/v1/assistants", first).json.value("id", ""), recorded_id) << "replayed";
    EXPECT_EQ(send(port, "POST", "/v1/assistants", second).json["error"]["code"], "cassette_miss");
    EXPECT_EQ(recorder->recorded(), 0U);
  }
  {  // new_episodes: replays the hit, records the miss
    auto recorder = started<recorder::RecordServer>(
        record_config(mock.base_url(), dir / "c.json", recorder::RecordMode::new_episodes));
    const int port = port_of(recorder->base_url());
    EXPECT_EQ(send(port, "POST", "/v1/assistants", first).json.value("id", ""), recorded_id);
    EXPECT_EQ(created_name(send(port, "POST", "/v1/assistants", second)), "second");
    EXPECT_EQ(recorder->recorded(), 1U);
  }
  EXPECT_EQ(cassettes::load_cassette(dir / "c.json")->cassette.interactions.size(), 2U);
  {  // all: everything goes upstream again and the old interactions are replaced
    auto recorder =
        started<recorder::RecordServer>(record_config(mock.base_url(), dir / "c.json", recorder::RecordMode::all));
    EXPECT_NE(send(port_of(recorder->base_url()), "POST", "/v1/assistants", first).json.value("id", ""), recorded_id);
  }
  EXPECT_EQ(cassettes::load_cassette(dir / "c.json")->cassette.interactions.size(), 1U);
  {  // none: replay only
    auto recorder =
        started<recorder::RecordServer>(record_config(mock.base_url(), dir / "c.json", recorder::RecordMode::none));
    EXPECT_EQ(send(port_of(recorder->base_url()), "POST", "/v1/assistants", second).status, 400);
  }
  const auto none_without_cassette =
      recorder::RecordServer::create(record_config(mock.base_url(), dir / "absent.json", recorder::RecordMode::none));
  ASSERT_FALSE(none_without_cassette.has_value());
  EXPECT_NE(none_without_cassette.error().find("mode none only replays"), std::string::npos);
}

}  // namespace
}  // namespace recorder_tests
