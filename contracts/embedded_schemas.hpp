#pragma once
// The files under contracts/schemas/, compiled into the program so `check` needs no data
// directory at run time. CMake writes embedded_schemas.cpp from them at configure time.
#include <span>
#include <string_view>

namespace contracts {

struct EmbeddedFile {
  std::string_view path;  // relative to contracts/schemas: "v2/run.schema.json"
  std::string_view text;
};

std::span<const EmbeddedFile> embedded_schema_files();

}  // namespace contracts
