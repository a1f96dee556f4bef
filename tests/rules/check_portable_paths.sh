#!/usr/bin/env bash
# Fails when a file of the repository names an absolute path of a developer's machine
# (under /work, /root or /home): a user's clone has none of them, so a README, script or
# test that names one is wrong for everyone else. Paths relative to the repository instead.
set -euo pipefail
root=${1:?usage: check_portable_paths.sh PROJECT_ROOT}
cd "$root"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files)
else  # an unpacked tarball: every file but build trees and installed packages
  mapfile -t files < <(find . -type f -not -path './build*' -not -path '*/node_modules/*' -not -path './.git/*')
fi
offenders=$(grep -nIE '(^|[^A-Za-z0-9_.])/(work|root|home)/[A-Za-z0-9_.]' "${files[@]}" 2>/dev/null || true)
if [[ -n "$offenders" ]]; then
  echo "FAIL: absolute paths of a developer's machine (use paths relative to the repository):"
  echo "$offenders" | sed 's/^/  /'
  exit 1
fi
echo "ok: no file names /work, /root or /home (${#files[@]} files)"
