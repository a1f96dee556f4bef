// Fuzz target: a request body through the JSON body parser (http/json_body) and one
// endpoint's validator. The first byte picks the validator, the rest is the body as sent.
// Bad input must end as an ApiError with a 4xx status whose envelope renders; anything
// else thrown (nlohmann type errors, std::out_of_range, ...) is a bug and crashes here.
// Every body also goes through the fast message readers (message_body.hpp): what they
// accept, the general path must accept too and read as the same message.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "mock/admin/fault_injector.hpp"
#include "mock/assistants/model/message_content.hpp"
#include "mock/assistants/params/message_body.hpp"
#include "mock/assistants/params/request_params.hpp"
#include "mock/assistants/params/shared_params.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "mock/responses/item_params.hpp"
#include "mock/responses/request_params.hpp"
#include "mock/responses/wire.hpp"
#include "mock/vector_stores/params.hpp"

namespace {
namespace a = mock::assistants;
namespace vs = mock::vector_stores;
namespace r = mock::responses;
using mock::Json;
using V = mock::assistants::ApiVersion;

using Validator = Json (*)(const Json&);

// Every body the API takes, in both versions where they differ (request_params.hpp,
// vector_stores/params.hpp), plus the admin fault definition.
constexpr std::array<Validator, 32> k_validators = {
    [](const Json& b) { return a::parse_create_assistant(b, V::v2); },
    [](const Json& b) { return a::parse_create_assistant(b, V::v1); },
    [](const Json& b) { return a::parse_modify_assistant(b, V::v2); },
    [](const Json& b) { return a::parse_modify_assistant(b, V::v1); },
    [](const Json& b) { return a::parse_create_thread(b, "", V::v2); },
    [](const Json& b) { return a::parse_create_thread(b, "", V::v1); },
    [](const Json& b) { return a::parse_modify_thread(b, V::v2); },
    [](const Json& b) { return a::parse_modify_thread(b, V::v1); },
    [](const Json& b) { return a::parse_create_message(b, "", V::v2); },
    [](const Json& b) { return a::parse_create_message(b, "", V::v1); },
    [](const Json& b) { return a::parse_modify_metadata_only(b); },
    [](const Json& b) { return a::parse_create_run(b, V::v2); },
    [](const Json& b) { return a::parse_create_run(b, V::v1); },
    [](const Json& b) { return a::parse_create_thread_and_run(b, V::v2); },
    [](const Json& b) { return a::parse_create_thread_and_run(b, V::v1); },
    [](const Json& b) { return a::parse_submit_tool_outputs(b); },
    [](const Json& b) { return Json(a::parse_create_assistant_file(b)); },
    [](const Json& b) { return vs::parse_create_vector_store(b); },
    [](const Json& b) { return vs::parse_update_vector_store(b); },
    [](const Json& b) { return vs::parse_create_vector_store_file(b); },
    [](const Json& b) { return vs::parse_update_vector_store_file(b); },
    [](const Json& b) { return vs::parse_create_file_batch(b); },
    // Nested shapes, fed the whole body: they take any JSON value, not only objects.
    [](const Json& b) { return vs::parse_vector_store_helper(b.value("v", Json()), "v"); },
    [](const Json& b) { return vs::parse_chunking_strategy(b.value("v", Json()), "v"); },
    [](const Json& b) { return vs::parse_attributes(b.value("v", Json()), "v"); },
    [](const Json& b) { return a::parse_tool_resources(b.value("v", Json()), "v", true); },
    [](const Json& b) { return a::parse_response_format(b.value("v", Json()), "v", V::v2); },
    [](const Json& b) { return mock::admin::fault_to_json(mock::admin::parse_fault(b, "fault_1")); },
    // The Responses and Conversations bodies (mock/responses/request_params.hpp, item_params.hpp).
    [](const Json& b) { return r::echoed_fields(r::parse_response_request(b, r::BodyKind::create)).value(); },
    [](const Json& b) { return r::parse_response_request(b, r::BodyKind::input_tokens).input; },
    [](const Json& b) { return r::parse_response_request(b, r::BodyKind::compact).input; },
    [](const Json& b) { return r::parse_items(b.value("items", Json()), "items"); },
};

// What a fast reader takes, the general path takes as the same message.
void check_fast_reader_agrees(std::string_view body, const std::optional<a::NewMessage>& fast) {
  if (!fast) return;
  try {
    const Json fields =
        a::parse_create_message(mock::http::parse_json_object_body(body), "", V::v2);
    const bool same = fields["role"] == a::to_string(fast->role) &&
                      fields["content"] == a::content_json(fast->content) &&
                      fields["attachments"].empty() && fast->attachments.is_null() &&
                      fields["metadata"].empty() && fast->metadata.is_null();
    if (!same) std::abort();
  } catch (const mock::http::ApiError&) {
    std::abort();  // a fast reader took a body the service refuses
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Validator validate = k_validators[data[0] % k_validators.size()];
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  check_fast_reader_agrees(body, a::read_ascii_message(body));
  check_fast_reader_agrees(body, a::read_plain_message(body));
  try {
    const Json parsed = mock::http::parse_json_object_body(body);
    // Handlers store what the validator returns and send it back: it must serialise.
    mock::http::ApiResponse response = mock::http::ApiResponse::json(validate(parsed));
    response.finalize();
  } catch (const mock::http::ApiError& error) {
    // Bad input is the client's fault: a 5xx (or a non-error) here is a bug.
    if (error.status() < 400 || error.status() > 499) std::abort();
    mock::http::ApiResponse response = error.to_response();
    response.finalize();
  }
  return 0;
}
