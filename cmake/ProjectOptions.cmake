# One INTERFACE target carries warnings, sanitizers and the include root; every
# target in the project links it privately so the flags stay in one place.
add_library(project_options INTERFACE)
target_include_directories(project_options INTERFACE ${PROJECT_SOURCE_DIR})
target_compile_options(project_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
# GCC 12 reports -Wnull-dereference and -Wrestrict in optimised builds inside inlined
# nlohmann/json and libstdc++ code (the location is the library's header, "inlined from" one of
# ours), so a user's scripts/serve printed warnings about code that is not ours. Both are
# flow-sensitive and see little or nothing at -O0, where the -Werror CI build (Debug) keeps
# them; scripts/check-deb fails if the Release build prints any warning at all.
target_compile_options(project_options INTERFACE
  $<$<NOT:$<CONFIG:Debug>>:-Wno-null-dereference -Wno-restrict>)
if(AM_WERROR)
  target_compile_options(project_options INTERFACE -Werror)
endif()
if(AM_SANITIZE)
  target_compile_options(project_options INTERFACE
    -fsanitize=${AM_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(project_options INTERFACE -fsanitize=${AM_SANITIZE})
endif()
