#include "recorder/redaction.hpp"

#include <algorithm>
#include <utility>

namespace recorder {
namespace {
using cassettes::Body;
using cassettes::HeaderList;
using cassettes::Json;
using cassettes::RecordedRequest;
using cassettes::RecordedResponse;

// Shorter values are too likely to occur by chance for blind replacement in bodies.
constexpr std::size_t k_min_scrubbed_length = 8;

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

bool name_looks_secret(const std::string& lower) {
  return contains(lower, "api-key") || contains(lower, "api_key") || contains(lower, "apikey") ||
         contains(lower, "token") || contains(lower, "secret");
}

void replace_all(std::string& text, const std::string& secret) {
  std::size_t at = 0;
  while ((at = text.find(secret, at)) != std::string::npos) {
    text.replace(at, secret.size(), k_redacted);
    at += k_redacted.size();
  }
}

void scrub_string(std::string& text, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) replace_all(text, secret);
}

void scrub_json(Json& value, const std::vector<std::string>& secrets) {
  std::vector<Json*> pending{&value};  // iterative: bodies may be deep
  while (!pending.empty()) {
    Json* node = pending.back();
    pending.pop_back();
    if (node->is_string()) {
      scrub_string(node->get_ref<std::string&>(), secrets);
    } else if (node->is_structured()) {
      for (Json& child : *node) pending.push_back(&child);
    }
  }
}

void scrub_body(Body& body, const std::vector<std::string>& secrets) {
  if (auto* json = std::get_if<cassettes::JsonBody>(&body)) scrub_json(json->value, secrets);
  if (auto* text = std::get_if<cassettes::TextBody>(&body)) scrub_string(text->text, secrets);
  if (auto* binary = std::get_if<cassettes::BinaryBody>(&body)) scrub_string(binary->bytes, secrets);
  if (auto* stream = std::get_if<cassettes::EventStreamBody>(&body)) {
    for (cassettes::SseEvent& event : stream->events) scrub_json(event.data, secrets);
  }
}

void redact_json_paths(Body& body, const std::vector<JsonPath>& paths) {
  const Json placeholder(k_redacted);
  if (auto* json = std::get_if<cassettes::JsonBody>(&body)) {
    for (const JsonPath& path : paths) path.replace_in(json->value, placeholder);
  }
  if (auto* stream = std::get_if<cassettes::EventStreamBody>(&body)) {
    for (cassettes::SseEvent& event : stream->events) {
      for (const JsonPath& path : paths) path.replace_in(event.data, placeholder);
    }
  }
}

}  // namespace

bool is_builtin_secret_header(std::string_view name) {
  const std::string lower = cassettes::to_lower(name);
  static const std::vector<std::string> k_exact = {"authorization", "proxy-authorization",
                                                   "openai-organization", "openai-project",
                                                   "cookie", "set-cookie"};
  return std::find(k_exact.begin(), k_exact.end(), lower) != k_exact.end() || name_looks_secret(lower);
}

bool is_secret_query_parameter(std::string_view name) {
  const std::string lower = cassettes::to_lower(name);
  return lower == "key" || name_looks_secret(lower);
}

bool Redactor::is_secret_header(std::string_view name) const {
  if (is_builtin_secret_header(name)) return true;
  const std::string lower = cassettes::to_lower(name);
  return std::find(m_extra_headers.begin(), m_extra_headers.end(), lower) != m_extra_headers.end();
}

Redactor::SecretValues Redactor::secret_values(const RecordedRequest& request) const {
  SecretValues out;
  const auto keep = [&out](std::string value) {
    if (value.size() >= k_min_scrubbed_length && value != k_redacted &&
        std::find(out.begin(), out.end(), value) == out.end()) {
      out.push_back(std::move(value));
    }
  };
  for (const auto& [name, value] : request.headers) {
    if (!is_secret_header(name)) continue;
    keep(value);
    // "Bearer sk-..." -> also "sk-...", which is what a body or an error message would echo.
    if (const std::size_t space = value.find(' '); space != std::string::npos) keep(value.substr(space + 1));
  }
  for (const auto& [name, value] : request.query) {
    if (is_secret_query_parameter(name)) keep(value);
  }
  // Longest first, so a value containing a shorter one is replaced whole.
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return out;
}

tl::expected<Redactor, std::string> Redactor::create(cassettes::RedactionRules extra) {
  Redactor redactor;
  for (const std::string& header : extra.headers) {
    if (header.empty()) return tl::unexpected(std::string("an empty header name to redact"));
    redactor.m_extra_headers.push_back(cassettes::to_lower(header));
  }
  std::vector<JsonPath> paths;
  for (const std::string& text : extra.json_paths) {
    auto path = JsonPath::parse(text);
    if (!path) return tl::unexpected(path.error());
    paths.push_back(std::move(*path));
  }
  redactor.m_rules = std::move(extra);

  // The pipeline, composed once. Each filter holds copies of what it needs, so a Redactor
  // can be copied and moved freely.
  const std::vector<std::string> extra_headers = redactor.m_extra_headers;
  const auto secret_header = [extra_headers](std::string_view name) {
    return is_builtin_secret_header(name) ||
           std::find(extra_headers.begin(), extra_headers.end(), cassettes::to_lower(name)) != extra_headers.end();
  };
  const auto redact_headers = [secret_header](HeaderList& headers, const SecretValues& secrets) {
    for (auto& [name, value] : headers) {
      if (secret_header(name)) {
        value = std::string(k_redacted);
      } else {
        scrub_string(value, secrets);
      }
    }
  };
  redactor.m_request_filters = {
      [redact_headers](RecordedRequest& r, const SecretValues& s) { redact_headers(r.headers, s); },
      [](RecordedRequest& r, const SecretValues& s) {
        for (auto& [name, value] : r.query) {
          if (is_secret_query_parameter(name)) {
            value = std::string(k_redacted);
          } else {
            scrub_string(value, s);
          }
        }
      },
      [paths](RecordedRequest& r, const SecretValues&) { redact_json_paths(r.body, paths); },
      [](RecordedRequest& r, const SecretValues& s) { scrub_body(r.body, s); },
  };
  redactor.m_response_filters = {
      [redact_headers](RecordedResponse& r, const SecretValues& s) { redact_headers(r.headers, s); },
      [paths](RecordedResponse& r, const SecretValues&) { redact_json_paths(r.body, paths); },
      [](RecordedResponse& r, const SecretValues& s) { scrub_body(r.body, s); },
  };
  return redactor;
}

RecordedRequest Redactor::redact_request(RecordedRequest request) const {
  const SecretValues secrets = secret_values(request);
  for (const auto& filter : m_request_filters) filter(request, secrets);
  return request;
}

RecordedResponse Redactor::redact_response(RecordedResponse response, const RecordedRequest& original_request) const {
  const SecretValues secrets = secret_values(original_request);
  for (const auto& filter : m_response_filters) filter(response, secrets);
  return response;
}

cassettes::Interaction Redactor::redact(cassettes::Interaction interaction) const {
  interaction.response = redact_response(std::move(interaction.response), interaction.request);
  interaction.request = redact_request(std::move(interaction.request));
  return interaction;
}

}  // namespace recorder
