#include "observe/request_pattern.hpp"

#include <re2/re2.h>

#include "http/api_error.hpp"
#include "http/path_glob.hpp"
#include "observe/journal.hpp"

namespace mock::observe {
namespace {
using http::errors::invalid_request;
}

bool json_contains(const Json& actual, const Json& pattern) {
  if (pattern.is_object()) {
    if (!actual.is_object()) return false;
    for (const auto& [key, value] : pattern.items()) {
      const auto it = actual.find(key);
      if (it == actual.end() || !json_contains(*it, value)) return false;
    }
    return true;
  }
  if (pattern.is_array()) {
    if (!actual.is_array() || actual.size() < pattern.size()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      if (!json_contains(actual[i], pattern[i])) return false;
    }
    return true;
  }
  return actual == pattern;
}

RequestPattern RequestPattern::parse(const Json& pattern) {
  if (!pattern.is_object()) throw invalid_request("A request pattern must be a JSON object.");
  RequestPattern out;
  for (const auto& [key, value] : pattern.items()) {
    if (key == "method" && value.is_string()) {
      out.m_method = value.get<std::string>();
    } else if (key == "path" && value.is_string()) {
      out.m_path = value.get<std::string>();
    } else if (key == "path_regex" && value.is_string()) {
      RE2::Options options;
      options.set_log_errors(false);
      auto regex = std::make_shared<const re2::RE2>(value.get<std::string>(), options);
      if (!regex->ok()) throw invalid_request("Invalid 'path_regex': " + regex->error(), "path_regex");
      out.m_path_regex = std::move(regex);
    } else if (key == "query" && value.is_object()) {
      for (const auto& [name, expected] : value.items()) {
        if (!expected.is_string()) {
          throw invalid_request("Invalid 'query." + name + "': expected a string.", "query");
        }
      }
      out.m_query = value;
    } else if (key == "body") {
      out.m_body = value;
    } else if (key == "status" && value.is_number_integer()) {
      out.m_status = value.get<int>();
    } else {
      throw invalid_request("Invalid pattern field '" + key +
                                "'. Expected: method (string), path (glob), path_regex (RE2), "
                                "query (object of strings), body (partial JSON), status (integer).",
                            key);
    }
  }
  return out;
}

bool RequestPattern::matches(const JournalEntry& entry) const {
  if (m_method && entry.method != *m_method) return false;
  if (m_path && !http::glob_match(*m_path, entry.path)) return false;
  if (m_path_regex && !re2::RE2::FullMatch(entry.path, *m_path_regex)) return false;
  if (m_status && entry.status != *m_status) return false;
  for (const auto& [name, expected] : m_query.items()) {
    bool found = false;
    for (const auto& [key, value] : entry.query) found = found || (key == name && value == expected);
    if (!found) return false;
  }
  return !m_body || json_contains(entry.body, *m_body);
}

}  // namespace mock::observe
