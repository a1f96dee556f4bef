#include "mock/files/file_handlers.hpp"

#include <memory>

#include "http/api_error.hpp"
#include "mock/core/list_envelope.hpp"
#include "mock/files/file_params.hpp"
#include "mock/files/file_wire.hpp"

namespace mock::files {

ApiResponse upload_file(const ApiRequest& request, FileServices& services) {
  const FileShape shape = shape_for(request);
  const UploadForm form = parse_upload_form(
      request, shape == FileShape::v1 ? k_v1_upload_purposes : k_upload_purposes);
  StoredFile file;
  file.id = services.ids.next("file-");
  file.created_at = services.clock.now_seconds();
  if (form.expires_after_seconds) file.expires_at = file.created_at + *form.expires_after_seconds;
  file.filename = form.file->filename;
  file.purpose = form.purpose;
  file.content_type = content_type_for(form.file->filename, form.file->content_type);
  file.content = std::make_shared<const std::string>(form.file->content);
  return ApiResponse::json(to_wire(services.store.add(std::move(file)), shape));
}

ApiResponse list_files(const ApiRequest& request, FileServices& services) {
  const auto purpose = request.query_value("purpose");
  std::function<bool(const StoredFile&)> keep;
  if (purpose && !purpose->empty()) {
    keep = [&purpose](const StoredFile& file) { return file.purpose == *purpose; };
  }
  if (shape_for(request) == FileShape::v1) {
    // v1 listed every file, {object, data} only, without cursors.
    return services.store.with_state([&](FilesState& state) {
      Json data = Json::array();
      state.files.for_each([&](const StoredFile& file) {
        if (!keep || keep(file)) data.push_back(to_wire(file, FileShape::v1));
      });
      return ApiResponse::json(Json{{"object", "list"}, {"data", std::move(data)}});
    });
  }
  const core::PageQuery query = parse_file_list_query(request);
  return services.store.with_state([&](FilesState& state) {
    try {
      return ApiResponse::json(core::list_envelope(state.files.page(query, keep),
                                             [](const StoredFile& f) { return to_wire(f); }));
    } catch (const core::UnknownCursor& cursor) {
      throw http::errors::invalid_request("Invalid '" + cursor.param + "': no object with id '" +
                                              cursor.id + "' in this list.",
                                          cursor.param, "invalid_value");
    }
  });
}

ApiResponse retrieve_file(const ApiRequest& request, FileServices& services) {
  return ApiResponse::json(
      to_wire(require_file(services.store, request.path_param("file_id")), shape_for(request)));
}

ApiResponse delete_file(const ApiRequest& request, FileServices& services) {
  const std::string id = require_file(services.store, request.path_param("file_id")).id;
  if (!services.store.remove(id)) throw http::errors::not_found("file", id);  // lost a race
  if (services.on_deleted) services.on_deleted(id);
  return ApiResponse::json(deleted_file_wire(id));
}

ApiResponse download_file_content(const ApiRequest& request, FileServices& services) {
  const StoredFile file = require_file(services.store, request.path_param("file_id"));
  ApiResponse response;
  response.content_type = file.content_type;
  response.body = *file.content;
  return response;
}

}  // namespace mock::files
