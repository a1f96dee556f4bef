// Responses: create (store true / false, in a conversation or after a previous response),
// retrieve, delete, list input_items, against the Responses model.
#include <algorithm>
#include <ostream>

#include <rapidcheck.h>

#include "tests/model/command_support.hpp"
#include "tests/model/responses_commands.hpp"

namespace tests::model {
namespace {
using mock::Json;

std::string response_not_found(const std::string& id) { return "Response with id '" + id + "' not found."; }

std::size_t pick_response(const ResponsesModel& model) {
  return pick(model.retrievable_responses(), model.responses.size());
}

// The response's answer or stored form matches the model: its status by now, the predicted
// output once completed, previous_response_id, conversation, store and background echoed.
void check_response(const Json& answer, const ResponsesModel& model, std::size_t r, ResponsesUnderTest& sut,
                    const std::string& what) {
  const ModelResponse& expected = model.responses[r];
  const std::string status = model.status(r);
  const Json& output = answer.value("output", Json::array());
  const Json previous = expected.previous ? Json(sut.response(*expected.previous).id) : Json(nullptr);
  const Json conversation =
      expected.conversation ? Json{{"id", sut.conversation_id(*expected.conversation)}} : Json(nullptr);
  require(answer.value("object", "") == "response" && answer.value("status", "") == status &&
              answer.value("model", "") == expected.model && answer.value("store", !expected.stored) == expected.stored &&
              answer.value("background", !expected.background) == expected.background &&
              answer.value("previous_response_id", Json("missing")) == previous &&
              answer.value("conversation", Json("missing")) == conversation,
          what + " answered " + answer.dump() + ", expected status " + status);
  if (status != "completed") {
    require(output.empty(), what + ": a " + status + " response has output " + output.dump());
    return;
  }
  require(output.size() == 1 && output[0].value("type", "") == "message" &&
              output[0].value("role", "") == "assistant" && item_text(output[0]) == expected.output,
          what + ": output " + output.dump() + ", expected \"" + expected.output + "\"");
}
}  // namespace

CreateResponse::CreateResponse(const ResponsesModel& model) {
  model_name = *rc::gen::element<std::string>("gpt-4o", "gpt-4.1-mini");
  const int count = uniform(1, 3);
  for (int i = 0; i < count; ++i) {
    inputs.push_back(*rc::gen::element<std::string>("hi", "What is 3x + 11 = 14?", "and then?", "ok"));
  }
  store = uniform(0, 5) != 0;
  background = uniform(0, 4) == 0;
  // Mostly in a conversation or after a previous response; sometimes both (a 400).
  const int context = uniform(0, 10);
  const bool wants_conversation = (context < 4 || context == 9) && !model.conversations.empty();
  const bool wants_previous = context >= 4 && !model.responses.empty();
  if (wants_conversation) conversation = pick(model.live_conversations(), model.conversations.size());
  if (wants_previous) previous = pick_response(model);
}

void CreateResponse::checkPreconditions(const ResponsesModel& model) const {
  if (conversation) RC_PRE(*conversation < model.conversations.size());
  if (previous) RC_PRE(*previous < model.responses.size());
}

bool CreateResponse::succeeds(const ResponsesModel& model) const {
  if (conversation && previous) return false;
  if (background && !store) return false;
  if (previous) return model.retrievable(*previous) && model.terminal(*previous);
  if (conversation) return !model.conversations[*conversation].deleted;
  return true;
}

void CreateResponse::apply(ResponsesModel& model) const {
  model.advance();
  if (!succeeds(model)) return;
  const std::size_t r = model.responses.size();
  model.responses.push_back(ModelResponse{store, false, model_name, conversation, previous, inputs,
                                          default_reply(model_name, inputs.back()), background, model.now_ms,
                                          false, false});
  if (!background) model.append_to_conversation(r);
}

void CreateResponse::execute(const ResponsesModel& now, ResponsesUnderTest& sut) const {
  Json input = Json::array();
  for (const std::string& text : inputs) input.push_back(Json{{"role", "user"}, {"content", text}});
  Json body{{"model", model_name}, {"input", inputs.size() == 1 ? Json(inputs[0]) : input}};
  if (!store) body["store"] = false;
  if (background) body["background"] = true;
  if (conversation) body["conversation"] = sut.conversation_id(*conversation);
  if (previous) body["previous_response_id"] = sut.response(*previous).id;
  const auto result = sut.http().post("/v1/responses", body);
  if (conversation && previous) {
    expect_error(result, 400,
                 "Mutually exclusive parameters. Ensure you are only providing one of: 'previous_response_id' or "
                 "'conversation'.",
                 "create response with a conversation and a previous response");
  } else if (background && !store) {
    expect_error(result, 400,
                 "Background responses must be stored: 'store' cannot be false when 'background' is true.",
                 "create a background response with store: false");
  } else if (previous && !(now.retrievable(*previous) && now.terminal(*previous))) {
    expect_error(result, 400, "Previous response with id '" + sut.response(*previous).id + "' not found.",
                 !now.responses[*previous].stored ? "create response after a store: false one"
                 : now.responses[*previous].deleted ? "create response after a deleted one"
                                                    : "create response after a running one");
  } else if (conversation && now.conversations[*conversation].deleted) {
    expect_error(result, 404, "Conversation with id '" + sut.conversation_id(*conversation) + "' not found.",
                 "create response in a deleted conversation");
  } else {
    const std::string what = std::string("create ") + (background ? "background " : "") + "response" +
                             (store ? "" : " (store: false)") +
                             (conversation ? " in a conversation" : previous ? " after a previous one" : "");
    const Json answer = expect_ok(result, what);
    const ResponsesModel next = nextState(now);
    const std::size_t r = now.responses.size();
    ResponseIds& ids = sut.response(r);
    ids.id = answer.value("id", "");
    require(ids.id.starts_with("resp_"), what + ": id " + ids.id);
    check_response(answer, next, r, sut, what);
    if (!background) ids.output = answer["output"][0].value("id", "");
  }
}

void CreateResponse::show(std::ostream& os) const {
  os << "CreateResponse(" << model_name << ", " << inputs.size() << " input(s), last \"" << inputs.back() << '"'
     << (store ? "" : ", store false") << (background ? ", background" : "");
  if (conversation) os << ", conversation #" << *conversation;
  if (previous) os << ", previous #" << *previous;
  os << ")";
}

RetrieveResponse::RetrieveResponse(const ResponsesModel& model) {
  RC_PRE(!model.responses.empty());
  response = pick_response(model);
}

void RetrieveResponse::checkPreconditions(const ResponsesModel& model) const {
  RC_PRE(response < model.responses.size());
}

void RetrieveResponse::execute(const ResponsesModel& now, ResponsesUnderTest& sut) const {
  const std::string id = sut.response(response).id;
  const auto result = sut.http().get("/v1/responses/" + id);
  if (!now.retrievable(response)) {
    expect_error(result, 404, response_not_found(id),
                 now.responses[response].stored ? "retrieve a deleted response" : "retrieve a store: false response");
    return;
  }
  const std::string what = "retrieve " + now.status(response) + " response";
  const Json answer = expect_ok(result, what);
  require(answer.value("id", "") == id, what + " answered " + answer.dump());
  check_response(answer, now, response, sut, what);
}

void RetrieveResponse::show(std::ostream& os) const { os << "RetrieveResponse(#" << response << ")"; }

DeleteResponse::DeleteResponse(const ResponsesModel& model) {
  RC_PRE(!model.responses.empty());
  response = pick_response(model);
}

void DeleteResponse::checkPreconditions(const ResponsesModel& model) const {
  RC_PRE(response < model.responses.size());
}

void DeleteResponse::apply(ResponsesModel& model) const {
  model.advance();
  if (model.retrievable(response)) model.responses[response].deleted = true;
}

void DeleteResponse::execute(const ResponsesModel& now, ResponsesUnderTest& sut) const {
  const std::string id = sut.response(response).id;
  const auto result = sut.http().del("/v1/responses/" + id);
  if (!now.retrievable(response)) {
    expect_error(result, 404, response_not_found(id),
                 now.responses[response].stored ? "delete a deleted response" : "delete a store: false response");
    return;
  }
  const Json answer = expect_ok(result, "delete response");
  require(answer == Json{{"id", id}, {"object", "response"}, {"deleted", true}},
          "delete response answered " + answer.dump());
}

void DeleteResponse::show(std::ostream& os) const { os << "DeleteResponse(#" << response << ")"; }

CancelResponse::CancelResponse(const ResponsesModel& model) {
  RC_PRE(!model.responses.empty());
  std::vector<std::size_t> background;
  for (std::size_t r = 0; r < model.responses.size(); ++r) {
    if (model.responses[r].background && model.retrievable(r)) background.push_back(r);
  }
  response = pick(background, model.responses.size());
}

void CancelResponse::checkPreconditions(const ResponsesModel& model) const {
  RC_PRE(response < model.responses.size());
}

void CancelResponse::apply(ResponsesModel& model) const {
  model.advance();
  if (model.retrievable(response) && model.responses[response].background && !model.terminal(response)) {
    model.responses[response].cancelled = true;
  }
}

void CancelResponse::execute(const ResponsesModel& now, ResponsesUnderTest& sut) const {
  const std::string id = sut.response(response).id;
  const auto result = sut.http().post("/v1/responses/" + id + "/cancel", Json::object());
  const std::string status = now.status(response);
  if (!now.retrievable(response)) {
    expect_error(result, 404, response_not_found(id), "cancel a response not stored");
  } else if (!now.responses[response].background) {
    expect_error(result, 400, "Cannot cancel a synchronous response.", "cancel a foreground response");
  } else if (status == "completed") {
    expect_error(result, 400, "Cannot cancel a response with status 'completed'.", "cancel a completed response");
  } else {
    const std::string what = "cancel a " + status + " response";
    const Json answer = expect_ok(result, what);
    require(answer.value("id", "") == id, what + " answered " + answer.dump());
    check_response(answer, nextState(now), response, sut, what);
  }
}

void CancelResponse::show(std::ostream& os) const { os << "CancelResponse(#" << response << ")"; }

AdvanceResponseClock::AdvanceResponseClock(const ResponsesModel& model)
    : ms(*rc::gen::element<std::int64_t>(500, 1000, 2000)) {
  const std::vector<std::size_t> live = model.live_conversations();
  if (!live.empty() && uniform(0, 4) != 0) then_list = *rc::gen::elementOf(live);
}

void AdvanceResponseClock::checkPreconditions(const ResponsesModel& model) const {
  if (then_list) RC_PRE(*then_list < model.conversations.size());
}

void AdvanceResponseClock::apply(ResponsesModel& model) const {
  model.advance();
  model.now_ms += ms;
  model.advance();
}

void AdvanceResponseClock::execute(const ResponsesModel& now, ResponsesUnderTest& sut) const {
  sut.http().advance_clock(ms);
  if (!then_list || now.conversations[*then_list].deleted) return;
  // Items of responses that finished just now have no ids yet: compared by role and text.
  const ResponsesModel next = nextState(now);
  const std::vector<std::size_t> live = next.live_items(*then_list);
  const std::string path = "/v1/conversations/" + sut.conversation_id(*then_list) + "/items";
  const support::ApiResult result = sut.http().get(path + "?limit=100&order=asc");
  const Json& data = result.json.is_object() ? result.json.value("data", Json::array()) : Json::array();
  require(result.status == 200 && data.size() == live.size(),
          "GET " + path + " after the clock moved: " + support::describe(result) + ", expected " +
              std::to_string(live.size()) + " items");
  for (std::size_t k = 0; k < live.size(); ++k) {
    const ModelItem& item = next.conversations[*then_list].items[live[k]];
    require(item_text(data[k]) == item.text && data[k].value("role", "") == (item.user ? "user" : "assistant"),
            "GET " + path + " after the clock moved: item " + std::to_string(k) + " is " + data[k].dump() +
                ", expected \"" + item.text + "\"");
  }
  ++figures().outcomes["list items after the clock moved"];
}

void AdvanceResponseClock::show(std::ostream& os) const {
  os << "AdvanceResponseClock(" << ms << " ms";
  if (then_list) os << ", then list conversation #" << *then_list;
  os << ")";
}

ListInputItems::ListInputItems(const ResponsesModel& model) {
  RC_PRE(!model.responses.empty());
  response = pick_response(model);
  limit = *rc::gen::element<std::size_t>(1U, 2U, 20U);
  const int order = uniform(0, 3);  // 0: the default order
  if (order > 0) ascending = order == 1;
}

void ListInputItems::checkPreconditions(const ResponsesModel& model) const {
  RC_PRE(response < model.responses.size());
}

void ListInputItems::execute(const ResponsesModel& now, ResponsesUnderTest& sut) const {
  const std::string id = sut.response(response).id;
  const std::string path = "/v1/responses/" + id + "/input_items";
  if (!now.retrievable(response)) {
    expect_error(sut.http().get(path), 404, response_not_found(id), "input_items of a response not stored");
    return;
  }
  // Only the response's own input, not the history it saw (README).
  std::vector<std::string> expected = sut.response(response).inputs;
  if (!ascending.value_or(false)) std::reverse(expected.begin(), expected.end());
  ++figures().outcomes["list input_items, every page"];
  check_item_pages(sut.http(), path, expected, limit, ascending, std::nullopt);
}

void ListInputItems::show(std::ostream& os) const {
  os << "ListInputItems(#" << response << ", limit " << limit << ", order "
     << (ascending ? (*ascending ? "asc" : "desc") : "default") << ")";
}

}  // namespace tests::model
