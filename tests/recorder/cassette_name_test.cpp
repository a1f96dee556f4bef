// A cassette name from a request header can never reach outside the replay directory.
#include <fstream>

#include <gtest/gtest.h>

#include "recorder/cassette_name.hpp"
#include "tests/recorder/support/harness.hpp"

namespace recorder {
namespace {
using recorder_tests::TempDir;

void touch(const std::filesystem::path& path) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << "{}";
}

TEST(CassetteName, ResolvesNamesWithOrWithoutTheJsonSuffix) {
  TempDir dir;
  touch(dir / "seed.json");
  touch(dir / "suite" / "test_one.json");
  EXPECT_EQ(resolve_cassette_name(dir.path(), "seed").value(), dir / "seed.json");
  EXPECT_EQ(resolve_cassette_name(dir.path(), "seed.json").value(), dir / "seed.json");
  EXPECT_EQ(resolve_cassette_name(dir.path(), "suite/test_one").value(), dir / "suite" / "test_one.json");
  EXPECT_EQ(list_cassette_names(dir.path()), (std::vector<std::string>{"seed", "suite/test_one"}));
}

TEST(CassetteName, RefusesEveryWayOut) {
  TempDir dir;
  touch(dir / "inside" / "a.json");
  TempDir outside;
  touch(outside / "secret.json");
  std::filesystem::create_symlink(outside / "secret.json", dir / "link.json");
  std::filesystem::create_directory_symlink(outside.path(), dir / "linkdir");
  std::filesystem::create_symlink(dir / "inside" / "a.json", dir / "innocent.json");

  const std::string escape = std::filesystem::relative(outside / "secret", dir.path()).string();
  for (const std::string& name :
       {std::string("../secret"), escape, (outside / "secret").string(), std::string("/etc/passwd"),
        std::string("inside/../../x"), std::string("./seed"), std::string("a//b"), std::string("inside\\a"),
        std::string("link"), std::string("linkdir/secret"), std::string("innocent"), std::string(""),
        std::string("a\nb"), std::string(300, 'a'), std::string("%2e%2e/secret")}) {
    const auto resolved = resolve_cassette_name(dir.path(), name);
    ASSERT_FALSE(resolved.has_value()) << "'" << name << "' resolved to " << resolved->string();
    EXPECT_EQ(resolved.error().kind, NameError::Kind::refused) << name << ": " << resolved.error().message;
  }
  EXPECT_NE(resolve_cassette_name(dir.path(), "link").error().message.find("symbolic link"), std::string::npos);
  EXPECT_EQ(list_cassette_names(dir.path()), std::vector<std::string>{"inside/a"}) << "links are not listed";
}

TEST(CassetteName, AMissingCassetteIsNotFound) {
  TempDir dir;
  const auto missing = resolve_cassette_name(dir.path(), "nothing_here");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().kind, NameError::Kind::not_found);
  std::filesystem::create_directory(dir / "folder.json");
  EXPECT_EQ(resolve_cassette_name(dir.path(), "folder").error().kind, NameError::Kind::not_found);
}

}  // namespace
}  // namespace recorder
