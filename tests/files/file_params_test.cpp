// The upload form and the file list query, with the service's wording.
#include <gtest/gtest.h>

#include <string>

#include "mock/files/file_params.hpp"
#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::http::ApiRequest;
using mock::http::FormPart;
using tests::support::expect_api_error;
using tests::support::thrown_api_error;

ApiRequest upload(std::vector<FormPart> parts) {
  ApiRequest request;
  request.method = "POST";
  request.path = "/v1/files";
  request.headers.emplace("Content-Type", "multipart/form-data; boundary=x");
  request.form_parts = std::move(parts);
  return request;
}

FormPart file_part() { return FormPart{"file", "notes.txt", "text/plain", "hello"}; }
FormPart field(const std::string& name, const std::string& value) {
  return FormPart{name, "", "", value};
}

TEST(UploadForm, ReadsFileAndPurpose) {
  const ApiRequest request = upload({file_part(), field("purpose", "assistants")});
  const auto form = mock::files::parse_upload_form(request);
  ASSERT_NE(form.file, nullptr);
  EXPECT_EQ(form.file->filename, "notes.txt");
  EXPECT_EQ(form.purpose, "assistants");
  EXPECT_FALSE(form.expires_after_seconds);
}

TEST(UploadForm, AcceptsEveryUploadPurpose) {
  for (const char* purpose : {"assistants", "batch", "fine-tune", "vision", "user_data", "evals"}) {
    const ApiRequest request = upload({file_part(), field("purpose", purpose)});
    EXPECT_EQ(mock::files::parse_upload_form(request).purpose, purpose);
  }
}

TEST(UploadForm, MissingPartsAreMissingParameters) {
  expect_api_error(thrown_api_error([] {
                     mock::files::parse_upload_form(upload({field("purpose", "assistants")}));
                   }),
                   400, "Missing required parameter: 'file'.", "file", "missing_required_parameter");
  expect_api_error(thrown_api_error([] { mock::files::parse_upload_form(upload({file_part()})); }),
                   400, "Missing required parameter: 'purpose'.", "purpose",
                   "missing_required_parameter");
}

TEST(UploadForm, BadPurposeListsTheSupportedOnes) {
  expect_api_error(
      thrown_api_error([] {
        mock::files::parse_upload_form(upload({file_part(), field("purpose", "retrieval")}));
      }),
      400,
      "Invalid value: 'retrieval'. Supported values are: 'assistants', 'batch', 'fine-tune', "
      "'vision', 'user_data', and 'evals'.",
      "purpose", "invalid_value");
}

TEST(UploadForm, FileSentAsAPlainFieldIsTheWrongType) {
  expect_api_error(
      thrown_api_error([] {
        mock::files::parse_upload_form(
            upload({field("file", "hello"), field("purpose", "assistants")}));
      }),
      400, "Invalid type for 'file': expected a file, but got a string instead.", "file",
      "invalid_type");
}

TEST(UploadForm, UnknownPartsAreUnknownParameters) {
  expect_api_error(
      thrown_api_error([] {
        mock::files::parse_upload_form(
            upload({file_part(), field("purpose", "assistants"), field("colour", "red")}));
      }),
      400, "Unknown parameter: 'colour'.", "colour", "unknown_parameter");
}

TEST(UploadForm, JsonBodyIsRefusedWithAHint) {
  ApiRequest request;
  request.headers.emplace("Content-Type", "application/json");
  request.body = R"({"purpose":"assistants"})";
  const auto error = thrown_api_error([&] { mock::files::parse_upload_form(request); });
  EXPECT_EQ(error.status(), 400);
  EXPECT_NE(std::string(error.what()).find("multipart/form-data"), std::string::npos);
}

TEST(UploadForm, ExpiresAfterIsAnchoredAtCreationWithinItsRange) {
  const auto ok = mock::files::parse_upload_form(
      upload({file_part(), field("purpose", "batch"), field("expires_after[anchor]", "created_at"),
              field("expires_after[seconds]", "3600")}));
  EXPECT_EQ(ok.expires_after_seconds, 3600);
  expect_api_error(
      thrown_api_error([] {
        mock::files::parse_upload_form(
            upload({file_part(), field("purpose", "batch"),
                    field("expires_after[anchor]", "created_at"),
                    field("expires_after[seconds]", "60")}));
      }),
      400,
      "Invalid 'expires_after.seconds': integer below minimum value. Expected a value >= 3600, "
      "but got 60 instead.",
      "expires_after.seconds", "integer_below_min_value");
  expect_api_error(thrown_api_error([] {
                     mock::files::parse_upload_form(
                         upload({file_part(), field("purpose", "batch"),
                                 field("expires_after[seconds]", "3600")}));
                   }),
                   400, "Missing required parameter: 'expires_after.anchor'.",
                   "expires_after.anchor", "missing_required_parameter");
}

TEST(FileListQuery, DefaultsToTenThousandNewestFirst) {
  ApiRequest request;
  const auto query = mock::files::parse_file_list_query(request);
  EXPECT_EQ(query.limit, 10000U);
  EXPECT_FALSE(query.ascending);
  request.query = {{"limit", "10001"}};
  expect_api_error(thrown_api_error([&] { mock::files::parse_file_list_query(request); }), 400,
                   "Invalid 'limit': integer above maximum value. Expected a value <= 10000, but "
                   "got 10001 instead.",
                   "limit", "integer_above_max_value");
  request.query = {{"limit", "2"}, {"order", "asc"}, {"after", "file-x"}};
  const auto paged = mock::files::parse_file_list_query(request);
  EXPECT_EQ(paged.limit, 2U);
  EXPECT_TRUE(paged.ascending);
  EXPECT_EQ(paged.after, "file-x");
}

TEST(ContentType, KeepsTheSentTypeOrGuessesFromTheName) {
  EXPECT_EQ(mock::files::content_type_for("a.bin", "image/png"), "image/png");
  EXPECT_EQ(mock::files::content_type_for("notes.txt", "application/octet-stream"), "text/plain");
  EXPECT_EQ(mock::files::content_type_for("DATA.JSONL", ""), "application/jsonl");
  EXPECT_EQ(mock::files::content_type_for("blob", ""), "application/octet-stream");
}

}  // namespace
