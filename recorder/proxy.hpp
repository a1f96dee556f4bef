#pragma once
// One request through a recording or replaying session (STYLE.md, "Proxy data path"):
// redact -> match against the cassette -> decide(mode) -> replay | forward and record |
// refuse. The only code that reads the record mode.
#include <memory>
#include <string>

#include "http/api_error.hpp"
#include "http/api_message.hpp"
#include "recorder/forwarder.hpp"
#include "recorder/record_mode.hpp"
#include "recorder/redaction.hpp"
#include "recorder/replayer.hpp"

namespace recorder {

class Proxy {
public:
  struct Parts {
    RecordMode mode = RecordMode::none;
    bool cassette_existed = true;
    std::shared_ptr<Replayer> replayer;         // the cassette as the session found it
    std::shared_ptr<const Redactor> redactor;
    std::shared_ptr<const Forwarder> forwarder;  // null when the session never forwards
    std::string cassette_label;                  // names the cassette in error messages
    LogLine log;                                 // one line per request, if set
  };

  explicit Proxy(Parts parts);

  // A miss that the mode refuses throws ApiError 400 `cassette_miss` with
  // `x-should-retry: false`; upstream failures throw 502/504 (forwarder.hpp).
  mock::http::ApiResponse handle(const mock::http::ApiRequest& request) const;

private:
  Parts m_parts;
};

// The error a refused miss answers with (OpenAI envelope, 400, x-should-retry: false).
mock::http::ApiError cassette_miss(const std::string& cassette_label, const std::string& explanation);

}  // namespace recorder
