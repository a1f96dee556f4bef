// The example cassettes in cassettes/examples/ are recorded here, through the recorder,
// from the mock. The test records them again and compares (timing and dates aside);
// UPDATE_GOLDEN=1 writes the new recordings into cassettes/examples/ for review.
#include <cstdlib>
#include <functional>

#include <gtest/gtest.h>

#include "cassettes/body_codec.hpp"
#include "cassettes/cassette_file.hpp"
#include "cassettes/cassette_json.hpp"
#include "cassettes/sse.hpp"
#include "tests/recorder/support/child_process.hpp"
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

// The Responses + Conversations API takes no OpenAI-Beta header.
const httplib::Headers k_no_beta = {{"OpenAI-Beta", ""}};
const std::string k_seed_question = "I need to solve the equation `3x + 11 = 14`. Can you help me?";

Reply responses_call(int port, const std::string& method, const std::string& path, const std::optional<Json>& body = {}) {
  const Reply reply = send(port, method, path, body, k_no_beta);
  EXPECT_EQ(reply.status, 200) << method << " " << path << ": " << reply.body;
  return reply;
}

// The seed article's session migrated: the assistant's and the run's instructions become the
// response's, the thread a conversation, the run a response, its steps the output items.
void responses_seed_flow(int port, MockUpstream&) {
  const std::string conversation = responses_call(port, "POST", "/v1/conversations", Json::object()).json.value("id", "");
  const Json response = responses_call(
      port, "POST", "/v1/responses",
      Json{{"model", "gpt-4"},
           {"conversation", conversation},
           {"instructions",
            "You are a personal math tutor. Write and run code to answer math questions. "
            "Please address the user as Jane Doe. The user has a premium account."},
           {"tools", Json::array({Json{{"type", "code_interpreter"}, {"container", Json{{"type", "auto"}}}}})},
           {"include", Json::array({"code_interpreter_call.outputs"})},
           {"input", Json::array({Json{{"role", "user"}, {"content", k_seed_question}}})}})
                            .json;
  EXPECT_EQ(response.value("status", ""), "completed") << response.dump();
  const std::string id = response.value("id", "");
  responses_call(port, "GET", "/v1/responses/" + id);
  responses_call(port, "GET", "/v1/responses/" + id + "/input_items");
  responses_call(port, "GET", "/v1/conversations/" + conversation + "/items?order=asc");
}

// The function-call round trip on Responses: the first response ends with function_call
// items, the second carries their outputs over previous_response_id and gets the answer.
void responses_function_call_flow(int port, MockUpstream&) {
  const auto function = [](const std::string& name, const Json& properties) {
    return Json{{"type", "function"},
                {"name", name},
                {"parameters", Json{{"type", "object"},
                                    {"properties", properties},
                                    {"required", Json::array()},
                                    {"additionalProperties", false}}},
                {"strict", true}};
  };
  const Json tools = Json::array({function("get_weather", Json{{"city", Json{{"type", "string"}}},
                                                               {"unit", Json{{"type", "string"}}}}),
                                  function("get_time", Json{{"city", Json{{"type", "string"}}}})});
  const Json first = responses_call(port, "POST", "/v1/responses",
                                    Json{{"model", "gpt-4o"}, {"tools", tools}, {"input", "What's the weather in Paris?"}})
                         .json;
  Json outputs = Json::array();
  for (const Json& item : first.value("output", Json::array())) {
    EXPECT_EQ(item.value("type", ""), "function_call") << first.dump();
    const bool weather = item.value("name", "") == "get_weather";
    outputs.push_back(Json{{"type", "function_call_output"},
                           {"call_id", item.value("call_id", "")},
                           {"output", weather ? "21C and sunny" : "14:00"}});
  }
  EXPECT_EQ(outputs.size(), 2U) << first.dump();
  const Json second = responses_call(port, "POST", "/v1/responses",
                                     Json{{"model", "gpt-4o"},
                                          {"previous_response_id", first.value("id", "")},
                                          {"tools", tools},
                                          {"input", outputs}})
                          .json;
  EXPECT_NE(second.dump().find("In Paris it is 21C and sunny at 14:00."), std::string::npos) << second.dump();
}

// A streamed response, recorded event by event.
void responses_stream_flow(int port, MockUpstream&) {
  const Reply stream = send_streaming(
      port, "POST", "/v1/responses",
      Json{{"model", "gpt-4o"},
           {"stream", true},
           {"tools", Json::array({Json{{"type", "code_interpreter"}, {"container", Json{{"type", "auto"}}}}})},
           {"input", k_seed_question}},
      [](const std::string&) {}, k_no_beta);
  EXPECT_EQ(stream.status, 200);
  EXPECT_NE(stream.body.find("event: response.completed"), std::string::npos) << stream.body.substr(0, 300);
}

const std::vector<Example>& examples() {
  static const std::vector<Example> all = {
      {"seed_article_v1.json", "seed_article.json", true, false,
       [](int port, MockUpstream& mock) { seed_article_flow(port, mock, "assistants=v1"); }},
      {"seed_article_v2.json", "seed_article.json", true, false,
       [](int port, MockUpstream& mock) { seed_article_flow(port, mock, "assistants=v2"); }},
      {"function_calling_v2.json", "function_calling.json", true, false, function_calling_flow},
      {"streaming_run_v2.json", "seed_article.json", false, true, streaming_flow},
      {"responses_seed_flow.json", "seed_article.json", true, false, responses_seed_flow},
      {"responses_function_call.json", "function_calling.json", true, false, responses_function_call_flow},
      {"responses_stream.json", "seed_article.json", true, false, responses_stream_flow},
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
  EXPECT_GE(count, 7U) << "seed article (v1, v2), function calling and streaming examples, on runs and on Responses";
}

// `assistants-mock replay` of an example: the built binary, no upstream, no delays.
struct ReplayedExample {
  TempDir dir;
  std::unique_ptr<ChildProcess> process;
  int port = 0;

  explicit ReplayedExample(const std::string& file) {
    process = std::make_unique<ChildProcess>(
        std::vector<std::string>{AM_BINARY, "replay", "--cassette", (k_examples / file).string(), "--speed", "0",
                                 "--port", "0", "--port-file", (dir / "url.txt").string()},
        dir / "stderr.txt");
    const std::string url = process->wait_for_url();
    EXPECT_FALSE(url.empty()) << process->stderr_text();
    if (!url.empty()) port = port_of(url);
  }
};

Json request_body(const cassettes::Interaction& interaction) {
  return Json::parse(cassettes::encode_body(interaction.request.body), nullptr, false);
}

TEST(Examples, ReplayServesTheRecordedResponsesStreamEventByEvent) {
  auto loaded = cassettes::load_cassette(k_examples / "responses_stream.json");
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  ASSERT_EQ(loaded->cassette.interactions.size(), 1U);
  const cassettes::Interaction& recorded = loaded->cassette.interactions.front();
  const auto* recorded_stream = std::get_if<cassettes::EventStreamBody>(&recorded.response.body);
  ASSERT_NE(recorded_stream, nullptr) << "the stream is recorded as events, not as one text body";
  ASSERT_GE(recorded_stream->events.size(), 9U);

  ReplayedExample replay("responses_stream.json");
  ASSERT_GT(replay.port, 0);
  const Reply reply = send_streaming(replay.port, recorded.request.method, recorded.request.path, request_body(recorded),
                                     [](const std::string&) {}, k_no_beta);
  ASSERT_EQ(reply.status, 200) << reply.body.substr(0, 300);
  EXPECT_EQ(reply.header("Content-Type").substr(0, 17), "text/event-stream");
  cassettes::SseParser parser;
  std::vector<cassettes::SseEvent> events = parser.feed(reply.body, 0);
  for (auto& event : parser.finish(0)) events.push_back(std::move(event));
  ASSERT_EQ(events.size(), recorded_stream->events.size()) << reply.body.substr(0, 300);
  for (std::size_t i = 0; i < events.size(); ++i) {
    SCOPED_TRACE("event " + std::to_string(i));
    EXPECT_EQ(events[i].event, recorded_stream->events[i].event);
    EXPECT_EQ(events[i].data, recorded_stream->events[i].data);
    ASSERT_TRUE(events[i].data.is_object());
    EXPECT_EQ(events[i].data.value("sequence_number", -1), static_cast<int>(i)) << "sequence_numbers intact";
    EXPECT_EQ(events[i].data.value("type", ""), events[i].event);
  }
  EXPECT_EQ(events.front().event, "response.created");
  EXPECT_EQ(events.back().event, "response.completed");
}

TEST(Examples, ReplayServesTheFunctionCallRoundTripInOrder) {
  auto loaded = cassettes::load_cassette(k_examples / "responses_function_call.json");
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  const auto& interactions = loaded->cassette.interactions;
  ASSERT_EQ(interactions.size(), 2U);

  ReplayedExample replay("responses_function_call.json");
  ASSERT_GT(replay.port, 0);
  std::vector<Json> answers;
  for (const cassettes::Interaction& interaction : interactions) {
    const Reply reply = send(replay.port, interaction.request.method, interaction.request.path, request_body(interaction),
                             k_no_beta);
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.json, Json::parse(cassettes::encode_body(interaction.response.body)));
    answers.push_back(reply.json);
  }
  // The first answer asks for both functions; the second, chained to it, uses their outputs.
  ASSERT_EQ(answers[0]["output"].size(), 2U);
  for (const Json& item : answers[0]["output"]) EXPECT_EQ(item["type"], "function_call");
  EXPECT_EQ(answers[1]["previous_response_id"], answers[0]["id"]);
  const Json second_input = request_body(interactions[1])["input"];
  ASSERT_EQ(second_input.size(), 2U);
  for (std::size_t i = 0; i < second_input.size(); ++i) {
    EXPECT_EQ(second_input[i]["type"], "function_call_output");
    EXPECT_EQ(second_input[i]["call_id"], answers[0]["output"][i]["call_id"]);
  }
  EXPECT_NE(answers[1].dump().find("In Paris it is 21C and sunny at 14:00."), std::string::npos) << answers[1].dump();
}

}  // namespace
}  // namespace recorder_tests
