#!/usr/bin/env bash
# Fails when a third-party header is included outside the files allowed to use it
# (../shared/STYLE.md §2): httplib only in the HTTP adapters, curl only in the upstream,
# valijson only in the validator. Tests and benchmarks may use httplib as a client.
set -euo pipefail
root=${1:?usage: check_includes.sh PROJECT_ROOT}
cd "$root"
status=0
check() {  # check HEADER_REGEX ALLOWED_REGEX
  local offenders
  offenders=$(grep -rlE "#include *[<\"]$1" --include='*.cpp' --include='*.hpp' \
                mock cli recorder cassettes contracts 2>/dev/null | grep -vE "$2" || true)
  if [[ -n "$offenders" ]]; then
    echo "FAIL: $1 included outside $2:"; echo "$offenders" | sed 's/^/  /'; status=1
  else
    echo "ok: $1 only in $2"
  fi
}
check 'httplib\.h' '^(mock/http/(http_server\.cpp|httplib_(streams|exchange)\.[ch]pp)|recorder/.*server.*\.cpp)$'
check 'curl/curl\.h' '^recorder/curl_upstream\.cpp$'
check 'valijson/' '^contracts/validator\.cpp$'
exit $status
