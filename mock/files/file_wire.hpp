#pragma once
// The File object as the v2 API reference (HEAD) shows it.
#include "mock/core/json.hpp"
#include "mock/files/file_objects.hpp"

namespace mock::files {

// {id, object:"file", bytes, created_at, expires_at, filename, purpose,
//  status:"processed", status_details:null}
Json to_wire(const StoredFile& file);

// {id, object:"file", deleted:true}: the file delete reuses object "file".
Json deleted_file_wire(const std::string& id);

}  // namespace mock::files
