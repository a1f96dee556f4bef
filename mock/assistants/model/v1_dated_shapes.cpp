#include "mock/assistants/model/v1_dated_shapes.hpp"

#include "mock/assistants/model/wire.hpp"
#include "timeline/v1_field_history.hpp"

namespace mock::assistants {
namespace {
template <class T>
std::optional<Json> dated(const T& object, const http::ApiRequest& request, const char* object_type) {
  if (request.api_version != "v1" || request.as_of.empty()) return std::nullopt;
  const auto date = timeline::parse_date(request.as_of);
  if (!date) return std::nullopt;
  Json out = to_stream_wire(object, ApiVersion::v1);
  for (const std::string_view field :
       timeline::v1_fields_not_yet(timeline::v1_object_field_additions(), object_type, *date)) {
    out.erase(std::string(field));
  }
  return out;
}
}  // namespace

std::optional<Json> dated_v1_wire(const assistants::Message& message, const http::ApiRequest& request) {
  return dated(message, request, "thread.message");
}
std::optional<Json> dated_v1_wire(const assistants::Run& run, const http::ApiRequest& request) {
  return dated(run, request, "thread.run");
}
std::optional<Json> dated_v1_wire(const assistants::RunStep& step, const http::ApiRequest& request) {
  return dated(step, request, "thread.run.step");
}

}  // namespace mock::assistants
