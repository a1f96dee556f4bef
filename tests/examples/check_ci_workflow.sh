#!/usr/bin/env bash
# examples/ci/github-actions.yml must build and start the mock with the README's own commands,
# never a package list or build line of its own (one drifted before: it lacked libabsl-dev,
# libexpected-dev and valijson). This checks the file statically, then runs its start step
# with the built binary standing in for scripts/serve's build (the build itself is what
# scripts/test just did), so the flags and the wait loop are tried for real.
#   check_ci_workflow.sh SOURCE_DIR ASSISTANTS_MOCK_BIN
set -euo pipefail
source_dir=$1
binary=$2
workflow=$source_dir/examples/ci/github-actions.yml
readme=$source_dir/README.md
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# 1. No install or build line of its own: scripts/install-deps owns the package list,
#    scripts/serve the build.
if grep -nE 'apt-get +install|apt +install|cmake +(-S|--build)' "$workflow"; then
  fail "the workflow installs or builds by itself; call scripts/serve (or scripts/install-deps) instead"
fi

# 2. Every script it calls exists, is executable, and is one the README tells users to run.
mapfile -t scripts < <(grep -oE 'assistants-mock/scripts/[a-z-]+' "$workflow" | sort -u)
((${#scripts[@]})) || fail "the workflow calls none of the README's scripts"
for call in "${scripts[@]}"; do
  script=${call#assistants-mock/}
  [[ -x "$source_dir/$script" ]] || fail "$script (called by the workflow) is not an executable in the repository"
  grep -qF "$script" "$readme" || fail "$script (called by the workflow) is not a command the README gives"
done
grep -qE '^scripts/serve ' "$readme" || fail "the README's two commands no longer start with scripts/serve"

# 3. Run the step that starts the mock, as a runner would, with the built binary in place of
#    scripts/serve (which would build first, then exec this same binary with the same flags).
step=$(awk '
  /^ *- name: / { in_step = ($0 ~ /scripts\/serve|Build the mock/) ; next }
  in_step && /^ *run: \|/ { in_run = 1; match($0, /^ */); indent = RLENGTH; next }
  in_run { match($0, /^ */); if ($0 !~ /^ *$/ && RLENGTH <= indent) { in_run = 0; in_step = 0; next } print }
' "$workflow")
[[ "$step" == *"assistants-mock/scripts/serve"* ]] || fail "no step runs assistants-mock/scripts/serve"
if ((failures == 0)); then
  work=$(mktemp -d)
  trap 'kill $(jobs -p) 2>/dev/null || true; pkill -f -- "--port-file $work/" 2>/dev/null || true; rm -rf "$work"' EXIT
  step=${step//assistants-mock\/scripts\/serve/\"\$AM_BINARY\" serve}
  step=${step//mock-url/$work/mock-url}
  step=${step//mock.log/$work/mock.log}
  if (cd "$work" && AM_BINARY=$binary GITHUB_ENV=$work/github-env timeout 60 bash -euo pipefail -c "$step" > "$work/out" 2>&1); then
    grep -qE '^OPENAI_BASE_URL=http://127\.0\.0\.1:[0-9]+/v1$' "$work/github-env" \
      || fail "the step did not export OPENAI_BASE_URL: $(cat "$work/github-env" 2>/dev/null)"
    grep -q '"status":"ok"' "$work/out" || fail "the health check did not answer ok: $(cat "$work/out")"
  else
    fail "the start step failed: $(cat "$work/out")"
  fi
fi

if ((failures)); then
  echo "$failures problem(s) in $workflow" >&2
  exit 1
fi
echo "examples/ci/github-actions.yml calls ${scripts[*]} and its start step serves"
