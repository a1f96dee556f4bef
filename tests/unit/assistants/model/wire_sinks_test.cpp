#include "mock/assistants/model/wire_sinks.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "mock/assistants/model/wire.hpp"

namespace {
using namespace mock::assistants;
using mock::Json;
using namespace std::string_literals;

// The same fields through both sinks: the text must be the JSON value's bytes.
template <class Write>
void expect_same_bytes(Write write) {
  JsonSink json;
  TextSink text;
  write(json);
  write(text);
  EXPECT_EQ(text.take(), mock::to_wire_text(json.take()));
}

TEST(WireSinks, StringsNeedingEscapesComeOutAsNlohmannPrintsThem) {
  const std::vector<std::string> samples = {
      "",
      "plain",
      "quote \" and backslash \\",
      "controls \b \f \n \r \t end",
      "nul \0 and \x01 \x1f"s,
      "delete \x7f stays",
      "slash / stays",
      "unicode h\xc3\xa9llo \xe2\x9c\x93 and \xf0\x9f\x98\x80",
      "invalid \xff\xfe utf-8",
      "cut sequence \xe2\x9c",
  };
  for (const std::string& sample : samples) {
    SCOPED_TRACE(sample);
    expect_same_bytes([&](auto& sink) { sink.field("text", sample); });
  }
}

TEST(WireSinks, NumbersNullsAndJsonValues) {
  expect_same_bytes([](auto& sink) {
    sink.field("zero", std::int64_t{0});
    sink.field("negative", std::int64_t{-1700000000});
    sink.field("large", std::int64_t{9007199254740993});
    sink.field("absent", std::optional<std::int64_t>());
    sink.field("present", std::optional<std::int64_t>(42));
    sink.field("no_text", std::optional<std::string>());
    sink.field("text", std::optional<std::string>("run_1"));
    sink.json_field("object", Json{{"b", 1}, {"a", {1.5, "x\n", nullptr, true}}});
    sink.json_field("empty", Json::object());
    sink.json_field("empty_array", Json::array());
    sink.json_field("empty_string", Json(""));
    sink.json_field("null", Json(nullptr));
  });
}

TEST(WireSinks, AnEmptyObject) { expect_same_bytes([](auto&) {}); }

TEST(WireSinks, DoublesComeOutAsNlohmannPrintsThem) {
  // The short forms the text sink writes itself, and the long, tiny and huge ones it hands
  // to nlohmann: both ways must print what a JSON value of the double prints.
  const std::vector<double> samples = {1.0,  0.0,     -0.0,   0.7,   0.35,     2.0,      1.5,
                                       0.1 + 0.2,  1e-7,  1e15,  1e16,  12345678.0, 123456.789,
                                       0.001, 0.0001, -3.25, 1e300, 5e-324, 100000000.0};
  for (const double value : samples) {
    SCOPED_TRACE(value);
    expect_same_bytes([value](auto& sink) { sink.field("x", value); });
  }
}

Message message_with_everything() {
  Message m;
  m.id = "msg_abc";
  m.created_at = 1700000000;
  m.thread_id = "thread_abc";
  m.status = MessageStatus::incomplete;
  m.incomplete_details = Json{{"reason", "max_tokens"}};
  m.incomplete_at = 1700000005;
  m.role = Role::assistant;
  m.content = {text_part("x = 1 \"quoted\"\n\xe2\x9c\x93"),
               image_part(ContentPart::Kind::image_file, "file-img", ContentPart::Detail::low),
               image_part(ContentPart::Kind::image_url, "https://example.com/a \"b\".png",
                          ContentPart::Detail::high),
               text_part("cited", Json::array({Json{{"type", "file_citation"}, {"text", "[1]"}}}))};
  m.assistant_id = "asst_abc";
  m.run_id = "run_abc";
  m.attachments = Json::array({Json{{"file_id", "file-1"}, {"tools", Json::array({Json{{"type", "file_search"}}})}}});
  m.metadata = Json{{"k\xc3\xa9y", "v\tal"}};
  return m;
}

TEST(WireText, MessageTextIsItsJsonValuesBytesInBothVersions) {
  const Message full = message_with_everything();
  const Message bare;
  for (const ApiVersion version : {ApiVersion::v1, ApiVersion::v2}) {
    EXPECT_EQ(wire_text(full, version), mock::to_wire_text(to_wire(full, version)));
    EXPECT_EQ(wire_text(bare, version), mock::to_wire_text(to_wire(bare, version)));
  }
}

TEST(WireText, AssistantAndThreadTextIsTheirJsonValuesBytesInBothVersions) {
  Assistant full;
  full.id = "asst_abc";
  full.created_at = 1700000000;
  full.name = "Math \"Tutor\"";
  full.description = std::nullopt;
  full.model = "gpt-4o";
  full.instructions = "You are a personal math tutor.\nBe brief.";
  full.tools = Json::array({Json{{"type", "code_interpreter"}}, Json{{"type", "file_search"}},
                            Json{{"type", "function"}, {"function", Json{{"name", "f"}, {"strict", true}}}}});
  full.tool_resources = Json{{"code_interpreter", Json{{"file_ids", Json::array({"file-1"})}}}};
  full.file_ids = Json::array({"file-1"});
  full.metadata = Json{{"k\xc3\xa9y", "v"}};
  full.temperature = 0.7;
  full.top_p = 0.35;
  full.reasoning_effort = "low";
  full.response_format = Json{{"type", "json_object"}};
  const Assistant bare;
  Thread thread;
  thread.id = "thread_abc";
  thread.tool_resources = Json{{"file_search", Json{{"vector_store_ids", Json::array({"vs_1"})}}}};
  thread.metadata = Json{{"a", "b"}};
  for (const ApiVersion version : {ApiVersion::v1, ApiVersion::v2}) {
    EXPECT_EQ(wire_text(full, version), mock::to_wire_text(to_wire(full, version)));
    EXPECT_EQ(wire_text(bare, version), mock::to_wire_text(to_wire(bare, version)));
    EXPECT_EQ(wire_text(thread, version), mock::to_wire_text(to_wire(thread, version)));
    EXPECT_EQ(wire_text(Thread{}, version), mock::to_wire_text(to_wire(Thread{}, version)));
  }
  EXPECT_NE(wire_text(full, ApiVersion::v2).find(R"("temperature":0.7)"), std::string::npos);
  EXPECT_NE(wire_text(bare, ApiVersion::v2).find(R"("top_p":1.0,"temperature":1.0)"), std::string::npos);
}

TEST(WireText, CachedTextFollowsTheObjectThroughItsCollection) {
  mock::core::OrderedCollection<Message> messages;
  Message m = message_with_everything();
  messages.insert(std::move(m));
  const std::string before = cached_wire_text(*std::as_const(messages).find("msg_abc"), ApiVersion::v2);
  messages.find("msg_abc")->metadata = Json{{"changed", "yes"}};
  const std::string after = cached_wire_text(*std::as_const(messages).find("msg_abc"), ApiVersion::v2);
  EXPECT_NE(before, after);
  EXPECT_EQ(Json::parse(after)["metadata"], (Json{{"changed", "yes"}}));
  // The v1 shape is cached apart from the v2 one.
  EXPECT_EQ(cached_wire_text(*std::as_const(messages).find("msg_abc"), ApiVersion::v1),
            mock::to_wire_text(to_wire(*messages.find("msg_abc"), ApiVersion::v1)));
}

#ifndef NDEBUG
TEST(WireText, DebugBuildsRefuseStaleCachedBytes) {
  // A change made without a mutable access to the collection is the bug the check exists for.
  mock::core::OrderedCollection<Message> messages;
  messages.insert(message_with_everything());
  const Message& held = *std::as_const(messages).find("msg_abc");
  cached_wire_text(held, ApiVersion::v2);
  const_cast<Message&>(held).metadata = Json{{"sneaky", "change"}};
  EXPECT_THROW(cached_wire_text(held, ApiVersion::v2), std::logic_error);
}
#endif

TEST(WireText, ListTextIsTheListEnvelopesBytes) {
  mock::core::OrderedCollection<Message> messages;
  for (int i = 0; i < 3; ++i) {
    Message m = message_with_everything();
    m.id = "msg_" + std::to_string(i);
    messages.insert(std::move(m));
  }
  mock::core::PageQuery query;
  query.limit = 2;
  const auto page = std::as_const(messages).page(query);
  ASSERT_TRUE(page.has_more);
  for (const ApiVersion version : {ApiVersion::v1, ApiVersion::v2}) {
    EXPECT_EQ(list_wire_text(page, version), mock::to_wire_text(list_wire(page, version)));
  }
  const mock::core::Page<Message> empty;
  EXPECT_EQ(list_wire_text(empty), mock::to_wire_text(list_wire(empty)));
  EXPECT_EQ(list_wire_text(empty), R"({"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false})");
}

}  // namespace
