#include "contracts/contract_source.hpp"
#include "contracts/endpoint_map.hpp"
#include "contracts/schema_library.hpp"

namespace contracts {

tl::expected<ResponseContract, std::string> BuiltinContracts::find(std::string_view method, std::string_view path,
                                                                   int status, ApiVersion version,
                                                                   bool streamed) const {
  const std::optional<EndpointContract> row = find_endpoint_contract(method, path, status, version, streamed);
  if (!row) {
    const std::optional<std::string> endpoint = endpoint_name(method, path);
    return tl::unexpected("no " + to_string(version) + " schema for " +
                          (endpoint ? *endpoint : std::string(method) + " " + std::string(path)) + " (status " +
                          std::to_string(status) + (streamed ? ", streamed" : "") + ")");
  }
  auto compiled = SchemaLibrary::builtin_directory(row->directory).compiled(row->schema);
  if (!compiled) return tl::unexpected(compiled.error());
  return ResponseContract{row->endpoint, row->directory + "/" + row->schema, *compiled, row->directory, false};
}

}  // namespace contracts
