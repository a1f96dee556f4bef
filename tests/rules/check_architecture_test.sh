#!/usr/bin/env bash
# The architecture check must fail, naming file, line and include, on each kind of breach:
# a folder including one it may not, a library outside its folders, an unknown library, a
# file in no folder. Runs check_architecture.sh over small trees made here.
set -euo pipefail
check=${1:?usage: check_architecture_test.sh CHECK_ARCHITECTURE_SH}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cat > "$work/rules.txt" <<'RULES'
folder http:      -
folder mock/core: http
folder recorder:  http
library libcurl curl/: recorder/upstream.cpp
RULES
failures=0
expect() {  # expect NAME EXPECTED_STATUS EXPECTED_TEXT: runs the check over $work/tree
  local out status=0
  out=$("$check" "$work/tree" "$work/rules.txt" 2>&1) || status=$?
  if [[ $status -ne $2 ]] || ! grep -qF -- "$3" <<<"$out"; then
    echo "FAIL $1: status $status (want $2), output:"; echo "$out" | sed 's/^/  /'; failures=1
  else
    echo "ok $1"
  fi
}
reset_tree() {
  rm -rf "$work/tree"; mkdir -p "$work/tree/http" "$work/tree/mock/core" "$work/tree/recorder"
  printf '#pragma once\n#include <string>\n' > "$work/tree/http/api.hpp"
  printf '#include "http/api.hpp"\n' > "$work/tree/mock/core/ids.cpp"
  printf '#include "http/api.hpp"\n#include <curl/curl.h>\n' > "$work/tree/recorder/upstream.cpp"
}
reset_tree
expect clean 0 "ok: 4 includes of 3 files keep the rules of 3 folders and 1 libraries"
reset_tree; printf '#include "mock/core/ids.hpp"\n' >> "$work/tree/recorder/upstream.cpp"
expect folder_edge 1 'FAIL: recorder/upstream.cpp:3: #include "mock/core/ids.hpp": folder recorder may not include folder mock/core'
reset_tree; printf '#include "mock/core/ids.hpp"\n' > "$work/tree/http/server.cpp"
expect shared_layer_knows_no_surface 1 'FAIL: http/server.cpp:1: #include "mock/core/ids.hpp": folder http may not include folder mock/core (may include: none)'
reset_tree; printf '#include <curl/curl.h>\n' > "$work/tree/mock/core/fetch.cpp"
expect library_outside 1 'FAIL: mock/core/fetch.cpp:1: #include <curl/curl.h>: libcurl may only be included by recorder/upstream.cpp'
reset_tree; printf '\n#include <yaml-cpp/yaml.h>\n' > "$work/tree/http/yaml.cpp"
expect unknown_library 1 'FAIL: http/yaml.cpp:2: #include <yaml-cpp/yaml.h>: no library line of'
reset_tree; mkdir -p "$work/tree/bench"; printf 'int main() {}\n' > "$work/tree/bench/b.cpp"
expect file_in_no_folder 1 'FAIL: bench/b.cpp: in no folder of'
exit $failures
