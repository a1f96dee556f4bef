// The only file that includes yaml-cpp. YAML scalars carry no type in yaml-cpp, so plain
// (unquoted) scalars are typed by the YAML 1.2 core schema: null, true/false, integers,
// floats; quoted ones stay strings.
#include "contracts/openapi/document_loader.hpp"

#include <charconv>
#include <fstream>
#include <regex>
#include <sstream>

#include <yaml-cpp/yaml.h>

namespace contracts::openapi {
namespace {

// Real API documents nest a few dozen levels; this bounds the recursion below (and what
// nlohmann's dump() may later recurse through).
constexpr int k_max_depth = 200;

struct TooDeep {};

nlohmann::json plain_scalar(const std::string& text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return nullptr;
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  // Integers: [-+]?[0-9]+ ; floats: the core schema's decimal/exponent forms.
  static const std::regex k_integer("[-+]?[0-9]+");
  static const std::regex k_float(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (text.size() < 32 && std::regex_match(text, k_integer)) {
    std::int64_t value = 0;
    const char* begin = text.data() + (text.front() == '+' ? 1 : 0);
    if (std::from_chars(begin, text.data() + text.size(), value).ec == std::errc()) return value;
  }
  if (text.size() < 64 && std::regex_match(text, k_float)) {
    try {
      return std::stod(text);
    } catch (const std::exception&) {
      return text;
    }
  }
  if (text == ".inf" || text == ".Inf" || text == ".INF" || text == ".nan" || text == ".NaN") return text;
  return text;
}

nlohmann::json to_json(const YAML::Node& node, int depth) {
  if (depth > k_max_depth) throw TooDeep{};
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Scalar:
      // yaml-cpp tags quoted scalars "!" and leaves plain ones "?".
      return node.Tag() == "!" ? nlohmann::json(node.Scalar()) : plain_scalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      nlohmann::json out = nlohmann::json::array();
      for (const YAML::Node& item : node) out.push_back(to_json(item, depth + 1));
      return out;
    }
    case YAML::NodeType::Map: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& member : node) out[member.first.as<std::string>()] = to_json(member.second, depth + 1);
      return out;
    }
  }
  return nullptr;
}

// yaml-cpp 0.7 rejects an anchor standing alone on the line after its key when a block
// scalar follows ("description:\n  &name |\n  text"), valid YAML that OpenAI's 2023-2024
// specs use. Moving the anchor up onto the key's line reads the same in any YAML parser.
bool is_dangling_anchor(std::string_view line) {
  std::size_t i = line.find_first_not_of(' ');
  if (i == std::string_view::npos || line[i] != '&') return false;
  ++i;
  while (i < line.size() && line[i] != ' ') ++i;  // the anchor name
  while (i < line.size() && line[i] == ' ') ++i;
  if (i >= line.size() || (line[i] != '|' && line[i] != '>')) return false;
  ++i;
  while (i < line.size() && (line[i] == '-' || line[i] == '+' || (line[i] >= '0' && line[i] <= '9'))) ++i;
  return line.find_first_not_of(" \r", i) == std::string_view::npos;
}

std::string join_dangling_anchors(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    const std::size_t last = out.find_last_not_of(" \r\n");
    if (is_dangling_anchor(line) && last != std::string::npos && out[last] == ':') {
      out.resize(last + 1);
      out += " " + std::string(line.substr(line.find('&'))) + "\n";
    } else {
      out.append(line);
      out += '\n';
    }
    start = end + 1;
  }
  return out;
}

bool looks_like_json(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
}

}  // namespace

tl::expected<nlohmann::json, std::string> parse_document(std::string_view text, const std::string& name) {
  if (looks_like_json(text)) {
    try {
      return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& error) {  // parse_error, and out_of_range for 1e400
      return tl::unexpected(name + ": not valid JSON: " + error.what());
    }
  }
  try {
    const YAML::Node root = YAML::Load(join_dangling_anchors(text));
    return to_json(root, 0);
  } catch (const YAML::Exception& error) {
    return tl::unexpected(name + ": not valid YAML: " + error.what());
  } catch (const TooDeep&) {
    return tl::unexpected(name + ": nested more than " + std::to_string(k_max_depth) + " levels deep");
  }
}

tl::expected<nlohmann::json, std::string> load_document(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return tl::unexpected(file.string() + ": cannot open the file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in.good() && !in.eof()) return tl::unexpected(file.string() + ": cannot read the file");
  return parse_document(buffer.str(), file.string());
}

}  // namespace contracts::openapi
