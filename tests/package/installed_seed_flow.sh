#!/usr/bin/env bash
# The installed package, checked as a user would use it: the binary on PATH, the man page, the
# computed dependencies, and the seed article's flow served from the installed scenario with curl.
#   tests/package/installed_seed_flow.sh            (after apt-get install ./assistants-mock_*.deb)
set -euo pipefail
bin=/usr/bin/assistants-mock
scenario=/usr/share/assistants-mock/scenarios/seed_article.json
passed=0
failed=0
check() {  # check NAME COMMAND...
  if "${@:2}"; then passed=$((passed + 1)); echo "ok: $1"; else failed=$((failed + 1)); echo "FAILED: $1" >&2; fi
}

check "the binary is on PATH" test "$(command -v assistants-mock)" = "$bin"
check "the scenario schema is installed" test -f /usr/share/assistants-mock/scenarios/scenario.schema.json
check "the man page is installed and names every command" \
  bash -c 'zcat /usr/share/man/man1/assistants-mock.1.gz | grep -q "assistants-mock replay"'
check "the dependencies were computed (libcurl among them)" \
  bash -c 'dpkg-query -W -f="\${Depends}" assistants-mock | grep -q libcurl'

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
assistants-mock serve --port 0 --port-file "$work/url" --quiet --seed 1 --run-step-ms 5 --scenario "$scenario" &
server=$!
for _ in $(seq 200); do [[ -s "$work/url" ]] && break; sleep 0.05; done
url=$(cat "$work/url")

api() {  # api METHOD PATH [JSON]
  curl -sf -X "$1" "$url/v1$2" -H "Authorization: Bearer sk-test" \
       -H "OpenAI-Beta: assistants=v2" -H "Content-Type: application/json" -d "${3:-}"
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

assistant=$(api POST /assistants '{"model":"gpt-4","name":"Math Tutor","tools":[{"type":"code_interpreter"}]}' | field '["id"]')
thread=$(api POST /threads '{"messages":[{"role":"user","content":"I need to solve the equation `3x + 11 = 14`. Can you help me?"}]}' | field '["id"]')
run=$(api POST "/threads/$thread/runs" "{\"assistant_id\":\"$assistant\"}" | field '["id"]')
status=queued
for _ in $(seq 400); do
  status=$(api GET "/threads/$thread/runs/$run" | field '["status"]')
  [[ "$status" == completed ]] && break
  sleep 0.01
done
check "the run completes" test "$status" = completed
reply=$(api GET "/threads/$thread/messages?limit=1" | field '["data"][0]["content"][0]["text"]["value"]')
check "the scripted answer" test "$reply" = 'The solution to the equation `3x + 11 = 14` is `x = 1`, Jane Doe.'
steps=$(api GET "/threads/$thread/runs/$run/steps?order=asc" | field '["data"][1]["step_details"]["tool_calls"][0]["code_interpreter"]["outputs"][0]["logs"]')
check "the code_interpreter step's logs" test "$steps" = "[1]"

echo "deb-check: $passed passed, $failed failed"
((failed == 0))
