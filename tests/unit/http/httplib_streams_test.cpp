// SocketStream's write time-out counts silence, not the whole body: a client that keeps
// reading a large body slowly gets all of it; one that stops reading is given up on.
#include "http/httplib_streams.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

namespace mock::http {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds k_write_timeout{300};

class SocketPair {
public:
  SocketPair() {
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, m_fds), 0);
    const int small = 4096;  // the writer blocks after a few kilobytes, so pace is the reader's
    ::setsockopt(m_fds[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    ::setsockopt(m_fds[1], SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  }
  ~SocketPair() {
    ::close(m_fds[0]);
    ::close(m_fds[1]);
  }
  SocketPair(const SocketPair&) = delete;
  SocketPair& operator=(const SocketPair&) = delete;

  int server() const { return m_fds[0]; }
  int client() const { return m_fds[1]; }

private:
  int m_fds[2] = {-1, -1};
};

// Reads `total` bytes in small pieces with a pause between them; returns the bytes read.
std::size_t read_slowly(int fd, std::size_t total, milliseconds pause) {
  std::string piece(8192, '\0');
  std::size_t got = 0;
  while (got < total) {
    const ssize_t n = ::recv(fd, piece.data(), piece.size(), 0);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
    std::this_thread::sleep_for(pause);
  }
  return got;
}

TEST(SocketStreamTest, ASlowReaderGetsALargeBodyThatTakesLongerThanTheWriteTimeOut) {
  SocketPair sockets;
  ReadBudget budget(ReadLimits{});
  SocketStream stream(sockets.server(), budget, k_write_timeout, [] { return false; });
  // ~128 pieces of at most 8 KB, 10 ms apart: over a second in all, each pause far below
  // the 300 ms time-out.
  const std::string body(1024U * 1024U, 'x');
  std::size_t received = 0;
  std::thread reader([&] { received = read_slowly(sockets.client(), body.size(), milliseconds(10)); });
  const auto started = std::chrono::steady_clock::now();
  const ssize_t written = stream.write(body.data(), body.size());
  const auto took = std::chrono::steady_clock::now() - started;
  reader.join();
  EXPECT_EQ(written, static_cast<ssize_t>(body.size()));
  EXPECT_EQ(received, body.size());
  EXPECT_GT(took, k_write_timeout) << "the body fit the socket buffers: the test shows nothing";
}

TEST(SocketStreamTest, AClientThatStopsReadingIsGivenUpOnAfterTheWriteTimeOut) {
  SocketPair sockets;
  ReadBudget budget(ReadLimits{});
  SocketStream stream(sockets.server(), budget, k_write_timeout, [] { return false; });
  const std::string body(1024U * 1024U, 'x');
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(stream.write(body.data(), body.size()), -1);
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_GE(took, k_write_timeout - milliseconds(50));  // poll() counts whole milliseconds
  EXPECT_LT(took, std::chrono::seconds(10));
}

}  // namespace
}  // namespace mock::http
