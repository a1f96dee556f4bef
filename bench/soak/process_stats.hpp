#pragma once
// Resident memory and open file descriptors of a process, from /proc (Linux), and which
// local process listens on a loopback port (the server behind --url).
#include <sys/types.h>
#include <cstddef>
#include <optional>

namespace soak {

// VmRSS in KiB; nullopt when /proc/PID/status cannot be read.
std::optional<long> resident_kib(pid_t pid);
// Entries of /proc/PID/fd; nullopt when the directory cannot be read (another user's process).
std::optional<std::size_t> open_fds(pid_t pid);
// The process holding the socket that listens on this TCP port, found through
// /proc/net/tcp{,6} and /proc/*/fd; nullopt when none is visible.
std::optional<pid_t> pid_listening_on(int port);

}  // namespace soak
