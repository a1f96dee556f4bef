#include "mock/vector_stores/params.hpp"

#include <set>

#include "http/api_error.hpp"
#include "mock/core/field_reader.hpp"

namespace mock::vector_stores {
namespace {
using core::FieldReader;
using http::errors::invalid_request;

constexpr std::size_t k_max_store_file_ids = 500;
constexpr std::size_t k_max_batch_files = 2000;
constexpr std::size_t k_max_helper_file_ids = 10000;
constexpr std::size_t k_max_attributes = 16;
constexpr std::size_t k_max_attribute_key = 64;
constexpr std::size_t k_max_attribute_value = 512;

std::string item_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// An array of file ids, each with the file- prefix, without repeats.
Json parse_file_ids(const Json& value, const std::string& path, std::size_t max_items,
                    std::size_t min_items = 0) {
  if (!value.is_array()) core::throw_invalid_type(path, "an array of strings", value);
  core::check_array_length(path, value, max_items, min_items);
  Json out = Json::array();
  std::set<std::string> seen;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string()) core::throw_invalid_type(item_path(path, i), "a string", value[i]);
    const std::string id = value[i].get<std::string>();
    core::check_id_prefix(item_path(path, i), id, "file-");
    if (seen.insert(id).second) out.push_back(id);
  }
  return out;
}

Json parse_expires_after(const Json& value, const std::string& path) {
  core::FieldReader reader(value, path);
  reader.allow_only({"anchor", "days"});
  const auto anchor = reader.enum_string("anchor", {"last_active_at"}, false);
  if (!anchor) core::throw_missing(reader.path_of("anchor"));
  const auto days = reader.integer("days", 1, 365, false);
  if (!days) core::throw_missing(reader.path_of("days"));
  return Json{{"anchor", *anchor}, {"days", *days}};
}

Json chunking_or_default(const core::FieldReader& reader) {
  const auto given = reader.object("chunking_strategy");
  if (!given || given->is_null()) return default_chunking_strategy();
  return parse_chunking_strategy(*given, reader.path_of("chunking_strategy"));
}

Json attributes_or_empty(const core::FieldReader& reader) {
  if (!reader.has("attributes")) return Json::object();
  return parse_attributes(reader.get("attributes"), reader.path_of("attributes"));
}
}  // namespace

Json default_chunking_strategy() {
  return Json{{"type", "static"},
              {"static", {{"max_chunk_size_tokens", 800}, {"chunk_overlap_tokens", 400}}}};
}

Json parse_chunking_strategy(const Json& value, const std::string& path) {
  core::FieldReader reader(value, path);
  const auto type = reader.enum_string("type", {"auto", "static"}, false);
  if (!type) core::throw_missing(reader.path_of("type"));
  if (*type == "auto") {
    reader.allow_only({"type"});
    return default_chunking_strategy();
  }
  reader.allow_only({"type", "static"});
  const auto fixed = reader.object("static", false);
  if (!fixed) core::throw_missing(reader.path_of("static"));
  core::FieldReader static_reader(*fixed, reader.path_of("static"));
  static_reader.allow_only({"max_chunk_size_tokens", "chunk_overlap_tokens"});
  const auto max_size = static_reader.integer("max_chunk_size_tokens", 100, 4096, false);
  if (!max_size) core::throw_missing(static_reader.path_of("max_chunk_size_tokens"));
  const auto overlap = static_reader.integer("chunk_overlap_tokens", 0, std::nullopt, false);
  if (!overlap) core::throw_missing(static_reader.path_of("chunk_overlap_tokens"));
  const auto max_value = max_size->get<std::int64_t>();
  if (overlap->get<std::int64_t>() > max_value / 2) {
    const std::string param = static_reader.path_of("chunk_overlap_tokens");
    throw invalid_request("Invalid '" + param + "': integer above maximum value. Expected a value <= " +
                              std::to_string(max_value / 2) +
                              " (half of max_chunk_size_tokens), but got " +
                              std::to_string(overlap->get<std::int64_t>()) + " instead.",
                          param, "integer_above_max_value");
  }
  return Json{{"type", "static"},
              {"static", {{"max_chunk_size_tokens", *max_size}, {"chunk_overlap_tokens", *overlap}}}};
}

Json parse_attributes(const Json& value, const std::string& path) {
  if (value.is_null()) return Json::object();
  if (!value.is_object()) core::throw_invalid_type(path, "an object", value);
  if (value.size() > k_max_attributes) {
    throw invalid_request("Invalid '" + path +
                              "': too many properties. Expected an object with at most " +
                              std::to_string(k_max_attributes) +
                              " properties, but got an object with " +
                              std::to_string(value.size()) + " properties instead.",
                          path, "object_above_max_properties");
  }
  for (const auto& [key, item] : value.items()) {
    if (key.size() > k_max_attribute_key) {
      throw invalid_request("Invalid '" + path + "': attribute key '" + key.substr(0, 16) +
                                "...' is too long. Expected a key with maximum length " +
                                std::to_string(k_max_attribute_key) +
                                ", but got a key with length " + std::to_string(key.size()) +
                                " instead.",
                            path, "string_above_max_length");
    }
    const std::string item_path_text = path + "." + key;
    if (item.is_string()) {
      core::check_string_length(item_path_text, item.get<std::string>(), k_max_attribute_value);
    } else if (!item.is_number() && !item.is_boolean()) {
      core::throw_invalid_type(item_path_text, "a string, a number or a boolean", item);
    }
  }
  return value;
}

Json parse_create_vector_store(const Json& body) {
  core::FieldReader reader(body, "");
  reader.allow_only({"file_ids", "name", "description", "expires_after", "chunking_strategy",
                     "metadata"});
  Json out = Json::object();
  out["file_ids"] = reader.has_value("file_ids")
                        ? parse_file_ids(reader.get("file_ids"), "file_ids", k_max_store_file_ids)
                        : Json::array();
  if (auto name = reader.string("name"); name && !name->is_null()) out["name"] = *name;
  if (auto description = reader.string("description", 512); description && !description->is_null()) {
    out["description"] = *description;
  }
  if (auto expires = reader.object("expires_after"); expires && !expires->is_null()) {
    out["expires_after"] = parse_expires_after(*expires, "expires_after");
  }
  out["chunking_strategy"] = chunking_or_default(reader);
  out["metadata"] = reader.has("metadata")
                        ? core::parse_metadata(reader.get("metadata"), "metadata")
                        : Json::object();
  if (out["metadata"].is_null()) out["metadata"] = Json::object();
  return out;
}

Json parse_update_vector_store(const Json& body) {
  core::FieldReader reader(body, "");
  reader.allow_only({"name", "expires_after", "metadata"});
  Json out = Json::object();
  if (auto name = reader.string("name")) out["name"] = *name;
  if (auto expires = reader.object("expires_after")) {
    out["expires_after"] = expires->is_null() ? Json(nullptr)
                                              : parse_expires_after(*expires, "expires_after");
  }
  if (reader.has("metadata")) {
    out["metadata"] = core::parse_metadata(reader.get("metadata"), "metadata");
  }
  return out;
}

Json parse_create_vector_store_file(const Json& body, const std::string& path) {
  core::FieldReader reader(body, path);
  reader.allow_only({"file_id", "chunking_strategy", "attributes"});
  const std::string file_id = reader.required_string("file_id");
  core::check_id_prefix(reader.path_of("file_id"), file_id, "file-");
  return Json{{"file_id", file_id},
              {"chunking_strategy", chunking_or_default(reader)},
              {"attributes", attributes_or_empty(reader)}};
}

Json parse_update_vector_store_file(const Json& body) {
  core::FieldReader reader(body, "");
  reader.allow_only({"attributes"});
  if (!reader.has("attributes")) core::throw_missing("attributes");
  return Json{{"attributes", parse_attributes(reader.get("attributes"), "attributes")}};
}

Json parse_create_file_batch(const Json& body) {
  core::FieldReader reader(body, "");
  reader.allow_only({"file_ids", "files", "chunking_strategy", "attributes"});
  const bool has_ids = reader.has_value("file_ids");
  const bool has_files = reader.has_value("files");
  if (has_ids && has_files) {
    throw invalid_request("Provide either 'file_ids' or 'files', not both.", "files",
                          "invalid_value");
  }
  if (!has_ids && !has_files) core::throw_missing("file_ids");
  Json files = Json::array();
  if (has_ids) {
    const Json chunking = chunking_or_default(reader);
    const Json attributes = attributes_or_empty(reader);
    for (const Json& id : parse_file_ids(reader.get("file_ids"), "file_ids", k_max_batch_files, 1)) {
      files.push_back(Json{{"file_id", id}, {"chunking_strategy", chunking}, {"attributes", attributes}});
    }
    return Json{{"files", std::move(files)}};
  }
  if (reader.has("chunking_strategy") || reader.has("attributes")) {
    const std::string param = reader.has("chunking_strategy") ? "chunking_strategy" : "attributes";
    throw invalid_request("'" + param + "' applies to 'file_ids'; with 'files', set it on each file.",
                          param, "invalid_value");
  }
  const auto given = reader.array("files", k_max_batch_files, false, 1);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < given->size(); ++i) {
    Json file = parse_create_vector_store_file((*given)[i], item_path("files", i));
    if (seen.insert(file["file_id"].get<std::string>()).second) files.push_back(std::move(file));
  }
  return Json{{"files", std::move(files)}};
}

Json parse_vector_store_helper(const Json& value, const std::string& path) {
  core::FieldReader reader(value, path);
  reader.allow_only({"file_ids", "chunking_strategy", "metadata"});
  Json out = Json::object();
  out["file_ids"] = reader.has_value("file_ids")
                        ? parse_file_ids(reader.get("file_ids"), reader.path_of("file_ids"),
                                         k_max_helper_file_ids)
                        : Json::array();
  out["chunking_strategy"] = chunking_or_default(reader);
  Json metadata = reader.has("metadata")
                      ? core::parse_metadata(reader.get("metadata"), reader.path_of("metadata"))
                      : Json::object();
  out["metadata"] = metadata.is_null() ? Json::object() : metadata;
  return out;
}

std::optional<FileStatus> parse_file_filter(const http::ApiRequest& request) {
  const auto filter = request.query_value("filter");
  if (!filter || filter->empty()) return std::nullopt;
  if (*filter == "in_progress") return FileStatus::in_progress;
  if (*filter == "completed") return FileStatus::completed;
  if (*filter == "failed") return FileStatus::failed;
  if (*filter == "cancelled") return FileStatus::cancelled;
  core::throw_invalid_value("filter", *filter, {"in_progress", "completed", "failed", "cancelled"});
}

}  // namespace mock::vector_stores
