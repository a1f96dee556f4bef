#pragma once
// Secrets never reach a cassette (STYLE.md §5): one pipeline of filters, composed once
// from the rules, run on every interaction before it is saved and on every live request
// before it is matched, so a redacted value still matches its recording.
//
// Built in: the headers Authorization, Proxy-Authorization, OpenAI-Organization,
// OpenAI-Project, Cookie, Set-Cookie and any header whose name contains "api-key",
// "api_key", "apikey", "token" or "secret"; query parameters named like them (and `key`);
// and, wherever else they appear (bodies, other headers), the secret values those carried.
// Extra header names and JSON body paths come from flags and the cassette's metadata.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "cassettes/cassette.hpp"
#include "recorder/json_path.hpp"

namespace recorder {

inline constexpr std::string_view k_redacted = "[REDACTED]";

bool is_builtin_secret_header(std::string_view name);
bool is_secret_query_parameter(std::string_view name);

class Redactor {
public:
  // Fails on a JSON path it cannot parse, naming it.
  static tl::expected<Redactor, std::string> create(cassettes::RedactionRules extra);

  cassettes::RecordedRequest redact_request(cassettes::RecordedRequest request) const;
  // `original_request` is the request as sent (before redaction): secret values it carried
  // are scrubbed from the response as well.
  cassettes::RecordedResponse redact_response(cassettes::RecordedResponse response,
                                              const cassettes::RecordedRequest& original_request) const;
  cassettes::Interaction redact(cassettes::Interaction interaction) const;

  bool is_secret_header(std::string_view name) const;
  // The extra rules (beyond the built-in ones), for the cassette's metadata.
  const cassettes::RedactionRules& extra_rules() const { return m_rules; }

private:
  using SecretValues = std::vector<std::string>;
  template <class Message>
  using Filter = std::function<void(Message&, const SecretValues&)>;

  Redactor() = default;
  SecretValues secret_values(const cassettes::RecordedRequest& request) const;

  cassettes::RedactionRules m_rules;
  std::vector<std::string> m_extra_headers;  // lower case
  std::vector<Filter<cassettes::RecordedRequest>> m_request_filters;
  std::vector<Filter<cassettes::RecordedResponse>> m_response_filters;
};

}  // namespace recorder
