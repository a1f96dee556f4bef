#include "mock/assistants/params/message_body.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "http/json_body.hpp"
#include "mock/assistants/model/message_content.hpp"
#include "mock/assistants/params/request_params.hpp"
#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::Json;
using mock::http::ApiError;
using namespace mock::assistants;
using tests::support::thrown_api_error;

// A NewMessage as JSON, so two can be compared with one readable failure.
Json shown(const NewMessage& message) {
  return Json{{"role", to_string(message.role)},
              {"content", content_json(message.content)},
              {"attachments", message.attachments},
              {"metadata", message.metadata}};
}

// The general path alone: the tree, parse_create_message, then the message.
NewMessage through_the_tree(const std::string& body, ApiVersion version) {
  return new_message_from_fields(
      parse_create_message(mock::http::parse_json_object_body(body), "", version));
}

Json error_of(const ApiError& error) {
  return Json{{"status", error.status()}, {"message", error.what()},
              {"param", error.param() ? Json(*error.param()) : Json()},
              {"code", error.code() ? Json(*error.code()) : Json()}};
}

TEST(PlainMessageBody, ReadsRoleAndStringContent) {
  const auto message = read_plain_message(R"({"role":"user","content":"How fast?"})");
  ASSERT_TRUE(message.has_value());
  EXPECT_EQ(message->role, Role::user);
  ASSERT_EQ(message->content.size(), 1U);
  EXPECT_EQ(message->content[0].kind, ContentPart::Kind::text);
  EXPECT_EQ(message->content[0].value, "How fast?");
  EXPECT_TRUE(message->attachments.is_null());
  EXPECT_TRUE(message->metadata.is_null());

  const auto reversed = read_plain_message(" {\n\"content\" : \"a \\\"b\\\" \\u00e9\",\"role\":\"assistant\"} ");
  ASSERT_TRUE(reversed.has_value());
  EXPECT_EQ(reversed->role, Role::assistant);
  EXPECT_EQ(reversed->content[0].value, "a \"b\" \xc3\xa9");
}

TEST(PlainMessageBody, LeavesEveryOtherBodyToTheGeneralPath) {
  for (const std::string body : {
           R"({"role":"user","content":"x","metadata":{"k":"v"}})",
           R"({"role":"user","content":"x",})",
           R"({"role":"user",,"content":"x"})",
           R"({"role":"user" "content":"x"})",
           R"({"role":"user","content":[{"type":"text","text":"x"}]})",
           R"({"role":"user","content":"x","attachments":[]})",
           R"({"role":"user","content":"x","role":"user"})",
           R"({"role":"user","content":"x","content":"y"})",
           R"({"role":"system","content":"x"})",
           R"({"role":null,"content":"x"})",
           R"({"role":"user","content":null})",
           R"({"role":"user","content":5})",
           R"({"role":"user"})",
           R"({"content":"x"})",
           R"({"role":"user","content":"x"} trailing)",
           R"({"role":"user","content":"x")",
           R"("a string")",
           R"([{"role":"user","content":"x"}])",
           "{}",
           "",
           "  ",
       }) {
    EXPECT_FALSE(read_plain_message(body).has_value()) << body;
    EXPECT_FALSE(read_ascii_message(body).has_value()) << body;
  }
}

TEST(AsciiMessageBody, ReadsThePlainestBodies) {
  const auto message = read_ascii_message(" {\"content\" :\t\"How fast? 100%!\",\n\"role\":\"assistant\"}\r\n");
  ASSERT_TRUE(message.has_value());
  EXPECT_EQ(message->role, Role::assistant);
  ASSERT_EQ(message->content.size(), 1U);
  EXPECT_EQ(message->content[0].value, "How fast? 100%!");
  EXPECT_TRUE(message->metadata.is_null());
  EXPECT_TRUE(read_ascii_message(R"({"role":"user","content":""})").has_value());
}

TEST(AsciiMessageBody, LeavesEscapesAndNonAsciiToTheParser) {
  for (const std::string body : {
           R"({"role":"user","content":"line\nbreak"})",
           R"({"role":"user","content":"a \"quote\""})",
           "{\"role\":\"user\",\"content\":\"caf\xc3\xa9\"}",
           "{\"role\":\"user\",\"content\":\"tab\there\"}",  // a raw tab: JSON refuses it
           "{\"role\":\"user\",\"content\":\"del\x7f\"}",
           R"({"rol\u0065":"user","content":"x"})",
       }) {
    EXPECT_FALSE(read_ascii_message(body).has_value()) << body;
  }
  // The SAX reader takes the valid ones.
  EXPECT_EQ(read_plain_message(R"({"role":"user","content":"line\nbreak"})")->content[0].value,
            "line\nbreak");
}

// Whatever body comes, every path gives the same message or the same error.
TEST(CreateMessageBody, BothPathsAgreeOnEveryBody) {
  const std::vector<std::string> bodies = {
      R"({"role":"user","content":"How fast?"})",
      R"({"content":"","role":"assistant"})",
      R"({"role":"user","content":"tab\there, quote \" and \\ and \ud83d\ude00"})",
      "{\"role\":\"user\",\"content\":\"caf\xc3\xa9\"}",
      "{\"role\":\"user\",\"content\":\"bad \xc3\"}",
      "{\"role\":\"user\",\"content\":\"raw\ttab\"}",
      R"({"role":"user","content":"lone \ud800 surrogate"})",
      R"( {"role" : "user" , "content" : "spaced"} )",
      R"({"role":"user","content":"x","metadata":{"k":"v"}})",
      R"({"role":"user","content":"x","metadata":{}})",
      R"({"role":"user","content":"x","metadata":null})",
      R"({"role":"user","content":"x","attachments":[]})",
      R"({"role":"user","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"https://x/y.png"}}]})",
      R"({"role":"user","content":[{"type":"image_file","image_file":{"file_id":"file-1","detail":"high"}}]})",
      R"({"role":"system","content":"x"})",
      R"({"role":"user"})",
      R"({"content":"x"})",
      R"({"role":"user","content":"x","extra":1})",
      R"({"role":"user","content":5})",
      R"({"role":"user","content":[]})",
      R"({"role":"user","content":"x"} trailing)",
      R"("a string")",
      "not json",
      "",
  };
  for (const std::string& body : bodies) {
    for (const ApiVersion version : {ApiVersion::v2, ApiVersion::v1}) {
      SCOPED_TRACE(body + (version == ApiVersion::v1 ? " (v1)" : " (v2)"));
      Json expected;
      try {
        expected = shown(through_the_tree(body, version));
      } catch (const ApiError& error) {
        expected = error_of(error);
      }
      Json got;
      try {
        got = shown(read_create_message(body, version));
      } catch (const ApiError& error) {
        got = error_of(error);
      }
      EXPECT_EQ(got, expected);
      if (version == ApiVersion::v1) continue;
      // Each fast reader on its own: what it takes, the general path takes the same way.
      if (const auto ascii = read_ascii_message(body)) {
        EXPECT_EQ(shown(*ascii), expected);
      }
      if (const auto plain = read_plain_message(body)) {
        EXPECT_EQ(shown(*plain), expected);
      }
    }
  }
}

TEST(CreateMessageBody, KeepsNoEmptyAttachmentsOrMetadata) {
  const NewMessage message =
      read_create_message(R"({"role":"user","content":"x","metadata":{},"attachments":[]})",
                          ApiVersion::v2);
  EXPECT_TRUE(message.attachments.is_null());
  EXPECT_TRUE(message.metadata.is_null());
  const NewMessage tagged =
      read_create_message(R"({"role":"user","content":"x","metadata":{"k":"v"}})", ApiVersion::v2);
  EXPECT_EQ(tagged.metadata, Json({{"k", "v"}}));
}

TEST(CreateMessageBody, V1BodiesKeepV1Rules) {
  // v2 takes empty string content; v1 asks for at least one character.
  EXPECT_NO_THROW(read_create_message(R"({"role":"user","content":""})", ApiVersion::v2));
  EXPECT_EQ(thrown_api_error([] {
              read_create_message(R"({"role":"user","content":""})", ApiVersion::v1);
            }).param(),
            "content");
}

}  // namespace
