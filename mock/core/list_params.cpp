#include "mock/core/list_params.hpp"

#include <charconv>

#include "http/api_error.hpp"
#include "mock/core/field_reader.hpp"

namespace mock::core {
namespace {
constexpr std::int64_t k_max_limit = 100;
}

core::PageQuery parse_list_query(const http::ApiRequest& request) {
  using http::errors::invalid_request;
  core::PageQuery query;
  if (auto limit = request.query_value("limit")) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
    if (error != std::errc() || end != limit->data() + limit->size()) {
      throw invalid_request("Invalid type for 'limit': expected an integer, but got a string "
                            "that could not be parsed as an integer instead.",
                            "limit", "invalid_type");
    }
    if (value < 1) {
      throw invalid_request("Invalid 'limit': integer below minimum value. Expected a value >= 1, "
                            "but got " + std::to_string(value) + " instead.",
                            "limit", "integer_below_min_value");
    }
    if (value > k_max_limit) {
      throw invalid_request("Invalid 'limit': integer above maximum value. Expected a value <= " +
                                std::to_string(k_max_limit) + ", but got " +
                                std::to_string(value) + " instead.",
                            "limit", "integer_above_max_value");
    }
    query.limit = static_cast<std::size_t>(value);
  }
  if (auto order = request.query_value("order")) {
    if (*order != "asc" && *order != "desc") throw_invalid_value("order", *order, {"asc", "desc"});
    query.ascending = *order == "asc";
  }
  if (auto after = request.query_value("after"); after && !after->empty()) query.after = *after;
  if (auto before = request.query_value("before"); before && !before->empty()) query.before = *before;
  return query;
}

void throw_unknown_cursor(const core::UnknownCursor& cursor) {
  throw http::errors::invalid_request("Invalid '" + cursor.param + "': no object with id '" +
                                          cursor.id + "' in this list.",
                                      cursor.param, "invalid_value");
}

}  // namespace mock::core
