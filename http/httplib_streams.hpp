#pragma once
// The byte streams the HTTP front hands httplib's request parser and response writer
// (httplib::Stream subclasses). Only http_server.cpp uses them.
#include <array>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>

#include "http/read_budget.hpp"

namespace mock::http {

struct SocketAddress {
  std::string ip;
  int port = 0;
};

// One accepted socket. Reads go through the current request's budget; waits use poll().
//
// Cheaper than httplib's own stream, which polls before every recv and send and asks the
// kernel for both addresses on every request: this one tries the call first and polls only
// when it would block, asks for the addresses once per connection, and sends a response's
// head together with the first piece of its body (httplib writes them separately, and two
// segments wake the client twice).
class SocketStream final : public httplib::Stream {
public:
  SocketStream(int fd, ReadBudget& budget, std::chrono::milliseconds write_timeout,
               std::function<bool()> stopping);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, std::size_t size) override;
  ssize_t write(const char* ptr, std::size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return m_fd; }

  bool has_buffered_input() const { return m_begin < m_end; }
  // Bytes of the current response accepted so far (a held head counts).
  std::size_t written() const { return m_written; }
  void start_request();
  // Sends a held response head; call when httplib has finished writing a response.
  // False if the client could not take it.
  bool flush();
  // Keeps the raw body bytes of the current request as they are read.
  void capture_body() { m_capturing = true; }
  std::string take_captured();

private:
  bool wait_for_input(std::chrono::milliseconds allowed);
  bool send_all(std::string_view first, std::string_view second);
  void cached_address(std::optional<SocketAddress>& cache, void (*lookup)(int, std::string&, int&),
                      std::string& ip, int& port) const;

  int m_fd;
  ReadBudget& m_budget;
  std::chrono::milliseconds m_write_timeout;
  std::function<bool()> m_stopping;
  std::array<char, 16384> m_buffer{};
  std::size_t m_begin = 0;
  std::size_t m_end = 0;
  std::size_t m_written = 0;
  bool m_capturing = false;
  std::string m_captured;
  std::string m_held_head;
  mutable std::optional<SocketAddress> m_peer;
  mutable std::optional<SocketAddress> m_local;
};

// The request line HttpServer feeds httplib once, on the constructing thread, so that the
// parser's function-local statics are built before any worker exists (http_server.cpp);
// then the end of input. What httplib writes back is dropped.
class PrimingStream final : public httplib::Stream {
public:
  bool is_readable() const override { return m_at < m_input.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, std::size_t size) override;
  ssize_t write(const char*, std::size_t size) override { return static_cast<ssize_t>(size); }
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return INVALID_SOCKET; }

private:
  std::string m_input = "GET / HTTP/1.1\r\n";
  std::size_t m_at = 0;
};

}  // namespace mock::http
