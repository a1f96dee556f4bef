// Fuzz target: multipart uploads (POST /v1/files) through the upload form parser
// (mock/files/file_params) and the file store with its byte limits, then what a client does
// with the file: retrieve, download, list by purpose, delete. cpp-httplib splits the
// multipart body into parts before our code sees it (only its compiled library can), so the
// input is the parts themselves:
//
//   multipart/form-data; boundary=x        <- Content-Type header
//   assistants=v2                          <- OpenAI-Beta header ("-" for none)
//   --part
//   file                                   <- part name
//   notes.txt                              <- file name ("" for a plain field)
//   text/plain                             <- part content type
//   hello                                  <- content, to the next "\n--part\n"
//
// Checks: a kept file downloads byte for byte, typed as content_type_for() says, and shows
// up in its purpose's list; bad forms answer 4xx (mock_harness checks the rest).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "mock/files/file_params.hpp"
#include "tests/fuzz/mock_harness.hpp"

namespace {

constexpr std::string_view k_part_separator = "\n--part\n";

std::string next_line(std::string_view& text) {
  const std::size_t newline = text.find('\n');
  const std::string line(text.substr(0, newline));
  text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
  return line;
}

mock::http::FormPart parse_part(std::string_view block) {
  mock::http::FormPart part;
  part.name = next_line(block);
  part.filename = next_line(block);
  part.content_type = next_line(block);
  part.content = std::string(block);
  return part;
}

[[noreturn]] void broken(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz: %s: %.2000s\n", what, detail.c_str());
  std::abort();
}

const mock::http::FormPart* find_part(const mock::http::ApiRequest& request, std::string_view name) {
  for (const auto& part : request.form_parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

void check_kept_file(mock::MockServer& server, const mock::http::ApiRequest& upload,
                     const std::string& beta, const std::string& id) {
  const auto ask = [&](const char* method, const std::string& path) {
    mock::http::ApiRequest request = fuzz::api_request(method, path);
    request.headers.erase("OpenAI-Beta");
    if (beta != "-") request.headers.emplace("OpenAI-Beta", beta);
    return fuzz::serve(server, request);
  };
  const mock::http::FormPart& file = *find_part(upload, "file");
  const mock::http::FormPart& purpose = *find_part(upload, "purpose");
  if (ask("GET", "/v1/files/" + id).status != 200) broken("a kept file cannot be retrieved", id);
  const mock::http::ApiResponse content = ask("GET", "/v1/files/" + id + "/content");
  if (content.status != 200 || content.body != file.content) {
    broken("a download differs from the upload", content.body);
  }
  if (content.content_type != mock::files::content_type_for(file.filename, file.content_type)) {
    broken("a download has the wrong content type", content.content_type);
  }
  const mock::http::ApiResponse list = ask("GET", "/v1/files?purpose=" + purpose.content);
  if (list.status == 200 && list.body.find("\"" + id + "\"") == std::string::npos) {
    broken("a kept file is missing from its purpose's list", list.body);
  }
  if (ask("DELETE", "/v1/files/" + id).status != 200) broken("a kept file cannot be deleted", id);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  mock::http::ApiRequest request = fuzz::api_request("POST", "/v1/files");
  request.headers.erase("OpenAI-Beta");
  request.headers.erase("Content-Type");
  request.headers.emplace("Content-Type", next_line(input));
  const std::string beta = next_line(input);
  if (beta != "-") request.headers.emplace("OpenAI-Beta", beta);
  if (input.starts_with("--part\n")) input.remove_prefix(7);
  while (!input.empty()) {
    const std::size_t end = input.find(k_part_separator);
    request.form_parts.push_back(parse_part(input.substr(0, end)));
    input.remove_prefix(end == std::string_view::npos ? input.size() : end + k_part_separator.size());
  }

  auto server = fuzz::make_server();
  // Twice: the second upload meets the first in the store's total limit.
  std::vector<std::string> kept;
  for (int attempt = 0; attempt < 2; ++attempt) {
    mock::http::ApiRequest sent = request;
    const mock::http::ApiResponse response = fuzz::serve(*server, sent);
    if (response.status >= 500) broken("an upload answered 5xx", response.body);
    if (response.status == 200) kept.push_back(mock::Json::parse(response.body).at("id").get<std::string>());
  }
  for (const std::string& id : kept) check_kept_file(*server, request, beta, id);
  return 0;
}
