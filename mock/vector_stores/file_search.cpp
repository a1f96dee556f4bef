#include "mock/vector_stores/file_search.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "mock/vector_stores/handler_support.hpp"
#include "mock/vector_stores/ingestion.hpp"

namespace mock::vector_stores {
namespace {
constexpr std::size_t k_snippet_bytes = 400;

std::string lower(std::string text) {
  for (char& c : text) c = http::ascii_lower(c);
  return text;
}

std::vector<std::string> words_of(const std::string& query) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : lower(query) + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || (static_cast<unsigned char>(c) & 0x80U) != 0) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  return words;
}

struct Hit {
  std::string file_id;
  std::string store_id;
  Json attributes;
  double score = 0;
};
}  // namespace

void require_vector_store(VectorStoreServices& services, const std::string& id) {
  services.store.with_state([&](VectorStoresState& state) {
    advance(state, services.clock.now_ms());
    require_store(state, id);
  });
}

Json search_vector_stores(VectorStoreServices& services, const Json& vector_store_ids,
                          const std::string& query, std::size_t max_results) {
  const std::vector<std::string> words = words_of(query);
  std::vector<Hit> hits;
  services.store.with_state([&](VectorStoresState& state) {
    advance(state, services.clock.now_ms());
    for (const Json& id : vector_store_ids) {
      const VectorStore& store = require_store(state, id.get<std::string>());
      store.files.for_each([&](const VectorStoreFile& file) {
        if (file.status == FileStatus::completed) hits.push_back(Hit{file.id, store.id, file.attributes, 0});
      });
    }
  });
  Json results = Json::array();
  if (words.empty()) return results;
  struct Scored {
    Json result;
    double score;
  };
  std::vector<Scored> scored;
  for (const Hit& hit : hits) {
    const std::optional<files::StoredFile> file = services.files.find(hit.file_id);
    if (!file || !file->content) continue;
    const std::string text = lower(*file->content);
    std::size_t found = 0;
    std::size_t first = std::string::npos;
    for (const std::string& word : words) {
      const std::size_t at = text.find(word);
      if (at == std::string::npos) continue;
      ++found;
      first = std::min(first, at);
    }
    if (found == 0) continue;
    const double score = static_cast<double>(found) / static_cast<double>(words.size());
    scored.push_back(Scored{Json{{"file_id", hit.file_id},
                                 {"filename", file->filename},
                                 {"score", score},
                                 {"text", file->content->substr(first, k_snippet_bytes)},
                                 {"attributes", hit.attributes}},
                            score});
  }
  std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });
  for (std::size_t i = 0; i < scored.size() && i < max_results; ++i) results.push_back(std::move(scored[i].result));
  return results;
}

}  // namespace mock::vector_stores
