#include "mock/core/frozen_json.hpp"

#include <gtest/gtest.h>

namespace mock::core {
namespace {

TEST(FrozenJson, KeepsTheWireBytesAndReadsTheValueBack) {
  const Json value = Json{{"id", "msg_1"}, {"content", Json::array({Json{{"text", "é \"q\""}}})}, {"n", 1.5}};
  const FrozenJson frozen(value);
  EXPECT_EQ(frozen.text(), to_wire_text(value));
  EXPECT_EQ(frozen.value(), value);
  // ordered_json: the members come back in the order they were written.
  EXPECT_EQ(frozen.value().begin().key(), "id");
}

TEST(FrozenJson, InnerTextIsWhatTheBracketsHold) {
  EXPECT_EQ(FrozenJson(Json{{"a", 1}, {"b", Json::array()}}).inner_text(), R"("a":1,"b":[])");
  EXPECT_EQ(FrozenJson(Json::array({1, 2})).inner_text(), "1,2");
  EXPECT_EQ(FrozenJson(Json::object()).inner_text(), "");
  EXPECT_EQ(FrozenJson(Json::array()).inner_text(), "");
}

TEST(FrozenJson, DefaultIsNullAndFromTextTakesBytesAsTheyAre) {
  EXPECT_TRUE(FrozenJson().value().is_null());
  const FrozenJson frozen = FrozenJson::from_text(R"({"x":[true,null]})");
  EXPECT_EQ(frozen.value(), Json::parse(R"({"x":[true,null]})"));
  EXPECT_EQ(frozen.inner_text(), R"("x":[true,null])");
}

}  // namespace
}  // namespace mock::core
