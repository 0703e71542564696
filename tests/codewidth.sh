#!/bin/sh
# tests/codewidth.sh [-f] [-c] [-x 'CHAPTER...'] [MAX]
#   -- code lines wider than MAX columns (80).
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
#     not counted.  -c leaves the tangled C out (the chapters only).
# Without -f it reports: every line, then the counts per chapter, and
# exits 0 whatever it finds.  With -f it is the build's check: it names
# only the lines of chapters not exempted by -x (a list of chapter names,
# e.g. '05-pt 06-as'; the build's list is CODEWIDTH_EXEMPT in tangle.mk),
# and exits 1 if there is one.
# Run it from the top of the tree after make tangle (make book and make
# test tangle only the files they build).
fatal=0; chapters_only=0; exempt=
while getopts fcx: opt; do
    case $opt in
    f) fatal=1 ;;
    c) chapters_only=1 ;;
    x) exempt=$OPTARG ;;
    *) echo "usage: codewidth.sh [-f] [-c] [-x 'CHAPTER...'] [MAX]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
max=${1:-80}
tangled=
[ $chapters_only = 1 ] || tangled=$(find build/src build/tests -type f \( -name '*.c' -o -name '*.h' \) 2>/dev/null | sort)
[ -n "$tangled" ] || [ $chapters_only = 1 ] || echo "codewidth: no tangled files in build/src, build/tests (run make tangle first); chapters only" >&2

# shellcheck disable=SC2086
LC_ALL=C.UTF-8 awk -v max="$max" -v fatal="$fatal" -v exempt="$exempt" '
# columns of a line, a tab going on to the next multiple of 8
function width(s,   w, i, c) {
  if (index(s, "\t") == 0) return length(s)
  w = 0
  for (i = 1; i <= length(s); i++) { c = substr(s, i, 1); w = c == "\t" ? w + 8 - w % 8 : w + 1 }
  return w
}
BEGIN { n = split(exempt, e, " "); for (i = 1; i <= n; i++) exempted[e[i]] = 1 }
# report a line; in the fatal check, only a line of a chapter not exempted
function over(where, ch) {
  if (fatal && (ch in exempted)) return
  print where
  if (!(ch in exempted)) bad++
}
function chapter(path,   s) { s = path; sub(/^.*\//, "", s); sub(/\.nw$/, "", s); return s }
FNR == 1 { incode = 0; src = ""; if (FILENAME ~ /\.nw$/) order[++nch] = chapter(FILENAME) }
FILENAME ~ /\.nw$/ {
  # noweb: a line <<name>>= starts a code chunk, a line "@" or "@ ..." ends it
  if ($0 ~ /^<<.*>>=[ \t]*$/) incode = 1
  else if ($0 ~ /^@([ \t]|$)/) incode = 0
  else if (incode && (w = width($0)) > max) {
    over(sprintf("%s:%d: %d columns", FILENAME, FNR, w), chapter(FILENAME))
    nw[chapter(FILENAME)]++; nnw++
  }
  next
}
/^#line [0-9]+ "/ { src = $0; sub(/^#line [0-9]+ "/, "", src); sub(/".*/, "", src); srcline = $2; next }
{
  if ((w = width($0)) > max) {
    c = src != "" ? chapter(src) : "(no #line)"
    over(sprintf("%s:%d: %d columns%s", FILENAME, FNR, w, src != "" ? " (" src ":" srcline ")" : ""), c)
    tg[c]++; ntg++
  }
  srcline++
}
END {
  if (fatal) {
    if (bad) printf "codewidth: %d code lines over %d columns (above); %s\n", bad, max, exempt != "" ? "only " exempt " may have them" : "no chapter may have them" > "/dev/stderr"
    exit bad ? 1 : 0
  }
  printf "\ncodewidth: lines over %d columns%s\n", max, exempt != "" ? " (" exempt " exempt from make lint)" : ""
  printf "  %-12s %12s %14s\n", "chapter", "chunk lines", "tangled lines"
  for (i = 1; i <= nch; i++) { c = order[i]; seen[c] = 1; printf "  %-12s %12d %14d\n", c, nw[c], tg[c] }
  for (c in tg) if (!(c in seen)) printf "  %-12s %12s %14d\n", c, "-", tg[c]
  printf "  %-12s %12d %14d\n", "total", nnw, ntg
}
' chapters/*.nw $tangled
