#pragma once
// How many runs may stream at once. A stream holds its connection's worker thread until the
// run ends or stops for tool outputs, so without a bound of their own, streams alone could
// take every connection the server has and leave none for the polls, tool outputs and
// cancels that end them. A request that would start one more stream gets 429 before its run
// is created.
#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>

#include "http/api_error.hpp"

namespace mock {

class StreamSlots {
public:
  explicit StreamSlots(std::size_t capacity);

  // A slot, held until the returned handle and every copy of it are gone; nullptr when
  // `capacity` streams are open.
  std::shared_ptr<void> try_take();
  // The 429 a request gets when no slot is free.
  http::ApiError refusal() const;

  std::size_t open() const { return m_open->load(); }
  std::size_t capacity() const { return m_capacity; }

private:
  std::size_t m_capacity;
  // Shared with the handles, which may outlive this object inside a response.
  std::shared_ptr<std::atomic<std::size_t>> m_open;
};

}  // namespace mock
