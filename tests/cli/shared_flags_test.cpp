// The flags serve, record and replay share are accepted by all three and work in each: the
// admin token guards /__admin, --log-format json writes one JSON object a line, the journal
// size, time-outs and connection bound are taken; and the URL printed and written to
// --port-file is one a client accepts, an IPv6 address in brackets included.
#include <csignal>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/recorder/support/child_process.hpp"
#include "tests/recorder/support/fake_upstream.hpp"
#include "tests/recorder/support/harness.hpp"

namespace cli_tests {
namespace {
using recorder_tests::ChildProcess;
using recorder_tests::FakeUpstream;
using recorder_tests::Json;
using recorder_tests::Reply;
using recorder_tests::TempDir;
using recorder_tests::send;

const std::string k_binary = AM_BINARY;
const std::string k_cassette = std::string(AM_SOURCE_DIR) + "/cassettes/examples/seed_article_v2.json";
const std::string k_token = "admin-token-5678";

mock::http::ApiResponse json_echo(mock::http::ApiRequest& request) {
  return mock::http::ApiResponse::json(Json{{"path", request.path}});
}

// `command` with what it needs to start, then `flags`.
std::vector<std::string> command_line(const std::string& command, const FakeUpstream& upstream, const TempDir& dir,
                                      const std::vector<std::string>& flags) {
  std::vector<std::string> args{k_binary, command};
  if (command == "record") args.insert(args.end(), {"--upstream", upstream.base_url(), "--cassette", (dir / "c.json").string()});
  if (command == "replay") args.insert(args.end(), {"--cassette", k_cassette});
  args.insert(args.end(), flags.begin(), flags.end());
  return args;
}

// The lines of `text` that are JSON objects.
std::vector<Json> json_lines(const std::string& text) {
  std::vector<Json> found;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    Json parsed = Json::parse(line, nullptr, false);
    if (!parsed.is_discarded() && parsed.is_object()) found.push_back(std::move(parsed));
  }
  return found;
}

class EachServerCommand : public ::testing::TestWithParam<std::string> {};

TEST_P(EachServerCommand, TakesEverySharedFlagAndHonoursIt) {
  TempDir dir;
  FakeUpstream upstream(json_echo);
  ChildProcess process(command_line(GetParam(), upstream, dir,
                                    {"--host", "127.0.0.1", "--port", "0", "--port-file", (dir / "url").string(),
                                     "--max-connections", "8", "--read-timeout", "5", "--request-timeout", "10",
                                     "--max-body-bytes", "65536", "--journal-size", "10", "--admin-token", k_token,
                                     "--log-requests", "--log-format", "json"}),
                       dir / "stderr.txt");
  const std::string url = process.wait_for_url();
  ASSERT_FALSE(url.empty()) << process.stderr_text();
  const int port = recorder_tests::port_of(url);
  EXPECT_EQ(recorder_tests::read_text(dir / "url"), url + "\n");

  EXPECT_EQ(send(port, "GET", "/__admin/health").status, 401) << "--admin-token guards the admin API";
  EXPECT_EQ(send(port, "GET", "/__admin/health", std::nullopt, {{"X-Admin-Token", k_token}}).status, 200);
  EXPECT_GT(send(port, "GET", "/v1/assistants").status, 0);
  const Reply count = send(port, "POST", "/__admin/requests/count", Json{{"path", "/v1/assistants"}},
                           {{"X-Admin-Token", k_token}});
  EXPECT_EQ(count.status, 200) << count.body;
  EXPECT_EQ(count.json["count"], 1) << count.body;
  const Reply too_big = send(port, "POST", "/v1/assistants", Json{{"name", std::string(70000, 'x')}});
  EXPECT_EQ(too_big.status, 413) << "--max-body-bytes 65536: " << too_big.body;

  process.signal(SIGTERM);
  EXPECT_EQ(process.wait_for_exit(), 0) << process.stderr_text();
  bool logged = false;
  for (const Json& line : json_lines(process.stderr_text())) {
    logged = logged || (line.value("method", "") == "GET" && line.value("path", "") == "/v1/assistants" &&
                        line.contains("status") && line.contains("served_by"));
  }
  EXPECT_TRUE(logged) << "--log-format json: one JSON object a line on stderr:\n" << process.stderr_text();
}

TEST_P(EachServerCommand, PrintsAndWritesAnIpv6UrlInBrackets) {
  TempDir dir;
  FakeUpstream upstream(json_echo);
  ChildProcess process(command_line(GetParam(), upstream, dir,
                                    {"--host", "::1", "--port", "0", "--port-file", (dir / "url").string()}),
                       dir / "stderr.txt");
  const std::string url = process.wait_for_url();
  if (url.empty() && process.stderr_text().find("cannot listen") != std::string::npos) {
    GTEST_SKIP() << "no IPv6 loopback here: " << process.stderr_text();
  }
  ASSERT_FALSE(url.empty()) << process.stderr_text();
  const std::string prefix = "http://[::1]:";
  ASSERT_EQ(url.rfind(prefix, 0), 0U) << "Node's fetch refuses http://::1:PORT; got " << url;
  const std::string port_text = url.substr(prefix.size());
  ASSERT_EQ(port_text.find_first_not_of("0123456789"), std::string::npos) << url;
  EXPECT_EQ(recorder_tests::read_text(dir / "url"), url + "\n") << "the port file holds the same URL";

  httplib::Client client("::1", std::stoi(port_text));
  client.set_connection_timeout(5, 0);
  const auto health = client.Get("/__admin/health", {{"Host", "[::1]:" + port_text}});
  ASSERT_TRUE(health) << "the URL's address answers";
  EXPECT_EQ(health->status, 200) << health->body;

  process.signal(SIGTERM);
  EXPECT_EQ(process.wait_for_exit(), 0) << process.stderr_text();
}

INSTANTIATE_TEST_SUITE_P(SharedFlags, EachServerCommand, ::testing::Values("serve", "record", "replay"));

TEST(SharedFlags, RecordAndReplayLogNothingUnlessAsked) {
  TempDir dir;
  FakeUpstream upstream(json_echo);
  ChildProcess process(command_line("replay", upstream, dir, {"--port", "0"}), dir / "stderr.txt");
  const int port = recorder_tests::port_of(process.wait_for_url());
  EXPECT_GT(send(port, "GET", "/v1/assistants").status, 0);
  process.signal(SIGTERM);
  EXPECT_EQ(process.wait_for_exit(), 0);
  EXPECT_EQ(process.stderr_text().find("/v1/assistants"), std::string::npos) << process.stderr_text();
}

}  // namespace
}  // namespace cli_tests
