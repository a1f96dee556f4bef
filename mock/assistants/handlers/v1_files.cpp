// The v1-only file links: assistant files (attach, list, retrieve, detach) and message
// files (read-only). Removing a link never deletes the File itself (FACTS.md §9.8).
#include "http/api_error.hpp"
#include "mock/assistants/handlers/handler_support.hpp"
#include "mock/assistants/handlers/handlers.hpp"
#include "mock/assistants/params/request_params.hpp"
#include "mock/assistants/params/shared_params.hpp"
#include "mock/core/beta_header.hpp"

namespace mock::assistants {
namespace {
constexpr std::size_t k_max_assistant_files = 20;

struct FileLink {
  std::string id;  // the File id
  Json wire;
};

Json assistant_file_wire(const Assistant& assistant, const std::string& file_id) {
  const auto at = assistant.file_attached_at.find(file_id);
  return Json{{"id", file_id},
              {"object", "assistant.file"},
              {"created_at", at == assistant.file_attached_at.end() ? assistant.created_at : at->second},
              {"assistant_id", assistant.id}};
}

Json message_file_wire(const Message& message, const std::string& file_id) {
  return Json{{"id", file_id},
              {"object", "thread.message.file"},
              {"created_at", message.created_at},
              {"message_id", message.id}};
}

bool has_file(const Json& file_ids, const std::string& file_id) {
  for (const Json& id : file_ids) {
    if (id == file_id) return true;
  }
  return false;
}

// A handful of links (at most 20), paged with the same rules as every list.
ApiResponse list_links(const std::vector<FileLink>& links, const ApiRequest& request) {
  core::OrderedCollection<FileLink> collection;
  for (const FileLink& link : links) collection.insert(link);
  const core::PageQuery query = core::parse_list_query(request);
  try {
    const core::Page<FileLink> page = collection.page(query);
    Json data = Json::array();
    for (const FileLink* link : page.items) data.push_back(link->wire);
    return ApiResponse::json(Json{{"object", "list"},
                                  {"data", data},
                                  {"first_id", page.items.empty() ? Json(nullptr) : Json(page.items.front()->id)},
                                  {"last_id", page.items.empty() ? Json(nullptr) : Json(page.items.back()->id)},
                                  {"has_more", page.has_more}});
  } catch (const core::UnknownCursor& cursor) {
    core::throw_unknown_cursor(cursor);
  }
}
}  // namespace

ApiResponse create_assistant_file(const ApiRequest& request, Services& services) {
  core::require_version(request, ApiVersion::v1);
  const std::string file_id = parse_create_assistant_file(request.json_body());
  return services.store.with_state([&](AssistantsState& state) {
    Assistant& assistant = require_assistant(state, request.path_param("assistant_id"));
    if (!has_file(assistant.file_ids, file_id)) {
      if (assistant.file_ids.size() >= k_max_assistant_files) {
        throw http::errors::invalid_request("Invalid 'file_ids': an assistant can have at most 20 files.",
                                            "file_id", "array_above_max_length");
      }
      Json file_ids = assistant.file_ids;
      file_ids.push_back(file_id);
      set_code_interpreter_files(assistant, std::move(file_ids));
      assistant.file_attached_at[file_id] = services.clock.now_seconds();
    }
    return ApiResponse::json(assistant_file_wire(assistant, file_id));
  });
}

ApiResponse list_assistant_files(const ApiRequest& request, Services& services) {
  core::require_version(request, ApiVersion::v1);
  return services.store.with_state([&](AssistantsState& state) {
    const Assistant& assistant = require_assistant(state, request.path_param("assistant_id"));
    std::vector<FileLink> links;
    for (const Json& id : assistant.file_ids) {
      links.push_back({id.get<std::string>(), assistant_file_wire(assistant, id.get<std::string>())});
    }
    return list_links(links, request);
  });
}

ApiResponse retrieve_assistant_file(const ApiRequest& request, Services& services) {
  core::require_version(request, ApiVersion::v1);
  return services.store.with_state([&](AssistantsState& state) {
    const Assistant& assistant = require_assistant(state, request.path_param("assistant_id"));
    const std::string& file_id = request.path_param("file_id");
    core::check_id_prefix("file_id", file_id, "file-");
    if (!has_file(assistant.file_ids, file_id)) throw http::errors::not_found("assistant file", file_id);
    return ApiResponse::json(assistant_file_wire(assistant, file_id));
  });
}

ApiResponse delete_assistant_file(const ApiRequest& request, Services& services) {
  core::require_version(request, ApiVersion::v1);
  return services.store.with_state([&](AssistantsState& state) {
    Assistant& assistant = require_assistant(state, request.path_param("assistant_id"));
    const std::string& file_id = request.path_param("file_id");
    core::check_id_prefix("file_id", file_id, "file-");
    if (!has_file(assistant.file_ids, file_id)) throw http::errors::not_found("assistant file", file_id);
    Json kept = Json::array();
    for (const Json& id : assistant.file_ids) {
      if (id != file_id) kept.push_back(id);
    }
    set_code_interpreter_files(assistant, std::move(kept));
    assistant.file_attached_at.erase(file_id);
    return ApiResponse::json(deleted_wire(file_id, "assistant.file"));
  });
}

ApiResponse list_message_files(const ApiRequest& request, Services& services) {
  core::require_version(request, ApiVersion::v1);
  return services.store.with_state([&](AssistantsState& state) {
    Thread& thread = require_thread(state, services, request.path_param("thread_id"));
    const Message& message = require_message(thread, request.path_param("message_id"));
    std::vector<FileLink> links;
    for (const Json& attachment : message.attachments) {
      const std::string id = attachment["file_id"].get<std::string>();
      links.push_back({id, message_file_wire(message, id)});
    }
    return list_links(links, request);
  });
}

ApiResponse retrieve_message_file(const ApiRequest& request, Services& services) {
  core::require_version(request, ApiVersion::v1);
  return services.store.with_state([&](AssistantsState& state) {
    Thread& thread = require_thread(state, services, request.path_param("thread_id"));
    const Message& message = require_message(thread, request.path_param("message_id"));
    const std::string& file_id = request.path_param("file_id");
    core::check_id_prefix("file_id", file_id, "file-");
    for (const Json& attachment : message.attachments) {
      if (attachment["file_id"] == file_id) return ApiResponse::json(message_file_wire(message, file_id));
    }
    throw http::errors::not_found("message file", file_id);
  });
}

}  // namespace mock::assistants
