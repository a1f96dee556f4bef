#include "mock/core/beta_header.hpp"

#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/api_error.hpp"

namespace {
using mock::core::ApiVersion;
using mock::core::require_assistants_beta;
using mock::http::ApiError;
using mock::http::ApiRequest;

ApiRequest with_beta(std::optional<std::string> value, const char* name = "OpenAI-Beta") {
  ApiRequest request;
  if (value) request.headers.emplace(name, *value);
  return request;
}

ApiError refusal(const ApiRequest& request) {
  try {
    require_assistants_beta(request);
  } catch (const ApiError& error) {
    return error;
  }
  ADD_FAILURE() << "header accepted";
  return ApiError(0, "");
}

constexpr const char* k_missing =
    "You must provide the 'OpenAI-Beta' header to access the Assistants API. Please try again by "
    "setting the header 'OpenAI-Beta: assistants=v2'.";

TEST(BetaHeader, AssistantsV2IsAccepted) {
  EXPECT_EQ(require_assistants_beta(with_beta("assistants=v2")), ApiVersion::v2);
}

TEST(BetaHeader, HeaderNameIsCaseInsensitive) {
  EXPECT_EQ(require_assistants_beta(with_beta("assistants=v2", "openai-beta")), ApiVersion::v2);
}

TEST(BetaHeader, V2AmongOtherFeaturesIsAccepted) {
  for (const char* value : {"realtime=v1,assistants=v2", "assistants=v2, other=1",
                            " assistants=v2 ", "x=1,  assistants=v2\t,y=2"}) {
    EXPECT_EQ(require_assistants_beta(with_beta(value)), ApiVersion::v2) << value;
  }
}

TEST(BetaHeader, MissingHeaderIs400InvalidBeta) {
  const ApiError error = refusal(with_beta(std::nullopt));
  EXPECT_EQ(error.status(), 400);
  EXPECT_STREQ(error.what(), k_missing);
  EXPECT_EQ(error.type(), "invalid_request_error");
  EXPECT_FALSE(error.param().has_value());
  EXPECT_EQ(error.code(), "invalid_beta");
}

TEST(BetaHeader, HeaderWithoutAnAssistantsFeatureCountsAsMissing) {
  for (const char* value : {"", "realtime=v1", "assistants", "assistants="}) {
    const ApiError error = refusal(with_beta(value));
    EXPECT_STREQ(error.what(), k_missing) << value;
    EXPECT_EQ(error.code(), "invalid_beta") << value;
  }
}

TEST(BetaHeader, UnknownVersionIsNamedInTheError) {
  const ApiError error = refusal(with_beta("assistants=v3"));
  EXPECT_EQ(error.status(), 400);
  EXPECT_THAT(error.what(), ::testing::StartsWith(
                                "Invalid value for the 'OpenAI-Beta' header: 'assistants=v3'. "
                                "Supported values are: "));
  EXPECT_THAT(error.what(), ::testing::HasSubstr("'assistants=v2'"));
  EXPECT_EQ(error.type(), "invalid_request_error");
  EXPECT_EQ(error.code(), "invalid_beta");
}

}  // namespace
