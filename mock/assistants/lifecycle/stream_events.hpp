#pragma once
// The server-sent events of a streamed run (FACTS.md §6): what each transition emits,
// the delta objects, and the wire format `event: NAME\ndata: JSON\n\n`.
#include <string>
#include <vector>

#include "mock/assistants/model/objects.hpp"

namespace mock::assistants::events {

// Appends an event to the run's log when a stream is attached.
void emit(Run& run, std::string name, Json data);

void run_event(Run& run, const char* suffix);  // "thread.run.<suffix>" with the run
void step_event(Run& run, const RunStep& step, const char* suffix);
void message_event(Run& run, const Message& message, const char* suffix);

// step.created / step.in_progress of a tool_calls step show no calls yet: the calls
// arrive as deltas (clients accumulate deltas onto the snapshot).
void tool_step_opened(Run& run, const RunStep& step);
// thread.run.step.delta events announcing each call, then argument (or code input)
// fragments, as the service streams them.
void tool_call_deltas(Run& run, const RunStep& step);
// The code_interpreter outputs, as one step delta.
void code_outputs_delta(Run& run, const RunStep& step);
// thread.message.delta chunks whose concatenation is the text; annotations ride on the last.
void text_deltas(Run& run, const Message& message, const std::string& text, const Json& annotations);

// "event: NAME\ndata: JSON\n\n"
std::string format_sse(const std::string& name, const Json& data);
std::string done_event();

// Splits text into pieces a few words long, the way tokens stream.
std::vector<std::string> chunk_text(const std::string& text, std::size_t target = 12);

}  // namespace mock::assistants::events
