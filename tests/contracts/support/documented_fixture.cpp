#include "tests/contracts/support/documented_fixture.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tests/contracts/support/compact_json.hpp"

namespace contracts::testing {

std::filesystem::path fixtures_dir() { return std::filesystem::path(AM_SOURCE_DIR) / "contracts" / "fixtures"; }

std::vector<DocumentedFixture> load_fixtures(const std::string& subdir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(fixtures_dir() / subdir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<DocumentedFixture> fixtures;
  for (const auto& file : files) {
    std::ifstream in(file);
    DocumentedFixture fixture;
    fixture.file = file;
    fixture.name = file.stem().string();
    fixture.document = nlohmann::ordered_json::parse(in);
    const auto& doc = fixture.document;
    const auto version = parse_api_version(doc.at("api_version").get<std::string>());
    if (!version) throw std::runtime_error(file.string() + ": unknown api_version");
    fixture.version = *version;
    ObservedResponse& response = fixture.response;
    response.origin = file.filename().string();
    response.method = doc.at("request").at("method").get<std::string>();
    response.path = doc.at("request").at("path").get<std::string>();
    response.status = doc.at("response").at("status").get<int>();
    const auto& body = doc.at("response");
    if (body.contains("events")) {
      std::vector<ObservedEvent> events;
      for (const auto& event : body.at("events")) {
        events.push_back({event.at("event").get<std::string>(), nlohmann::json::parse(event.at("data").dump())});
      }
      response.body = std::move(events);
    } else {
      response.body = nlohmann::json::parse(body.at("body").dump());
    }
    fixtures.push_back(std::move(fixture));
  }
  return fixtures;
}

nlohmann::ordered_json drift_as_json(const ResponseCheck& check) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const ResponseDrift& drift : check.drift) {
    nlohmann::ordered_json item = {{"path", drift.item.path.to_string()},
                                   {"kind", to_string(drift.item.kind)},
                                   {"expected", drift.item.expected},
                                   {"got", drift.item.got}};
    if (!drift.event.empty()) item["event"] = drift.event;
    out.push_back(std::move(item));
  }
  return out;
}

bool maybe_update_golden(const DocumentedFixture& fixture, const nlohmann::ordered_json& drift) {
  const char* update = std::getenv("UPDATE_GOLDEN");
  if (update == nullptr || std::string(update) != "1") return false;
  nlohmann::ordered_json document = fixture.document;
  document["expected_drift"] = drift;
  std::ofstream(fixture.file) << compact_json(document);
  return true;
}

}  // namespace contracts::testing
