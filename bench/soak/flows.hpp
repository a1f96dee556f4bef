#pragma once
// Whole client flows the soak repeats: assistants, threads, messages, runs that call
// functions, tool outputs, streams, cancels, lists and deletes. Every flow checks what it
// gets (statuses, run states, texts, event order) and deletes what it created, so the
// server's memory should level off however long the soak runs.
#include <cstddef>
#include <cstdint>

#include "bench/soak/soak_client.hpp"

namespace soak {

constexpr std::size_t k_flow_kinds = 5;
const char* flow_name(std::size_t kind);

// One flow of this kind (0 .. k_flow_kinds-1); `sequence` makes its texts unique.
void run_flow(SoakClient& client, std::size_t kind, std::uint64_t sequence);

// The scenario the flows rely on: "soak-tools" asks for two functions, "soak-slow" answers
// after a delay; anything else gets the default responder.
Json soak_scenario();

}  // namespace soak
