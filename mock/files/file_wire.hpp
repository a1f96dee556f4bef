#pragma once
// The File object as the v2 API reference (HEAD) shows it, or, for a request that says
// `OpenAI-Beta: assistants=v1`, as the v1 reference of December 2023 did (no expires_at).
#include "http/api_message.hpp"
#include "http/json.hpp"
#include "mock/files/file_objects.hpp"

namespace mock::files {

enum class FileShape { v1, v2 };

// v1 when the request carries OpenAI-Beta: assistants=v1 (Files need no beta header, so
// every other request, with or without one, sees v2).
FileShape shape_for(const http::ApiRequest& request);

// {id, object:"file", bytes, created_at, expires_at (v2 only), filename, purpose,
//  status:"processed", status_details:null}
Json to_wire(const StoredFile& file, FileShape shape = FileShape::v2);

// {id, object:"file", deleted:true}: the file delete reuses object "file".
Json deleted_file_wire(const std::string& id);

}  // namespace mock::files
