// Replay through the match index: the same answers as comparing the live request with every
// recording (checked against that reference on random cassettes), keys that never separate
// requests a matcher finds alike, and work per request that does not grow with the cassette
// (counted in matcher runs, not timed).
#include <algorithm>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "recorder/match_index.hpp"
#include "recorder/match_keys.hpp"
#include "recorder/matchers.hpp"
#include "recorder/replayer.hpp"

namespace recorder {
namespace {
using cassettes::Interaction;
using cassettes::Json;
using cassettes::JsonBody;
using cassettes::RecordedRequest;
using cassettes::TextBody;

RecordedRequest request(std::string method, std::string path, cassettes::QueryList query = {},
                        cassettes::Body body = cassettes::NoBody{}) {
  RecordedRequest out;
  out.method = std::move(method);
  out.path = std::move(path);
  out.query = std::move(query);
  out.body = std::move(body);
  return out;
}

std::string key_of(void (*key)(const RecordedRequest&, std::string&), const RecordedRequest& r) {
  std::string out;
  key(r, out);
  return out;
}

MatcherSet all_matchers() { return *parse_match_on("method,path,query,json_body,body,header:openai-beta"); }

std::shared_ptr<cassettes::Cassette> cassette_of(std::vector<RecordedRequest> requests) {
  auto cassette = std::make_shared<cassettes::Cassette>();
  for (std::size_t i = 0; i < requests.size(); ++i) {
    Interaction interaction;
    interaction.request = std::move(requests[i]);
    interaction.response.status = 200;
    interaction.response.body = JsonBody{Json{{"n", i}}};
    cassette->interactions.push_back(std::move(interaction));
  }
  return cassette;
}

// The replay rule, as it was written before the index: the first matching recording not
// played, else the last matching one.
class ReferenceReplayer {
public:
  ReferenceReplayer(const std::vector<Interaction>& interactions, const MatcherSet& matchers)
      : m_interactions(interactions), m_matchers(matchers), m_played(interactions.size(), false) {}
  std::optional<std::size_t> take(const RecordedRequest& live) {
    std::optional<std::size_t> last;
    for (std::size_t i = 0; i < m_interactions.size(); ++i) {
      if (!matches(m_matchers, live, m_interactions[i].request)) continue;
      if (!m_played[i]) {
        m_played[i] = true;
        return i;
      }
      last = i;
    }
    return last;
  }

private:
  const std::vector<Interaction>& m_interactions;
  const MatcherSet& m_matchers;
  std::vector<bool> m_played;
};

TEST(MatchKeys, RequestsAMatcherFindsAlikeGetEqualKeys) {
  const auto a = request("POST", "/", {}, JsonBody{Json::parse(R"({"model":"gpt-4","n":1,"o":{"b":[1,-0.0],"a":null}})")});
  const auto b = request("POST", "/", {}, JsonBody{Json::parse(R"({"o":{"a":null,"b":[1.0,0]},"n":1.0,"model":"gpt-4"})")});
  ASSERT_FALSE(match_json_body(a, b));
  EXPECT_EQ(key_of(key_json_body, a), key_of(key_json_body, b)) << "key order, 1 vs 1.0, -0 vs 0";
  const auto text = request("POST", "/", {}, TextBody{R"({"model":"gpt-4"})"});
  const auto json = request("POST", "/", {}, JsonBody{Json{{"model", "gpt-4"}}});
  ASSERT_FALSE(match_json_body(text, json));
  EXPECT_EQ(key_of(key_json_body, text), key_of(key_json_body, json)) << "a text that is the JSON's bytes";

  const auto q1 = request("GET", "/", {{"limit", "2"}, {"order", "asc"}, {"include[]", "a"}, {"include[]", "b"}});
  const auto q2 = request("GET", "/", {{"include[]", "a"}, {"order", "asc"}, {"include[]", "b"}, {"limit", "2"}});
  ASSERT_FALSE(match_query(q1, q2));
  EXPECT_EQ(key_of(key_query, q1), key_of(key_query, q2));
}

TEST(MatchKeys, DifferentValuesGetDifferentKeys) {
  EXPECT_NE(key_of(key_json_body, request("POST", "/", {}, JsonBody{Json{{"a", "1"}}})),
            key_of(key_json_body, request("POST", "/", {}, JsonBody{Json{{"a", 1}}})));
  EXPECT_NE(key_of(key_json_body, request("POST", "/", {}, JsonBody{Json{{"ab", ""}}})),
            key_of(key_json_body, request("POST", "/", {}, JsonBody{Json{{"a", "b"}}})));
  EXPECT_NE(key_of(key_json_body, request("POST", "/")), key_of(key_json_body, request("POST", "/", {}, JsonBody{Json::object()})));
  EXPECT_NE(key_of(key_query, request("GET", "/", {{"a", "bc"}})), key_of(key_query, request("GET", "/", {{"ab", "c"}})));
  // Deep nesting is written without recursion.
  Json deep = Json::array();
  for (int i = 0; i < 100000; ++i) deep = Json::array({std::move(deep)});
  std::string out;
  append_canonical_json(deep, out);
  EXPECT_EQ(out.size(), 2U * 100001U);
}

// Random cassettes of few distinct requests (so that many repeat), replayed in random order:
// the indexed replayer gives every answer the reference gives.
TEST(Replayer, AnswersAsTheFullScanDidOnRandomCassettes) {
  const MatcherSet matchers = all_matchers();
  std::mt19937 random(20261207);
  const auto random_request = [&random] {
    std::uniform_int_distribution<int> pick(0, 2);
    RecordedRequest r = request(pick(random) == 0 ? "POST" : "GET", "/v1/threads/t" + std::to_string(pick(random)));
    if (pick(random) == 0) r.query = {{"limit", std::to_string(pick(random))}, {"order", "asc"}};
    const int body = pick(random);
    if (body == 1) r.body = JsonBody{Json{{"k", pick(random)}, {"m", "x"}}};
    if (body == 2) r.body = TextBody{"{\"k\":" + std::to_string(pick(random)) + ",\"m\":\"x\"}"};
    if (pick(random) == 0) r.headers = {{"OpenAI-Beta", "assistants=v" + std::to_string(1 + pick(random) % 2)}};
    return r;
  };
  for (int round = 0; round < 25; ++round) {
    std::vector<RecordedRequest> recorded;
    for (int i = 0; i < 40; ++i) recorded.push_back(random_request());
    const auto cassette = cassette_of(recorded);
    Replayer replayer(cassette, matchers, 0);
    ReferenceReplayer reference(cassette->interactions, matchers);
    for (int i = 0; i < 120; ++i) {
      const RecordedRequest live = i % 3 == 0 ? random_request() : recorded[random() % recorded.size()];
      const auto found = replayer.find(live);
      const auto expected = reference.take(live);
      ASSERT_EQ(replayer.take(live), expected) << "round " << round << ", request " << i;
      ASSERT_EQ(found, expected);
      if (!expected) {
        ASSERT_EQ(replayer.explain_miss(live), explain_miss(matchers, live, cassette->interactions));
      }
    }
  }
}

TEST(Replayer, PollsPlayInOrderThenTheLastRepeatsAndRewindStartsOver) {
  const auto poll = request("GET", "/v1/threads/t/runs/r");
  const auto other = request("GET", "/v1/threads/t/messages");
  const auto cassette = cassette_of({poll, other, poll, poll, other});
  Replayer replayer(cassette, *parse_match_on(k_default_match_on), 0);
  EXPECT_EQ(replayer.take(poll), 0U);
  EXPECT_EQ(replayer.take(poll), 2U);
  EXPECT_EQ(replayer.take(other), 1U);
  EXPECT_EQ(replayer.take(poll), 3U);
  EXPECT_EQ(replayer.take(poll), 3U) << "all played: the last repeats";
  EXPECT_EQ(replayer.find(other), 4U);
  replayer.rewind();
  EXPECT_EQ(replayer.take(poll), 0U);
  EXPECT_EQ(replayer.take(other), 1U);
  EXPECT_FALSE(replayer.take(request("DELETE", "/v1/threads/t")));
}

// 10,000 recordings: each request costs the same few matcher runs as with 100, where the
// full scan ran the matchers on every recording before the one it found.
TEST(Replayer, WorkPerRequestDoesNotGrowWithTheCassette) {
  const auto checks_per_request = [](std::size_t size) {
    std::vector<RecordedRequest> recorded;
    for (std::size_t i = 0; i < size; ++i) {
      // Three polls of each run, as a client waiting for it sends them.
      recorded.push_back(request("GET", "/v1/threads/t/runs/run_" + std::to_string(i / 3)));
    }
    Replayer replayer(cassette_of(recorded), *parse_match_on(k_default_match_on), 0);
    for (const RecordedRequest& live : recorded) EXPECT_TRUE(replayer.take(live));
    return static_cast<double>(replayer.match_checks()) / static_cast<double>(size);
  };
  const double small = checks_per_request(99);
  const double large = checks_per_request(9999);
  EXPECT_LE(small, 1.0);
  EXPECT_LE(large, 1.0) << "matcher runs per request at 10,000 recordings";
}

TEST(Replayer, AMissIsExplainedAfterCheckingTheClosestRecordingOnly) {
  std::vector<RecordedRequest> recorded;
  for (int i = 0; i < 10000; ++i) {
    recorded.push_back(request("POST", "/v1/threads/t" + std::to_string(i % 100) + "/messages", {},
                               JsonBody{Json{{"role", "user"}, {"content", "message " + std::to_string(i)}}}));
  }
  const auto cassette = cassette_of(recorded);
  const MatcherSet matchers = *parse_match_on(k_default_match_on);
  Replayer replayer(cassette, matchers, 0);
  const auto live = request("POST", "/v1/threads/t42/messages", {}, JsonBody{Json{{"role", "user"}, {"content", "hello"}}});
  ASSERT_FALSE(replayer.find(live));
  const std::string text = replayer.explain_miss(live);
  EXPECT_EQ(text, explain_miss(matchers, live, cassette->interactions));
  EXPECT_NE(text.find("Closest recorded: #42 POST /v1/threads/t42/messages; json_body: at /content"), std::string::npos)
      << text;
  EXPECT_EQ(replayer.index().last_closest_checks(), 1U);
}

TEST(Replayer, AMatcherWithoutAKeyStillMatches) {
  MatcherSet matchers = *parse_match_on("method");
  matchers.push_back({"path_prefix",
                      [](const RecordedRequest& live, const RecordedRequest& recorded) -> std::optional<std::string> {
                        if (live.path.substr(0, 4) == recorded.path.substr(0, 4)) return std::nullopt;
                        return "prefix differs";
                      },
                      1,
                      {}});
  Replayer replayer(cassette_of({request("GET", "/v1/a"), request("GET", "/v2/b")}), matchers, 0);
  EXPECT_EQ(replayer.take(request("GET", "/v2/zzz")), 1U);
  EXPECT_EQ(replayer.take(request("GET", "/v1/zzz")), 0U);
  EXPECT_FALSE(replayer.find(request("POST", "/v1/a")));
}

}  // namespace
}  // namespace recorder
