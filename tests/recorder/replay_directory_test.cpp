// One replay server, many cassettes: X-Cassette (or the admin default) picks one per
// request, each keeps its own play state, and no name escapes the directory.
#include <fstream>

#include <gtest/gtest.h>

#include "cassettes/cassette_file.hpp"
#include "tests/recorder/support/harness.hpp"

namespace recorder_tests {
namespace {

// A cassette answering GET /v1/whoami with `answers` in order.
void write_cassette(const std::filesystem::path& path, const std::vector<std::string>& answers) {
  cassettes::Cassette cassette;
  cassette.meta = {"test", "2024-01-01T00:00:00Z", "http://upstream", std::nullopt, {}};
  for (const std::string& answer : answers) {
    cassettes::Interaction interaction;
    interaction.request = {"GET", "/v1/whoami", {}, {}, cassettes::NoBody{}};
    interaction.response = {200, {{"content-type", "application/json"}}, cassettes::JsonBody{Json{{"who", answer}}}};
    cassette.interactions.push_back(std::move(interaction));
  }
  std::filesystem::create_directories(path.parent_path());
  ASSERT_TRUE(cassettes::save_cassette(path, cassette).has_value());
}

std::string who(int port, const std::optional<std::string>& cassette) {
  httplib::Headers headers;
  if (cassette) headers.emplace("X-Cassette", *cassette);
  const Reply reply = send(port, "GET", "/v1/whoami", std::nullopt, headers);
  return reply.status == 200 ? reply.json.value("who", "?") : std::to_string(reply.status) + " " + reply.body;
}

class ReplayDirectory : public ::testing::Test {
protected:
  void SetUp() override {
    write_cassette(dir / "alpha.json", {"alpha-1", "alpha-2"});
    write_cassette(dir / "suite" / "beta.json", {"beta-1"});
    write_cassette(outside / "secret.json", {"outside"});
    std::filesystem::create_symlink(outside / "secret.json", dir / "escape.json");
    server = started<recorder::ReplayServer>(replay_config(dir.path()));
    port = port_of(server->base_url());
  }
  TempDir dir;
  TempDir outside;
  std::unique_ptr<recorder::ReplayServer> server;
  int port = 0;
};

TEST_F(ReplayDirectory, TheHeaderSelectsTheCassetteAndEachKeepsItsOwnPlayState) {
  EXPECT_EQ(who(port, "alpha"), "alpha-1");
  EXPECT_EQ(who(port, "suite/beta"), "beta-1");
  EXPECT_EQ(who(port, "alpha.json"), "alpha-2") << "the same cassette, with or without .json";
  EXPECT_EQ(who(port, "suite/beta"), "beta-1") << "the last answer repeats";
  EXPECT_EQ(who(port, "alpha"), "alpha-2");
}

TEST_F(ReplayDirectory, WithoutASelectionTheErrorSaysHowToChooseAndListsTheCassettes) {
  const Reply reply = send(port, "GET", "/v1/whoami");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.header("x-should-retry"), "false");
  EXPECT_EQ(reply.json["error"]["code"], "cassette_not_selected");
  const std::string message = reply.json["error"].value("message", "");
  EXPECT_NE(message.find("X-Cassette"), std::string::npos) << message;
  EXPECT_NE(message.find("Available: alpha, suite/beta."), std::string::npos) << message;
}

TEST_F(ReplayDirectory, TheAdminCallSetsADefaultThatTheHeaderOverrides) {
  Reply selected = send(port, "POST", "/__admin/cassette", Json{{"name", "suite/beta"}});
  ASSERT_EQ(selected.status, 200) << selected.body;
  EXPECT_EQ(who(port, std::nullopt), "beta-1");
  EXPECT_EQ(who(port, "alpha"), "alpha-1");
  const Reply listing = send(port, "GET", "/__admin/cassette");
  EXPECT_EQ(listing.json["default"], "suite/beta");
  EXPECT_EQ(listing.json["cassettes"], Json::parse(R"(["alpha","suite/beta"])"));
  EXPECT_EQ(send(port, "POST", "/__admin/cassette", Json{{"name", "nope"}}).json["error"]["code"], "cassette_not_found");
  EXPECT_EQ(send(port, "POST", "/__admin/cassette", Json{{"nom", "alpha"}}).status, 400);
  EXPECT_EQ(send(port, "GET", "/__admin/health").json["status"], "ok");
}

TEST_F(ReplayDirectory, NamesThatWouldEscapeTheDirectoryAreRefused) {
  for (const std::string& name : {std::string("../") + outside.path().filename().string() + "/secret",
                                  (outside / "secret").string(), std::string("escape"), std::string("suite/../alpha"),
                                  std::string("..")}) {
    const Reply reply = send(port, "GET", "/v1/whoami", std::nullopt, {{"X-Cassette", name}});
    EXPECT_EQ(reply.status, 400) << name;
    EXPECT_EQ(reply.json["error"]["code"], "invalid_cassette_name") << name << ": " << reply.body;
    EXPECT_EQ(reply.body.find("outside"), std::string::npos) << "nothing from outside is served";
    const Reply admin = send(port, "POST", "/__admin/cassette", Json{{"name", name}});
    EXPECT_EQ(admin.status, 400) << name;
  }
  const Reply missing = send(port, "GET", "/v1/whoami", std::nullopt, {{"X-Cassette", "gamma"}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.json["error"]["code"], "cassette_not_found");
}

TEST_F(ReplayDirectory, RewindStartsOneCassetteOver) {
  EXPECT_EQ(who(port, "alpha"), "alpha-1");
  EXPECT_EQ(who(port, "alpha"), "alpha-2");
  ASSERT_EQ(send(port, "POST", "/__admin/rewind", Json{{"name", "alpha"}}).status, 200);
  EXPECT_EQ(who(port, "alpha"), "alpha-1");
}

TEST(ReplayFile, ABrokenCassetteStopsTheServerAtStartUp) {
  TempDir dir;
  std::ofstream(dir / "broken.json") << "{\"format\": \"assistants-mock-cassette\", \"version\": 9}";
  auto server = recorder::ReplayServer::create(replay_config(dir / "broken.json"));
  ASSERT_FALSE(server.has_value());
  EXPECT_NE(server.error().find("upgrade assistants-mock"), std::string::npos) << server.error();
  auto config = replay_config(dir / "missing.json");
  EXPECT_FALSE(recorder::ReplayServer::create(config).has_value());
  config = replay_config(dir.path());
  config.speed = -1;
  EXPECT_FALSE(recorder::ReplayServer::create(config).has_value());
}

}  // namespace
}  // namespace recorder_tests
