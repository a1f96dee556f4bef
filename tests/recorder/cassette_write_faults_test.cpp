// The disk fills up, or the cassette's directory turns read-only, in the middle of a
// recording. The client is told (507 `cassette_write_failed` in the envelope; on a stream,
// whose status is long gone, an `error` event), the operator too (a notice: the CLI's
// stderr), the cassette on disk stays valid with every exchange completed before, and once
// the disk works again recording goes on.
//
// Both faults are the real thing, not a seam: a 256 KiB tmpfs filled to the last byte, and
// the immutable attribute (root ignores permission bits, not that). Where this process
// cannot do either (not root, no CAP_SYS_ADMIN, a file system without the attribute), the
// tests say so and skip.
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>

#include <gtest/gtest.h>

#include "cassettes/cassette_file.hpp"
#include "cassettes/journal.hpp"
#include "tests/recorder/support/fake_upstream.hpp"
#include "tests/recorder/support/harness.hpp"
#include "tests/recorder/support/recorder_checks.hpp"

namespace recorder_tests {
namespace {
using mock::http::ApiRequest;
using mock::http::ApiResponse;

// A request body big enough that a nearly full disk takes part of its journal line: the
// part that must not stay behind.
const std::string k_padding(8 * 1024, 'p');

class SmallTmpfs {
public:
  explicit SmallTmpfs(std::filesystem::path at) : m_at(std::move(at)) {
    std::filesystem::create_directories(m_at);
    if (::mount("tmpfs", m_at.c_str(), "tmpfs", 0, "size=256k") == 0) {
      m_mounted = true;
    } else {
      m_error = std::strerror(errno);
    }
  }
  ~SmallTmpfs() {
    if (m_mounted) ::umount2(m_at.c_str(), MNT_DETACH);
  }
  SmallTmpfs(const SmallTmpfs&) = delete;
  SmallTmpfs& operator=(const SmallTmpfs&) = delete;
  bool mounted() const { return m_mounted; }
  const std::string& error() const { return m_error; }

private:
  std::filesystem::path m_at;
  bool m_mounted = false;
  std::string m_error;
};

// Writes `file` until the file system refuses; returns the errno it refused with.
int fill_up(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return errno;
  const std::string block(4096, 'f');
  while (::write(fd, block.data(), block.size()) > 0) {
  }
  const int refused = errno;
  ::close(fd);
  return refused;
}

// errno of appending one byte through a descriptor opened before (the journal's case), or 0.
int append_errno(int fd) { return ::write(fd, "x", 1) == 1 ? 0 : errno; }

bool set_immutable(const std::filesystem::path& path, bool on) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  int flags = 0;
  bool ok = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
  if (ok) {
    flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
    ok = ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
  }
  ::close(fd);
  return ok;
}

// Clears the attribute on a directory and its files however the test ends, or TempDir
// could not remove them (and neither could anyone else without chattr).
class ImmutableGuard {
public:
  explicit ImmutableGuard(std::filesystem::path directory) : m_directory(std::move(directory)) {}
  ~ImmutableGuard() { release(); }
  ImmutableGuard(const ImmutableGuard&) = delete;
  ImmutableGuard& operator=(const ImmutableGuard&) = delete;
  void lock() {
    for (const auto& entry : std::filesystem::directory_iterator(m_directory)) set_immutable(entry.path(), true);
    set_immutable(m_directory, true);
  }
  void release() {
    set_immutable(m_directory, false);
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator(m_directory, ignored)) {
      set_immutable(entry.path(), false);
    }
  }

private:
  std::filesystem::path m_directory;
};

// Echoes the request's "name"; /stream answers with two events.
ApiResponse upstream_answer(const ApiRequest& request) {
  if (request.path == "/v1/threads/runs") {
    ApiResponse response;
    response.content_type = "text/event-stream";
    response.stream = [](mock::http::StreamSink& sink) {
      sink.write("event: thread.run.created\ndata: {\"id\":\"run_1\"}\n\n");
      sink.write("event: done\ndata: [DONE]\n\n");
    };
    return response;
  }
  const Json body = Json::parse(request.body, nullptr, false);
  return ApiResponse::json(Json{{"object", "assistant"}, {"name", body.is_object() ? body.value("name", "") : ""}});
}

Reply create(int port, const std::string& name) {
  return send(port, "POST", "/v1/assistants", Json{{"model", "gpt-4"}, {"name", name}, {"instructions", k_padding}});
}

// The names of the recorded assistants, in order; the cassette must load without warnings.
std::vector<std::string> recorded_names(const std::filesystem::path& cassette) {
  return recorded_labels(cassette, [](const cassettes::Interaction& interaction) {
    const auto* body = std::get_if<cassettes::JsonBody>(&interaction.request.body);
    return body != nullptr ? body->value.value("name", "?") : std::string("?");
  });
}

void expect_write_failure(const Reply& reply, const std::string& os_reason) {
  EXPECT_EQ(reply.status, 507) << reply.body;
  ASSERT_TRUE(reply.json.is_object() && reply.json.contains("error")) << reply.body;
  EXPECT_EQ(reply.json["error"].value("type", ""), "server_error");
  EXPECT_EQ(reply.json["error"].value("code", ""), "cassette_write_failed");
  const std::string message = reply.json["error"].value("message", "");
  EXPECT_NE(message.find(os_reason), std::string::npos) << message;
  EXPECT_NE(message.find("did reach the upstream"), std::string::npos) << message;
  EXPECT_EQ(reply.header("x-should-retry"), "false") << "a retry would only repeat the request upstream";
}

using Names = std::vector<std::string>;

// A recorder in front of a fake upstream that answers as upstream_answer does, recording
// into `cassette`, its notices kept.
struct RecordingSession {
  explicit RecordingSession(const std::filesystem::path& cassette)
      : upstream([](ApiRequest& request) { return upstream_answer(request); }) {
    auto config = record_config(upstream.base_url(), cassette);
    config.notice = notices.sink();
    recorder = started<recorder::RecordServer>(config);
    port = port_of(recorder->base_url());
  }
  FakeUpstream upstream;
  Notices notices;
  std::unique_ptr<recorder::RecordServer> recorder;
  int port = 0;
};

TEST(CassetteWriteFaults, ADiskThatFillsUpMidSessionIsA507AndTheCassetteKeepsWhatCameBefore) {
  TempDir dir;
  SmallTmpfs disk(dir / "disk");
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here (" << disk.error() << "): needs CAP_SYS_ADMIN";
  const auto cassette = dir / "disk" / "c.json";
  RecordingSession session(cassette);
  const int port = session.port;
  ASSERT_EQ(create(port, "before-1").status, 200);
  ASSERT_EQ(create(port, "before-2").status, 200);

  ASSERT_EQ(fill_up(dir / "disk" / "filler"), ENOSPC);
  {
    const int probe = ::open((dir / "disk" / "probe").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    EXPECT_EQ(append_errno(probe), ENOSPC) << "the disk really is full";
    ::close(probe);
  }
  expect_write_failure(create(port, "while-full"), "No space left on device");
  EXPECT_TRUE(session.notices.contain("could not save POST /v1/assistants to the cassette",
                                      "No space left on device"));
  EXPECT_EQ(recorded_names(cassette), (Names{"before-1", "before-2"})) << "valid, and nothing of the failed one";

  // A stream has sent its status and events before the write fails: an error event follows.
  const Json run = Json{{"stream", true}, {"instructions", k_padding}};
  const Reply stream = send_streaming(port, "POST", "/v1/threads/runs", run, [](const std::string&) {});
  EXPECT_EQ(stream.status, 200);
  EXPECT_EQ(stream.body.find("event: thread.run.created\n"), 0U) << stream.body;
  const std::size_t error_at = stream.body.find("event: error\ndata: ");
  ASSERT_NE(error_at, std::string::npos) << stream.body;
  const std::size_t data_at = error_at + std::string("event: error\ndata: ").size();
  const Json error_event = Json::parse(stream.body.substr(data_at, stream.body.find('\n', data_at) - data_at));
  EXPECT_EQ(error_event["error"].value("code", ""), "cassette_write_failed");
  EXPECT_EQ(error_event["error"].value("type", ""), "server_error");

  std::filesystem::remove(dir / "disk" / "filler");
  ASSERT_EQ(create(port, "after-1").status, 200) << "recording goes on once there is room";
  ASSERT_EQ(create(port, "after-2").status, 200);
  EXPECT_EQ(recorded_names(cassette), (Names{"before-1", "before-2", "after-1", "after-2"}))
      << "no half line of the failed write was left for the next one to be glued to";
  session.recorder->stop();
  ASSERT_TRUE(session.recorder->finish().has_value());
  EXPECT_FALSE(std::filesystem::exists(cassettes::journal_path(cassette)));
  EXPECT_EQ(recorded_names(cassette), (Names{"before-1", "before-2", "after-1", "after-2"}));
}

TEST(CassetteWriteFaults, ADiskFullFromTheFirstExchangeLeavesNoFileBehind) {
  TempDir dir;
  SmallTmpfs disk(dir / "disk");
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here (" << disk.error() << "): needs CAP_SYS_ADMIN";
  const auto cassette = dir / "disk" / "c.json";
  RecordingSession session(cassette);
  const int port = session.port;
  ASSERT_EQ(fill_up(dir / "disk" / "filler"), ENOSPC);
  expect_write_failure(create(port, "first"), "No space left on device");
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "disk")) files.push_back(entry.path().filename());
  EXPECT_EQ(files, Names{"filler"}) << "no cassette, no journal, no temporary file";

  std::filesystem::remove(dir / "disk" / "filler");
  ASSERT_EQ(create(port, "second").status, 200);
  EXPECT_EQ(recorded_names(cassette), Names{"second"});
}

TEST(CassetteWriteFaults, ADirectoryTurnedReadOnlyMidSessionIsA507AndTheCassetteKeepsWhatCameBefore) {
  TempDir dir;
  const auto directory = dir / "cassettes";
  std::filesystem::create_directories(directory);
  ImmutableGuard guard(directory);
  {
    // Root writes through permission bits, so check that the attribute really stops a write
    // through a descriptor opened before, as the journal's is.
    const auto probe = directory / "probe";
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    const bool set = set_immutable(probe, true);
    const int set_errno = errno;
    const int refused = set ? append_errno(fd) : 0;
    set_immutable(probe, false);
    ::close(fd);
    std::filesystem::remove(probe);
    if (!set) GTEST_SKIP() << "cannot set the immutable attribute on " << directory << ": " << std::strerror(set_errno);
    if (refused == 0) GTEST_SKIP() << "the immutable attribute does not stop writes on this file system";
  }
  const auto cassette = directory / "c.json";
  RecordingSession session(cassette);
  const int port = session.port;
  ASSERT_EQ(create(port, "before-1").status, 200);
  ASSERT_EQ(create(port, "before-2").status, 200);

  guard.lock();
  {
    const int fd = ::open((directory / "new").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    EXPECT_LT(fd, 0) << "no new file in the directory";
    if (fd >= 0) ::close(fd);
    EXPECT_LT(::open(cassettes::journal_path(cassette).c_str(), O_WRONLY | O_APPEND | O_CLOEXEC), 0)
        << "and the journal cannot be written";
  }
  expect_write_failure(create(port, "while-read-only"), "Operation not permitted");
  EXPECT_TRUE(session.notices.contain("could not save POST /v1/assistants to the cassette",
                                      "Operation not permitted"));
  EXPECT_EQ(recorded_names(cassette), (Names{"before-1", "before-2"}));

  guard.release();
  ASSERT_EQ(create(port, "after-1").status, 200) << "recording goes on once it may write";
  EXPECT_EQ(recorded_names(cassette), (Names{"before-1", "before-2", "after-1"}));

  // Stopping needs a new file (the rewrite) in the directory: that fails, says so, and the
  // journal still holds the exchanges, so the cassette loads with all of them.
  session.recorder->stop();
  set_immutable(directory, true);
  const auto finished = session.recorder->finish();
  ASSERT_FALSE(finished.has_value());
  EXPECT_NE(finished.error().message.find("Operation not permitted"), std::string::npos) << finished.error().message;
  EXPECT_EQ(recorded_names(cassette), (Names{"before-1", "before-2", "after-1"}));
  set_immutable(directory, false);
  ASSERT_TRUE(session.recorder->finish().has_value()) << "and stopping again, once it may, folds the journal in";
  EXPECT_FALSE(std::filesystem::exists(cassettes::journal_path(cassette)));
  EXPECT_EQ(recorded_names(cassette), (Names{"before-1", "before-2", "after-1"}));
}

}  // namespace
}  // namespace recorder_tests
