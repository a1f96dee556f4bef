#pragma once
// The cost of our code alone: a request through MockServer::handle() on the calling thread,
// without sockets or httplib (so without the httplib -> ApiRequest copy either), repeated
// for 0.3 s.
#include <cstdint>
#include <string>

#include "bench/server_bench/clients.hpp"
#include "mock/server/mock_server.hpp"

namespace server_bench {

struct DispatchTiming {
  double micros_per_call = 0;
  std::uint64_t failures = 0;  // non-2xx answers
  std::string first_failure;   // the first one, status and start of the body
};

// `call` as the load generator sends it to `server`, with the headers httplib's client adds.
DispatchTiming time_dispatch(mock::MockServer& server, const Call& call);

}  // namespace server_bench
