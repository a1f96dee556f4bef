#include "recorder/match_keys.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <vector>

#include "cassettes/body_codec.hpp"
#include "cassettes/bounded_json.hpp"

namespace recorder {
namespace {
using cassettes::Json;

// Length-prefixed, so that no two different lists of parts give the same text.
void append_part(std::string_view part, std::string& out) {
  out += std::to_string(part.size());
  out += ':';
  out += part;
}

void append_number(double value, std::string& out) {
  // nlohmann compares 1 and 1.0 (and integers with doubles) as doubles; -0.0 equals 0.0.
  value += 0.0;
  char buffer[32];
  const auto written = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out += 'd';
  out.append(buffer, written.ptr);
  out += ';';
}

}  // namespace

void append_canonical_json(const Json& value, std::string& out) {
  // Work items: a value to write, or an object key (written before its value), or a closing bracket.
  struct Item {
    const Json* value = nullptr;
    const std::string* key = nullptr;
    char close = 0;
  };
  std::vector<Item> pending{{&value, nullptr, 0}};
  std::vector<std::pair<const std::string*, const Json*>> members;
  while (!pending.empty()) {
    const Item item = pending.back();
    pending.pop_back();
    if (item.close != 0) {
      out += item.close;
      continue;
    }
    if (item.key != nullptr) {
      append_part(*item.key, out);
      continue;
    }
    const Json& node = *item.value;
    switch (node.type()) {
      case Json::value_t::null:
        out += 'n';
        break;
      case Json::value_t::boolean:
        out += node.get<bool>() ? 't' : 'f';
        break;
      case Json::value_t::number_integer:
      case Json::value_t::number_unsigned:
      case Json::value_t::number_float:
        append_number(node.get<double>(), out);
        break;
      case Json::value_t::string:
        out += 's';
        append_part(node.get_ref<const std::string&>(), out);
        break;
      case Json::value_t::array:
        out += '[';
        pending.push_back({nullptr, nullptr, ']'});
        for (auto it = node.rbegin(); it != node.rend(); ++it) pending.push_back({&*it, nullptr, 0});
        break;
      case Json::value_t::object: {
        out += '{';
        pending.push_back({nullptr, nullptr, '}'});
        members.clear();
        for (auto it = node.begin(); it != node.end(); ++it) members.emplace_back(&it.key(), &it.value());
        std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
        for (auto it = members.rbegin(); it != members.rend(); ++it) {
          pending.push_back({it->second, nullptr, 0});
          pending.push_back({nullptr, it->first, 0});
        }
        break;
      }
      default:  // binary, discarded: never in a parsed body
        out += '?';
        break;
    }
  }
}

void key_method(const cassettes::RecordedRequest& request, std::string& out) { append_part(request.method, out); }

void key_path(const cassettes::RecordedRequest& request, std::string& out) { append_part(request.path, out); }

void key_query(const cassettes::RecordedRequest& request, std::string& out) {
  // match_query compares the lists stably sorted by name.
  cassettes::QueryList sorted = request.query;
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [name, value] : sorted) {
    append_part(name, out);
    append_part(value, out);
  }
}

void key_json_body(const cassettes::RecordedRequest& request, std::string& out) {
  // match_json_body compares two JSON bodies as JSON and anything else by its bytes. A JSON
  // body and a text whose bytes are its JSON match, so text that parses as JSON is keyed as JSON.
  if (const auto* json = std::get_if<cassettes::JsonBody>(&request.body)) {
    out += 'J';
    append_canonical_json(json->value, out);
    return;
  }
  const std::string bytes = cassettes::encode_body(request.body);
  if (auto parsed = cassettes::parse_json_bounded(bytes, cassettes::k_max_body_depth)) {
    out += 'J';
    append_canonical_json(*parsed, out);
    return;
  }
  out += 'B';
  out += bytes;
}

void key_body(const cassettes::RecordedRequest& request, std::string& out) { out += cassettes::encode_body(request.body); }

void key_header(const cassettes::RecordedRequest& request, const std::string& lower_name, std::string& out) {
  for (const auto& [name, value] : request.headers) {
    if (cassettes::to_lower(name) == lower_name) append_part(value, out);
  }
}

std::uint64_t hash_key(std::string_view key) { return std::hash<std::string_view>{}(key); }

}  // namespace recorder
