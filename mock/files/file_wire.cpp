#include "mock/files/file_wire.hpp"

namespace mock::files {

Json to_wire(const StoredFile& file) {
  Json out = Json::object();
  out["id"] = file.id;
  out["object"] = "file";
  out["bytes"] = file.bytes();
  out["created_at"] = file.created_at;
  out["expires_at"] = file.expires_at ? Json(*file.expires_at) : Json(nullptr);
  out["filename"] = file.filename;
  out["purpose"] = file.purpose;
  // Deprecated fields the service still sends: an upload is processed at once.
  out["status"] = "processed";
  out["status_details"] = nullptr;
  return out;
}

Json deleted_file_wire(const std::string& id) {
  Json out = Json::object();
  out["id"] = id;
  out["object"] = "file";
  out["deleted"] = true;
  return out;
}

}  // namespace mock::files
