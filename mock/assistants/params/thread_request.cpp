#include "mock/assistants/params/thread_request.hpp"

#include <utility>

#include "mock/assistants/params/request_params.hpp"
#include "mock/core/normalised_fields.hpp"

namespace mock::assistants {

NewThread new_thread_from_fields(Json fields) {
  NewThread thread;
  for (Json& message : fields.at("messages")) {
    thread.messages.push_back(new_message_from_fields(std::move(message)));
  }
  thread.tool_resources = std::move(fields.at("tool_resources"));
  thread.metadata = *core::sent_map(fields, "metadata");
  return thread;
}

NewThread read_create_thread(const Json& body, ApiVersion version) {
  return new_thread_from_fields(parse_create_thread(body, "", version));
}

ThreadUpdate read_modify_thread(const Json& body, ApiVersion version) {
  const Json fields = parse_modify_thread(body, version);
  ThreadUpdate update;
  update.tool_resources = core::sent_json(fields, "tool_resources");
  update.metadata = core::sent_map(fields, "metadata");
  return update;
}

MetadataUpdate read_modify_metadata_only(const Json& body) {
  return MetadataUpdate{core::sent_map(parse_modify_metadata_only(body), "metadata")};
}

}  // namespace mock::assistants
