#pragma once
// What the live API was on a date, read from the event table (api_events.hpp): which API
// surfaces answered, which `OpenAI-Beta: assistants=` versions were accepted, and where each
// Assistants resource went in the migration to Responses + Conversations.
#include <optional>
#include <string>
#include <string_view>

#include "timeline/api_events.hpp"

namespace timeline {

// The families of routes that came and went together.
enum class Surface {
  assistants,     // /v1/assistants..., /v1/threads... (messages, runs, steps, v1 file links)
  vector_stores,  // /v1/vector_stores... (came with v2, outlived the Assistants API)
  files,          // /v1/files... (older than the Assistants API, never gated)
  responses,      // /v1/responses...
  conversations,  // /v1/conversations...
  other,          // anything else: not gated by date
};

// The family of a request path ("/v1/threads/thread_1/runs" -> assistants). A family is a
// whole path segment: "/v1/threadsX" is `other`.
Surface surface_of(std::string_view path);

// Whether the surface's routes existed on `date` (false: they answered the unknown-route 404).
bool surface_served(Surface surface, const CalendarDate& date);

enum class BetaVersion { v1, v2 };

enum class BetaVerdict {
  accepted,
  not_yet,   // v2 before its launch: invalid_beta as an unknown value
  shut_down, // v1 after its shutdown: the 400 naming the migration guide
};

BetaVerdict beta_verdict(BetaVersion version, const CalendarDate& date);

// The value of `assistants=` in an OpenAI-Beta header, which may list several features
// separated by commas ("assistants=v1, other=x" -> "v1"); "" when there is none.
std::string assistants_beta_value(std::string_view header);

// OpenAI's migration mapping (RESPONSES.md §1) for an Assistants path: the resource the path
// names and what replaces it.
struct Replacement {
  std::string_view resource;     // "assistant", "thread", "message", "run", "run step", ...
  std::string_view replaced_by;  // "prompt (or instructions on each response)", ...
};

// The mapping for a path of the `assistants` surface; nullopt for any other path.
std::optional<Replacement> replacement_for(std::string_view path);

}  // namespace timeline
