#pragma once
// What the service answers for chunking_strategy "auto" (or none): the static strategy with
// its documented defaults. Written out here, not taken from the code under test.
#include "http/json.hpp"

namespace tests::files {

inline const mock::Json k_auto_in_response_form = mock::Json{
    {"type", "static"}, {"static", {{"max_chunk_size_tokens", 800}, {"chunk_overlap_tokens", 400}}}};

}  // namespace tests::files
