#include "mock/vector_stores/vector_store_request.hpp"

#include <utility>

#include "mock/core/normalised_fields.hpp"
#include "mock/vector_stores/params.hpp"

namespace mock::vector_stores {
namespace {
NewVectorStoreFile new_file_from_fields(Json fields) {
  NewVectorStoreFile file;
  file.file_id = fields.at("file_id").get<std::string>();
  file.chunking_strategy = std::move(fields.at("chunking_strategy"));
  file.attributes = std::move(fields.at("attributes"));
  return file;
}
}  // namespace

NewVectorStore new_vector_store_from_fields(const Json& fields) {
  NewVectorStore store;
  for (const Json& id : fields.at("file_ids")) store.file_ids.push_back(id.get<std::string>());
  store.name = core::given<std::string>(fields, "name").value_or("");
  store.description = core::given<std::string>(fields, "description");
  store.expires_after = fields.value("expires_after", Json(nullptr));
  store.chunking_strategy = fields.at("chunking_strategy");
  store.metadata = core::sent_map(fields, "metadata").value_or(Json::object());
  return store;
}

NewVectorStore read_create_vector_store(const Json& body) {
  return new_vector_store_from_fields(parse_create_vector_store(body));
}

VectorStoreUpdate read_update_vector_store(const Json& body) {
  const Json fields = parse_update_vector_store(body);
  VectorStoreUpdate update;
  if (const auto name = core::sent<std::string>(fields, "name")) update.name = name->value_or("");
  update.expires_after = core::sent_json(fields, "expires_after");
  update.metadata = core::sent_map(fields, "metadata");
  return update;
}

NewVectorStoreFile read_create_vector_store_file(const Json& body) {
  return new_file_from_fields(parse_create_vector_store_file(body));
}

VectorStoreFileUpdate read_update_vector_store_file(const Json& body) {
  Json fields = parse_update_vector_store_file(body);
  return VectorStoreFileUpdate{std::move(fields.at("attributes"))};
}

NewFileBatch read_create_file_batch(const Json& body) {
  Json fields = parse_create_file_batch(body);
  NewFileBatch batch;
  for (Json& file : fields.at("files")) batch.files.push_back(new_file_from_fields(std::move(file)));
  return batch;
}

}  // namespace mock::vector_stores
