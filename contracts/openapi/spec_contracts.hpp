#pragma once
// Response contracts read from an OpenAPI 3.0 or 3.1 document, so recordings can be checked
// against whatever spec OpenAI publishes next: `assistants-mock check --spec openapi.yaml`.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "contracts/contract_source.hpp"

namespace contracts::openapi {

class SpecContracts final : public ContractSource {
public:
  // Reads and indexes the document; the error names the file and what is wrong with it
  // (not YAML/JSON, not OpenAPI 3.x, no paths).
  static tl::expected<SpecContracts, std::string> load(const std::filesystem::path& file);
  // The same from a parsed document; `name` stands for it in reports.
  static tl::expected<SpecContracts, std::string> from_document(nlohmann::json document, std::string name);

  // Request paths are matched after the path of servers[0].url ("/v1"). The schema is the
  // response's application/json content for the status (or its NXX range, or `default`);
  // an error status the operation does not declare falls back to the ErrorResponse component;
  // a stream to the text/event-stream content, else the AssistantStreamEvent component.
  // `version` plays no part: a document describes one version.
  tl::expected<ResponseContract, std::string> find(std::string_view method, std::string_view path, int status,
                                                   ApiVersion version, bool streamed) const override;
  std::string name() const override { return m_name; }
  bool versioned() const override { return false; }

  std::size_t operation_count() const { return m_operations.size(); }
  const std::string& openapi_version() const { return m_openapi_version; }

private:
  struct Operation {
    std::string method;    // upper case
    std::string template_path;  // as in the document: /threads/{thread_id}
    const nlohmann::json* responses = nullptr;
  };

  SpecContracts() = default;
  const nlohmann::json* resolve(const nlohmann::json& node) const;
  tl::expected<ResponseContract, std::string> compile(const std::string& key, const std::string& endpoint,
                                                      const std::string& label, const nlohmann::json& schema) const;

  // Shared so SpecContracts stays movable while operations point into the document.
  std::shared_ptr<const nlohmann::json> m_document;
  std::string m_name;
  std::string m_openapi_version;
  std::string m_base_path;  // "/v1"
  std::vector<Operation> m_operations;
  std::shared_ptr<std::mutex> m_cache_mutex = std::make_shared<std::mutex>();
  std::shared_ptr<std::map<std::string, tl::expected<ResponseContract, std::string>>> m_cache =
      std::make_shared<std::map<std::string, tl::expected<ResponseContract, std::string>>>();
};

}  // namespace contracts::openapi
