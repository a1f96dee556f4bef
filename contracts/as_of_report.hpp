#pragma once
// The report of `check --as-of`: each finding exchange by exchange, then the migration
// checklist (each Assistants call to replace, once, with its replacement). Table for people,
// JSON for machines.
#include <string>

#include <nlohmann/json.hpp>

#include "contracts/as_of_check.hpp"

namespace contracts {

std::string render_as_of_table(const AsOfReport& report);
nlohmann::ordered_json render_as_of_json(const AsOfReport& report);

// 0: nothing breaks on that date; 1: a call would break; 2: a cassette could not be read.
int as_of_exit_status(const AsOfReport& report);

// "POST /v1/threads/thread_abc/runs" -> "POST /v1/threads/{id}/runs": the call, without ids.
std::string call_template(const std::string& request);

}  // namespace contracts
