// Assistants, threads and messages: create, modify, delete, and the checks that deleted
// objects are gone.
#include <ostream>

#include <rapidcheck.h>

#include "tests/model/command_support.hpp"
#include "tests/model/commands.hpp"
#include "tests/model/paging_check.hpp"

namespace tests::model {
namespace {
using mock::Json;

Json user_message(const std::string& text) { return Json{{"role", "user"}, {"content", text}}; }

std::vector<ListEntry> message_entries(const ModelThread& thread, const ThreadIds& ids) {
  std::vector<ListEntry> entries;
  for (std::size_t m = 0; m < thread.messages.size(); ++m) {
    entries.push_back({ids.messages.at(m), !thread.messages[m].deleted});
  }
  return entries;
}

std::vector<ListEntry> assistant_entries(const Model& model, ServerUnderTest& sut) {
  std::vector<ListEntry> entries;
  for (std::size_t a = 0; a < model.assistants.size(); ++a) {
    entries.push_back({sut.assistant_id(a), !model.assistants[a].deleted});
  }
  return entries;
}

std::vector<std::size_t> threads_with_messages(const Model& model, bool live_only) {
  std::vector<std::size_t> out;
  for (std::size_t t = 0; t < model.threads.size(); ++t) {
    if (!model.threads[t].messages.empty() && (!live_only || !model.threads[t].deleted)) {
      out.push_back(t);
    }
  }
  return out;
}
}  // namespace

void Step::run(const Model& before, ServerUnderTest& sut) const {
  Model now = before;
  now.advance_all();
  execute(now, sut);
  sut.verify(nextState(before));
  ++figures().steps;
}

// ---- assistants

CreateAssistant::CreateAssistant(const Model&)
    : name(*rc::gen::element<std::string>("Helper", "Math Tutor", "Weather Bot")),
      model_name(*rc::gen::element<std::string>("gpt-4o", "gpt-4o-mini")) {}

void CreateAssistant::apply(Model& model) const {
  model.advance_all();
  model.assistants.push_back({false, model_name, name});
}

void CreateAssistant::execute(const Model& now, ServerUnderTest& sut) const {
  const Json body = expect_ok(
      sut.post("/v1/assistants", Json{{"model", model_name}, {"name", name}}), "create assistant");
  require(body.value("object", "") == "assistant" && body.value("model", "") == model_name &&
              body.value("name", "") == name,
          "create assistant answered " + body.dump());
  sut.assistant_id(now.assistants.size()) = body.value("id", "");
}

void CreateAssistant::show(std::ostream& os) const {
  os << "CreateAssistant(" << name << ", " << model_name << ")";
}

ModifyAssistant::ModifyAssistant(const Model& model) {
  RC_PRE(!model.assistants.empty());
  assistant = pick(live_assistants(model), model.assistants.size());
  model_name = *rc::gen::element<std::string>("gpt-4o", "gpt-4o-mini", "gpt-4.1");
}

void ModifyAssistant::checkPreconditions(const Model& model) const {
  RC_PRE(assistant < model.assistants.size());
}

void ModifyAssistant::apply(Model& model) const {
  model.advance_all();
  if (!model.assistants[assistant].deleted) model.assistants[assistant].model = model_name;
}

void ModifyAssistant::execute(const Model& now, ServerUnderTest& sut) const {
  const std::string id = sut.assistant_id(assistant);
  const auto result = sut.post("/v1/assistants/" + id, Json{{"model", model_name}});
  if (now.assistants[assistant].deleted) {
    expect_error(result, 404, not_found("assistant", id), "modify deleted assistant");
    return;
  }
  require(expect_ok(result, "modify assistant").value("model", "") == model_name,
          "modify assistant answered " + result.body);
}

void ModifyAssistant::show(std::ostream& os) const {
  os << "ModifyAssistant(#" << assistant << ", model " << model_name << ")";
}

DeleteAssistant::DeleteAssistant(const Model& model) {
  RC_PRE(!model.assistants.empty());
  assistant = pick(live_assistants(model), model.assistants.size());
}

void DeleteAssistant::checkPreconditions(const Model& model) const {
  RC_PRE(assistant < model.assistants.size());
}

void DeleteAssistant::apply(Model& model) const {
  model.advance_all();
  model.assistants[assistant].deleted = true;
}

void DeleteAssistant::execute(const Model& now, ServerUnderTest& sut) const {
  const std::string id = sut.assistant_id(assistant);
  const auto result = sut.del("/v1/assistants/" + id);
  if (now.assistants[assistant].deleted) {
    expect_error(result, 404, not_found("assistant", id), "delete deleted assistant");
    return;
  }
  expect_deleted(result, id, "assistant", "delete assistant");
  expect_error(sut.get("/v1/assistants/" + id), 404, not_found("assistant", id),
               "retrieve just-deleted assistant");
}

void DeleteAssistant::show(std::ostream& os) const {
  os << "DeleteAssistant(#" << assistant << ")";
}

// ---- threads

CreateThread::CreateThread(const Model&)
    : texts(*rc::gen::container<std::vector<std::string>>(*rc::gen::inRange<std::size_t>(0, 3),
                                                          rc::gen::elementOf(user_texts()))) {}

void CreateThread::apply(Model& model) const {
  model.advance_all();
  ModelThread thread;
  for (const std::string& text : texts) model.add_user_message(thread, text);
  model.threads.push_back(std::move(thread));
}

void CreateThread::execute(const Model& now, ServerUnderTest& sut) const {
  Json messages = Json::array();
  for (const std::string& text : texts) messages.push_back(user_message(text));
  const Json body =
      expect_ok(sut.post("/v1/threads", Json{{"messages", messages}}), "create thread");
  require(body.value("object", "") == "thread", "create thread answered " + body.dump());
  sut.thread(now.threads.size()).id = body.value("id", "");
}

void CreateThread::show(std::ostream& os) const {
  os << "CreateThread(" << texts.size() << " messages";
  for (const std::string& text : texts) os << ", \"" << text << "\"";
  os << ")";
}

DeleteThread::DeleteThread(const Model& model) {
  RC_PRE(!model.threads.empty());
  thread = pick(live_threads(model), model.threads.size());
}

void DeleteThread::checkPreconditions(const Model& model) const {
  RC_PRE(has_thread(model, thread));
}

void DeleteThread::apply(Model& model) const {
  model.advance_all();
  model.threads[thread].deleted = true;
}

void DeleteThread::execute(const Model& now, ServerUnderTest& sut) const {
  const std::string id = sut.thread(thread).id;
  const auto result = sut.del("/v1/threads/" + id);
  if (now.threads[thread].deleted) {
    expect_error(result, 404, not_found("thread", id), "delete deleted thread");
    return;
  }
  expect_deleted(result, id, "thread", "delete thread");
}

void DeleteThread::show(std::ostream& os) const { os << "DeleteThread(#" << thread << ")"; }

// ---- messages

AddMessage::AddMessage(const Model& model) {
  RC_PRE(!model.threads.empty());
  thread = pick(live_threads(model), model.threads.size());
  text = *rc::gen::elementOf(user_texts());
}

void AddMessage::checkPreconditions(const Model& model) const { RC_PRE(has_thread(model, thread)); }

void AddMessage::apply(Model& model) const {
  model.advance_all();
  ModelThread& target = model.threads[thread];
  if (!target.deleted && !target.active_run) model.add_user_message(target, text);
}

void AddMessage::execute(const Model& now, ServerUnderTest& sut) const {
  const ThreadIds& ids = sut.thread(thread);
  const ModelThread& target = now.threads[thread];
  const auto result = sut.post("/v1/threads/" + ids.id + "/messages", user_message(text));
  if (target.deleted) {
    expect_error(result, 404, not_found("thread", ids.id), "add message to deleted thread");
    return;
  }
  if (target.active_run) {  // the service refuses messages while a run holds the thread
    expect_error(result, 400,
                 active_run_blocks_message(ids.id, sut.run(thread, *target.active_run).id),
                 "add message during an active run");
    return;
  }
  const Json body = expect_ok(result, "add message");
  require(body.value("thread_id", "") == ids.id && body.value("role", "") == "user" &&
              body.value("status", "") == "completed",
          "add message answered " + body.dump());
  sut.message_id(thread, target.messages.size()) = body.value("id", "");
}

void AddMessage::show(std::ostream& os) const {
  os << "AddMessage(thread #" << thread << ", \"" << text << "\")";
}

DeleteMessage::DeleteMessage(const Model& model) {
  const std::vector<std::size_t> candidates = threads_with_messages(model, false);
  RC_PRE(!candidates.empty());
  thread = pick(threads_with_messages(model, true), candidates.size());
  if (model.threads[thread].messages.empty()) thread = candidates.front();
  message = *rc::gen::inRange<std::size_t>(0, model.threads[thread].messages.size());
}

void DeleteMessage::checkPreconditions(const Model& model) const {
  RC_PRE(has_message(model, thread, message));
}

void DeleteMessage::apply(Model& model) const {
  model.advance_all();
  if (!model.threads[thread].deleted) model.threads[thread].messages[message].deleted = true;
}

void DeleteMessage::execute(const Model& now, ServerUnderTest& sut) const {
  const ThreadIds& ids = sut.thread(thread);
  const std::string id = ids.messages.at(message);
  const auto result = sut.del("/v1/threads/" + ids.id + "/messages/" + id);
  if (now.threads[thread].deleted) {
    expect_error(result, 404, not_found("thread", ids.id), "delete message of deleted thread");
  } else if (now.threads[thread].messages[message].deleted) {
    expect_error(result, 404, not_found("message", id), "delete deleted message");
  } else {
    expect_deleted(result, id, "thread.message", "delete message");
  }
}

void DeleteMessage::show(std::ostream& os) const {
  os << "DeleteMessage(thread #" << thread << ", message #" << message << ")";
}

// ---- deleted objects are gone from every endpoint

CheckDeletedGone::CheckDeletedGone(const Model& model) {
  std::vector<std::pair<Kind, std::pair<std::size_t, std::size_t>>> gone;
  for (std::size_t a = 0; a < model.assistants.size(); ++a) {
    if (model.assistants[a].deleted) gone.push_back({Kind::assistant, {a, 0}});
  }
  for (std::size_t t = 0; t < model.threads.size(); ++t) {
    if (model.threads[t].deleted) {
      gone.push_back({Kind::thread, {t, t}});
      continue;
    }
    for (std::size_t m = 0; m < model.threads[t].messages.size(); ++m) {
      if (model.threads[t].messages[m].deleted) gone.push_back({Kind::message, {m, t}});
    }
  }
  RC_PRE(!gone.empty());
  const auto& chosen = gone[*rc::gen::inRange<std::size_t>(0, gone.size())];
  kind = chosen.first;
  index = chosen.second.first;
  thread = chosen.second.second;
}

void CheckDeletedGone::checkPreconditions(const Model& model) const {
  switch (kind) {
    case Kind::assistant:
      RC_PRE(index < model.assistants.size());
      RC_PRE(model.assistants[index].deleted);
      break;
    case Kind::thread:
      RC_PRE(has_thread(model, thread));
      RC_PRE(model.threads[thread].deleted);
      break;
    case Kind::message:
      RC_PRE(has_message(model, thread, index));
      RC_PRE(model.threads[thread].messages[index].deleted);
      break;
  }
}

void CheckDeletedGone::execute(const Model& now, ServerUnderTest& sut) const {
  switch (kind) {
    case Kind::assistant: {
      const std::string id = sut.assistant_id(index);
      const std::string gone = not_found("assistant", id);
      expect_error(sut.get("/v1/assistants/" + id), 404, gone, "retrieve deleted assistant");
      expect_error(sut.post("/v1/assistants/" + id, Json{{"name", "x"}}), 404, gone,
                   "modify deleted assistant");
      check_walk_after(sut, {"/v1/assistants", "", 100, true}, assistant_entries(now, sut));
      return;
    }
    case Kind::thread: {
      const std::string base = "/v1/threads/" + sut.thread(thread).id;
      const std::string gone = not_found("thread", sut.thread(thread).id);
      expect_error(sut.get(base), 404, gone, "retrieve deleted thread");
      expect_error(sut.get(base + "/messages"), 404, gone, "list messages of deleted thread");
      expect_error(sut.get(base + "/runs"), 404, gone, "list runs of deleted thread");
      expect_error(sut.post(base + "/messages", user_message("hello there")), 404, gone,
                   "add message to deleted thread");
      if (!now.assistants.empty()) {
        expect_error(sut.post(base + "/runs", Json{{"assistant_id", sut.assistant_id(0)}}), 404,
                     gone, "run on deleted thread");
      }
      return;
    }
    case Kind::message: {
      const ThreadIds& ids = sut.thread(thread);
      const std::string base = "/v1/threads/" + ids.id;
      if (now.threads[thread].deleted) {
        expect_error(sut.get(base + "/messages/" + ids.messages.at(index)), 404,
                     not_found("thread", ids.id), "message of deleted thread");
        return;
      }
      const std::string id = ids.messages.at(index);
      expect_error(sut.get(base + "/messages/" + id), 404, not_found("message", id),
                   "retrieve deleted message");
      check_walk_after(sut, {base + "/messages", "", 100, true},
                       message_entries(now.threads[thread], ids));
      return;
    }
  }
}

void CheckDeletedGone::show(std::ostream& os) const {
  const char* names[] = {"assistant", "thread", "message"};
  os << "CheckDeletedGone(" << names[static_cast<int>(kind)] << " #" << index;
  if (kind == Kind::message) os << " of thread #" << thread;
  os << ")";
}

}  // namespace tests::model
