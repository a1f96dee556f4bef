#include "contracts/as_of_check.hpp"

#include <algorithm>

#include "contracts/cassette_responses.hpp"
#include "timeline/api_events.hpp"
#include "timeline/api_on_date.hpp"
#include "timeline/v1_field_history.hpp"

namespace contracts {
namespace {
using nlohmann::json;

std::string path_only(const std::string& path) { return path.substr(0, path.find('?')); }

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// Every object of the body that says its type: the body, list items, stream event data.
void collect_objects(const json& value, std::vector<const json*>& out) {
  if (!value.is_object()) return;
  if (value.contains("object") && value["object"].is_string()) out.push_back(&value);
  const auto data = value.find("data");
  if (data != value.end() && data->is_array()) {
    for (const json& item : *data) collect_objects(item, out);
  }
}

std::vector<const json*> objects_of(const ObservedResponse& response) {
  std::vector<const json*> out;
  if (const auto* body = std::get_if<json>(&response.body)) collect_objects(*body, out);
  if (const auto* events = std::get_if<std::vector<ObservedEvent>>(&response.body)) {
    for (const ObservedEvent& event : *events) collect_objects(event.data, out);
  }
  return out;
}

// v1 objects against the fields the date's v1 had: one finding per object type and direction.
void compare_v1_fields(const ObservedResponse& response, const timeline::CalendarDate& date,
                       AsOfFinding base, std::vector<AsOfFinding>& out) {
  for (const char* type : {"thread.run", "thread.run.step", "thread.message"}) {
    const auto not_yet = timeline::v1_fields_not_yet(timeline::v1_object_field_additions(), type, date);
    std::vector<std::string> present_too_early;
    std::vector<std::string> missing_since;
    bool seen = false;
    for (const json* object : objects_of(response)) {
      if ((*object)["object"] != type) continue;
      seen = true;
      for (const timeline::V1FieldAddition& row : timeline::v1_object_field_additions()) {
        if (row.owner != type) continue;
        const std::string field(row.field);
        const bool early = std::find(not_yet.begin(), not_yet.end(), row.field) != not_yet.end();
        auto& list = early ? present_too_early : missing_since;
        if (early == object->contains(field) && std::find(list.begin(), list.end(), field) == list.end()) {
          list.push_back(field);
        }
      }
    }
    if (!seen) continue;
    if (!present_too_early.empty()) {
      AsOfFinding finding = base;
      finding.kind = AsOfKind::field_not_yet;
      finding.breaks = true;
      finding.answer = std::string(type) + " without " + joined(present_too_early);
      out.push_back(std::move(finding));
    }
    if (!missing_since.empty()) {
      AsOfFinding finding = base;
      finding.kind = AsOfKind::field_added;
      finding.breaks = false;  // additive: a client written against the recording reads on
      finding.answer = std::string(type) + " with " + joined(missing_since);
      out.push_back(std::move(finding));
    }
  }
}

constexpr const char* k_v2_migration =
    "send OpenAI-Beta: assistants=v2 (retrieval -> file_search; file_ids -> tool_resources / "
    "attachments; assistant and message files are gone)";
}  // namespace

std::vector<AsOfFinding> findings_for(const ObservedResponse& response, const timeline::CalendarDate& date) {
  std::vector<AsOfFinding> out;
  const std::string path = path_only(response.path);
  AsOfFinding base{response.origin, response.method + " " + path, AsOfKind::route_gone, true, "", ""};
  const timeline::Surface surface = timeline::surface_of(path);
  if (!timeline::surface_served(surface, date)) {
    AsOfFinding finding = base;
    finding.answer = "404 Invalid URL (" + response.method + " " + path + ")";
    const bool gone = surface == timeline::Surface::assistants &&
                      timeline::has_happened(timeline::ApiEvent::assistants_sunset, date);
    finding.kind = gone ? AsOfKind::route_gone : AsOfKind::not_launched;
    if (const auto replacement = timeline::replacement_for(path); gone && replacement) {
      finding.replacement = std::string(replacement->resource) + " -> " + std::string(replacement->replaced_by);
    }
    out.push_back(std::move(finding));
    return out;
  }
  if (surface != timeline::Surface::assistants) return out;
  const std::string beta = timeline::assistants_beta_value(response.api_version.value_or(""));
  const bool v1 = beta == "v1";
  const auto verdict = timeline::beta_verdict(v1 ? timeline::BetaVersion::v1 : timeline::BetaVersion::v2, date);
  if (verdict != timeline::BetaVerdict::accepted) {
    AsOfFinding finding = base;
    finding.kind = AsOfKind::refused;
    finding.answer = v1 ? "400 invalid_beta: The v1 Assistants API has been deprecated. ..."
                        : "400 invalid_beta: v2 does not exist yet (it launched " +
                              timeline::to_string(timeline::event_row(timeline::ApiEvent::v2_launch).date) + ")";
    finding.replacement = v1 ? k_v2_migration : "send OpenAI-Beta: assistants=v1";
    out.push_back(std::move(finding));
    return out;
  }
  if (v1 && response.status < 400) compare_v1_fields(response, date, base, out);
  return out;
}

tl::expected<AsOfReport, std::string> run_as_of_check(const std::vector<std::filesystem::path>& inputs,
                                                      const timeline::CalendarDate& date) {
  auto files = cassette_files(inputs);
  if (!files) return tl::unexpected(files.error());
  AsOfReport report;
  report.date = date;
  for (const InputFile& file : *files) {
    auto cassette = read_cassette_responses(file.path);
    if (!cassette) {
      if (cassette.error().not_a_cassette && file.from_directory) {
        report.skipped.push_back({file.path.string(), cassette.error().message});
      } else {
        ++report.files;
        report.unreadable.push_back({file.path.string(), cassette.error().message});
      }
      continue;
    }
    ++report.files;
    for (const ObservedResponse& response : cassette->responses) {
      ++report.exchanges;
      for (AsOfFinding& finding : findings_for(response, date)) report.findings.push_back(std::move(finding));
    }
  }
  if (report.files == 0) return tl::unexpected(std::string("no cassettes found in the inputs given"));
  return report;
}

}  // namespace contracts
