#pragma once
// Checks one observed response against its contract: the body as a whole, or each event of
// a stream on its own.
#include <optional>
#include <string>
#include <vector>

#include "contracts/contract_source.hpp"
#include "contracts/drift.hpp"
#include "contracts/observed_response.hpp"

namespace contracts {

struct ResponseDrift {
  DriftItem item;
  std::string event;  // the stream event the item is in ("thread.run.created"); empty for a body
};

struct ResponseCheck {
  std::string origin;
  std::string endpoint;  // the matched endpoint, or "METHOD PATH" when none matched
  std::string schema;
  ApiVersion version = ApiVersion::v2;
  // The contract it was held to, as reports name it: the version ("v2"), or "responses" for
  // the Responses and Conversations API, whose contract no version changes.
  std::string contract;
  std::optional<std::string> unchecked;  // why no contract applied; then `drift` is empty
  std::vector<ResponseDrift> drift;
};

ResponseCheck check_response(const ObservedResponse& response, ApiVersion version,
                             const ContractSource& contracts);

}  // namespace contracts
