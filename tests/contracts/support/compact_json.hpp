#pragma once
// Writes JSON the way the fixtures and schemas are laid out: a value stays on one line when
// it fits in 110 columns, otherwise one member per line. Golden files rewritten by
// UPDATE_GOLDEN=1 then diff cleanly against hand-written ones.
#include <string>

#include <nlohmann/json.hpp>

namespace contracts::testing {

std::string compact_json(const nlohmann::ordered_json& value);

}  // namespace contracts::testing
