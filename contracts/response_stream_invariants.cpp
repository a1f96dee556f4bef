#include "contracts/response_stream_invariants.hpp"

#include <charconv>
#include <map>
#include <string>

namespace contracts {
namespace {

// The .delta event of each accumulated value, its .done event, and the member .done carries.
struct Accumulated {
  const char* delta_event;
  const char* done_event;
  const char* done_member;
};

constexpr Accumulated k_accumulated[] = {
    {"response.output_text.delta", "response.output_text.done", "text"},
    {"response.refusal.delta", "response.refusal.done", "refusal"},
    {"response.reasoning_text.delta", "response.reasoning_text.done", "text"},
    {"response.reasoning_summary_text.delta", "response.reasoning_summary_text.done", "text"},
    {"response.function_call_arguments.delta", "response.function_call_arguments.done", "arguments"},
    {"response.code_interpreter_call_code.delta", "response.code_interpreter_call_code.done", "code"},
};

bool is_lifecycle(const std::string& event) {
  for (const char* name : {"response.created", "response.queued", "response.in_progress", "response.completed",
                           "response.failed", "response.incomplete"}) {
    if (event == name) return true;
  }
  return false;
}

std::string member_text(const nlohmann::json& data, const char* member) {
  if (!data.is_object() || !data.contains(member)) return {};
  const nlohmann::json& value = data[member];
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// What identifies the value a delta adds to: the item, and the part or summary within it.
std::string accumulation_key(const std::string& kind, const nlohmann::json& data) {
  return kind + "|" + member_text(data, "item_id") + "|" + member_text(data, "output_index") + "|" +
         member_text(data, "content_index") + "|" + member_text(data, "summary_index");
}

std::string shown(const std::string& text) {
  const std::string json = nlohmann::json(text).dump();
  return json.size() <= 60 ? json : json.substr(0, 56) + "...\"";
}

DriftItem invariant(std::size_t index, const char* member, std::string expected, std::string got,
                    std::string detail) {
  return {JsonPath().element(index).child("data").child(member), DriftKind::stream_invariant, std::move(expected),
          std::move(got), std::move(detail)};
}

}  // namespace

std::optional<long long> starting_after_of(std::string_view path) {
  const std::size_t query = path.find('?');
  if (query == std::string_view::npos) return std::nullopt;
  std::string_view rest = path.substr(query + 1);
  constexpr std::string_view k_name = "starting_after=";
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    if (pair.substr(0, k_name.size()) == k_name) {
      const std::string_view digits = pair.substr(k_name.size());
      long long value = 0;
      const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
      return value;
    }
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
  }
  return std::nullopt;
}

std::vector<DriftItem> find_stream_invariant_drift(const std::vector<ObservedEvent>& events,
                                                   std::optional<long long> starting_after) {
  std::vector<DriftItem> drift;
  long long expected_sequence = starting_after ? *starting_after + 1 : 0;
  std::optional<std::string> response_id;
  std::map<std::string, std::string> accumulated;  // accumulation_key -> the deltas so far
  for (std::size_t i = 0; i < events.size(); ++i) {
    const ObservedEvent& event = events[i];
    if (!event.data.is_object()) continue;  // the schema reports data that is not an object
    const nlohmann::json& data = event.data;

    if (data.contains("sequence_number") && data["sequence_number"].is_number_integer()) {
      const long long got = data["sequence_number"].get<long long>();
      if (got != expected_sequence) {
        drift.push_back(invariant(i, "sequence_number", std::to_string(expected_sequence), std::to_string(got),
                                  "sequence numbers run " + std::string(starting_after ? "from starting_after + 1" : "from 0") +
                                      " without gaps"));
      }
      expected_sequence = got + 1;  // one gap is one drift, not one per later event
    } else {
      ++expected_sequence;
    }

    if (data.contains("type") && data["type"].is_string() && data["type"].get<std::string>() != event.event) {
      drift.push_back(invariant(i, "type", shown(event.event), shown(data["type"].get<std::string>()),
                                "data.type repeats the event name"));
    }

    if (is_lifecycle(event.event) && data.contains("response") && data["response"].is_object() &&
        data["response"].contains("id") && data["response"]["id"].is_string()) {
      const std::string id = data["response"]["id"].get<std::string>();
      if (!response_id) {
        response_id = id;
      } else if (id != *response_id) {
        drift.push_back(invariant(i, "response", "response.id " + shown(*response_id), "response.id " + shown(id),
                                  "every lifecycle event of a stream carries the same response"));
      }
    }

    if (starting_after) continue;  // a resumed stream lacks the deltas before it
    for (const Accumulated& kind : k_accumulated) {
      if (event.event == kind.delta_event && data.contains("delta") && data["delta"].is_string()) {
        accumulated[accumulation_key(kind.delta_event, data)] += data["delta"].get<std::string>();
      } else if (event.event == kind.done_event && data.contains(kind.done_member) &&
                 data[kind.done_member].is_string()) {
        const auto found = accumulated.find(accumulation_key(kind.delta_event, data));
        const std::string deltas = found == accumulated.end() ? std::string() : found->second;
        const std::string done = data[kind.done_member].get<std::string>();
        if (done != deltas) {
          drift.push_back(invariant(i, kind.done_member, "the concatenated deltas " + shown(deltas), shown(done),
                                    std::string(kind.done_event) + " holds what its " + kind.delta_event +
                                        " events added up to"));
        }
      }
    }
  }
  return drift;
}

}  // namespace contracts
