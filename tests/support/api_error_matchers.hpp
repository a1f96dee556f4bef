#pragma once
// Catching the ApiError a call throws, for unit tests of code that validates input.
#include <optional>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "http/api_error.hpp"

namespace tests::support {

// Runs `fn`; returns the ApiError it threw, or records a failure and returns a 0-status error.
template <class Fn>
mock::http::ApiError thrown_api_error(Fn&& fn) {
  try {
    std::forward<Fn>(fn)();
  } catch (const mock::http::ApiError& error) {
    return error;
  }
  ADD_FAILURE() << "expected an ApiError, but the call succeeded";
  return mock::http::ApiError(0, "(no error)");
}

// Checks status, message, param and code of an error at once, with a readable failure.
inline void expect_api_error(const mock::http::ApiError& error, int status,
                             const std::string& message,
                             const std::optional<std::string>& param,
                             const std::optional<std::string>& code) {
  EXPECT_EQ(error.status(), status) << error.what();
  EXPECT_EQ(std::string(error.what()), message);
  EXPECT_EQ(error.type(), "invalid_request_error");
  EXPECT_EQ(error.param(), param) << error.what();
  EXPECT_EQ(error.code(), code) << error.what();
}

}  // namespace tests::support
