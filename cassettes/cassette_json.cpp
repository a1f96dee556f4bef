#include "cassettes/cassette_json.hpp"

#include <map>
#include <utility>

#include "cassettes/base64.hpp"

namespace cassettes {
namespace {

using Result = tl::unexpected<CassetteError>;

Result fail(const std::string& where, const std::string& what) {
  return Result(CassetteError{where + ": " + what});
}

// Some other JSON document: callers walking a directory skip it (CassetteError::not_a_cassette).
Result not_a_cassette(const std::string& where, const std::string& what) {
  return Result(CassetteError{where + ": " + what, true});
}

Result newer_version(std::int64_t number) {
  return fail("version", "cassette format version " + std::to_string(number) +
                             " is newer than this assistants-mock reads (up to " +
                             std::to_string(k_format_version) + "): upgrade assistants-mock to replay it");
}

// ---- writing -------------------------------------------------------------------------

Json headers_to_json(const HeaderList& headers) {
  // Sorted by name so diffs stay small; a repeated header keeps its values in order.
  std::map<std::string, std::vector<std::string>> grouped;
  for (const auto& [name, value] : headers) grouped[to_lower(name)].push_back(value);
  Json out = Json::object();
  for (auto& [name, values] : grouped) {
    out[name] = values.size() == 1 ? Json(values.front()) : Json(values);
  }
  return out;
}

Json event_to_json(const SseEvent& event) {
  Json out = Json::object();
  if (!event.event.empty()) out["event"] = event.event;
  if (!event.id.empty()) out["id"] = event.id;
  out["data"] = event.data;
  out["at_ms"] = event.at_ms;
  return out;
}

Json body_to_json(const Body& body) {
  struct Writer {
    Json operator()(const NoBody&) const { return nullptr; }
    Json operator()(const JsonBody& b) const { return Json{{"json", b.value}}; }
    Json operator()(const TextBody& b) const { return Json{{"text", b.text}}; }
    Json operator()(const BinaryBody& b) const { return Json{{"base64", base64_encode(b.bytes)}}; }
    Json operator()(const EventStreamBody& b) const {
      Json events = Json::array();
      for (const SseEvent& event : b.events) events.push_back(event_to_json(event));
      return Json{{"events", std::move(events)}};
    }
  };
  return std::visit(Writer{}, body);
}

// ---- reading -------------------------------------------------------------------------

tl::expected<std::string, CassetteError> take_string(Json& object, const char* key,
                                                     const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    return fail(where + "." + key, "expected a string");
  }
  return std::move(it->get_ref<std::string&>());
}

// An optional string member: absent reads as "". Not value(key, ""), which throws on a
// member of another type (null included) instead of naming it.
tl::expected<std::string, CassetteError> optional_string(const Json& object, const char* key,
                                                         const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end()) return std::string();
  if (!it->is_string()) return fail(where + "." + key, "expected a string");
  return it->get<std::string>();
}

tl::expected<std::int64_t, CassetteError> take_integer(const Json& object, const char* key,
                                                       const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) {
    return fail(where + "." + key, "expected an integer");
  }
  return it->get<std::int64_t>();
}

tl::expected<HeaderList, CassetteError> headers_from_json(const Json& value, const std::string& where) {
  HeaderList out;
  if (value.is_null()) return out;
  if (!value.is_object()) return fail(where, "expected an object of header names");
  for (const auto& [name, values] : value.items()) {
    if (values.is_string()) {
      out.emplace_back(to_lower(name), values.get<std::string>());
      continue;
    }
    if (!values.is_array()) return fail(where + "." + name, "expected a string or a list of strings");
    for (const Json& item : values) {
      if (!item.is_string()) return fail(where + "." + name, "expected a string or a list of strings");
      out.emplace_back(to_lower(name), item.get<std::string>());
    }
  }
  return out;
}

tl::expected<QueryList, CassetteError> query_from_json(const Json& value, const std::string& where) {
  QueryList out;
  if (value.is_null()) return out;
  if (!value.is_array()) return fail(where, "expected a list of [name, value] pairs");
  for (const Json& pair : value) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
      return fail(where, "expected a list of [name, value] pairs of strings");
    }
    out.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
  }
  return out;
}

tl::expected<SseEvent, CassetteError> event_from_json(Json& value, const std::string& where) {
  if (!value.is_object()) return fail(where, "expected an event object");
  SseEvent event;
  if (const auto it = value.find("event"); it != value.end()) {
    if (!it->is_string()) return fail(where + ".event", "expected a string");
    event.event = it->get<std::string>();
  }
  if (const auto it = value.find("id"); it != value.end()) {
    if (!it->is_string()) return fail(where + ".id", "expected a string");
    event.id = it->get<std::string>();
  }
  const auto data = value.find("data");
  if (data == value.end() || !(data->is_string() || data->is_structured())) {
    return fail(where + ".data", "expected a string, an object or an array");
  }
  event.data = std::move(*data);
  auto at_ms = take_integer(value, "at_ms", where);
  if (!at_ms) return tl::unexpected(at_ms.error());
  event.at_ms = *at_ms;
  return event;
}

tl::expected<Body, CassetteError> body_from_json(Json* value, const std::string& where) {
  if (value == nullptr || value->is_null()) return NoBody{};
  if (!value->is_object() || value->size() != 1) {
    return fail(where, "expected one of {\"json\": ...}, {\"text\": ...}, {\"base64\": ...}, {\"events\": [...]}");
  }
  const auto member = value->begin();
  const std::string kind = member.key();
  Json& content = member.value();
  if (kind == "json") return JsonBody{std::move(content)};
  if (kind == "text") {
    if (!content.is_string()) return fail(where + ".text", "expected a string");
    return TextBody{std::move(content.get_ref<std::string&>())};
  }
  if (kind == "base64") {
    if (!content.is_string()) return fail(where + ".base64", "expected a string");
    auto bytes = base64_decode(content.get_ref<const std::string&>());
    if (!bytes) return fail(where + ".base64", "not valid base64");
    return BinaryBody{std::move(*bytes)};
  }
  if (kind == "events") {
    if (!content.is_array()) return fail(where + ".events", "expected a list of events");
    EventStreamBody stream;
    stream.events.reserve(content.size());
    for (std::size_t i = 0; i < content.size(); ++i) {
      auto event = event_from_json(content[i], where + ".events[" + std::to_string(i) + "]");
      if (!event) return tl::unexpected(event.error());
      stream.events.push_back(std::move(*event));
    }
    return stream;
  }
  return fail(where, "unknown body kind \"" + kind + "\" (json, text, base64 or events)");
}

Json* find_member(Json& object, const char* key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

tl::expected<RecordedRequest, CassetteError> request_from_json(Json& value, const std::string& where) {
  if (!value.is_object()) return fail(where, "expected an object");
  RecordedRequest request;
  auto method = take_string(value, "method", where);
  if (!method) return tl::unexpected(method.error());
  request.method = std::move(*method);
  auto path = take_string(value, "path", where);
  if (!path) return tl::unexpected(path.error());
  request.path = std::move(*path);
  auto query = query_from_json(value.value("query", Json()), where + ".query");
  if (!query) return tl::unexpected(query.error());
  request.query = std::move(*query);
  auto headers = headers_from_json(value.value("headers", Json()), where + ".headers");
  if (!headers) return tl::unexpected(headers.error());
  request.headers = std::move(*headers);
  auto body = body_from_json(find_member(value, "body"), where + ".body");
  if (!body) return tl::unexpected(body.error());
  request.body = std::move(*body);
  return request;
}

tl::expected<RecordedResponse, CassetteError> response_from_json(Json& value, const std::string& where) {
  if (!value.is_object()) return fail(where, "expected an object");
  RecordedResponse response;
  auto status = take_integer(value, "status", where);
  if (!status) return tl::unexpected(status.error());
  if (*status < 100 || *status > 599) return fail(where + ".status", "expected an HTTP status 100..599");
  response.status = static_cast<int>(*status);
  auto headers = headers_from_json(value.value("headers", Json()), where + ".headers");
  if (!headers) return tl::unexpected(headers.error());
  response.headers = std::move(*headers);
  auto body = body_from_json(find_member(value, "body"), where + ".body");
  if (!body) return tl::unexpected(body.error());
  response.body = std::move(*body);
  return response;
}

tl::expected<std::vector<std::string>, CassetteError> strings_from_json(const Json& value,
                                                                       const std::string& where) {
  std::vector<std::string> out;
  if (value.is_null()) return out;
  if (!value.is_array()) return fail(where, "expected a list of strings");
  for (const Json& item : value) {
    if (!item.is_string()) return fail(where, "expected a list of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

tl::expected<CassetteMeta, CassetteError> meta_from_json(Json& value) {
  const std::string where = "meta";
  if (!value.is_object()) return fail(where, "expected an object");
  CassetteMeta meta;
  for (auto [key, field] : {std::pair{"tool", &meta.tool}, std::pair{"recorded_at", &meta.recorded_at},
                            std::pair{"upstream", &meta.upstream}}) {
    auto text = optional_string(value, key, where);
    if (!text) return tl::unexpected(text.error());
    *field = std::move(*text);
  }
  for (auto [key, field] : {std::pair{"api_version", &meta.api_version}, std::pair{"contract", &meta.contract}}) {
    if (const auto it = value.find(key); it != value.end() && !it->is_null()) {
      if (!it->is_string()) return fail(where + "." + key, "expected a string or null");
      *field = it->get<std::string>();
    }
  }
  if (const auto it = value.find("redaction"); it != value.end() && !it->is_null()) {
    if (!it->is_object()) return fail(where + ".redaction", "expected an object");
    auto headers = strings_from_json(it->value("headers", Json()), where + ".redaction.headers");
    if (!headers) return tl::unexpected(headers.error());
    auto paths = strings_from_json(it->value("json_paths", Json()), where + ".redaction.json_paths");
    if (!paths) return tl::unexpected(paths.error());
    meta.redaction = RedactionRules{std::move(*headers), std::move(*paths)};
  }
  return meta;
}

// Refuses what this build cannot read, naming the way forward.
tl::expected<void, CassetteError> check_format(const Json& document) {
  if (!document.is_object()) return not_a_cassette("cassette", "the top level is not a JSON object");
  const auto format = document.find("format");
  const auto version = document.find("version");
  if (format == document.end()) {
    if (document.contains("interactions") && version != document.end()) {
      // vcrpy has only ever written "version": 1; a higher version is a format newer than this build.
      if (version->is_number_integer() && version->get<std::int64_t>() > k_format_version) {
        return newer_version(version->get<std::int64_t>());
      }
      return fail("cassette", "this looks like a vcrpy cassette, not an assistants-mock one "
                              "(no \"format\": \"assistants-mock-cassette\"); re-record it with "
                              "`assistants-mock record`");
    }
    return not_a_cassette("cassette", "not an assistants-mock cassette (no \"format\": \"assistants-mock-cassette\")");
  }
  if (*format != k_format_name) {
    return not_a_cassette("format", "expected \"assistants-mock-cassette\", got " + format->dump());
  }
  if (version == document.end() || !version->is_number_integer()) {
    return fail("version", "expected an integer format version");
  }
  const auto number = version->get<std::int64_t>();
  if (number > k_format_version) return newer_version(number);
  if (number < 1) {
    return fail("version", "cassette format version " + std::to_string(number) +
                               " does not exist; this assistants-mock reads version 1 to " +
                               std::to_string(k_format_version) + ". Re-record the cassette");
  }
  // Version 1 is the only one so far. When version 2 arrives, an upgrade_1_to_2() step goes
  // here and the loader runs every step from the file's version up (FORMAT.md, "Versions").
  return {};
}

}  // namespace

Json meta_to_json(const CassetteMeta& meta) {
  Json out = Json::object();
  out["tool"] = meta.tool;
  out["recorded_at"] = meta.recorded_at;
  out["upstream"] = meta.upstream;
  out["api_version"] = meta.api_version ? Json(*meta.api_version) : Json(nullptr);
  out["redaction"] = Json{{"headers", meta.redaction.headers}, {"json_paths", meta.redaction.json_paths}};
  // Written only when known, so cassettes without it keep their bytes.
  if (meta.contract) out["contract"] = *meta.contract;
  return out;
}

Json interaction_to_json(const Interaction& interaction) {
  const RecordedRequest& request = interaction.request;
  Json req = Json::object();
  req["method"] = request.method;
  req["path"] = request.path;
  if (!request.query.empty()) {
    Json query = Json::array();
    for (const auto& [name, value] : request.query) query.push_back(Json::array({name, value}));
    req["query"] = std::move(query);
  }
  req["headers"] = headers_to_json(request.headers);
  if (Json body = body_to_json(request.body); !body.is_null()) req["body"] = std::move(body);

  const RecordedResponse& response = interaction.response;
  Json res = Json::object();
  res["status"] = response.status;
  res["headers"] = headers_to_json(response.headers);
  if (Json body = body_to_json(response.body); !body.is_null()) res["body"] = std::move(body);

  Json out = Json::object();
  out["request"] = std::move(req);
  out["response"] = std::move(res);
  out["duration_ms"] = interaction.duration_ms;
  return out;
}

Json cassette_to_json(const Cassette& cassette) {
  Json out = Json::object();
  out["format"] = k_format_name;
  out["version"] = k_format_version;
  out["meta"] = meta_to_json(cassette.meta);
  Json interactions = Json::array();
  for (const Interaction& interaction : cassette.interactions) {
    interactions.push_back(interaction_to_json(interaction));
  }
  out["interactions"] = std::move(interactions);
  return out;
}

tl::expected<Interaction, CassetteError> interaction_from_json(Json&& value, const std::string& where) {
  if (!value.is_object()) return fail(where, "expected an object");
  Interaction interaction;
  Json* request = find_member(value, "request");
  if (request == nullptr) return fail(where + ".request", "missing");
  auto parsed_request = request_from_json(*request, where + ".request");
  if (!parsed_request) return tl::unexpected(parsed_request.error());
  interaction.request = std::move(*parsed_request);
  Json* response = find_member(value, "response");
  if (response == nullptr) return fail(where + ".response", "missing");
  auto parsed_response = response_from_json(*response, where + ".response");
  if (!parsed_response) return tl::unexpected(parsed_response.error());
  interaction.response = std::move(*parsed_response);
  if (value.contains("duration_ms")) {
    auto duration = take_integer(value, "duration_ms", where);
    if (!duration) return tl::unexpected(duration.error());
    interaction.duration_ms = *duration;
  }
  return interaction;
}

tl::expected<Cassette, CassetteError> cassette_from_json(Json&& document) {
  if (auto checked = check_format(document); !checked) return tl::unexpected(checked.error());
  Cassette cassette;
  Json* meta = find_member(document, "meta");
  if (meta == nullptr) return fail("meta", "missing");
  auto parsed_meta = meta_from_json(*meta);
  if (!parsed_meta) return tl::unexpected(parsed_meta.error());
  cassette.meta = std::move(*parsed_meta);
  Json* interactions = find_member(document, "interactions");
  if (interactions == nullptr || !interactions->is_array()) {
    return fail("interactions", "expected a list");
  }
  cassette.interactions.reserve(interactions->size());
  for (std::size_t i = 0; i < interactions->size(); ++i) {
    auto interaction =
        interaction_from_json(std::move((*interactions)[i]), "interactions[" + std::to_string(i) + "]");
    if (!interaction) return tl::unexpected(interaction.error());
    cassette.interactions.push_back(std::move(*interaction));
  }
  return cassette;
}

}  // namespace cassettes
