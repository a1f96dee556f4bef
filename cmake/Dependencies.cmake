# Every third-party library is found here, once. scripts/install-deps installs them.
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
# The allocator of the programs that serve (assistants-mock and the benchmarks that run its
# server): tcmalloc, gperftools' minimal build. A response is a few dozen small allocations
# made and freed by several threads at once while the store grows; glibc's per-thread arenas
# grow a page at a time, one mprotect each, and took a third of what serving a stored
# response costs (bench/README.md). Sanitizer builds keep the sanitizer's allocator, and
# -DAM_TCMALLOC=OFF keeps glibc's.
option(AM_TCMALLOC "Link the server programs with tcmalloc (libgoogle-perftools-dev)" ON)
add_library(server_allocator INTERFACE)
if(AM_TCMALLOC AND NOT AM_SANITIZE)
  pkg_check_modules(TCMALLOC IMPORTED_TARGET libtcmalloc_minimal)
  if(NOT TCMALLOC_FOUND)
    message(FATAL_ERROR "tcmalloc not found (Debian package libgoogle-perftools-dev): run "
                        "scripts/install-deps, or configure with -DAM_TCMALLOC=OFF")
  endif()
  # Nothing calls tcmalloc by name: it replaces malloc and operator new by being linked, so
  # the linker must keep it even where it drops unused libraries (--as-needed).
  target_link_options(server_allocator INTERFACE "LINKER:--no-as-needed")
  target_link_libraries(server_allocator INTERFACE PkgConfig::TCMALLOC)
  target_compile_definitions(server_allocator INTERFACE AM_SERVER_ALLOCATOR="tcmalloc")
elseif(AM_SANITIZE)
  target_compile_definitions(server_allocator INTERFACE AM_SERVER_ALLOCATOR="the sanitizer's")
else()
  target_compile_definitions(server_allocator INTERFACE AM_SERVER_ALLOCATOR="glibc")
endif()

# mock/core/id_index.cpp: abseil's flat_hash_map indexes object ids.
find_package(absl CONFIG QUIET)
if(NOT TARGET absl::flat_hash_map)
  message(FATAL_ERROR "abseil not found (Debian package libabsl-dev): run scripts/install-deps")
endif()
if(AM_BUILD_TESTS)
  find_package(GTest REQUIRED)
  # Model-based tests (tests/model): Debian's librapidcheck-dev ships a static library with a
  # CMake config (targets rapidcheck, rapidcheck_gtest, ...).
  find_package(rapidcheck CONFIG QUIET)
  if(NOT TARGET rapidcheck)
    message(FATAL_ERROR "rapidcheck not found (Debian package librapidcheck-dev): run scripts/install-deps")
  endif()
endif()

# cassettes, recorder, contracts: tl::expected (header-only, Debian's libexpected-dev).
find_path(TL_EXPECTED_INCLUDE_DIR tl/expected.hpp)
if(NOT TL_EXPECTED_INCLUDE_DIR)
  message(FATAL_ERROR "tl/expected.hpp not found (Debian package libexpected-dev): run scripts/install-deps")
endif()

# contracts: yaml-cpp reads OpenAPI documents written in YAML.
find_package(yaml-cpp QUIET)
if(NOT yaml-cpp_FOUND)
  message(FATAL_ERROR "yaml-cpp not found (Debian package libyaml-cpp-dev): run scripts/install-deps")
endif()

# contracts: valijson validates JSON Schema (header-only). scripts/install-deps unpacks its
# headers alone into build/third_party/valijson, because Debian's package drags in ~70 others;
# a system-wide libvalijson-dev works too. Imported targets' include directories are SYSTEM
# includes, so valijson's own warnings do not fail a -Werror build.
find_package(valijson CONFIG QUIET)
if(NOT TARGET valijson)
  find_path(VALIJSON_INCLUDE_DIR valijson/validator.hpp
            HINTS ${PROJECT_SOURCE_DIR}/build/third_party/valijson/usr/include
                  /opt/valijson/usr/include /opt/valijson/include)
  if(NOT VALIJSON_INCLUDE_DIR)
    message(FATAL_ERROR "valijson headers not found (looked in build/third_party/valijson and "
                        "/opt/valijson): run scripts/install-deps, or pass -DVALIJSON_INCLUDE_DIR=DIR")
  endif()
  add_library(valijson INTERFACE IMPORTED)
  set_target_properties(valijson PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES ${VALIJSON_INCLUDE_DIR}
    INTERFACE_COMPILE_DEFINITIONS VALIJSON_USE_EXCEPTIONS=1)
endif()
