#include "http/bearer_auth.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/api_error.hpp"

namespace {
using mock::http::ApiError;
using mock::http::ApiRequest;
using mock::http::check_bearer_key;
using mock::http::mask_key;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* k_no_key_prefix =
    "You didn't provide an API key. You need to provide your API key in an Authorization header "
    "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)";

ApiRequest with_authorization(std::optional<std::string> value) {
  ApiRequest request;
  request.method = "GET";
  request.path = "/v1/assistants";
  if (value) request.headers.emplace("Authorization", *value);
  return request;
}

ApiError refusal(const ApiRequest& request, const std::optional<std::string>& expected) {
  try {
    check_bearer_key(request, expected);
  } catch (const ApiError& error) {
    return error;
  }
  ADD_FAILURE() << "the key was accepted";
  return ApiError(0, "");
}

// A key whose characters are all different, so any leaked character is noticed.
std::string distinct_key(std::size_t length) {
  const std::string alphabet =
      "sk-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
  std::string key;
  for (std::size_t i = 0; i < length; ++i) key.push_back(alphabet[i % alphabet.size()]);
  return key;
}

TEST(BearerAuth, MissingHeaderIs401WithTheServiceWording) {
  const ApiError error = refusal(with_authorization(std::nullopt), std::nullopt);
  EXPECT_EQ(error.status(), 401);
  EXPECT_THAT(error.what(), ::testing::StartsWith(k_no_key_prefix));
  EXPECT_EQ(error.type(), "invalid_request_error");
  EXPECT_FALSE(error.param().has_value());
  EXPECT_FALSE(error.code().has_value());
}

TEST(BearerAuth, EmptyOrNonBearerCredentialsCountAsNoKey) {
  for (const char* value : {"", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "sk-test", "Token sk-x"}) {
    const ApiError error = refusal(with_authorization(std::string(value)), std::nullopt);
    EXPECT_EQ(error.status(), 401) << value;
    EXPECT_THAT(error.what(), ::testing::StartsWith(k_no_key_prefix)) << value;
  }
}

TEST(BearerAuth, AnyKeyIsAcceptedWhenNoneIsConfigured) {
  EXPECT_NO_THROW(check_bearer_key(with_authorization("Bearer sk-anything"), std::nullopt));
  EXPECT_NO_THROW(check_bearer_key(with_authorization("Bearer x"), std::nullopt));
}

TEST(BearerAuth, HeaderNameIsCaseInsensitive) {
  ApiRequest request;
  request.headers.emplace("authorization", "Bearer sk-test");
  EXPECT_NO_THROW(check_bearer_key(request, std::string("sk-test")));
}

TEST(BearerAuth, ConfiguredKeyIsAccepted) {
  EXPECT_NO_THROW(check_bearer_key(with_authorization("Bearer sk-right-key-123456"),
                                   std::string("sk-right-key-123456")));
}

TEST(BearerAuth, WrongKeyIs401InvalidApiKeyWithTheKeyMasked) {
  const std::string wrong = "sk-wrong-key-0123456789abcdefWXYZ";
  const ApiError error =
      refusal(with_authorization("Bearer " + wrong), std::string("sk-right-key-0123456789"));
  EXPECT_EQ(error.status(), 401);
  EXPECT_EQ(error.code(), "invalid_api_key");
  EXPECT_EQ(error.type(), "invalid_request_error");
  EXPECT_FALSE(error.param().has_value());
  EXPECT_EQ(std::string(error.what()),
            "Incorrect API key provided: " + mask_key(wrong) +
                ". You can find your API key at https://platform.openai.com/account/api-keys.");
  EXPECT_THAT(error.what(), Not(HasSubstr(wrong)));
  EXPECT_THAT(error.what(), Not(HasSubstr("sk-right-key")));  // nor the configured one
}

TEST(BearerAuth, KeyComparisonIsExact) {
  for (const char* sent : {"sk-test ", "SK-TEST", "sk-tes", "sk-testx"}) {
    const ApiError error =
        refusal(with_authorization(std::string("Bearer ") + sent), std::string("sk-test"));
    EXPECT_EQ(error.code(), "invalid_api_key") << sent;
  }
}

TEST(MaskKey, LongKeyShowsOnlyItsFirstFiveAndLastFourCharacters) {
  EXPECT_EQ(mask_key("sk-abcdefghijklmnopwxyz"), "sk-ab**************wxyz");
}

TEST(MaskKey, ShortKeysAreFullyHidden) {
  EXPECT_EQ(mask_key(""), "");
  EXPECT_EQ(mask_key("a"), "*");
  EXPECT_EQ(mask_key("sk-test"), "*******");
  EXPECT_EQ(mask_key("sk-1234567890"), "*************");  // 13 characters
}

TEST(MaskKey, NeverRevealsTheKeyAtAnyLength) {
  for (std::size_t length = 0; length <= 200; ++length) {
    const std::string key = distinct_key(length);
    const std::string masked = mask_key(key);
    SCOPED_TRACE("length " + std::to_string(length));
    ASSERT_EQ(masked.size(), key.size());
    if (!key.empty()) {
      EXPECT_NE(masked, key);
      EXPECT_EQ(masked.find(key), std::string::npos);
    }
    std::size_t shown = 0;
    for (std::size_t i = 0; i < key.size(); ++i) {
      if (masked[i] == '*') continue;
      ++shown;
      EXPECT_EQ(masked[i], key[i]) << "a shown character is not the key's own at " << i;
    }
    EXPECT_LE(shown, 9U);  // at most the first five and last four
    EXPECT_GE(key.size() - shown, std::min<std::size_t>(key.size(), 5U))
        << "fewer than five characters hidden";
  }
}

TEST(MaskKey, MiddleOfARealisticProjectKeyIsHidden) {
  const std::string key = "sk-proj-" + std::string(150, 'Q') + "mBQA";
  const std::string masked = mask_key(key);
  EXPECT_EQ(masked.substr(0, 5), "sk-pr");
  EXPECT_EQ(masked.substr(masked.size() - 4), "mBQA");
  EXPECT_EQ(std::count(masked.begin(), masked.end(), '*'),
            static_cast<std::ptrdiff_t>(key.size() - 9));
}

}  // namespace
