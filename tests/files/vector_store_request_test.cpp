// Vector store bodies as the handlers read them: absent, null and a value told apart, and
// the service's wording on errors.
#include <gtest/gtest.h>

#include <string>

#include "mock/vector_stores/params.hpp"
#include "mock/vector_stores/vector_store_request.hpp"
#include "tests/files/chunking_expectations.hpp"
#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::Json;
using namespace mock::vector_stores;
using tests::support::expect_api_error;
using tests::support::thrown_api_error;
using tests::files::k_auto_in_response_form;

TEST(ReadCreateVectorStore, EmptyBodyGivesDefaults) {
  const NewVectorStore store = read_create_vector_store(Json::object());
  EXPECT_TRUE(store.file_ids.empty());
  EXPECT_EQ(store.name, "");
  EXPECT_FALSE(store.description);
  EXPECT_TRUE(store.expires_after.is_null());
  EXPECT_EQ(store.chunking_strategy, k_auto_in_response_form);
  EXPECT_EQ(store.metadata, Json::object());
}

TEST(ReadCreateVectorStore, ValuesAreTyped) {
  const NewVectorStore store = read_create_vector_store(
      Json{{"name", "FAQ"},
           {"description", "answers"},
           {"file_ids", {"file-a", "file-b", "file-a"}},
           {"expires_after", {{"anchor", "last_active_at"}, {"days", 7}}},
           {"metadata", {{"k", "v"}}}});
  EXPECT_EQ(store.name, "FAQ");
  EXPECT_EQ(store.description, "answers");
  EXPECT_EQ(store.file_ids, (std::vector<std::string>{"file-a", "file-b"})) << "repeats are dropped";
  EXPECT_EQ(store.expires_after, (Json{{"anchor", "last_active_at"}, {"days", 7}}));
  EXPECT_EQ(store.metadata, (Json{{"k", "v"}}));
}

TEST(ReadCreateVectorStore, NullsAreDefaults) {
  const NewVectorStore store = read_create_vector_store(
      Json{{"name", nullptr}, {"description", nullptr}, {"expires_after", nullptr}, {"metadata", nullptr}});
  EXPECT_EQ(store.name, "");
  EXPECT_FALSE(store.description);
  EXPECT_TRUE(store.expires_after.is_null());
  EXPECT_EQ(store.metadata, Json::object());
}

TEST(ReadCreateVectorStore, ErrorsKeepTheServiceWording) {
  expect_api_error(thrown_api_error([] { read_create_vector_store(Json{{"file_ids", {"vs_a"}}}); }),
                   400, "Invalid 'file_ids[0]': 'vs_a'. Expected an ID that begins with 'file'.",
                   "file_ids[0]", "invalid_value");
}

TEST(ReadUpdateVectorStore, AbsentNullAndValue) {
  const VectorStoreUpdate untouched = read_update_vector_store(Json::object());
  EXPECT_FALSE(untouched.name);
  EXPECT_FALSE(untouched.expires_after);
  EXPECT_FALSE(untouched.metadata);

  const VectorStoreUpdate cleared = read_update_vector_store(
      Json{{"name", nullptr}, {"expires_after", nullptr}, {"metadata", nullptr}});
  EXPECT_EQ(cleared.name, "");
  ASSERT_TRUE(cleared.expires_after);
  EXPECT_TRUE(cleared.expires_after->is_null());
  EXPECT_EQ(cleared.metadata, Json::object());

  const VectorStoreUpdate set = read_update_vector_store(
      Json{{"name", "N"}, {"expires_after", {{"anchor", "last_active_at"}, {"days", 1}}}, {"metadata", {{"a", "b"}}}});
  EXPECT_EQ(set.name, "N");
  EXPECT_EQ(set.expires_after, (Json{{"anchor", "last_active_at"}, {"days", 1}}));
  EXPECT_EQ(set.metadata, (Json{{"a", "b"}}));
}

TEST(ReadUpdateVectorStore, ErrorsKeepTheServiceWording) {
  expect_api_error(thrown_api_error([] { read_update_vector_store(Json{{"file_ids", Json::array()}}); }),
                   400, "Unknown parameter: 'file_ids'.", "file_ids", "unknown_parameter");
}

TEST(ReadCreateVectorStoreFile, DefaultsAndValues) {
  const NewVectorStoreFile plain = read_create_vector_store_file(Json{{"file_id", "file-a"}});
  EXPECT_EQ(plain.file_id, "file-a");
  EXPECT_EQ(plain.chunking_strategy, k_auto_in_response_form);
  EXPECT_EQ(plain.attributes, Json::object());

  const NewVectorStoreFile given =
      read_create_vector_store_file(Json{{"file_id", "file-a"}, {"attributes", {{"n", 1}}}});
  EXPECT_EQ(given.attributes, (Json{{"n", 1}}));
  expect_api_error(thrown_api_error([] { read_create_vector_store_file(Json::object()); }), 400,
                   "Missing required parameter: 'file_id'.", "file_id", "missing_required_parameter");
}

TEST(ReadUpdateVectorStoreFile, AttributesAreRequiredAndNullEmptiesThem) {
  EXPECT_EQ(read_update_vector_store_file(Json{{"attributes", {{"k", "v"}}}}).attributes, (Json{{"k", "v"}}));
  EXPECT_EQ(read_update_vector_store_file(Json{{"attributes", nullptr}}).attributes, Json::object());
  expect_api_error(thrown_api_error([] { read_update_vector_store_file(Json::object()); }), 400,
                   "Missing required parameter: 'attributes'.", "attributes",
                   "missing_required_parameter");
}

TEST(ReadCreateFileBatch, BothFormsGiveFiles) {
  const NewFileBatch by_ids = read_create_file_batch(
      Json{{"file_ids", {"file-a", "file-b", "file-a"}}, {"attributes", {{"k", "v"}}}});
  ASSERT_EQ(by_ids.files.size(), 2U);
  EXPECT_EQ(by_ids.files[1].file_id, "file-b");
  EXPECT_EQ(by_ids.files[1].attributes, (Json{{"k", "v"}}));
  EXPECT_EQ(by_ids.files[1].chunking_strategy, k_auto_in_response_form);

  const NewFileBatch by_files = read_create_file_batch(
      Json{{"files", Json::array({Json{{"file_id", "file-a"}, {"attributes", {{"n", 1}}}},
                                  Json{{"file_id", "file-a"}}})}});
  ASSERT_EQ(by_files.files.size(), 1U) << "repeats are dropped";
  EXPECT_EQ(by_files.files[0].attributes, (Json{{"n", 1}}));
}

TEST(ReadCreateFileBatch, ErrorsKeepTheServiceWording) {
  expect_api_error(thrown_api_error([] { read_create_file_batch(Json::object()); }), 400,
                   "Missing required parameter: 'file_ids'.", "file_ids", "missing_required_parameter");
}

TEST(NewVectorStoreFromFields, ReadsAHelperAsAStore) {
  const Json helper = parse_vector_store_helper(
      Json{{"file_ids", {"file-a"}}, {"metadata", nullptr}}, "tool_resources.file_search.vector_stores[0]");
  const NewVectorStore store = new_vector_store_from_fields(helper);
  EXPECT_EQ(store.file_ids, (std::vector<std::string>{"file-a"}));
  EXPECT_EQ(store.name, "");
  EXPECT_TRUE(store.expires_after.is_null());
  EXPECT_EQ(store.chunking_strategy, k_auto_in_response_form);
  EXPECT_EQ(store.metadata, Json::object());
}

}  // namespace
