#include "mock/responses/events.hpp"

#include <string>

#include "mock/assistants/lifecycle/stream_events.hpp"
#include "mock/responses/lifecycle.hpp"
#include "mock/responses/wire.hpp"

namespace mock::responses {
namespace {
class EventList {
public:
  void add(const std::string& type, Json data) {
    data["type"] = type;
    data["sequence_number"] = m_events.size();
    m_events.push_back(std::move(data));
  }
  std::vector<Json> take() { return std::move(m_events); }

private:
  std::vector<Json> m_events;
};

// `base` with the fields of `extra` added.
Json with(Json base, const Json& extra) {
  base.update(extra);
  return base;
}

Json opened(Json item) {
  item["status"] = "in_progress";
  const std::string type = item["type"];
  if (type == "message") item["content"] = Json::array();
  if (type == "function_call") item["arguments"] = "";
  if (type == "code_interpreter_call") {
    item["code"] = "";
    item["outputs"] = nullptr;
  }
  if (type == "file_search_call") item["results"] = nullptr;
  return item;
}

void message_events(EventList& events, const Json& item, std::size_t index) {
  const Json id = item["id"];
  for (std::size_t part_index = 0; part_index < item["content"].size(); ++part_index) {
    const Json& part = item["content"][part_index];
    Json where{{"item_id", id}, {"output_index", index}, {"content_index", part_index}};
    Json empty = part;
    if (part["type"] == "output_text") {
      empty["text"] = "";
      empty["annotations"] = Json::array();
    }
    events.add("response.content_part.added", with(where, Json{{"part", empty}}));
    if (part["type"] == "output_text") {
      const std::string text = part["text"];
      for (const std::string& piece : assistants::events::chunk_text(text)) {
        events.add("response.output_text.delta",
                   with(where, Json{{"delta", piece}, {"logprobs", Json::array()}}));
      }
      events.add("response.output_text.done",
                 with(where, Json{{"text", text}, {"logprobs", Json::array()}}));
    }
    events.add("response.content_part.done", with(where, Json{{"part", part}}));
  }
}

void function_call_events(EventList& events, const Json& item, std::size_t index) {
  const Json where{{"item_id", item["id"]}, {"output_index", index}};
  const std::string arguments = item["arguments"];
  for (const std::string& piece : assistants::events::chunk_text(arguments)) {
    events.add("response.function_call_arguments.delta", with(where, Json{{"delta", piece}}));
  }
  events.add("response.function_call_arguments.done",
             with(where, Json{{"name", item["name"]}, {"arguments", arguments}}));
}

void code_interpreter_events(EventList& events, const Json& item, std::size_t index) {
  const Json where{{"item_id", item["id"]}, {"output_index", index}};
  events.add("response.code_interpreter_call.in_progress", where);
  const std::string code = item["code"].is_string() ? item["code"].get<std::string>() : "";
  for (const std::string& piece : assistants::events::chunk_text(code)) {
    events.add("response.code_interpreter_call_code.delta", with(where, Json{{"delta", piece}}));
  }
  events.add("response.code_interpreter_call_code.done", with(where, Json{{"code", code}}));
  events.add("response.code_interpreter_call.interpreting", where);
  events.add("response.code_interpreter_call.completed", where);
}

void file_search_events(EventList& events, const Json& item, std::size_t index) {
  const Json where{{"item_id", item["id"]}, {"output_index", index}};
  events.add("response.file_search_call.in_progress", where);
  events.add("response.file_search_call.searching", where);
  events.add("response.file_search_call.completed", where);
}

void item_events(EventList& events, const Json& item, std::size_t index) {
  events.add("response.output_item.added", Json{{"output_index", index}, {"item", opened(item)}});
  const std::string type = item["type"];
  if (type == "message") message_events(events, item, index);
  if (type == "function_call") function_call_events(events, item, index);
  if (type == "code_interpreter_call") code_interpreter_events(events, item, index);
  if (type == "file_search_call") file_search_events(events, item, index);
  events.add("response.output_item.done", Json{{"output_index", index}, {"item", item}});
}

const char* terminal_event(ResponseStatus status) {
  if (status == ResponseStatus::failed) return "response.failed";
  if (status == ResponseStatus::incomplete) return "response.incomplete";
  return "response.completed";
}
}  // namespace

std::vector<Json> response_events(const StoredResponse& response) {
  EventList events;
  const ReadBack parts = read_back(response);
  const ResponseStatus first = response.background ? ResponseStatus::queued : ResponseStatus::in_progress;
  events.add("response.created", Json{{"response", snapshot(response, first, parts)}});
  if (response.background) events.add("response.queued", Json{{"response", snapshot(response, first, parts)}});
  const ResponseStatus status = response.status;
  if (status == ResponseStatus::queued) return events.take();
  if (status == ResponseStatus::cancelled && !response.started) return events.take();
  events.add("response.in_progress", Json{{"response", snapshot(response, ResponseStatus::in_progress, parts)}});
  if (!is_terminal(status) || status == ResponseStatus::cancelled) return events.take();
  for (std::size_t i = 0; i < parts.output.size(); ++i) item_events(events, parts.output[i], i);
  events.add(terminal_event(status), Json{{"response", snapshot(response, status, parts)}});
  return events.take();
}

}  // namespace mock::responses
