#pragma once
// What the commands share: picking handles while generating, and checking answers
// (success with the right object, or the service's exact error).
#include <cstddef>
#include <string>
#include <vector>

#include "http/json.hpp"
#include "tests/model/reference_model.hpp"
#include "tests/support/api_client.hpp"

namespace tests::model {

// Mostly one of `preferred` (when there is one), otherwise any index below `count`.
// Call only while generating (inside a command's constructor).
std::size_t pick(const std::vector<std::size_t>& preferred, std::size_t count);
// An int in [min, max), uniform whatever the generation size (rc::gen::inRange narrows its
// range while the size is small). Call only while generating.
int uniform(int min, int max);
// Handles of live objects.
std::vector<std::size_t> live_threads(const Model& model);
std::vector<std::size_t> live_assistants(const Model& model);

// Whether a handle names an object of the model (alive or deleted). RC_PRE takes these
// rather than `a && b`: its expression capture overloads && and loses the short circuit.
bool has_thread(const Model& model, std::size_t thread);
bool has_run(const Model& model, std::size_t thread, std::size_t run);
bool has_message(const Model& model, std::size_t thread, std::size_t message);

// The answer is 200; returns its body. `what` names the request in the failure.
mock::Json expect_ok(const support::ApiResult& result, const std::string& what);
// The answer is the OpenAI error envelope with this status and message.
void expect_error(const support::ApiResult& result, int status, const std::string& message,
                  const std::string& what);

// The service's wording, for the errors the model predicts.
std::string not_found(const std::string& object_word, const std::string& id);
std::string active_run_blocks_run(const std::string& thread_id, const std::string& run_id);
std::string active_run_blocks_message(const std::string& thread_id, const std::string& run_id);
std::string cannot_cancel(RunStatus status);
std::string outputs_not_wanted(RunStatus status);
std::string outputs_mismatch(const std::vector<std::string>& expected,
                             const std::vector<std::string>& got);

// {"id", "object": "<object>.deleted", "deleted": true}
void expect_deleted(const support::ApiResult& result, const std::string& id,
                    const std::string& object, const std::string& what);

}  // namespace tests::model
