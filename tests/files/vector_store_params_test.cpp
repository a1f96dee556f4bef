// Vector store request bodies: defaults, chunking strategies, attributes, batch forms.
#include <gtest/gtest.h>

#include <string>

#include "mock/vector_stores/params.hpp"
#include "tests/files/chunking_expectations.hpp"
#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::Json;
using namespace mock::vector_stores;
using tests::support::expect_api_error;
using tests::support::thrown_api_error;
using tests::files::k_auto_in_response_form;

TEST(CreateVectorStore, FillsDefaults) {
  const Json out = parse_create_vector_store(Json::object());
  EXPECT_EQ(out["file_ids"], Json::array());
  EXPECT_FALSE(out.contains("name"));
  EXPECT_EQ(out["chunking_strategy"], k_auto_in_response_form);
  EXPECT_EQ(out["metadata"], Json::object());
}

TEST(CreateVectorStore, ValidatesEachPart) {
  const Json out = parse_create_vector_store(
      Json{{"name", "FAQ"},
           {"file_ids", {"file-a", "file-b", "file-a"}},
           {"expires_after", {{"anchor", "last_active_at"}, {"days", 7}}},
           {"metadata", {{"k", "v"}}}});
  EXPECT_EQ(out["file_ids"], (Json{"file-a", "file-b"})) << "repeats are dropped";
  EXPECT_EQ(out["expires_after"], (Json{{"anchor", "last_active_at"}, {"days", 7}}));
  expect_api_error(thrown_api_error([] { parse_create_vector_store(Json{{"file_ids", {"vs_a"}}}); }),
                   400, "Invalid 'file_ids[0]': 'vs_a'. Expected an ID that begins with 'file'.",
                   "file_ids[0]", "invalid_value");
  expect_api_error(
      thrown_api_error([] {
        parse_create_vector_store(Json{{"expires_after", {{"anchor", "last_active_at"}, {"days", 366}}}});
      }),
      400,
      "Invalid 'expires_after.days': integer above maximum value. Expected a value <= 365, but "
      "got 366 instead.",
      "expires_after.days", "integer_above_max_value");
  expect_api_error(thrown_api_error([] { parse_create_vector_store(Json{{"files", Json::array()}}); }),
                   400, "Unknown parameter: 'files'.", "files", "unknown_parameter");
}

TEST(ChunkingStrategy, StaticIsCheckedAndKept) {
  const Json fixed = {{"type", "static"},
                      {"static", {{"max_chunk_size_tokens", 1200}, {"chunk_overlap_tokens", 200}}}};
  EXPECT_EQ(parse_chunking_strategy(fixed, "chunking_strategy"), fixed);
  EXPECT_EQ(parse_chunking_strategy(Json{{"type", "auto"}}, "chunking_strategy"),
            k_auto_in_response_form);
  expect_api_error(
      thrown_api_error([] {
        parse_chunking_strategy(
            Json{{"type", "static"}, {"static", {{"max_chunk_size_tokens", 99}, {"chunk_overlap_tokens", 0}}}},
            "chunking_strategy");
      }),
      400,
      "Invalid 'chunking_strategy.static.max_chunk_size_tokens': integer below minimum value. "
      "Expected a value >= 100, but got 99 instead.",
      "chunking_strategy.static.max_chunk_size_tokens", "integer_below_min_value");
  const auto overlap = thrown_api_error([] {
    parse_chunking_strategy(
        Json{{"type", "static"}, {"static", {{"max_chunk_size_tokens", 400}, {"chunk_overlap_tokens", 201}}}},
        "chunking_strategy");
  });
  EXPECT_EQ(overlap.param(), "chunking_strategy.static.chunk_overlap_tokens");
  expect_api_error(thrown_api_error([] {
                     parse_chunking_strategy(Json{{"type", "other"}}, "chunking_strategy");
                   }),
                   400, "Invalid value: 'other'. Supported values are: 'auto' and 'static'.",
                   "chunking_strategy.type", "invalid_value");
}

TEST(Attributes, TakeStringsNumbersAndBooleans) {
  const Json good = {{"team", "finance"}, {"year", 2024}, {"draft", false}};
  EXPECT_EQ(parse_attributes(good, "attributes"), good);
  EXPECT_EQ(parse_attributes(nullptr, "attributes"), Json::object());
  expect_api_error(thrown_api_error([] { parse_attributes(Json{{"k", {1}}}, "attributes"); }), 400,
                   "Invalid type for 'attributes.k': expected a string, a number or a boolean, "
                   "but got an array instead.",
                   "attributes.k", "invalid_type");
  Json many = Json::object();
  for (int i = 0; i < 17; ++i) many["k" + std::to_string(i)] = i;
  EXPECT_EQ(thrown_api_error([&] { parse_attributes(many, "attributes"); }).code(),
            "object_above_max_properties");
}

TEST(FileBatch, FileIdsShareOneStrategy) {
  const Json out = parse_create_file_batch(
      Json{{"file_ids", {"file-a", "file-b"}}, {"attributes", {{"k", "v"}}}});
  ASSERT_EQ(out["files"].size(), 2U);
  EXPECT_EQ(out["files"][1]["file_id"], "file-b");
  EXPECT_EQ(out["files"][1]["attributes"], (Json{{"k", "v"}}));
  EXPECT_EQ(out["files"][1]["chunking_strategy"], k_auto_in_response_form);
}

TEST(FileBatch, FilesCarryTheirOwnOptions) {
  const Json out = parse_create_file_batch(
      Json{{"files", Json::array({Json{{"file_id", "file-a"}, {"attributes", {{"n", 1}}}}})}});
  ASSERT_EQ(out["files"].size(), 1U);
  EXPECT_EQ(out["files"][0]["attributes"], (Json{{"n", 1}}));
}

TEST(FileBatch, NeedsExactlyOneForm) {
  expect_api_error(thrown_api_error([] { parse_create_file_batch(Json::object()); }), 400,
                   "Missing required parameter: 'file_ids'.", "file_ids",
                   "missing_required_parameter");
  expect_api_error(thrown_api_error([] { parse_create_file_batch(Json{{"file_ids", Json::array()}}); }),
                   400,
                   "Invalid 'file_ids': empty array. Expected an array with minimum length 1, but "
                   "got an array with length 0 instead.",
                   "file_ids", "empty_array");
  EXPECT_EQ(thrown_api_error([] {
              parse_create_file_batch(Json{{"file_ids", {"file-a"}},
                                           {"files", Json::array({Json{{"file_id", "file-b"}}})}});
            }).status(),
            400);
}

TEST(VectorStoreHelper, IsNormalisedForTheHandler) {
  const Json out = parse_vector_store_helper(Json{{"file_ids", {"file-a"}}}, "tool_resources.file_search.vector_stores[0]");
  EXPECT_EQ(out, (Json{{"file_ids", {"file-a"}}, {"chunking_strategy", k_auto_in_response_form}, {"metadata", Json::object()}}));
  expect_api_error(thrown_api_error([] {
                     parse_vector_store_helper(Json{{"name", "x"}}, "tool_resources.file_search.vector_stores[0]");
                   }),
                   400, "Unknown parameter: 'tool_resources.file_search.vector_stores[0].name'.",
                   "tool_resources.file_search.vector_stores[0].name", "unknown_parameter");
}

TEST(FileFilter, IsOneOfTheFileStatuses) {
  mock::http::ApiRequest request;
  EXPECT_FALSE(parse_file_filter(request));
  request.query = {{"filter", "completed"}};
  EXPECT_EQ(parse_file_filter(request), FileStatus::completed);
  request.query = {{"filter", "done"}};
  EXPECT_EQ(thrown_api_error([&] { parse_file_filter(request); }).param(), "filter");
}

}  // namespace
