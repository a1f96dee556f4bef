#include "mock/assistants/model/message_content.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {
using mock::Json;
using namespace mock::assistants;

TEST(MessageContent, ShowsEachKindOfPartAsTheServiceDoes) {
  using Detail = ContentPart::Detail;
  const ContentPart file = image_part(ContentPart::Kind::image_file, "file-1", Detail::high);
  const ContentPart url =
      image_part(ContentPart::Kind::image_url, "https://example.com/a.png", Detail::automatic);
  const Json annotations = Json::array({Json{{"type", "file_citation"}, {"text", "[1]"}}});
  const Json shown = content_json({text_part("hi"), file, url, text_part("see", annotations)});
  EXPECT_EQ(shown, Json::parse(R"([
    {"type":"text","text":{"value":"hi","annotations":[]}},
    {"type":"image_file","image_file":{"file_id":"file-1","detail":"high"}},
    {"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"auto"}},
    {"type":"text","text":{"value":"see","annotations":[{"type":"file_citation","text":"[1]"}]}}
  ])"));
  // Key order is part of the bytes a client gets.
  EXPECT_EQ(shown[1].dump(), R"({"type":"image_file","image_file":{"file_id":"file-1","detail":"high"}})");
}

TEST(MessageContent, NormalisedPartsComeBackAsTheyWent) {
  const Json parts = Json::parse(R"([
    {"type":"text","text":{"value":"a","annotations":[]}},
    {"type":"image_url","image_url":{"url":"https://x/y.png","detail":"low"}},
    {"type":"image_file","image_file":{"file_id":"file-9","detail":"auto"}}
  ])");
  const std::vector<ContentPart> typed = content_parts(parts);
  ASSERT_EQ(typed.size(), 3U);
  EXPECT_EQ(typed[1].kind, ContentPart::Kind::image_url);
  EXPECT_EQ(typed[1].detail, ContentPart::Detail::low);
  EXPECT_EQ(typed[2].detail, ContentPart::Detail::automatic);
  EXPECT_TRUE(typed[0].annotations.is_null());  // none kept as null
  EXPECT_EQ(content_json(typed), parts);
}

TEST(MessageContent, ImageDetailsRoundTripAndNothingElseParses) {
  using Detail = ContentPart::Detail;
  for (const Detail detail : {Detail::automatic, Detail::low, Detail::high}) {
    EXPECT_EQ(parse_image_detail(to_string(detail)), detail);
  }
  EXPECT_EQ(to_string(Detail::automatic), "auto");
  for (const char* text : {"", "automatic", "Auto", "medium", "high "}) {
    EXPECT_FALSE(parse_image_detail(text).has_value()) << text;
  }
}

TEST(MessageContent, ImageDetailNamesAreTheWireSpellingsInDocumentedOrder) {
  EXPECT_EQ(image_detail_names(), (std::vector<std::string>{"auto", "low", "high"}));
  for (const std::string& name : image_detail_names()) {
    ASSERT_TRUE(parse_image_detail(name).has_value()) << name;
    EXPECT_EQ(to_string(*parse_image_detail(name)), name);
  }
}

TEST(MessageContent, JoinedTextTakesTextPartsOnly) {
  const ContentPart image = image_part(ContentPart::Kind::image_file, "file-1");
  EXPECT_EQ(joined_text({text_part("one"), image, text_part("two")}), "one\ntwo");
  EXPECT_EQ(joined_text({}), "");
}

}  // namespace
