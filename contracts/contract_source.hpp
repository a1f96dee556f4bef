#pragma once
// Where response contracts come from: the schemas built into the program
// (builtin_contracts.hpp) or an OpenAPI document given with --spec (openapi/spec_contracts.hpp).
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "contracts/api_version.hpp"
#include "contracts/validator.hpp"

namespace contracts {

struct ResponseContract {
  std::string endpoint;  // "POST /v1/threads/{thread_id}/runs"
  std::string schema;    // what the response follows: "run", "#/components/schemas/RunObject"
  CompiledSchema compiled;
  // The built-in schema directory it comes from ("v2", "responses"); empty for a spec document.
  std::string directory;
  // For a stream: whether the schema describes each event's data alone (an OpenAPI
  // text/event-stream schema) rather than {"event", "data"} (the built-in schemas).
  bool event_data_only = false;
};

class ContractSource {
public:
  virtual ~ContractSource() = default;

  // The contract of one response; the error says why there is none, and the response is then
  // listed as unchecked ("no schema for GET /v1/files/{file_id}/content").
  // `streamed`: the body is a list of server-sent events, each checked on its own.
  virtual tl::expected<ResponseContract, std::string> find(std::string_view method, std::string_view path,
                                                           int status, ApiVersion version,
                                                           bool streamed) const = 0;

  // For reports: "built-in schemas" or the spec file's name.
  virtual std::string name() const = 0;

  // Whether the API version picks the contract (built-in schemas: yes; one spec document: no).
  virtual bool versioned() const = 0;
};

// The schemas of contracts/schemas/, chosen through contracts/endpoint_map.
class BuiltinContracts final : public ContractSource {
public:
  tl::expected<ResponseContract, std::string> find(std::string_view method, std::string_view path, int status,
                                                   ApiVersion version, bool streamed) const override;
  std::string name() const override { return "built-in schemas"; }
  bool versioned() const override { return true; }
};

}  // namespace contracts
