#!/usr/bin/env bash
# The whole Assistants flow with curl against a mock started on a free port.
#   ASSISTANTS_MOCK_BIN=/path/to/assistants-mock examples/shell/curl-flow.sh
set -euo pipefail
bin=${ASSISTANTS_MOCK_BIN:-assistants-mock}
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin" serve --port 0 --port-file "$work/url" --quiet --run-step-ms 5 &
server=$!
for _ in $(seq 100); do [[ -s "$work/url" ]] && break; sleep 0.05; done
url=$(cat "$work/url")
curl -sf "$url/__admin/health" >/dev/null

api() {  # api METHOD PATH [JSON]
  curl -sf -X "$1" "$url/v1$2" -H "Authorization: Bearer sk-example" \
       -H "OpenAI-Beta: assistants=v2" -H "Content-Type: application/json" -d "${3:-}"
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

assistant=$(api POST /assistants '{"model":"gpt-4o","name":"Helper"}' | field '["id"]')
thread=$(api POST /threads '{"messages":[{"role":"user","content":"Hello from curl"}]}' | field '["id"]')
run=$(api POST "/threads/$thread/runs" "{\"assistant_id\":\"$assistant\"}" | field '["id"]')
status=queued
for _ in $(seq 200); do
  status=$(api GET "/threads/$thread/runs/$run" | field '["status"]')
  [[ "$status" == completed ]] && break
  sleep 0.01
done
[[ "$status" == completed ]] || { echo "run ended $status" >&2; exit 1; }
reply=$(api GET "/threads/$thread/messages?limit=1" | field '["data"][0]["content"][0]["text"]["value"]')
echo "assistant: $reply"
[[ "$reply" == *"Hello from curl"* ]]
count=$(curl -sf "$url/__admin/requests/count" -d '{"method":"POST","path":"/v1/threads/*/runs"}' | field '["count"]')
[[ "$count" == 1 ]] || { echo "expected one run creation, journal says $count" >&2; exit 1; }
echo "ok: flow completed, one run created"
