#pragma once
// The rules of a streamed Responses API answer that hold across its events, which no schema of
// one event can state (RESPONSES.md §9, and what the SDK's ResponseStream checks):
//   - sequence_number runs from 0 (or from starting_after + 1 on a resumed stream) without gaps;
//   - each event's data.type repeats its event name;
//   - the lifecycle events all carry the same response id;
//   - the deltas of a text, refusal, reasoning text, function-call arguments or code interpreter
//     code add up to what its .done event says (not checked on a resumed stream, which lacks
//     the deltas before it).
#include <optional>
#include <string_view>
#include <vector>

#include "contracts/drift.hpp"
#include "contracts/observed_response.hpp"

namespace contracts {

// Each broken rule as a stream_invariant drift at $[i].data.MEMBER of the event that breaks
// it; `starting_after`: the request's starting_after query parameter, when it resumed a stream.
std::vector<DriftItem> find_stream_invariant_drift(const std::vector<ObservedEvent>& events,
                                                   std::optional<long long> starting_after);

// The starting_after parameter of `path`'s query string ("/v1/responses/r?stream=true&starting_after=5"
// -> 5), or nullopt when absent or not a number.
std::optional<long long> starting_after_of(std::string_view path);

}  // namespace contracts
