#pragma once
// The Assistants API objects as the mock stores them. Free-form parts the mock only
// echoes (tools, metadata) stay JSON; everything the lifecycle reasons about is typed, and
// so is message content, which threads hold the most of. The wire shape lives only in
// wire.cpp.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/json.hpp"
#include "mock/assistants/model/status.hpp"
#include "mock/core/object_lock.hpp"
#include "mock/core/ordered_collection.hpp"
#include "mock/core/wire_cache.hpp"
#include "mock/scenario/script.hpp"

namespace mock::assistants {

using Timestamp = std::int64_t;  // Unix seconds

struct Assistant {
  std::string id;
  Timestamp created_at = 0;
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::string model;
  std::optional<std::string> instructions;
  Json tools = Json::array();
  Json tool_resources = Json::object();
  // The code interpreter's files: v1 `file_ids` and v2 tool_resources.code_interpreter
  // are one list, kept in step by set_code_interpreter_files().
  Json file_ids = Json::array();
  std::map<std::string, Timestamp> file_attached_at;  // when each v1 file was attached
  Json metadata = Json::object();
  double temperature = 1.0;
  double top_p = 1.0;
  Json response_format = "auto";
  std::optional<std::string> reasoning_effort;

  mutable core::WireCache wire_cache;  // not state: this object as last sent
};

// One part of a message's content. Typed rather than JSON because threads hold messages by
// the hundred thousand: as JSON a text part took ten allocations, here it takes two (the
// list of parts, and the text when longer than the string's inline buffer). A message
// with a short question took 1,156 bytes with JSON content and takes 644 (30,000 posted to
// one thread, RSS; the image detail as a string and the id index's own copy of each id on
// the heap made it 724).
struct ContentPart {
  enum class Kind : std::uint8_t { text, image_file, image_url };
  enum class Detail : std::uint8_t { automatic, low, high };  // "auto", "low", "high"
  Kind kind = Kind::text;
  Detail detail = Detail::automatic;  // images only
  std::string value;                  // the text; an image's file_id or url
  Json annotations;                   // text: the annotations; null when there are none
};

struct Message {
  std::string id;
  Timestamp created_at = 0;
  std::string thread_id;
  MessageStatus status = MessageStatus::completed;
  Json incomplete_details = nullptr;
  std::optional<Timestamp> completed_at;
  std::optional<Timestamp> incomplete_at;
  Role role = Role::user;
  std::vector<ContentPart> content;
  std::optional<std::string> assistant_id;
  std::optional<std::string> run_id;
  // Null rather than an empty array / object, which would cost an allocation per message:
  // the wire shows null as [] and {}.
  Json attachments;
  Json metadata;

  mutable core::WireCache wire_cache;
};

struct RunStep {
  std::string id;
  Timestamp created_at = 0;
  std::string run_id;
  std::string assistant_id;
  std::string thread_id;
  StepType type = StepType::message_creation;
  StepStatus status = StepStatus::in_progress;
  std::optional<Timestamp> cancelled_at;
  std::optional<Timestamp> completed_at;
  std::optional<Timestamp> expired_at;
  std::optional<Timestamp> failed_at;
  Json last_error = nullptr;
  Json step_details = Json::object();
  Json usage = nullptr;
  Json metadata = Json::object();

  mutable core::WireCache wire_cache;
};

// The events one streaming client reads, in order. A newer stream of the same run (tool
// outputs submitted with stream: true) opens a new log and closes this one: the older
// stream sends what its log holds, then ends, and never sees the newer stream's events.
struct RunEventLog {
  ApiVersion version = ApiVersion::v2;  // the shapes the stream's client reads
  std::vector<std::pair<std::string, Json>> events;
  bool closed = false;
};

// Where the run driver is in the run's script; not part of the wire shape.
struct RunProgress {
  std::int64_t next_due_ms = 0;  // when the next transition happens
  scenario::RunScript actions;             // what the run does, in order
  std::size_t action_index = 0;  // next or current action
  bool action_open = false;      // the current action's step exists and is not finished
  std::optional<std::string> open_step_id;
  std::optional<std::string> open_message_id;
  std::string user_message;  // latest user message when the run started ({{user_message}})
  // Every submitted tool output of the run, in order, as (function name, output), and
  // where the latest submission starts in it.
  std::vector<std::pair<std::string, std::string>> tool_outputs;
  std::size_t latest_outputs_from = 0;
  std::int64_t prompt_tokens = 0;
  std::int64_t completion_tokens = 0;
  std::optional<Timestamp> ended_at;  // when the run reached a terminal status
  // While a client streams the run, every transition appends the event the service would
  // send to this log, which the stream reads; null when no client streams the run.
  std::shared_ptr<RunEventLog> event_log;
};

struct Run {
  std::string id;
  Timestamp created_at = 0;
  std::string thread_id;
  std::string assistant_id;
  RunStatus status = RunStatus::queued;
  Json required_action = nullptr;
  Json last_error = nullptr;
  std::optional<Timestamp> expires_at;
  std::optional<Timestamp> started_at;
  std::optional<Timestamp> cancelled_at;
  std::optional<Timestamp> failed_at;
  std::optional<Timestamp> completed_at;
  Json incomplete_details = nullptr;
  std::string model;
  std::string instructions;
  Json tools = Json::array();
  Json file_ids = Json::array();  // v1: the assistant's files when the run started
  Json metadata = Json::object();
  Json usage = nullptr;
  double temperature = 1.0;
  double top_p = 1.0;
  Json max_prompt_tokens = nullptr;
  Json max_completion_tokens = nullptr;
  Json truncation_strategy = Json{{"type", "auto"}, {"last_messages", nullptr}};
  Json tool_choice = "auto";
  bool parallel_tool_calls = true;
  Json response_format = "auto";

  core::OrderedCollection<RunStep> steps;
  RunProgress progress;

  mutable core::WireCache wire_cache;
};

// Sets the assistant's code interpreter files in both views.
void set_code_interpreter_files(Assistant& assistant, Json file_ids);

struct Thread {
  std::string id;
  Timestamp created_at = 0;
  Json tool_resources = Json::object();
  Json metadata = Json::object();

  core::OrderedCollection<Message> messages;
  core::OrderedCollection<Run> runs;
  std::optional<std::string> active_run_id;

  mutable core::WireCache wire_cache;
  // Held (through AssistantsStore) by every request that reads or changes this thread's
  // contents, so requests to different threads run side by side.
  core::ObjectLock lock;
};

}  // namespace mock::assistants
