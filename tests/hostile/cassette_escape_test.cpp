// Cassette names from clients (X-Cassette, POST /__admin/cassette, POST /__admin/rewind) never
// reach outside the replay directory. tests/recorder covers the resolver and the common
// escapes; these add the routes and bytes it does not: rewind, percent-encoded and full-width
// dots, control characters and invalid UTF-8 (the refusal echoes the name: it must stay valid
// JSON), huge names, a link inside the directory, and that a refusal never tells whether the
// file outside exists.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cassettes/cassette_file.hpp"
#include "recorder/replay_server.hpp"
#include "tests/recorder/support/harness.hpp"

namespace hostile {
namespace {
using recorder_tests::Json;
using recorder_tests::Reply;
using recorder_tests::TempDir;

void write_cassette(const std::filesystem::path& path, const std::string& who) {
  cassettes::Cassette cassette;
  cassette.meta = {"test", "2024-01-01T00:00:00Z", "http://upstream", std::nullopt, {}};
  cassettes::Interaction interaction;
  interaction.request = {"GET", "/v1/whoami", {}, {}, cassettes::NoBody{}};
  interaction.response = {200, {{"content-type", "application/json"}}, cassettes::JsonBody{Json{{"who", who}}}};
  cassette.interactions.push_back(std::move(interaction));
  std::filesystem::create_directories(path.parent_path());
  ASSERT_TRUE(cassettes::save_cassette(path, cassette).has_value());
}

class CassetteEscape : public ::testing::Test {
protected:
  void SetUp() override {
    write_cassette(dir / "alpha.json", "alpha");
    write_cassette(dir / "suite" / "beta.json", "beta");
    write_cassette(outside / "secret.json", "outside");
    std::filesystem::create_directory_symlink(dir / "suite", dir / "suite_link");
    server = recorder_tests::started<recorder::ReplayServer>(recorder_tests::replay_config(dir.path()));
    port = recorder_tests::port_of(server->base_url());
  }

  Reply whoami(const std::string& name) {
    return recorder_tests::send(port, "GET", "/v1/whoami", std::nullopt, {{"X-Cassette", name}});
  }
  // Refused, in the envelope, as valid JSON, without anything from outside.
  void expect_refused(const Reply& reply, const std::string& name) {
    EXPECT_EQ(reply.status, 400) << name << ": " << reply.body.substr(0, 300);
    ASSERT_TRUE(reply.json.is_object()) << name << ": not JSON: " << reply.body.substr(0, 300);
    EXPECT_EQ(reply.json["error"]["code"], "invalid_cassette_name") << name << ": " << reply.body.substr(0, 300);
    EXPECT_EQ(reply.body.find("outside"), std::string::npos) << name;
    EXPECT_LT(reply.body.size(), 1024U) << "the refusal echoes the whole name";
  }

  TempDir dir;
  TempDir outside;
  std::unique_ptr<recorder::ReplayServer> server;
  int port = 0;
};

TEST_F(CassetteEscape, EveryRouteThatTakesANameRefusesTheWayOut) {
  const std::string up = "../" + outside.path().filename().string() + "/secret";
  for (const std::string& name : {up, "suite/../../" + outside.path().filename().string() + "/secret",
                                  outside.path().string() + "/secret", std::string("suite_link/beta")}) {
    expect_refused(whoami(name), name);
    expect_refused(recorder_tests::send(port, "POST", "/__admin/cassette", Json{{"name", name}}), name);
    expect_refused(recorder_tests::send(port, "POST", "/__admin/rewind", Json{{"name", name}}), name);
    expect_refused(recorder_tests::send(port, "POST", "/__admin/rewind", std::nullopt, {{"X-Cassette", name}}), name);
  }
  EXPECT_EQ(whoami("suite/beta").json.value("who", ""), "beta") << "the same cassette by its own path";
}

TEST_F(CassetteEscape, EncodedLookalikeAndControlCharacterNamesAreRefused) {
  for (const std::string& name :
       {std::string("%2e%2e/alpha"), std::string("..%2falpha"), std::string("\xef\xbc\x8e\xef\xbc\x8e/alpha"),
        std::string("..\\alpha"), std::string("suite/./beta"), std::string("suite/"), std::string("al\tpha"),
        std::string("alpha\xff\xfe"), std::string("\xc0\xae\xc0\xae/alpha"), std::string(5'000, 'a')}) {
    expect_refused(whoami(name), name.substr(0, 40));
    // JSON carries only UTF-8: invalid bytes reach the admin call as replacement characters.
    const Json body = Json::parse(Json{{"name", name}}.dump(-1, ' ', false, Json::error_handler_t::replace));
    expect_refused(recorder_tests::send(port, "POST", "/__admin/cassette", body), name.substr(0, 40));
  }
  expect_refused(recorder_tests::send(port, "POST", "/__admin/cassette", Json{{"name", std::string(100'000, 'a')}}),
                 "100,000 characters");
  const Reply nul = recorder_tests::send(port, "POST", "/__admin/cassette", Json{{"name", std::string("alpha\0x", 7)}});
  EXPECT_EQ(nul.status, 400) << nul.body;
}

TEST_F(CassetteEscape, ARefusalNeverTellsWhetherTheFileOutsideExists) {
  const std::string base = "../" + outside.path().filename().string() + "/";
  const Reply existing = whoami(base + "secret");
  const Reply missing = whoami(base + "no_such_file");
  EXPECT_EQ(existing.status, missing.status);
  EXPECT_EQ(existing.json["error"]["code"], missing.json["error"]["code"]);
}

TEST(CassetteEscapeRoot, AReplayDirectoryReachedThroughALinkStillServesItsOwnCassettes) {
  TempDir real;
  TempDir parent;
  write_cassette(real / "alpha.json", "alpha");
  std::filesystem::create_directory_symlink(real.path(), parent / "linked");
  auto server = recorder_tests::started<recorder::ReplayServer>(recorder_tests::replay_config(parent / "linked"));
  const Reply reply = recorder_tests::send(recorder_tests::port_of(server->base_url()), "GET", "/v1/whoami",
                                           std::nullopt, {{"X-Cassette", "alpha"}});
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json.value("who", ""), "alpha");
}

}  // namespace
}  // namespace hostile
