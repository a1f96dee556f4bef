#include "mock/files/file_wire.hpp"

namespace mock::files {

FileShape shape_for(const http::ApiRequest& request) {
  const auto beta = request.header("OpenAI-Beta");
  return beta && beta->find("assistants=v1") != std::string::npos ? FileShape::v1 : FileShape::v2;
}

Json to_wire(const StoredFile& file, FileShape shape) {
  Json out = Json::object();
  out["id"] = file.id;
  out["object"] = "file";
  out["bytes"] = file.bytes();
  out["created_at"] = file.created_at;
  // The spec declares expires_at (v2) and status_details optional and not nullable: they
  // are left out when there is nothing to say, never sent as null.
  if (shape == FileShape::v2 && file.expires_at) out["expires_at"] = *file.expires_at;
  out["filename"] = file.filename;
  out["purpose"] = file.purpose;
  // Deprecated, still required: an upload is processed at once.
  out["status"] = "processed";
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
