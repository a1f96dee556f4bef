// Copies of the documented responses that validate, each broken one way: a required field
// removed, a type changed, an enum value changed. Each copy must be rejected with a drift
// item whose JSON path names the broken field.
#include <gtest/gtest.h>

#include <algorithm>

#include "contracts/response_check.hpp"
#include "tests/contracts/support/documented_fixture.hpp"

namespace contracts::testing {
namespace {

struct Case {
  DocumentedFixture fixture;
  JsonPath target;  // the object the mutations touch: the body, data[0] of a list, or an event's data
};

void PrintTo(const Case& test_case, std::ostream* out) { PrintTo(test_case.fixture, out); }

std::vector<Case> valid_cases() {
  std::vector<Case> cases;
  for (const char* subdir : {"v1-2023-12", "v1-final", "v2"}) {
    for (auto& fixture : load_fixtures(subdir)) {
      if (!fixture.document.at("expected_drift").empty()) continue;  // only responses that validate
      JsonPath target;
      if (std::holds_alternative<std::vector<ObservedEvent>>(fixture.response.body)) {
        target = JsonPath().element(0).child("data");
      } else if (const auto& body = std::get<nlohmann::json>(fixture.response.body);
                 body.contains("data") && body["data"].is_array() && !body["data"].empty()) {
        target = JsonPath().child("data").element(0);
      }
      cases.push_back({std::move(fixture), target});
    }
  }
  return cases;
}

// The document the checker sees: the body, or the events as [{event, data}].
nlohmann::json as_document(const ObservedResponse& response) {
  if (const auto* body = std::get_if<nlohmann::json>(&response.body)) return *body;
  nlohmann::json events = nlohmann::json::array();
  for (const ObservedEvent& e : std::get<std::vector<ObservedEvent>>(response.body)) {
    events.push_back({{"event", e.event}, {"data", e.data}});
  }
  return events;
}

ObservedResponse with_document(ObservedResponse response, const nlohmann::json& document) {
  if (std::holds_alternative<nlohmann::json>(response.body)) {
    response.body = document;
    return response;
  }
  std::vector<ObservedEvent> events;
  for (const auto& e : document) events.push_back({e["event"].get<std::string>(), e["data"]});
  response.body = std::move(events);
  return response;
}

nlohmann::json& at(nlohmann::json& document, const JsonPath& path) {
  return document.at(nlohmann::json::json_pointer(
      [&] {
        std::string pointer;
        for (const PathSegment& s : path.segments()) pointer += "/" + (s.index ? std::to_string(*s.index) : s.key);
        return pointer;
      }()));
}

::testing::AssertionResult rejected_at(const Case& c, const nlohmann::json& mutated, const JsonPath& field,
                                       DriftKind kind) {
  const BuiltinContracts contracts;
  const ResponseCheck check =
      check_response(with_document(c.fixture.response, mutated), c.fixture.version, contracts);
  const auto found = std::find_if(check.drift.begin(), check.drift.end(), [&](const ResponseDrift& d) {
    return d.item.path == field && d.item.kind == kind;
  });
  if (found != check.drift.end()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << c.fixture.name << ": expected " << to_string(kind) << " at "
                                       << field.to_string() << ", got " << drift_as_json(check).dump(2);
}

class BrokenCopy : public ::testing::TestWithParam<Case> {};

TEST_P(BrokenCopy, MissingRequiredFieldIsNamed) {
  const Case& c = GetParam();
  nlohmann::json document = as_document(c.fixture.response);
  at(document, c.target).erase("id");
  EXPECT_TRUE(rejected_at(c, document, c.target.child("id"), DriftKind::missing_field));
}

TEST_P(BrokenCopy, ChangedTypeIsNamed) {
  const Case& c = GetParam();
  nlohmann::json document = as_document(c.fixture.response);
  at(document, c.target)["id"] = 12345;
  EXPECT_TRUE(rejected_at(c, document, c.target.child("id"), DriftKind::type_changed));
}

TEST_P(BrokenCopy, UnlistedEnumValueIsNamed) {
  const Case& c = GetParam();
  nlohmann::json document = as_document(c.fixture.response);
  at(document, c.target)["object"] = "thread.run.v3";
  EXPECT_TRUE(rejected_at(c, document, c.target.child("object"), DriftKind::enum_value));
}

TEST_P(BrokenCopy, NullWhereNotNullableIsNamed) {
  const Case& c = GetParam();
  nlohmann::json document = as_document(c.fixture.response);
  at(document, c.target)["id"] = nullptr;
  EXPECT_TRUE(rejected_at(c, document, c.target.child("id"), DriftKind::nullability_changed));
}

INSTANTIATE_TEST_SUITE_P(DocumentedResponses, BrokenCopy, ::testing::ValuesIn(valid_cases()),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           std::string name =
                               to_string(param_info.param.fixture.version) + "_" + param_info.param.fixture.name;
                           std::replace_if(name.begin(), name.end(), [](char ch) { return ch == '-'; }, '_');
                           return name;
                         });

TEST(BrokenCopy, ANewRunStatusIsReportedWithTheListedStatuses) {
  const auto seed = load_fixtures("v1-2023-12");
  const auto run = std::find_if(seed.begin(), seed.end(),
                                [](const auto& f) { return f.name == "seed_6_retrieve_completed_run"; });
  ASSERT_NE(run, seed.end());
  nlohmann::json body = std::get<nlohmann::json>(run->response.body);
  body["status"] = "incomplete";  // v2 added it; December 2023 v1 does not know it
  const BuiltinContracts contracts;
  ObservedResponse response = run->response;
  response.body = body;
  const ResponseCheck check = check_response(response, ApiVersion::v1_2023_12, contracts);
  ASSERT_EQ(check.drift.size(), 1U) << drift_as_json(check).dump(2);
  const DriftItem& item = check.drift[0].item;
  EXPECT_EQ(item.path.to_string(), "$.status");
  EXPECT_EQ(item.kind, DriftKind::enum_value);
  EXPECT_EQ(item.got, "\"incomplete\"");
  EXPECT_EQ(item.expected,
            "one of queued, in_progress, requires_action, cancelling, cancelled, failed, completed, expired");
}

}  // namespace
}  // namespace contracts::testing
