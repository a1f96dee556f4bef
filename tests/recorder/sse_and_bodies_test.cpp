// Server-sent events parsed from any chunking, bodies classified and encoded back.
#include <gtest/gtest.h>

#include "cassettes/base64.hpp"
#include "cassettes/body_codec.hpp"
#include "cassettes/bounded_json.hpp"
#include "cassettes/sse.hpp"

namespace cassettes {
namespace {

const std::string k_stream =
    "event: thread.run.created\ndata: {\"id\":\"run_1\"}\n\n"
    ": keep-alive\n\n"
    "event: thread.message.delta\r\nid: 4\r\ndata: {\"delta\":\r\ndata: 1}\r\n\r\n"
    "data: no event name\n\n"
    "event: done\ndata: [DONE]\n\n";

TEST(Sse, ParsesTheSameEventsWhateverTheChunking) {
  SseParser whole;
  const std::vector<SseEvent> expected = whole.feed(k_stream, 0);
  ASSERT_EQ(expected.size(), 4U);
  EXPECT_EQ(expected[0].event, "thread.run.created");
  EXPECT_EQ(expected[0].data, Json::parse(R"({"id":"run_1"})"));
  EXPECT_EQ(expected[1].id, "4");
  EXPECT_EQ(expected[1].data, Json::parse(R"({"delta":1})")) << "data lines join with a newline";
  EXPECT_EQ(expected[2].event, "");
  EXPECT_EQ(expected[2].data, "no event name");
  EXPECT_EQ(expected[3].data, "[DONE]");
  for (std::size_t size = 1; size <= 7; ++size) {
    SseParser parser;
    std::vector<SseEvent> events;
    for (std::size_t at = 0; at < k_stream.size(); at += size) {
      for (SseEvent& event : parser.feed(std::string_view(k_stream).substr(at, size), static_cast<std::int64_t>(at))) {
        events.push_back(std::move(event));
      }
    }
    ASSERT_EQ(events.size(), expected.size()) << "chunks of " << size;
    for (std::size_t i = 0; i < events.size(); ++i) {
      EXPECT_EQ(events[i].event, expected[i].event);
      EXPECT_EQ(events[i].data, expected[i].data);
    }
    EXPECT_GT(events[3].at_ms, events[0].at_ms) << "each event is stamped when it completes";
  }
}

TEST(Sse, FinishKeepsAnEventTheStreamDidNotClose) {
  SseParser parser;
  EXPECT_TRUE(parser.feed("event: x\ndata: {\"a\":1}", 1).empty());
  const auto rest = parser.finish(2);
  ASSERT_EQ(rest.size(), 1U);
  EXPECT_EQ(rest[0].data, Json::parse(R"({"a":1})"));
}

TEST(Sse, FormatsEventsTheWayTheServiceSendsThem) {
  const SseEvent json{"thread.run.created", Json::parse(R"({"id":"run_1"})"), "", 0};
  EXPECT_EQ(format_sse_event(json), "event: thread.run.created\ndata: {\"id\":\"run_1\"}\n\n");
  EXPECT_EQ(format_sse_event({"done", Json("[DONE]"), "", 0}), "event: done\ndata: [DONE]\n\n");
  EXPECT_EQ(format_sse_event({"", Json("a\nb"), "9", 0}), "id: 9\ndata: a\ndata: b\n\n");
  const std::string service = "event: thread.run.created\ndata: {\"id\":\"run_1\"}\n\nevent: done\ndata: [DONE]\n\n";
  SseParser parser;
  EXPECT_EQ(format_sse_events(parser.feed(service, 0)), service) << "byte for byte for the service's own format";
}

TEST(Bodies, StoresJsonAsJsonStreamsAsEventsTextAsTextAndTheRestAsBase64) {
  EXPECT_TRUE(std::holds_alternative<NoBody>(decode_body("application/json", "")));
  EXPECT_TRUE(std::holds_alternative<JsonBody>(decode_body("application/json; charset=utf-8", R"({"a":1})")));
  EXPECT_TRUE(std::holds_alternative<JsonBody>(decode_body("", R"([1,2])"))) << "no content type, JSON shape";
  EXPECT_TRUE(std::holds_alternative<TextBody>(decode_body("application/json", "{not json"))) << "kept as sent";
  EXPECT_TRUE(std::holds_alternative<TextBody>(decode_body("text/plain", "[1,2]"))) << "the content type decides";
  EXPECT_TRUE(std::holds_alternative<EventStreamBody>(decode_body("text/event-stream", "data: x\n\n")));
  EXPECT_TRUE(std::holds_alternative<BinaryBody>(decode_body("image/png", std::string("\x89PNG\x00\xff", 6))));
  const std::string deep = std::string(500, '[') + std::string(500, ']');
  EXPECT_TRUE(std::holds_alternative<TextBody>(decode_body("application/json", deep)))
      << "too deep to serialise safely: kept as text";
}

TEST(Bodies, EncodeGivesTheRecordedBytesBack) {
  for (const std::string& bytes : {std::string("plain text"), std::string("\x01\x02\xff", 3), std::string("")}) {
    EXPECT_EQ(encode_body(decode_body("application/octet-stream", bytes)), bytes);
  }
  EXPECT_EQ(encode_body(decode_body("application/json", R"({"b":1,"a":[true,null,1.5]})")), R"({"b":1,"a":[true,null,1.5]})");
}

TEST(Bodies, Utf8ValidationRejectsMalformedSequences) {
  EXPECT_TRUE(is_valid_utf8("héllo ✓ 😀"));
  EXPECT_FALSE(is_valid_utf8(std::string("\xc3", 1)));
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
}

TEST(Base64, RoundTripsAndRejectsGarbage) {
  for (std::size_t length = 0; length < 40; ++length) {
    std::string bytes;
    for (std::size_t i = 0; i < length; ++i) bytes += static_cast<char>((i * 37 + 11) & 0xFF);
    const std::string encoded = base64_encode(bytes);
    EXPECT_EQ(encoded.size() % 4, 0U);
    EXPECT_EQ(base64_decode(encoded).value_or("<failed>"), bytes);
  }
  EXPECT_EQ(base64_encode("Man"), "TWFu");
  EXPECT_EQ(base64_encode("Ma"), "TWE=");
  EXPECT_FALSE(base64_decode("TWE").has_value());
  EXPECT_FALSE(base64_decode("TW=u").has_value());
  EXPECT_FALSE(base64_decode("T W=").has_value());
}

TEST(BoundedJson, RefusesDocumentsNestedTooDeep) {
  EXPECT_TRUE(parse_json_bounded(R"({"a":[{"b":"[[[["}]})", 3).has_value()) << "brackets inside strings do not count";
  EXPECT_FALSE(parse_json_bounded("[[[[1]]]]", 3).has_value());
  EXPECT_FALSE(parse_json_bounded(std::string(100000, '['), k_max_body_depth).has_value());
  EXPECT_EQ(json_depth(Json::parse("[[1],{\"a\":{}}]")), 3U);
}

}  // namespace
}  // namespace cassettes
