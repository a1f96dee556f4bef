#pragma once
// The steps and messages a run writes, and what happens to them when it ends.
// Used only by the run driver.
#include <cstdint>

#include "mock/assistants/lifecycle/work_transitions.hpp"
#include "mock/assistants/model/objects.hpp"
#include "mock/core/id_generator.hpp"

namespace mock::assistants::work {

Json usage_json(std::int64_t prompt_tokens, std::int64_t completion_tokens);

// Inserts an in_progress step and remembers it as the run's open step.
RunStep& open_step(Run& run, StepType type, Json step_details, Timestamp at,
                   core::IdGenerator& ids);
// Inserts an empty in_progress assistant message and remembers it as the run's open message.
Message& open_message(Thread& thread, Run& run, Timestamp at, core::IdGenerator& ids);

// Change a status through work_transitions.hpp; an illegal change is a bug (500).
void move_step(RunStep& step, StepEvent event);
void move_message(Message& message, MessageEvent event);

RunStep* current_step(Run& run);
Message* current_message(Thread& thread, Run& run);

void complete_step(Run& run, Timestamp at, Json usage);

// The run ended while a step or message was open: the step takes the run's ending
// (cancelled, failed, expired), the message becomes incomplete with reason
// run_cancelled / run_failed / run_expired.
void close_open_work(Thread& thread, Run& run, RunStatus ending, Timestamp at);

}  // namespace mock::assistants::work
