// The fast JSON parser gives exactly nlohmann's tree (values, number types, key order,
// duplicate keys) for what it takes, and hands everything else to nlohmann (nullopt), whose
// verdict and message stand. Checked on tricky inputs and on random documents.
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cassettes/bounded_json.hpp"
#include "json/fast_parse.hpp"

namespace cassettes {
namespace {

// Types as well as values: dump() prints unsigned 1 and signed 1 alike.
std::string shape(const Json& value) {
  std::string out;
  std::vector<const Json*> pending{&value};
  while (!pending.empty()) {
    const Json* node = pending.back();
    pending.pop_back();
    out += std::to_string(static_cast<int>(node->type()));
    if (node->is_object()) {
      for (auto it = node->begin(); it != node->end(); ++it) {
        out += it.key();
        pending.push_back(&it.value());
      }
    } else if (node->is_array()) {
      for (const Json& item : *node) pending.push_back(&item);
    }
  }
  return out;
}

void expect_same_as_nlohmann(const std::string& text) {
  const Json reference = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  const auto fast = json_parse::parse_fast(text, 512);
  if (reference.is_discarded()) {
    EXPECT_FALSE(fast.has_value()) << "took what nlohmann refuses: " << text;
    return;
  }
  if (!fast) return;  // left to nlohmann: allowed
  EXPECT_EQ(fast->dump(), reference.dump()) << text;
  EXPECT_EQ(shape(*fast), shape(reference)) << text;
}

TEST(FastJson, GivesNlohmannsTreeForTrickyInputs) {
  for (const std::string text :
       {R"({"b":1,"a":[true,false,null],"c":{"d":-1,"e":1.5e3,"f":0,"g":-0,"h":-0.0}})", R"([])", R"({})", R"("x")",
        "  [ 1 , 2 ]\n", R"({"a":1,"a":2,"b":3})", R"(["\u00e9\ud83d\ude00\n\t\"\\\/\b\f\r"])", "[\"caf\xc3\xa9\"]",
        R"([18446744073709551615, -9223372036854775808, 9223372036854775808])", R"([1e400])", R"([1e-400])",
        R"([18446744073709551616])", R"([-9223372036854775809])", R"([01])", R"([1.])", R"([.5])", R"([-])",
        R"(["\ud800"])", R"(["\udc00"])", R"(["\ud800\u0041"])", "[\"\xff\"]", "[\"\xed\xa0\x80\"]",
        "[\"a\x01\"]", R"({"a" 1})", R"({"a":1,})", R"([1,])", R"([1 2])", R"(tru)", R"(nul)", "", "  ",
        R"({"a":1}x)", "\xef\xbb\xbf{}", R"(["\x"])", R"([1E+2, 1e-2, 2E5])", R"({"":""})"}) {
    expect_same_as_nlohmann(text);
  }
}

TEST(FastJson, TakesAWholeCassetteLikeDocument) {
  const std::string text = R"({"version":1,"meta":{"tool":"t"},"interactions":[{"request":{"method":"GET",)"
                           R"("path":"/v1/x","headers":{"a":["1","2"]}},"response":{"status":200,"body":{"json":)"
                           R"({"id":"x","n":[1,2.5,-3],"o":{}}}}}]})";
  const auto fast = json_parse::parse_fast(text, 64);
  ASSERT_TRUE(fast.has_value());
  expect_same_as_nlohmann(text);
}

TEST(FastJson, LeavesDeepDocumentsToTheBoundedParser) {
  const std::string deep = std::string(200, '[') + std::string(200, ']');
  EXPECT_FALSE(json_parse::parse_fast(deep, 128).has_value());
  EXPECT_FALSE(parse_json_bounded(deep, 128).has_value());
  EXPECT_TRUE(json_parse::parse_fast(deep, 200).has_value());
  const auto refused = parse_json_document("[1,", 8);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().rfind("not valid JSON: ", 0), 0U) << "nlohmann's message: " << refused.error();
}

TEST(FastJson, AgreesWithNlohmannOnRandomDocuments) {
  std::mt19937 random(7);
  const std::vector<std::string> atoms{"0", "-0", "1", "-17", "3.25", "-2.5e-3", "1E9", "true", "false", "null",
                                       R"("")", R"("a\"b")", R"("\u0041\u00e9")", "\"\xe2\x82\xac\"", "123456789012345678901",
                                       "4294967296", "-4294967296", "0.1", "1e308"};
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    std::vector<char> closers;
    const int steps = static_cast<int>(random() % 30);
    bool need_value = true;
    for (int i = 0; i < steps; ++i) {
      const auto choice = random() % 6;
      if (choice == 0 && closers.size() < 10) {
        if (!need_value) text += ',';
        if (!closers.empty() && closers.back() == '}') text += "\"k" + std::to_string(random() % 3) + "\":";
        text += '[';
        closers.push_back(']');
        need_value = true;
      } else if (choice == 1 && closers.size() < 10) {
        if (!need_value) text += ',';
        if (!closers.empty() && closers.back() == '}') text += "\"k" + std::to_string(random() % 3) + "\":";
        text += '{';
        closers.push_back('}');
        need_value = true;
      } else if (choice == 2 && !closers.empty()) {
        text += closers.back();
        closers.pop_back();
        need_value = false;
      } else {
        if (!need_value) text += ',';
        if (!closers.empty() && closers.back() == '}') text += "\"k" + std::to_string(random() % 3) + "\":";
        text += atoms[random() % atoms.size()];
        need_value = false;
      }
      if (random() % 7 == 0) text += " \n";
    }
    while (!closers.empty()) {
      text += closers.back();
      closers.pop_back();
    }
    if (text.empty()) text = "null";
    if (round % 5 == 0 && !text.empty()) text.erase(random() % text.size(), 1);  // broken on purpose, often
    expect_same_as_nlohmann(text);
  }
}

}  // namespace
}  // namespace cassettes
