#include "mock/files/file_params.hpp"

#include <array>
#include <charconv>
#include <string_view>

#include "http/api_error.hpp"
#include "mock/core/field_reader.hpp"

namespace mock::files {
namespace {
using http::errors::invalid_request;

constexpr std::int64_t k_max_list_limit = 10000;
constexpr std::int64_t k_min_expiry_seconds = 3600;
constexpr std::int64_t k_max_expiry_seconds = 2592000;

const http::FormPart* find_part(const http::ApiRequest& request, std::string_view name) {
  for (const http::FormPart& part : request.form_parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

void check_range(const std::string& param, std::int64_t value, std::int64_t min, std::int64_t max) {
  if (value < min) {
    throw invalid_request("Invalid '" + param + "': integer below minimum value. Expected a value >= " +
                              std::to_string(min) + ", but got " + std::to_string(value) + " instead.",
                          param, "integer_below_min_value");
  }
  if (value > max) {
    throw invalid_request("Invalid '" + param + "': integer above maximum value. Expected a value <= " +
                              std::to_string(max) + ", but got " + std::to_string(value) + " instead.",
                          param, "integer_above_max_value");
  }
}

std::optional<std::int64_t> parse_expiry(const http::ApiRequest& request) {
  const http::FormPart* anchor = find_part(request, "expires_after[anchor]");
  const http::FormPart* seconds = find_part(request, "expires_after[seconds]");
  if (anchor == nullptr && seconds == nullptr) return std::nullopt;
  if (anchor == nullptr) core::throw_missing("expires_after.anchor");
  if (seconds == nullptr) core::throw_missing("expires_after.seconds");
  if (anchor->content != "created_at") {
    core::throw_invalid_value("expires_after.anchor", anchor->content, {"created_at"});
  }
  const auto value = parse_integer(seconds->content);
  if (!value) {
    throw invalid_request("Invalid type for 'expires_after.seconds': expected an integer, but got a "
                          "string that could not be parsed as an integer instead.",
                          "expires_after.seconds", "invalid_type");
  }
  check_range("expires_after.seconds", *value, k_min_expiry_seconds, k_max_expiry_seconds);
  return value;
}

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}
}  // namespace

const std::vector<std::string> k_upload_purposes = {"assistants", "batch",     "fine-tune",
                                                    "vision",     "user_data", "evals"};

const std::vector<std::string> k_v1_upload_purposes = {"fine-tune", "assistants"};

UploadForm parse_upload_form(const http::ApiRequest& request,
                             const std::vector<std::string>& purposes) {
  const std::string type = request.header("Content-Type").value_or("");
  if (lower(type).rfind("multipart/form-data", 0) != 0) {
    throw invalid_request(
        "Expected a multipart/form-data body with a 'file' part and a 'purpose' part, but the "
        "Content-Type is '" + type + "'. (HINT: with curl, -F purpose=assistants -F file=@notes.txt.)");
  }
  for (const http::FormPart& part : request.form_parts) {
    const bool known = part.name == "file" || part.name == "purpose" ||
                       part.name == "expires_after[anchor]" || part.name == "expires_after[seconds]";
    if (!known) {
      throw invalid_request("Unknown parameter: '" + part.name + "'.", part.name, "unknown_parameter");
    }
  }
  UploadForm form;
  form.file = find_part(request, "file");
  if (form.file == nullptr) core::throw_missing("file");
  if (form.file->filename.empty()) {
    throw invalid_request("Invalid type for 'file': expected a file, but got a string instead.",
                          "file", "invalid_type");
  }
  const http::FormPart* purpose = find_part(request, "purpose");
  if (purpose == nullptr) core::throw_missing("purpose");
  bool supported = false;
  for (const std::string& allowed : purposes) supported = supported || allowed == purpose->content;
  if (!supported) core::throw_invalid_value("purpose", purpose->content, purposes);
  form.purpose = purpose->content;
  form.expires_after_seconds = parse_expiry(request);
  return form;
}

core::PageQuery parse_file_list_query(const http::ApiRequest& request) {
  core::PageQuery query;
  query.limit = static_cast<std::size_t>(k_max_list_limit);
  if (auto limit = request.query_value("limit")) {
    const auto value = parse_integer(*limit);
    if (!value) {
      throw invalid_request("Invalid type for 'limit': expected an integer, but got a string "
                            "that could not be parsed as an integer instead.",
                            "limit", "invalid_type");
    }
    check_range("limit", *value, 1, k_max_list_limit);
    query.limit = static_cast<std::size_t>(*value);
  }
  if (auto order = request.query_value("order")) {
    if (*order != "asc" && *order != "desc") {
      core::throw_invalid_value("order", *order, {"asc", "desc"});
    }
    query.ascending = *order == "asc";
  }
  if (auto after = request.query_value("after"); after && !after->empty()) query.after = *after;
  if (auto before = request.query_value("before"); before && !before->empty()) query.before = *before;
  return query;
}

std::string content_type_for(const std::string& filename, const std::string& sent_type) {
  if (!sent_type.empty() && lower(sent_type) != "application/octet-stream") return sent_type;
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> k_types = {{
      {".txt", "text/plain"},        {".md", "text/markdown"},
      {".csv", "text/csv"},          {".html", "text/html"},
      {".json", "application/json"}, {".jsonl", "application/jsonl"},
      {".pdf", "application/pdf"},   {".py", "text/x-python"},
      {".png", "image/png"},         {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},       {".gif", "image/gif"},
      {".webp", "image/webp"},       {".xml", "application/xml"},
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {".zip", "application/zip"},
  }};
  const auto dot = filename.rfind('.');
  if (dot != std::string::npos) {
    const std::string extension = lower(filename.substr(dot));
    for (const auto& [ext, type] : k_types) {
      if (ext == extension) return std::string(type);
    }
  }
  return "application/octet-stream";
}

}  // namespace mock::files
