// The cassettes library is built with -O2 in every build type (cassettes/CMakeLists.txt):
// without optimisation nlohmann's parser needs about 5 s of CPU for a 10,000-exchange
// cassette (17 MB), ten times as much as with it.
//
// Optimising this library only helps if the parser that runs is the one compiled here.
// Template code is shared between object files and the linker keeps any one copy, perhaps an
// unoptimised one from a file of the mock. So the parser is instantiated with an iterator
// type from this file's anonymous namespace: those instantiations have internal linkage,
// and this file's optimised copy is the one that runs.
#include "cassettes/bounded_json.hpp"

#include "json/fast_parse.hpp"

#include <cstddef>
#include <iterator>
#include <utility>
#include <vector>

namespace cassettes {
namespace {

class LocalCharIterator {
public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  explicit LocalCharIterator(const char* at) : m_at(at) {}
  reference operator*() const { return *m_at; }
  LocalCharIterator& operator++() {
    ++m_at;
    return *this;
  }
  LocalCharIterator operator++(int) {
    LocalCharIterator before = *this;
    ++m_at;
    return before;
  }
  bool operator==(const LocalCharIterator& other) const { return m_at == other.m_at; }
  bool operator!=(const LocalCharIterator& other) const { return m_at != other.m_at; }

private:
  const char* m_at;
};

LocalCharIterator begin_of(std::string_view text) { return LocalCharIterator(text.data()); }
LocalCharIterator end_of(std::string_view text) { return LocalCharIterator(text.data() + text.size()); }

}  // namespace

std::size_t json_depth(const Json& value) {
  std::size_t deepest = 0;
  std::vector<std::pair<const Json*, std::size_t>> pending{{&value, 0}};
  while (!pending.empty()) {
    const auto [node, depth] = pending.back();
    pending.pop_back();
    if (!node->is_structured()) continue;
    const std::size_t inner = depth + 1;
    if (inner > deepest) deepest = inner;
    for (const Json& child : *node) pending.emplace_back(&child, inner);
  }
  return deepest;
}

bool nests_deeper_than(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return true;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return false;
}

std::optional<Json> parse_json_bounded(std::string_view text, std::size_t max_depth) {
  // The fast parser takes well-formed documents within the depth; nlohmann decides the rest.
  if (auto fast = json_parse::parse_fast(text, max_depth)) return fast;
  // A parser callback that sees every depth would slow the common case; a bracket scan
  // first keeps well-formed documents on the fast path.
  if (nests_deeper_than(text, max_depth)) return std::nullopt;
  Json parsed = Json::parse(begin_of(text), end_of(text), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

tl::expected<Json, std::string> parse_json_document(std::string_view text, std::size_t max_depth) {
  if (auto fast = json_parse::parse_fast(text, max_depth)) return std::move(*fast);
  if (nests_deeper_than(text, max_depth)) {
    return tl::unexpected("JSON nested more than " + std::to_string(max_depth) + " levels deep");
  }
  try {
    return Json::parse(begin_of(text), end_of(text));
  } catch (const Json::exception& error) {  // parse_error, and out_of_range for numbers like 1e400
    return tl::unexpected(std::string("not valid JSON: ") + error.what());
  }
}

}  // namespace cassettes
