// Secrets never leave the process: a full client session carrying a distinctive API key,
// OpenAI-Organization, OpenAI-Project and Cookie runs through the built binary as `serve`
// (request log and journal on), through `record` (with that serve as the upstream) and
// through `replay` of the cassette, and every artifact is searched for them: stdout and
// stderr of each process, the cassette and its journal file, the admin views (state,
// requests, unmatched, metrics), and every response body and header the client got.
// Replay is also shown to open no connection: its proxy variables and the recorded
// upstream's port lead to listeners that count connections.
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

#include "tests/hostile/support/counting_listener.hpp"
#include "tests/hostile/support/program.hpp"
#include "tests/hostile/support/secret_flow.hpp"

namespace hostile {
namespace {

int port_of(const std::string& url) { return std::stoi(url.substr(url.rfind(':') + 1)); }

// Every admin view a process answers (404s count too: their bodies are searched as well).
std::string admin_views(int port, const std::string& admin_token = "") {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(10, 0);
  httplib::Headers headers;
  if (!admin_token.empty()) headers.emplace("X-Admin-Token", admin_token);
  std::string out;
  for (const char* path : {"/__admin/state", "/__admin/requests", "/__admin/requests/unmatched", "/__admin/metrics",
                           "/__admin/scenario", "/__admin/faults", "/__admin/cassette", "/__admin/health"}) {
    const auto answer = client.Get(path, headers);
    if (answer) out += std::string(path) + " " + std::to_string(answer->status) + "\n" + answer->body + "\n";
  }
  return out;
}

void expect_no_leak(const std::string& what, const std::string& text, const SecretValues& secrets) {
  const std::vector<std::string> leaks = leaks_in(text, secrets);
  EXPECT_TRUE(leaks.empty()) << what << " leaks a secret: " << leaks.front();
}

TEST(Secrets, NoSecretReachesAnyArtifactOfServeRecordOrReplay) {
  const SecretValues secrets;
  TempDir dir("hostile-secrets");
  const std::filesystem::path cassette = dir.path() / "flow.json";
  const std::vector<std::string> env = minimal_environment();

  Program serve({AM_BINARY, "serve", "--port", "0", "--seed", "7", "--run-step-ms", "2", "--api-key", secrets.api_key,
                 "--admin-token", secrets.admin_token, "--log-format", "json"},
                dir.path(), "serve", env);
  const std::string serve_url = serve.wait_for_url();
  ASSERT_FALSE(serve_url.empty()) << serve.stderr_text();
  const int serve_port = port_of(serve_url);

  const FlowResult direct = run_secret_flow(serve_port, secrets);
  EXPECT_TRUE(direct.failures.empty()) << "serve: " << direct.failures.front();
  expect_no_leak("the answers of serve", direct.transcript, secrets);

  Program record({AM_BINARY, "record", "--port", "0", "--upstream", serve_url, "--cassette", cassette.string(),
                  "--log-requests"},
                 dir.path(), "record", env);
  const std::string record_url = record.wait_for_url();
  ASSERT_FALSE(record_url.empty()) << record.stderr_text();
  const FlowResult recorded = run_secret_flow(port_of(record_url), secrets);
  EXPECT_TRUE(recorded.failures.empty()) << "record: " << recorded.failures.front();
  expect_no_leak("the answers of record", recorded.transcript, secrets);
  const std::string journal = read_file(cassette.string() + ".journal");
  EXPECT_FALSE(journal.empty()) << "record keeps a journal while it runs";
  expect_no_leak("the cassette journal", journal, secrets);
  expect_no_leak("the admin views of record", admin_views(port_of(record_url)), secrets);
  EXPECT_EQ(record.stop(), 0) << record.stderr_text();
  const std::string cassette_text = read_file(cassette);
  ASSERT_FALSE(cassette_text.empty());
  EXPECT_NE(cassette_text.find("[REDACTED]"), std::string::npos) << "the secret headers were recorded at all";
  expect_no_leak("the cassette", cassette_text, secrets);
  expect_no_leak("record's stdout", record.stdout_text(), secrets);
  expect_no_leak("record's stderr", record.stderr_text(), secrets);

  expect_no_leak("the admin views of serve", admin_views(serve_port, secrets.admin_token), secrets);
  EXPECT_EQ(serve.stop(), 0) << serve.stderr_text();
  EXPECT_NE(serve.stderr_text().find("/v1/threads"), std::string::npos) << "serve logged its requests";
  expect_no_leak("serve's stdout", serve.stdout_text(), secrets);
  expect_no_leak("serve's stderr", serve.stderr_text(), secrets);

  // Replay, with every proxy variable and the recorded upstream's own port leading to
  // listeners that count connections: a replay that reached for the network would show there.
  CountingListener proxy;
  CountingListener upstream(serve_port);
  std::vector<std::string> replay_env = env;
  const std::string proxy_url = "http://127.0.0.1:" + std::to_string(proxy.port());
  for (const char* name : {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"}) {
    replay_env.push_back(std::string(name) + "=" + proxy_url);
  }
  Program replay({AM_BINARY, "replay", "--port", "0", "--cassette", cassette.string(), "--log-requests"}, dir.path(),
                 "replay", replay_env);
  const std::string replay_url = replay.wait_for_url();
  ASSERT_FALSE(replay_url.empty()) << replay.stderr_text();
  const FlowResult replayed = run_secret_flow(port_of(replay_url), secrets);
  EXPECT_TRUE(replayed.failures.empty()) << "replay: " << replayed.failures.front();
  expect_no_leak("the answers of replay", replayed.transcript, secrets);
  {
    httplib::Client client("127.0.0.1", port_of(replay_url));
    const auto miss = client.Post("/v1/assistants", R"({"model":"gpt-4o","name":"never recorded"})", "application/json");
    ASSERT_TRUE(miss);
    EXPECT_EQ(miss->status, 400) << "a request with no recording is a miss, never forwarded";
  }
  expect_no_leak("the admin views of replay", admin_views(port_of(replay_url)), secrets);
  EXPECT_EQ(replay.stop(), 0) << replay.stderr_text();
  expect_no_leak("replay's stdout", replay.stdout_text(), secrets);
  expect_no_leak("replay's stderr", replay.stderr_text(), secrets);
  EXPECT_EQ(proxy.connections(), 0) << "replay connected to its proxy";
  EXPECT_EQ(upstream.connections(), 0) << "replay connected to the recorded upstream";
}

TEST(Secrets, CredentialsInTheUpstreamUrlAreNeverPrinted) {
  TempDir dir("hostile-secrets");
  Program record({AM_BINARY, "record", "--port", "0", "--upstream", "http://user:upstreampass9x8y@127.0.0.1:9",
                  "--cassette", (dir.path() / "c.json").string()},
                 dir.path(), "record", minimal_environment());
  ASSERT_FALSE(record.wait_for_url().empty()) << record.stderr_text();
  EXPECT_EQ(record.stop(), 0);
  EXPECT_EQ((record.stdout_text() + record.stderr_text()).find("upstreampass9x8y"), std::string::npos)
      << record.stderr_text();
}

}  // namespace
}  // namespace hostile
