// The example cassettes in cassettes/examples/ are recorded here, through the recorder,
// from the mock. The test records them again and compares (timing and dates aside);
// UPDATE_GOLDEN=1 writes the new recordings into cassettes/examples/ for review.
#include <cstdlib>
#include <functional>

#include <gtest/gtest.h>

#include "cassettes/body_codec.hpp"
#include "cassettes/cassette_file.hpp"
#include "cassettes/cassette_json.hpp"
#include "tests/recorder/support/harness.hpp"

namespace recorder_tests {
namespace {

const std::filesystem::path k_source = AM_SOURCE_DIR;
const std::filesystem::path k_examples = k_source / "cassettes" / "examples";

struct Example {
  std::string file;
  std::string scenario;
  bool manual_clock;             // deterministic timestamps; runs advance when the flow says
  bool compare_structure_only;   // real clock: ids and shapes repeat, timestamps do not
  std::function<void(int port, MockUpstream& mock)> flow;
};

// Polls a run until it leaves queued/in_progress, moving the mock's clock between polls.
Json poll_run(int port, MockUpstream& mock, const std::string& thread_id, const std::string& run_id) {
  Json run;
  for (int i = 0; i < 100; ++i) {
    if (mock.server().services().clock.is_manual()) mock.server().services().clock.advance_ms(5);
    run = send(port, "GET", "/v1/threads/" + thread_id + "/runs/" + run_id).json;
    const std::string status = run.value("status", "");
    if (status != "queued" && status != "in_progress") break;
  }
  return run;
}

// The seed article's session; `beta` is the OpenAI-Beta header it runs under.
void seed_article_flow(int port, MockUpstream& mock, const std::string& beta) {
  const httplib::Headers version = {{"OpenAI-Beta", beta}};
  const auto call = [&](const std::string& method, const std::string& path, const std::optional<Json>& body = {}) {
    const Reply reply = send(port, method, path, body, version);
    EXPECT_EQ(reply.status, 200) << method << " " << path << ": " << reply.body;
    return reply.json;
  };
  const Json assistant = call("POST", "/v1/assistants",
                              Json{{"name", "Math Tutor"},
                                   {"instructions", "You are a personal math tutor. Write and run code to answer math questions."},
                                   {"tools", Json::array({Json{{"type", "code_interpreter"}}})},
                                   {"model", "gpt-4"}});
  const std::string thread = call("POST", "/v1/threads", Json::object()).value("id", "");
  call("POST", "/v1/threads/" + thread + "/messages",
       Json{{"role", "user"}, {"content", "I need to solve the equation `3x + 11 = 14`. Can you help me?"}});
  const Json run = call("POST", "/v1/threads/" + thread + "/runs",
                        Json{{"assistant_id", assistant.value("id", "")},
                             {"instructions", "Please address the user as Jane Doe. The user has a premium account."}});
  Json polled;
  for (int i = 0; i < 100; ++i) {
    mock.server().services().clock.advance_ms(5);
    polled = call("GET", "/v1/threads/" + thread + "/runs/" + run.value("id", ""));
    if (polled.value("status", "") != "queued" && polled.value("status", "") != "in_progress") break;
  }
  EXPECT_EQ(polled.value("status", ""), "completed");
  call("GET", "/v1/threads/" + thread + "/messages");
  call("GET", "/v1/threads/" + thread + "/runs/" + run.value("id", "") + "/steps");
}

void function_calling_flow(int port, MockUpstream& mock) {
  const Json function = Json{{"type", "function"},
                             {"function", Json{{"name", "get_weather"},
                                               {"parameters", Json{{"type", "object"},
                                                                   {"properties", Json{{"city", Json{{"type", "string"}}},
                                                                                       {"unit", Json{{"type", "string"}}}}}}}}}};
  Json time_function = function;
  time_function["function"]["name"] = "get_time";
  const Json assistant = send(port, "POST", "/v1/assistants",
                              Json{{"name", "Weather Bot"}, {"model", "gpt-4o"}, {"tools", Json::array({function, time_function})}})
                             .json;
  const Json run = send(port, "POST", "/v1/threads/runs",
                        Json{{"assistant_id", assistant.value("id", "")},
                             {"thread", Json{{"messages", Json::array({Json{{"role", "user"},
                                                                             {"content", "What's the weather in Paris?"}}})}}}})
                       .json;
  const std::string thread = run.value("thread_id", "");
  const Json waiting = poll_run(port, mock, thread, run.value("id", ""));
  EXPECT_EQ(waiting.value("status", ""), "requires_action");
  Json outputs = Json::array();
  for (const Json& call : waiting["required_action"]["submit_tool_outputs"]["tool_calls"]) {
    const bool weather = call["function"]["name"] == "get_weather";
    outputs.push_back(Json{{"tool_call_id", call["id"]}, {"output", weather ? "21C and sunny" : "14:00"}});
  }
  send(port, "POST", "/v1/threads/" + thread + "/runs/" + run.value("id", "") + "/submit_tool_outputs",
       Json{{"tool_outputs", outputs}});
  EXPECT_EQ(poll_run(port, mock, thread, run.value("id", "")).value("status", ""), "completed");
  send(port, "GET", "/v1/threads/" + thread + "/messages?order=asc");
}

void streaming_flow(int port, MockUpstream&) {
  const Json assistant =
      send(port, "POST", "/v1/assistants",
           Json{{"name", "Math Tutor"}, {"model", "gpt-4"}, {"tools", Json::array({Json{{"type", "code_interpreter"}}})}})
          .json;
  const Reply stream = send_streaming(
      port, "POST", "/v1/threads/runs",
      Json{{"assistant_id", assistant.value("id", "")},
           {"stream", true},
           {"thread", Json{{"messages", Json::array({Json{{"role", "user"},
                                                          {"content", "I need to solve the equation `3x + 11 = 14`. Can you help me?"}}})}}}},
      [](const std::string&) {});
  EXPECT_NE(stream.body.find("event: thread.run.completed"), std::string::npos) << stream.body.substr(0, 300);
}

const std::vector<Example>& examples() {
  static const std::vector<Example> all = {
      {"seed_article_v1.json", "seed_article.json", true, false,
       [](int port, MockUpstream& mock) { seed_article_flow(port, mock, "assistants=v1"); }},
      {"seed_article_v2.json", "seed_article.json", true, false,
       [](int port, MockUpstream& mock) { seed_article_flow(port, mock, "assistants=v2"); }},
      {"function_calling_v2.json", "function_calling.json", true, false, function_calling_flow},
      {"streaming_run_v2.json", "seed_article.json", false, true, streaming_flow},
  };
  return all;
}

// Records one example into `path` through an in-process recorder from the mock.
void record_example(const Example& example, const std::filesystem::path& path) {
  {
    MockUpstream mock(k_source / "scenarios" / example.scenario, 42, example.manual_clock);
    auto recorder = started<recorder::RecordServer>(record_config(mock.base_url(), path));
    example.flow(port_of(recorder->base_url()), mock);
    recorder->stop();
    ASSERT_TRUE(recorder->finish().has_value());
  }
  auto loaded = cassettes::load_cassette(path);
  ASSERT_TRUE(loaded.has_value());
  // The port was ephemeral; say instead where the recording came from.
  loaded->cassette.meta.upstream = "assistants-mock serve --seed 42 --scenario scenarios/" + example.scenario +
                                   (example.manual_clock ? " --clock manual" : "") +
                                   " (recorded by tests/recorder/examples_test.cpp)";
  ASSERT_TRUE(cassettes::save_cassette(path, loaded->cassette).has_value());
}

// What must not change between two recordings of the same flow.
Json comparable(const cassettes::Cassette& cassette, bool structure_only) {
  Json out = Json::array();
  for (const cassettes::Interaction& interaction : cassette.interactions) {
    Json item = cassettes::interaction_to_json(interaction);
    item.erase("duration_ms");
    if (auto* stream = std::get_if<cassettes::EventStreamBody>(&interaction.response.body)) {
      Json names = Json::array();
      for (const auto& event : stream->events) names.push_back(event.event);
      item["response"]["body"] = Json{{"event_names", names}};
    }
    if (structure_only) {
      item = Json{{"request", Json{{"method", interaction.request.method}}},
                  {"status", interaction.response.status},
                  {"events", item["response"]["body"].value("event_names", Json())}};
    }
    out.push_back(item);
  }
  return out;
}

TEST(Examples, TheCommittedExamplesAreWhatTheRecorderRecordsFromTheMock) {
  TempDir dir;
  const bool update = std::getenv("UPDATE_GOLDEN") != nullptr && std::string(std::getenv("UPDATE_GOLDEN")) == "1";
  for (const Example& example : examples()) {
    SCOPED_TRACE(example.file);
    const std::filesystem::path fresh = dir / example.file;
    record_example(example, fresh);
    if (update) {
      std::filesystem::copy_file(fresh, k_examples / example.file, std::filesystem::copy_options::overwrite_existing);
      std::printf("[ golden ] wrote cassettes/examples/%s: review the diff\n", example.file.c_str());
      continue;
    }
    auto committed = cassettes::load_cassette(k_examples / example.file);
    ASSERT_TRUE(committed.has_value()) << committed.error().message
                                       << "\nRecord the examples with: UPDATE_GOLDEN=1 ctest -R recorder.Examples";
    auto recorded = cassettes::load_cassette(fresh);
    ASSERT_TRUE(recorded.has_value());
    EXPECT_EQ(comparable(recorded->cassette, example.compare_structure_only),
              comparable(committed->cassette, example.compare_structure_only))
        << "The mock now answers differently. If that is intended, re-record the examples with "
           "UPDATE_GOLDEN=1 ctest -R recorder.Examples and review the diff.";
  }
}

TEST(Examples, EveryExampleLoadsRedactedAndReplays) {
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(k_examples)) {
    if (entry.path().extension() != ".json") continue;
    ++count;
    SCOPED_TRACE(entry.path().filename().string());
    auto loaded = cassettes::load_cassette(entry.path());
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    EXPECT_FALSE(loaded->cassette.interactions.empty());
    const std::string text = read_text(entry.path());
    EXPECT_EQ(text.find(k_secret_key), std::string::npos);
    EXPECT_EQ(text.find("Bearer "), std::string::npos) << "no bearer token, not even a fake one";
    for (const auto& interaction : loaded->cassette.interactions) {
      EXPECT_EQ(cassettes::find_header(interaction.request.headers, "authorization").value_or("[REDACTED]"), "[REDACTED]");
    }
    // Replaying the cassette's own requests gets every recorded answer back.
    auto replay = started<recorder::ReplayServer>(replay_config(entry.path()));
    auto& session = replay;
    for (const auto& interaction : loaded->cassette.interactions) {
      mock::http::ApiRequest request;
      request.method = interaction.request.method;
      request.path = interaction.request.path;
      request.query = interaction.request.query;
      for (const auto& [name, value] : interaction.request.headers) request.headers.emplace(name, value);
      request.body = cassettes::encode_body(interaction.request.body);
      const mock::http::ApiResponse response = session->handle(request);
      EXPECT_EQ(response.status, interaction.response.status) << interaction.request.path << " " << response.body;
    }
  }
  EXPECT_GE(count, 4U) << "seed article (v1, v2), function calling and streaming examples";
}

}  // namespace
}  // namespace recorder_tests
