#include "contracts/cassette_responses.hpp"

#include "cassettes/cassette_file.hpp"

namespace contracts {
namespace {

struct BodyReader {
  ObservedResponse& out;
  void operator()(const cassettes::NoBody&) const { out.body = NotJson{}; }
  void operator()(const cassettes::TextBody&) const { out.body = NotJson{}; }
  void operator()(const cassettes::BinaryBody&) const { out.body = NotJson{}; }
  void operator()(const cassettes::JsonBody& body) const { out.body = nlohmann::json(body.value); }
  void operator()(const cassettes::EventStreamBody& body) const {
    std::vector<ObservedEvent> events;
    events.reserve(body.events.size());
    for (const cassettes::SseEvent& event : body.events) events.push_back({event.event, nlohmann::json(event.data)});
    out.body = std::move(events);
  }
};

}  // namespace

tl::expected<CassetteResponses, CassetteReadError> read_cassette_responses(const std::filesystem::path& file) {
  auto loaded = cassettes::load_cassette(file);
  if (!loaded) {
    // The cassettes library names the file itself in most messages.
    const std::string& message = loaded.error().message;
    const bool named = message.rfind(file.string(), 0) == 0;
    return tl::unexpected(
        CassetteReadError{named ? message : file.string() + ": " + message, loaded.error().not_a_cassette});
  }
  const cassettes::CassetteMeta& meta = loaded->cassette.meta;
  CassetteResponses result;
  result.recorded_against = {meta.api_version, meta.contract, meta.recorded_at};
  result.warnings = loaded->warnings;
  std::size_t number = 0;
  for (const cassettes::Interaction& interaction : loaded->cassette.interactions) {
    ObservedResponse response;
    response.origin = file.filename().string() + " #" + std::to_string(++number);
    response.method = interaction.request.method;
    response.path = interaction.request.path;
    response.status = interaction.response.status;
    response.api_version = cassettes::find_header(interaction.request.headers, "openai-beta");
    std::visit(BodyReader{response}, interaction.response.body);
    result.responses.push_back(std::move(response));
  }
  return result;
}

}  // namespace contracts
