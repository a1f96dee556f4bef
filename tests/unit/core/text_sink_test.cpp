#include "mock/core/text_sink.hpp"

#include <cstdint>
#include <string>

#include <gtest/gtest.h>

namespace mock::core {
namespace {
using namespace std::string_literals;

TEST(TextSink, AnyValueComesOutAsToWireTextPrintsIt) {
  const Json samples[] = {
      Json(nullptr), Json(true), Json(-7), Json(std::uint64_t{18446744073709551615ULL}), Json(0.1 + 0.2),
      Json(1.0), Json(1e300), Json("plain"), Json("esc \" \\ \n \x01"), Json("h\xc3\xa9llo"),
      Json("invalid \xff utf-8"), Json::array(), Json::object(),
      Json{{"b", 1}, {"a", Json::array({1.5, "x\n", nullptr, true, Json::object()})}},
      Json{{"key \"quoted\"", Json{{"nested", Json::array({Json::array({1, 2}), Json{{"k", "v"}}})}}}},
      Json{{"cl\xc3\xa9", "non-ASCII key"}},
  };
  for (const Json& value : samples) {
    SCOPED_TRACE(to_wire_text(value));
    EXPECT_EQ(TextSink::text_of(value), to_wire_text(value));
  }
}

TEST(TextSink, MembersAreSplicedBetweenFields) {
  TextSink sink;
  sink.members(R"("a":1,"b":[2])");
  sink.field("c", std::int64_t{3});
  sink.members("");
  sink.members(R"("d":null)");
  EXPECT_EQ(sink.take(), R"({"a":1,"b":[2],"c":3,"d":null})");
}

}  // namespace
}  // namespace mock::core
