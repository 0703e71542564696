#!/bin/sh
# tests/codewidth.sh [MAX] -- report code lines wider than MAX columns (80).
#
# Two kinds of line, each as FILE:LINE: COLUMNS columns, tabs expanded to
# every 8th column:
#   every code line of every chunk in chapters/*.nw, as typed (a chunk
#     reference <<...>> counted as typed, though it prints as its name
#     and number);
#   every line of the tangled C in build/src and build/tests (*.c, *.h),
#     with the chapter line it comes from (noweb's #line directives); it
#     can be wider than that line, since an included chunk takes the
#     indentation of its reference.  The #line directives themselves are
#     not counted.
# At the end, the counts per chapter.  It only reports: it exits 0
# whatever it finds (make it fatal once the chapters are within MAX).
# Run it from the top of the tree after make tangle (make book and make
# test tangle only the files they build).
max=${1:-80}
tangled=$(find build/src build/tests -type f \( -name '*.c' -o -name '*.h' \) 2>/dev/null | sort)
[ -n "$tangled" ] || echo "codewidth: no tangled files in build/src, build/tests (run make tangle first); chapters only" >&2

# shellcheck disable=SC2086
LC_ALL=C.UTF-8 awk -v max="$max" '
# columns of a line, a tab going on to the next multiple of 8
function width(s,   w, i, c) {
  if (index(s, "\t") == 0) return length(s)
  w = 0
  for (i = 1; i <= length(s); i++) { c = substr(s, i, 1); w = c == "\t" ? w + 8 - w % 8 : w + 1 }
  return w
}
function chapter(path,   s) { s = path; sub(/^.*\//, "", s); sub(/\.nw$/, "", s); return s }
FNR == 1 { incode = 0; src = ""; if (FILENAME ~ /\.nw$/) order[++nch] = chapter(FILENAME) }
FILENAME ~ /\.nw$/ {
  # noweb: a line <<name>>= starts a code chunk, a line "@" or "@ ..." ends it
  if ($0 ~ /^<<.*>>=[ \t]*$/) incode = 1
  else if ($0 ~ /^@([ \t]|$)/) incode = 0
  else if (incode && (w = width($0)) > max) {
    printf "%s:%d: %d columns\n", FILENAME, FNR, w
    nw[chapter(FILENAME)]++; nnw++
  }
  next
}
/^#line [0-9]+ "/ { src = $0; sub(/^#line [0-9]+ "/, "", src); sub(/".*/, "", src); srcline = $2; next }
{
  if ((w = width($0)) > max) {
    printf "%s:%d: %d columns%s\n", FILENAME, FNR, w, src != "" ? " (" src ":" srcline ")" : ""
    tg[src != "" ? chapter(src) : "(no #line)"]++; ntg++
  }
  srcline++
}
END {
  printf "\ncodewidth: lines over %d columns (reported, not yet fatal)\n", max
  printf "  %-12s %12s %14s\n", "chapter", "chunk lines", "tangled lines"
  for (i = 1; i <= nch; i++) { c = order[i]; seen[c] = 1; printf "  %-12s %12d %14d\n", c, nw[c], tg[c] }
  for (c in tg) if (!(c in seen)) printf "  %-12s %12s %14d\n", c, "-", tg[c]
  printf "  %-12s %12d %14d\n", "total", nnw, ntg
}
' chapters/*.nw $tangled
exit 0
