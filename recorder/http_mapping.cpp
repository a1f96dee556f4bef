#include "recorder/http_mapping.hpp"

#include <algorithm>
#include <array>

#include "cassettes/body_codec.hpp"

namespace recorder {
namespace {

constexpr std::array<std::string_view, 17> k_hop_by_hop = {
    "connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade",
    "host", "content-length", "expect", "accept-encoding",
    // cpp-httplib adds these to every request it parses
    "remote_addr", "remote_port", "local_addr", "local_port",
    // a replay server's cassette selector is for us, not for the upstream
    "x-cassette", "proxy-authenticate"};

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

std::string percent_encode(std::string_view text, std::string_view also_keep) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c) || also_keep.find(ch) != std::string_view::npos) {
      out += ch;
    } else {
      out += '%';
      out += k_hex[c >> 4U];
      out += k_hex[c & 15U];
    }
  }
  return out;
}

// Headers the request's own Connection header names are hop-by-hop too.
bool named_by_connection(const mock::http::ApiRequest& request, const std::string& lower_name) {
  const auto range = request.headers.equal_range("connection");
  for (auto it = range.first; it != range.second; ++it) {
    std::string tokens = cassettes::to_lower(it->second);
    std::size_t start = 0;
    while (start <= tokens.size()) {
      const std::size_t comma = std::min(tokens.find(',', start), tokens.size());
      std::string token = tokens.substr(start, comma - start);
      token.erase(0, token.find_first_not_of(" \t"));
      token.erase(token.find_last_not_of(" \t") + 1);
      if (token == lower_name) return true;
      start = comma + 1;
    }
  }
  return false;
}

cassettes::HeaderList forwardable_headers(const mock::http::ApiRequest& request) {
  cassettes::HeaderList out;
  for (const auto& [name, value] : request.headers) {
    const std::string lower = cassettes::to_lower(name);
    if (is_hop_by_hop(lower) || named_by_connection(request, lower)) continue;
    out.emplace_back(lower, value);
  }
  return out;
}

}  // namespace

bool is_hop_by_hop(std::string_view name) {
  const std::string lower = cassettes::to_lower(name);
  return std::find(k_hop_by_hop.begin(), k_hop_by_hop.end(), lower) != k_hop_by_hop.end();
}

std::string encode_target(std::string_view path, const cassettes::QueryList& query) {
  std::string out = percent_encode(path, "/:@!$&'()*+,;=");
  char separator = '?';
  for (const auto& [name, value] : query) {
    out += separator;
    out += percent_encode(name, "[]");
    out += '=';
    out += percent_encode(value, "");
    separator = '&';
  }
  return out;
}

cassettes::RecordedRequest to_recorded_request(const mock::http::ApiRequest& request) {
  cassettes::RecordedRequest out;
  out.method = request.method;
  out.path = request.path;
  out.query = request.query;
  out.headers = forwardable_headers(request);
  out.body = cassettes::decode_body(request.header("content-type").value_or(""), request.body);
  return out;
}

OutgoingRequest to_outgoing_request(const mock::http::ApiRequest& request) {
  OutgoingRequest out;
  out.method = request.method;
  out.target = encode_target(request.path, request.query);
  out.headers = forwardable_headers(request);
  out.body = request.body;
  return out;
}

cassettes::HeaderList end_to_end_headers(const cassettes::HeaderList& headers) {
  cassettes::HeaderList out;
  for (const auto& [name, value] : headers) {
    const std::string lower = cassettes::to_lower(name);
    if (is_hop_by_hop(lower) || lower == "content-encoding") continue;
    out.emplace_back(lower, value);
  }
  return out;
}

mock::http::ApiResponse to_api_response(int status, const cassettes::HeaderList& headers, std::string body) {
  mock::http::ApiResponse response;
  response.status = status;
  response.content_type.clear();
  for (const auto& [name, value] : end_to_end_headers(headers)) {
    if (name == "content-type") {
      response.content_type = value;
    } else {
      response.headers.emplace(name, value);
    }
  }
  response.body = std::move(body);
  return response;
}

}  // namespace recorder
