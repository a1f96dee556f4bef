#pragma once
// The drift report of `check`: the same finding in many list items or cassettes reads once,
// with how often and where first. Rendered as a table for people or JSON for machines.
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "contracts/check_runner.hpp"

namespace contracts {

struct DriftRow {
  std::string endpoint;      // "GET /v1/threads/{thread_id}/messages"
  std::string api_version;   // "v2"
  std::string event;         // stream event name, or empty
  std::string path;          // with [*] for indexes: $.data[*].file_ids
  DriftKind kind;
  std::string expected;
  std::string got;           // as first seen
  std::size_t occurrences = 0;
  std::string first_seen;    // "seed.json #3 at $.data[0].file_ids"
};

struct UncheckedRow {
  std::string reason;
  std::size_t occurrences = 0;
  std::string first_seen;
};

// Drift rows in the order first seen; unchecked responses grouped by reason.
std::vector<DriftRow> drift_rows(const CheckReport& report);
std::vector<UncheckedRow> unchecked_rows(const CheckReport& report);

std::string render_table(const CheckReport& report);
nlohmann::ordered_json render_json(const CheckReport& report);

// 0: every response matches; 1: drift found; 2: a cassette could not be read.
int exit_status(const CheckReport& report);

}  // namespace contracts
