#pragma once
// Validation of the Files endpoints' input with the service's wording (FACTS.md §3.1 HEAD):
// the multipart upload form and the list query.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/api_message.hpp"
#include "mock/core/ordered_collection.hpp"

namespace mock::files {

// Purposes POST /files accepts (HEAD), and those v1 accepted (FACTS.md §2.1).
extern const std::vector<std::string> k_upload_purposes;
extern const std::vector<std::string> k_v1_upload_purposes;

struct UploadForm {
  const http::FormPart* file = nullptr;  // points into the request; never null once parsed
  std::string purpose;
  std::optional<std::int64_t> expires_after_seconds;  // anchor is always created_at
};

// Throws 400: not multipart ("Expected a multipart/form-data body ..."), a missing `file`
// or `purpose` part ("Missing required parameter: 'file'."), `file` sent as a plain field
// (invalid_type), an unknown purpose (invalid_value) or part (unknown_parameter), or a bad
// `expires_after[anchor]` / `expires_after[seconds]` (3600..2592000).
// `purposes` is k_upload_purposes, or k_v1_upload_purposes for a v1 request.
UploadForm parse_upload_form(const http::ApiRequest& request,
                             const std::vector<std::string>& purposes = k_upload_purposes);

// GET /files: limit 1..10000 (default 10000), order asc|desc (default desc), after, before.
core::PageQuery parse_file_list_query(const http::ApiRequest& request);

// The content type a download answers with: the part's own, unless it is missing or the
// generic application/octet-stream, then one guessed from the file name's extension.
std::string content_type_for(const std::string& filename, const std::string& sent_type);

}  // namespace mock::files
