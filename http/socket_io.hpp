#pragma once
// The few socket calls the HTTP front makes itself, outside httplib: waiting with poll()
// (httplib's select() cannot watch descriptors past FD_SETSIZE), sending a whole answer,
// closing without losing it, and finding httplib's private listening socket.
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace mock::http::socket_io {

// True once `fd` has data or the peer closed or failed (recv then says which); false after
// `timeout` with nothing.
bool wait_readable(int fd, std::chrono::milliseconds timeout);
bool wait_writable(int fd, std::chrono::milliseconds timeout);
// The peer closed its side (an orderly FIN or a reset), seen without blocking.
bool peer_gone(int fd);

// Sends all of `data` within `timeout`; false if the peer is gone or too slow.
bool send_all(int fd, std::string_view data, std::chrono::milliseconds timeout);

// Closes after sending FIN and reading what the client is still sending, for at most
// `linger`: closing a socket with unread input sends a reset, and a reset can reach the
// client before it has read the answer we just wrote (an early 413 or 503, say).
void close_lingering(int fd, std::chrono::milliseconds linger);
void close_now(int fd);

// "ip" and port of either end, as httplib reports them to handlers.
void peer_address(int fd, std::string& ip, int& port);
void local_address(int fd, std::string& ip, int& port);

// The listening socket of this process bound to `port`, or -1. httplib keeps it private.
int find_listening_socket(int port);
// Whether a bound socket accepts only loopback connections (127.0.0.0/8 or ::1).
bool bound_to_loopback(int fd);

}  // namespace mock::http::socket_io
