#include "contracts/as_of_report.hpp"

#include <map>
#include <set>
#include <sstream>

namespace contracts {
namespace {
const char* kind_word(AsOfKind kind) {
  switch (kind) {
    case AsOfKind::route_gone: return "route_gone";
    case AsOfKind::not_launched: return "not_launched";
    case AsOfKind::refused: return "refused";
    case AsOfKind::field_not_yet: return "fields_not_yet";
    case AsOfKind::field_added: return "fields_added";
  }
  return "?";
}

// Each call to replace once, with its replacement, in the order first seen.
std::vector<std::pair<std::string, std::string>> checklist(const AsOfReport& report) {
  std::vector<std::pair<std::string, std::string>> out;
  std::set<std::string> seen;
  for (const AsOfFinding& finding : report.findings) {
    if (finding.replacement.empty()) continue;
    const std::string call = call_template(finding.request);
    if (seen.insert(call).second) out.emplace_back(call, finding.replacement);
  }
  return out;
}

std::size_t breaking(const AsOfReport& report) {
  std::size_t count = 0;
  for (const AsOfFinding& finding : report.findings) count += finding.breaks ? 1 : 0;
  return count;
}
}  // namespace

std::string call_template(const std::string& request) {
  static const std::set<std::string> k_literal{
      "v1", "assistants", "threads", "messages", "runs", "steps", "files", "submit_tool_outputs",
      "cancel", "vector_stores", "file_batches", "content", "responses", "conversations", "items",
      "input_items"};
  std::string out;
  std::size_t start = 0;
  while (start <= request.size()) {
    const std::size_t slash = request.find('/', start);
    const std::string segment = request.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    const bool first = start == 0;  // "POST " before the first slash
    out += first || segment.empty() || k_literal.count(segment) != 0 ? segment : "{id}";
    if (slash == std::string::npos) break;
    out += '/';
    start = slash + 1;
  }
  return out;
}

std::string render_as_of_table(const AsOfReport& report) {
  std::ostringstream out;
  out << "check --as-of " << timeline::to_string(report.date) << ": " << report.exchanges << " exchange"
      << (report.exchanges == 1 ? "" : "s") << " in " << report.files << " cassette"
      << (report.files == 1 ? "" : "s") << ", " << breaking(report) << " would break\n";
  for (const AsOfFinding& finding : report.findings) {
    out << "  " << (finding.breaks ? "BREAKS " : "note   ") << finding.origin << "  " << finding.request << "  "
        << kind_word(finding.kind) << ": " << finding.answer;
    if (!finding.replacement.empty()) out << "\n           replace with: " << finding.replacement;
    out << "\n";
  }
  const auto steps = checklist(report);
  if (!steps.empty()) {
    out << "\nMigration checklist (" << steps.size() << " call" << (steps.size() == 1 ? "" : "s") << "):\n";
    for (const auto& [call, replacement] : steps) out << "  [ ] " << call << "  ->  " << replacement << "\n";
  }
  if (report.findings.empty()) out << "  nothing would answer differently\n";
  return out.str();
}

nlohmann::ordered_json render_as_of_json(const AsOfReport& report) {
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const AsOfFinding& finding : report.findings) {
    findings.push_back({{"origin", finding.origin},
                        {"request", finding.request},
                        {"kind", kind_word(finding.kind)},
                        {"breaks", finding.breaks},
                        {"answer", finding.answer},
                        {"replacement", finding.replacement.empty() ? nlohmann::ordered_json(nullptr)
                                                                    : nlohmann::ordered_json(finding.replacement)}});
  }
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (const auto& [call, replacement] : checklist(report)) {
    steps.push_back({{"call", call}, {"replace_with", replacement}});
  }
  nlohmann::ordered_json unreadable = nlohmann::ordered_json::array();
  for (const UnreadableFile& file : report.unreadable) unreadable.push_back({{"file", file.file}, {"message", file.message}});
  return {{"as_of", timeline::to_string(report.date)},
          {"files", report.files},
          {"exchanges", report.exchanges},
          {"breaking", breaking(report)},
          {"findings", std::move(findings)},
          {"migration_checklist", std::move(steps)},
          {"unreadable", std::move(unreadable)}};
}

int as_of_exit_status(const AsOfReport& report) {
  if (!report.unreadable.empty()) return 2;
  return breaking(report) == 0 ? 0 : 1;
}

}  // namespace contracts
