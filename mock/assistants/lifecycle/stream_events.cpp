#include "mock/assistants/lifecycle/stream_events.hpp"

#include "mock/assistants/model/wire.hpp"

namespace mock::assistants::events {

void emit(Run& run, std::string name, Json data) {
  if (run.progress.event_log) run.progress.event_log->events.emplace_back(std::move(name), std::move(data));
}

void run_event(Run& run, const char* suffix) {
  if (!run.progress.event_log) return;
  const ApiVersion version = run.progress.event_log->version;
  // v1 has no thread.run.incomplete: its clients see such a run completed (wire.cpp).
  const std::string name = version == ApiVersion::v1 && std::string_view(suffix) == "incomplete"
                               ? "completed"
                               : suffix;
  emit(run, "thread.run." + name, to_stream_wire(run, version));
}

void step_event(Run& run, const RunStep& step, const char* suffix) {
  if (run.progress.event_log) {
    emit(run, std::string("thread.run.step.") + suffix, to_stream_wire(step, run.progress.event_log->version));
  }
}

void message_event(Run& run, const Message& message, const char* suffix) {
  if (run.progress.event_log) {
    emit(run, std::string("thread.message.") + suffix, to_stream_wire(message, run.progress.event_log->version));
  }
}

void tool_step_opened(Run& run, const RunStep& step) {
  if (!run.progress.event_log) return;
  Json snapshot = to_stream_wire(step, run.progress.event_log->version);
  snapshot["step_details"]["tool_calls"] = Json::array();
  emit(run, "thread.run.step.created", snapshot);
  emit(run, "thread.run.step.in_progress", snapshot);
}

namespace {
Json step_delta(const RunStep& step, Json tool_call) {
  return Json{{"id", step.id},
              {"object", "thread.run.step.delta"},
              {"delta", Json{{"step_details", Json{{"type", "tool_calls"},
                                                   {"tool_calls", Json::array({tool_call})}}}}}};
}
}  // namespace

void tool_call_deltas(Run& run, const RunStep& step) {
  if (!run.progress.event_log) return;
  const Json& calls = step.step_details["tool_calls"];
  for (std::size_t index = 0; index < calls.size(); ++index) {
    const Json& call = calls[index];
    const std::string type = call["type"].get<std::string>();
    Json opening = Json{{"index", index}, {"id", call["id"]}, {"type", type}};
    std::string fragments;
    if (type == "function") {
      opening["function"] = Json{{"name", call["function"]["name"]}, {"arguments", ""}, {"output", nullptr}};
      fragments = call["function"]["arguments"].get<std::string>();
    } else if (type == "code_interpreter") {
      opening["code_interpreter"] = Json{{"input", ""}, {"outputs", Json::array()}};
      fragments = call["code_interpreter"]["input"].get<std::string>();
    } else if (run.progress.event_log->version == ApiVersion::v1) {
      opening["type"] = "retrieval";  // file_search's v1 name
      opening["retrieval"] = Json::object();
    } else {
      opening["file_search"] = Json::object();
    }
    emit(run, "thread.run.step.delta", step_delta(step, opening));
    for (const std::string& piece : chunk_text(fragments)) {
      Json fragment = Json{{"index", index}, {"type", type}};
      if (type == "function") {
        fragment["function"] = Json{{"arguments", piece}};
      } else {
        fragment["code_interpreter"] = Json{{"input", piece}};
      }
      emit(run, "thread.run.step.delta", step_delta(step, fragment));
    }
  }
}

void code_outputs_delta(Run& run, const RunStep& step) {
  if (!run.progress.event_log) return;
  const Json& call = step.step_details["tool_calls"][0];
  if (call["type"] != "code_interpreter" || call["code_interpreter"]["outputs"].empty()) return;
  Json outputs = Json::array();
  std::size_t index = 0;
  for (Json output : call["code_interpreter"]["outputs"]) {
    output["index"] = index++;
    outputs.push_back(std::move(output));
  }
  emit(run, "thread.run.step.delta",
       step_delta(step, Json{{"index", 0}, {"type", "code_interpreter"},
                             {"code_interpreter", Json{{"outputs", outputs}}}}));
}

void text_deltas(Run& run, const Message& message, const std::string& text,
                 const Json& annotations) {
  if (!run.progress.event_log) return;
  const std::vector<std::string> pieces = chunk_text(text);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    Json part_text = Json{{"value", pieces[i]}};
    if (i + 1 == pieces.size() && !annotations.empty()) {
      Json indexed = Json::array();
      std::size_t index = 0;
      for (Json annotation : annotations) {
        annotation["index"] = index++;
        indexed.push_back(std::move(annotation));
      }
      part_text["annotations"] = indexed;
    } else {
      part_text["annotations"] = Json::array();
    }
    emit(run, "thread.message.delta",
         Json{{"id", message.id},
              {"object", "thread.message.delta"},
              {"delta", Json{{"content", Json::array({Json{{"index", 0},
                                                          {"type", "text"},
                                                          {"text", part_text}}})}}}});
  }
}

std::string format_sse(const std::string& name, const Json& data) {
  return "event: " + name + "\ndata: " + data.dump() + "\n\n";
}

std::string done_event() { return "event: done\ndata: [DONE]\n\n"; }

std::vector<std::string> chunk_text(const std::string& text, std::size_t target) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.size(), start + target);
    // End on a space when one is near, so words are not split needlessly.
    const std::size_t space = text.find(' ', end);
    if (space != std::string::npos && space - end < target) end = space + 1;
    if (end >= text.size()) end = text.size();
    // Never cut inside a UTF-8 sequence: each piece must be valid text on its own.
    while (end < text.size() && end > start + 1 &&
           (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) {
      --end;
    }
    pieces.push_back(text.substr(start, end - start));
    start = end;
  }
  return pieces;
}

}  // namespace mock::assistants::events
