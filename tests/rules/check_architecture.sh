#!/usr/bin/env bash
# Checks every #include of the repository's C++ files against tests/rules/architecture.txt:
# which of our folders each folder may include, and which folders or files may include each
# third-party library. Fails with the offending file, line and include.
set -euo pipefail
root=${1:?usage: check_architecture.sh PROJECT_ROOT [RULES_FILE]}
rules=${2:-$root/tests/rules/architecture.txt}
rules=$(cd "$(dirname "$rules")" && pwd)/$(basename "$rules")
cd "$root"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files -co --exclude-standard -- '*.cpp' '*.hpp' '*.h' '*.cpp.in' \
                         | grep -v '/node_modules/' | while read -r f; do [[ -f $f ]] && echo "$f"; done)
else  # an unpacked tarball
  mapfile -t files < <(find . -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.cpp.in' \) \
                         -not -path './build*' -not -path '*/node_modules/*' | sed 's#^\./##')
fi
# One line per file (so a file without includes is still placed in a folder), then each include.
{
  printf 'FILE\t%s\n' "${files[@]}"
  grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]' "${files[@]}" /dev/null | sed 's/^/INCLUDE\t/'
} | awk -v rules="$rules" -F'\t' '
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
# The longest folder of the table that holds `path`, or "".
function folder_of(path,   f, best) {
  best = ""
  for (f in may) if (index(path, f "/") == 1 && length(f) > length(best)) best = f
  return best
}
# Whether `path` is one of the space-separated folders or files in `list`.
function listed(path, list,   n, items, i) {
  n = split(list, items, " ")
  for (i = 1; i <= n; ++i) if (items[i] == "*" || path == items[i] || index(path, items[i] "/") == 1) return 1
  return 0
}
BEGIN {
  while ((getline line < rules) > 0) {
    if (line ~ /^[ \t]*(#|$)/) continue
    colon = index(line, ":"); head = trim(substr(line, 1, colon - 1)); tail = trim(substr(line, colon + 1))
    if (colon == 0) { print "FAIL: " rules ": no colon in: " line; bad = 1; continue }
    n = split(head, words, /[ \t]+/)
    if (words[1] == "folder" && n == 2) {
      may[words[2]] = (tail == "-" ? "" : tail); ++folders
    } else if (words[1] == "library" && n == 3) {
      ++libraries; lib_name[libraries] = words[2]; lib_regex[libraries] = "^(" words[3] ")"; lib_may[libraries] = tail
    } else { print "FAIL: " rules ": cannot read: " line; bad = 1 }
  }
  for (f in may) {  # a folder may only name folders of the table
    n = split(may[f], items, " ")
    for (i = 1; i <= n; ++i) if (items[i] != "*" && !(items[i] in may)) {
      print "FAIL: " rules ": folder " f " names " items[i] ", which has no line of its own"; bad = 1
    }
  }
}
$1 == "FILE" {
  ++checked_files
  if (folder_of($2) == "") { print "FAIL: " $2 ": in no folder of " rules; bad = 1 }
  next
}
$1 == "INCLUDE" {
  rest = $2; file = substr(rest, 1, index(rest, ":") - 1); rest = substr(rest, index(rest, ":") + 1)
  lineno = substr(rest, 1, index(rest, ":") - 1); text = trim(substr(rest, index(rest, ":") + 1))
  target = text; sub(/^#[ \t]*include[ \t]*[<"]/, "", target); sub(/[>"].*$/, "", target)
  from = folder_of(file); ++checked_includes
  if (from == "") next  # reported once above
  to = folder_of(target)
  if (to != "" && text ~ /"/) {  # one of ours
    if (to != from && !listed(to, may[from])) {
      print "FAIL: " file ":" lineno ": " text ": folder " from " may not include folder " to \
            " (may include: " (may[from] == "" ? "none" : may[from]) ")"; bad = 1
    }
    next
  }
  if (target !~ /[\/.]/) next  # a standard C++ header
  for (i = 1; i <= libraries; ++i) if (target ~ lib_regex[i]) break
  if (i > libraries) {
    print "FAIL: " file ":" lineno ": " text ": no library line of " rules " names this header"; bad = 1
  } else if (!listed(file, lib_may[i])) {
    print "FAIL: " file ":" lineno ": " text ": " lib_name[i] " may only be included by " lib_may[i]; bad = 1
  }
}
END {
  if (bad) exit 1
  printf "ok: %d includes of %d files keep the rules of %d folders and %d libraries\n", \
         checked_includes, checked_files, folders, libraries
}'
