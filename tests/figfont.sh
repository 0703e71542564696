#!/bin/sh
# tests/figfont.sh -- fail if a figure could print text under 7 pt (issue 17).
#
# usage: sh tests/figfont.sh [FILE...]
# The book is set at 11 pt, where \scriptsize is 8 pt and \tiny 6 pt.  A
# figure's text is at least 7 pt if the figure uses no size below
# \scriptsize and is printed at its own size.  So, in the figures
# (figures/*.tex), the figures the build generates (build/book/gen/*.tex)
# and the documentation of the chapters and of book/*.tex, this check
# fails on: \tiny; \fontsize with a size under 7 pt; \scalebox with a
# factor under 1 and \resizebox (whose factor depends on the figure, and
# is under 1 as soon as the figure grows): a figure is drawn to fit, not
# shrunk; and a tikzpicture with `transform shape' and a scale under 1,
# which scales its text too.  Each finding is printed as FILE:LINE: what;
# the exit status is 1 if there is one.
set -eu
[ $# -gt 0 ] || set -- figures/*.tex build/book/gen/*.tex book/*.tex chapters/*.nw
LC_ALL=C awk '
FNR == 1 { code = 0 }
# in a chapter, only the documentation: noweb code chunks are C and
# scripts, where these words could be data (the simulator writes TikZ)
FILENAME ~ /\.nw$/ && /^<<.*>>=[ \t]*$/ { code = 1; next }
FILENAME ~ /\.nw$/ && /^@([ \t]|$)/ { code = 0 }
code { next }
{ line = $0; sub(/(^|[^\\])%.*$/, "", line) }
function bad(what) { printf "%s:%d: %s\n", FILENAME, FNR, what; n++ }
line ~ /\\tiny([^a-zA-Z]|$)/ { bad("\\tiny (6 pt): use \\scriptsize (8 pt) at the least") }
line ~ /\\resizebox/ { bad("\\resizebox: draw the figure at its size") }
{
  s = line
  while (match(s, /\\scalebox\{[0-9.]+\}/)) {
    f = substr(s, RSTART + 10, RLENGTH - 11) + 0
    if (f < 1) bad("\\scalebox{" f "}: shrinks the text; draw the figure at its size")
    s = substr(s, RSTART + RLENGTH)
  }
  s = line
  while (match(s, /\\fontsize\{[0-9.]+/)) {
    f = substr(s, RSTART + 10, RLENGTH - 10) + 0
    if (f < 7) bad("\\fontsize{" f "}: under 7 pt")
    s = substr(s, RSTART + RLENGTH)
  }
  if (line ~ /transform shape/ && match(line, /scale=0?\.[0-9]+/)) bad("scale under 1 with transform shape: shrinks the text")
}
END { if (n) { printf "figfont: %d place(s) where a figure could print text under 7 pt\n", n; exit 1 } }
' "$@"
