#pragma once
// One client session carrying distinctive fake secrets in every request (API key,
// OpenAI-Organization, OpenAI-Project, Cookie, a key as a query parameter), and the haystack
// of everything it got back, for tests that then search every artifact for the secrets.
#include <string>
#include <vector>

namespace hostile {

struct SecretValues {
  std::string api_key = "sk-hostile-3f9c2a7e1b5d4c8f9a0b";
  std::string wrong_key = "sk-wrong-wr0ngk3y9d8c7b6a5e";
  std::string organization = "org-hostile5e1d9c3b7a";
  std::string project = "proj_hostile8b2f6d4a1c";
  std::string cookie = "session=hostile-cookie-7c4e1a9d";
  std::string admin_token = "admin-hostile-6a2c9e4f0d";

  // The distinctive part of each value: finding one of these anywhere is a leak. A masked key
  // ("sk-ho****9a0b") keeps only a few characters at either end and matches none of them.
  std::vector<std::string> needles() const {
    return {"3f9c2a7e1b5d4c8f", "wr0ngk3y9d8c7b6", "hostile5e1d9c3b7a", "hostile8b2f6d4a1c", "hostile-cookie-7c4e",
            "6a2c9e4f0d"};
  }
};

struct FlowResult {
  std::string transcript;  // every status line, header and body received
  std::vector<std::string> failures;  // steps that did not answer as a working flow should
};

// Assistant, thread, run polled to completion, messages, a streamed run, a file upload (fixed
// multipart boundary, so a replay can match it), a 404, a 400, a wrong key, a key in the query.
FlowResult run_secret_flow(int port, const SecretValues& secrets);

// The needles found in `text`, with a little context each (empty: no leak).
std::vector<std::string> leaks_in(const std::string& text, const SecretValues& secrets);

}  // namespace hostile
